"""ladder: an organisation's strategy as code, checked in CI and published with MkDocs.

The core (model, loader, validation, rendering) does not import MkDocs; the plugin and the
CLI are thin adapters over it.
"""

__version__ = "0.1.0"

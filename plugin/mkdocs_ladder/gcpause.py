"""Pausing Python's cyclic garbage collector while a tree is read.

Reading a tree allocates millions of short-lived objects (YAML events, dicts, lists, models)
that form no reference cycles: reference counting frees each as soon as it is dropped. The
cyclic collector still runs every few hundred allocations, and each of its older-generation
passes walks every live object: in a build, that is MkDocs' whole state besides the tree.
Measured at 2,000 initiatives and 300 commits, the history read took 10.1 s profiled inside
`mkdocs build` and 5.6 s with the collector kept off the existing heap. The pause ends with
the read, and leaves the collector as it found it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic collection inside the block (reference counting still frees everything)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

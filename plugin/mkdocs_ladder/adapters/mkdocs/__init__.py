"""The MkDocs plugin: its typed config, its event handlers and the nav section."""

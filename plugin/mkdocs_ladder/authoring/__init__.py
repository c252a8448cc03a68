"""Tools for the people who write and review the tree: the editor schema, scaffolding, export
and what a change does to the tree (``ladder diff``)."""

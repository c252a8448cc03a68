"""Reading and checking a strategy tree: safe YAML, sources, the typed model, the loader and the
rules that span nodes. Nothing here knows about MkDocs, HTML or pages."""

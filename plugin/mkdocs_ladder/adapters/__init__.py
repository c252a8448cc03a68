"""The thin edges between the core and the outside: the ``ladder`` command (:mod:`.cli`), the
MkDocs plugin (:mod:`.mkdocs`) and the folder of pages for any other generator (:mod:`.files`).

Only :mod:`.mkdocs` imports MkDocs; a test keeps it that way."""

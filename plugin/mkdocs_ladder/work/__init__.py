"""The work itself: what was delivered, read from the repositories where the work happens.

:mod:`.trailers` says which nodes a commit links to (``Ladder: <id>``); :mod:`.git` reads a
repository's integrations; :mod:`.model` rolls them up the tree and gives each node's figures.
"""

"""Files replaced whole: written beside their place, then renamed over it, so a reader (a
watching server, a build reading the cache) sees the old file or the new one, never half."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def replace_file(target: Path, data: bytes, suffix: str = ".ladder-tmp") -> None:
    """``target`` holds ``data``, replaced whole; OSError when it cannot be, with nothing left
    behind (the temporary file, named ``.<name>.*<suffix>`` beside it, is removed)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=suffix)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

"""Which nodes a commit links to: the ``Ladder: <id>`` trailer, and the squash rule.

A commit links to the nodes its message names in two ways, and both count:

* **The trailer rule**: git's own trailers (what ``git interpret-trailers --parse`` finds: the
  last paragraph of the message, ``Key: value`` lines, a value folded over indented lines),
  whose key is ``Ladder`` (in any case; the ``work.trailer`` option names another).
* **The squash rule**: a squash merge puts a pull request's messages into one body, so their
  trailers stand in the middle of it. Any line of the message that starts (after spaces) with
  the key, in any case, then a colon, names ids too.

The value is one id or several, separated by commas: ``Ladder: onboarding, pricing-page``. Ids
are taken as written (a misspelt or removed one is reported, never dropped). Nothing here runs
git: :mod:`.git` asks git for the trailers and hands them here with the message.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

DEFAULT_KEY = "Ladder"
#: What a trailer key may be: git's tokens, and nothing a format string or a regex could misread.
KEY_PATTERN = r"^[A-Za-z][A-Za-z0-9-]{0,39}$"


def ids_in(values: Iterable[str]) -> list[str]:
    """The ids that trailer values name, in order, each once (``a, b`` is ``a`` and ``b``)."""
    found: dict[str, None] = {}
    for value in values:
        for part in value.split(","):
            if part := part.strip():
                found.setdefault(part, None)
    return list(found)


def squash_lines(message: str, key: str = DEFAULT_KEY) -> list[str]:
    """The values of every line of ``message`` that starts with ``key:`` (any case, spaces allowed
    before the key and around the colon)."""
    if key.lower() not in message.lower():  # most messages: no such line at all
        return []
    return [match.group(1) for match in _line_pattern(key).finditer(message)]


@functools.lru_cache(maxsize=8)
def _line_pattern(key: str) -> re.Pattern[str]:
    return re.compile(rf"^[ \t]*{re.escape(key)}[ \t]*:[ \t]*(.*?)[ \t]*$", re.IGNORECASE | re.MULTILINE)


def linked_ids(message: str, trailers: Iterable[str] = (), key: str = DEFAULT_KEY) -> list[str]:
    """Every id a commit links to, each once: the squash rule's lines of ``message`` (in the order
    written), then what git's trailers (``trailers``, as git parsed them) add, such as the rest
    of a value folded over several lines."""
    return ids_in([*squash_lines(message, key), *trailers])

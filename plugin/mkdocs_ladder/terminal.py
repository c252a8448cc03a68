"""Text bound for a terminal or a log, made inert: the one rule every printer follows.

A commit message, a trailer value or a YAML value can hold characters that a terminal or a CI
runner acts on: a carriage return starts a line over (GitHub's runner reads what follows as a
workflow command), ESC starts a control sequence (OSC 0 sets the window title, OSC 52 writes the
clipboard), and the bidirectional controls reorder what the reader sees. :func:`printable`
shows each of them as an escape, ``\\r``, ``\\x1b`` or ``\\u202e``, and leaves every other
character as it is.
"""

from __future__ import annotations

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: C0 (with CR, LF, TAB and ESC), DEL, C1 (with NEL), the line and paragraph separators, and the
#: bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
CONTROLS = (
    [chr(c) for c in range(0x20)]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + ["\u2028", "\u2029"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)


def _escape(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


_ONE_LINE = str.maketrans({ch: _escape(ch) for ch in CONTROLS})
_LINES = str.maketrans({ch: _escape(ch) for ch in CONTROLS if ch != "\n"})


def printable(text: str, *, lines: bool = False) -> str:
    """``text`` with every control and bidirectional character shown as an escape; with
    ``lines``, line feeds are kept (a report of many lines), every other control still escaped."""
    return text.translate(_LINES if lines else _ONE_LINE)

"""Making author text safe to put in a page: every string is data, never markup.

Generated pages are Markdown that the site generator renders with *its* extensions, so a
title such as ``[x](javascript:alert(1))`` or ``{: onclick=...}`` would come out live if it
were pasted in as it is. Three tools keep author text inert:

* :func:`inline` turns a plain string into text that Markdown (with the extensions sites use:
  attr_list, the pymdownx set with magiclink and emoji, footnotes, tables, math) and HTML show
  literally. It escapes, as numeric character references, exactly the characters that any of
  them acts on where they stand (tags, entities, links and autolinks, images, ``@`` mentions,
  ``#`` references, emphasis, code, extension syntax), and nothing else: a date, an id or a
  path reads in the HTML source as it was written. A value never starts a line in a page, so
  what Markdown reads only at a line's start (headings, lists, rules) cannot act.
* :func:`url` puts a link target into an attribute: HTML's characters, and those that
  Python-Markdown reads before it sets a tag aside (backtick, backslash, brackets, ``$``,
  ``{`` and ``++``).
* :func:`markdown_html` renders an author's Markdown (``why``, ``description``) with cmark-gfm
  (GitHub's CommonMark, in C) in its safe mode, which drops raw HTML and unsafe link targets,
  then sanitises the result with nh3 (ammonia): only the tags that Markdown itself produces
  survive, and every link target must be http, https, mailto or relative. Author text never
  goes through the site's own Markdown extensions (``pymdownx.snippets`` could read files,
  ``attr_list`` could add attributes).
"""

from __future__ import annotations

import functools
import hashlib
import re

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options
from markupsafe import Markup

#: Control characters (C0, DEL, C1) become spaces: line breaks would end the value's line, and
#: Python-Markdown keeps its own placeholders in STX and ETX.
_WHITESPACE = dict.fromkeys([*range(32), *range(127, 160)], " ")
#: What a page's Markdown or HTML acts on. Always: HTML's five, backslash escapes, code, emphasis
#: (``*``), links, images and footnotes (brackets), attr_list and critic marks (braces),
#: sub/superscript (``~``, ``^``), tables (``|``), math (``$``), mentions (``@``), references
#: and headings (``#``), smart symbols (parentheses). Where it stands: ``_`` unless inside a word
#: (intraword underscores never emphasise), each but the last of a run of ``=``, ``+`` or ``-`` (mark, keys,
#: dashes), ``:`` of a URL's ``://`` or an emoji's ``:name:``, ``!`` and ``?`` before a digit
#: (magiclink's pull requests and discussions), and the dot of ``www.`` and ``ftp.`` (autolinks).
_ACTS = re.compile(
    r"""[&<>"'\\`*\[\]{}~^|$@#()]"""
    r"|(?<![^\W_])_|_(?![^\W_])"
    r"|[=+\-](?=[=+\-])"
    r"|:(?=//|[\w+\-]+:)"
    r"|[!?](?=\d)"
    r"|(?<=[wW]{3})\.|(?<=[fF][tT][pP])\."
)
#: What Python-Markdown reads in a paragraph before it sets a tag aside (its inline patterns of a
#: higher priority than ``html``, and critic's preprocessor): code, math, escapes, links and
#: footnotes, autolinks, keys (``++``), critic marks (``{``).
_URL = re.compile(r"""[&<>"'\\`\[\]${]|\+(?=\+)""")
#: What GitHub acts on in a comment: GitHub Flavored Markdown (HTML, escapes, code, emphasis,
#: links and images, strikethrough, tables, math, autolinks), then mentions and issue references,
#: which it finds in the rendered text, where a character reference is already decoded.
_GITHUB = re.compile(
    r"""[&<>\\`*\[\]~|$]"""
    r"|(?<![^\W_])_|_(?![^\W_])"
    r"|:(?=//)"
    r"|(?<=[wW]{3})\.|(?<=[fF][tT][pP])\."
    r"|@|#(?=\d)"
)
_UNLINKED = {"@": "@&#8203;", "#": "#&#8203;"}


def _reference(match: re.Match[str]) -> str:
    return f"&#{ord(match.group())};"


ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


# Themes print a page's title in places that do not escape it (Material's nav, <title> and
# header) and in places that decode character references first (Jinja's ``striptags``), so
# no escaping of "<" survives every one of them. A title for the theme therefore trades the
# four characters that could open a tag or close an attribute for look-alikes; the page's
# own heading keeps the author's exact text.
_THEME_TITLE = str.maketrans({"<": "\u2039", ">": "\u203a", '"': "\u201d", "'": "\u2019", "&": "&amp;", "\n": " ", "\r": " "})


#: A code span as CommonMark has it: a run of backticks, text, and a run of as many.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)


def code_spans(value: object) -> Markup:
    """A title as a page shows it: each code span (`` `ladder check` ``) as code, the rest as
    :func:`inline` text; both inert."""
    text = str(value)
    return _code_spans(text) if "`" in text else inline(text)


@functools.lru_cache(maxsize=4096)  # a title with code shows on its page, its parent's and its children's
def _code_spans(text: str) -> Markup:
    parts, at = [], 0
    for match in _CODE_SPAN.finditer(text):
        inner = match.group(2)
        inner = inner[1:-1] if len(inner) > 2 and inner.startswith(" ") and inner.endswith(" ") else inner
        parts += [inline(text[at : match.start()]), Markup("<code>"), inline(inner), Markup("</code>")]
        at = match.end()
    return Markup("").join([*parts, inline(text[at:])])


def plain_title(value: str) -> str:
    """A title where no code can be shown (a diagram's box, the theme's nav and tab): each code
    span's text without its backticks."""
    return _CODE_SPAN.sub(lambda match: match.group(2), value)


def theme_title(value: str) -> str:
    """A title that is inert in every context a theme may print it in (see above), its code
    spans as plain text."""
    return plain_title(value).translate(_THEME_TITLE)


def first_upper(text: object) -> str:
    """The text with its first letter made upper case, and nothing else changed ("OKR goals",
    where ``str.capitalize`` gives "Okr goals")."""
    return str(text)[:1].upper() + str(text)[1:]


def inline(value: object) -> Markup:
    """Literal text for a Markdown or HTML context (text or a quoted attribute): nothing in it can
    become markup, and only what could is escaped (see above); line breaks become spaces."""
    return Markup(_ACTS.sub(_reference, str(value).translate(_WHITESPACE)))


def github(value: object) -> str:
    """Literal text for a GitHub comment (``ladder diff``): GitHub Flavored Markdown's characters
    escaped where they act, and a zero-width space (``&#8203;``, as Renovate writes) after each
    ``@`` and before a ``#``'s number, so that no one is mentioned and no issue is referenced."""
    return _GITHUB.sub(_github_reference, str(value).translate(_WHITESPACE))


def _github_reference(match: re.Match[str]) -> str:
    return _UNLINKED.get(match.group()) or _reference(match)


def url(value: object) -> Markup:
    """A link target for a quoted ``href``: it stays inside its attribute, and no Markdown
    pattern that runs before tags are set aside (code, math, escapes, links, keys, critic marks)
    can reach into it."""
    return Markup(_URL.sub(_reference, str(value).translate(_WHITESPACE)))


def _drop_empty_links(tag: str, attribute: str, value: str) -> str | None:
    """cmark leaves ``href=""`` where it dropped an unsafe target: a link to nowhere, so none."""
    return None if attribute == "href" and not value.strip() else value


def markdown_html(text: str) -> Markup:
    """An author's Markdown as sanitised HTML, headings demoted below the page's own."""
    html = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_VALIDATE_UTF8)
    for level in (2, 1):  # a "# heading" in a why must not compete with the page's headings
        html = html.replace(f"<h{level}>", f"<h{level + 2}>").replace(f"</h{level}>", f"</h{level + 2}>")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_drop_empty_links,
    )
    return Markup(clean)


def anchor(kind: str, text: str) -> Markup:
    """A stable HTML id (or class) for an owner or tag: readable, and unique even when slugs collide."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "x"
    return Markup(f"{kind}-{slug}-{hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:6]}")

"""Making author text safe to put in a page: every string is data, never markup.

Generated pages are Markdown that the site generator renders with *its* extensions, so a
title such as ``[x](javascript:alert(1))`` or ``{: onclick=...}`` would come out live if it
were pasted in as it is. Two tools keep author text inert:

* :func:`inline` turns a plain string into text that both Markdown and HTML show literally:
  HTML's special characters and every ASCII punctuation character become numeric character
  references, which no Markdown extension treats as syntax.
* :func:`markdown_html` renders an author's Markdown (``why``, ``description``) with cmark-gfm
  (GitHub's CommonMark, in C) in its safe mode, which drops raw HTML and unsafe link targets,
  then sanitises the result with nh3 (ammonia): only the tags that Markdown itself produces
  survive, and every link target must be http, https, mailto or relative. Author text never
  goes through the site's own Markdown extensions (``pymdownx.snippets`` could read files,
  ``attr_list`` could add attributes).
"""

from __future__ import annotations

import hashlib
import re
import string

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options
from markupsafe import Markup

_PUNCTUATION = {ord(ch): f"&#{ord(ch)};" for ch in string.punctuation}
_WHITESPACE = {ord("\n"): " ", ord("\r"): " ", ord("\t"): " "}
_TABLE = {**_PUNCTUATION, **_WHITESPACE}

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


def theme_title(value: str) -> str:
    """A title that is inert in every context a theme may print it in (see above)."""
    return value.translate(_THEME_TITLE)


def first_upper(text: object) -> str:
    """The text with its first letter made upper case, and nothing else changed ("OKR goals",
    where ``str.capitalize`` gives "Okr goals")."""
    return str(text)[:1].upper() + str(text)[1:]


def inline(value: object) -> Markup:
    """Literal text for a Markdown or HTML context: nothing in it can become markup."""
    return Markup(str(value).translate(_TABLE))


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

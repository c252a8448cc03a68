"""The changes page as an Atom feed (``strategy/changes/feed.xml``, RFC 4287): the same entries,
each with a stable id, linked to its node's page; and the site's outline for language models,
``llms.txt`` (https://llmstxt.org), bounded.

The feed is written with ElementTree, which escapes what XML acts on; characters XML 1.0 cannot
hold at all (most control characters) are left out first. ``llms.txt`` is Markdown: author text
is one line, with the characters Markdown acts on in a link's text escaped by a backslash.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from mkdocs_ladder.history.events import Event
from mkdocs_ladder.labels import Labels
from mkdocs_ladder.tree.model import Level, Node, Status, Tree

ATOM = "http://www.w3.org/2005/Atom"
FEED_FILE = "feed.xml"  # in the changes page's folder
#: Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: object) -> str:
    return _NOT_XML.sub("", str(value))


@dataclass(frozen=True, slots=True)
class FeedPlace:
    """Where the feed is: the site's pages' folder (for ids), the feed's own title, and how to
    link from the feed's folder to a node's page (None: the changes page)."""

    folder: str
    title: str
    link: Callable[[str | None], str]


def entry_id(folder: str, event: Event) -> str:
    """A stable id: the same change has the same id in every build (RFC 4151 tag URI)."""
    digest = hashlib.sha256(f"{event.what}\0{event.before}\0{event.after}".encode()).hexdigest()[:12]
    return f"tag:ladder,2026:{folder}/{event.node}/{event.kind}/{event.day.isoformat()}/{digest}"


def summary(event: Event, t: Labels, heirs: Mapping[str, str], tree: Tree) -> str:
    """What happened, in the pages' words: ``Self-serve onboarding: active → done``."""
    if event.kind == "status":
        said = f"{_status(t, event.before)} → {_status(t, event.after)}"
    elif event.kind == "parent":
        said = f"{t('changes.heading.parent')}: {event.before or t('plan.none')} → {event.after or t('plan.none')}"
    elif event.kind in ("step", "metric"):
        said = f"{event.what}" + (f" {event.before} → {event.after}" if event.kind == "metric" else "")
    elif event.kind == "plan":
        said = f"{t(f'plan.{event.what}')}: {event.before if event.before is not None else t('plan.none')} → {event.after}"
    elif event.kind == "removed" and event.node in heirs:
        said = t("changes.now", title=tree.nodes[heirs[event.node]].title)
    else:
        said = t(f"changes.heading.{event.kind}")
    return f"{event.title}: {said}"


def _status(t: Labels, value: object) -> str:
    return t.status(str(value)) if str(value) in Status._value2member_map_ else str(value)


def atom_feed(weeks: list[tuple[date, list[Event]]], tree: Tree, t: Labels, place: FeedPlace, heirs: Mapping[str, str]) -> str:
    """The feed of ``weeks`` (the changes page's events, newest first)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    events = [e for _, found in weeks for e in found]
    newest = max((e.day for e in events), default=None)
    _text(feed, "id", f"tag:ladder,2026:{place.folder}/changes")
    _text(feed, "title", place.title)
    _text(feed, "updated", f"{(newest or date(2026, 1, 1)).isoformat()}T00:00:00Z")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=FEED_FILE, type="application/atom+xml")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=place.link(None), type="text/html")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", xml_text(tree.mission.title))
    _text(feed, "generator", "ladder")
    for event in events:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", entry_id(place.folder, event))
        _text(entry, "title", xml_text(summary(event, t, heirs, tree)))
        _text(entry, "updated", f"{event.day.isoformat()}T00:00:00Z")
        target = event.node if event.node in tree.nodes else heirs.get(event.node)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=place.link(target), type="text/html")
        _text(entry, "category", event.kind, attribute="term")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _text(parent: ET.Element, tag: str, text: str, attribute: str | None = None) -> None:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    if attribute:
        element.set(attribute, text)
    else:
        element.text = text


# --- llms.txt ----------------------------------------------------------------------------------------

#: The most initiatives llms.txt lists (each on one line of at most LINE characters, so the file
#: stays under about 2 MB); past it, one line says how many more there are, and where.
MOST_LISTED = 10_000
LINE = 200
#: The last line of ladder's llms.txt: how `ladder render` knows a docs folder's llms.txt is its own.
LLMS_MARKER = "<!-- made by ladder from the strategy tree: edit the tree, not this file -->"
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#|!~])")


def _one_line(text: str | None, limit: int) -> str:
    flat = " ".join(xml_text(text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _link_text(text: str) -> str:
    return _escaped(_one_line(text, 100))


def _escaped(text: str) -> str:
    return _MARKDOWN.sub(r"\\\1", text)


def _item(node: Node, url: str, t: Labels) -> str:
    why = _escaped(_one_line((node.why or "").split("\n\n")[0], 110))
    line = f"- [{_link_text(node.title)}]({url}): {t.status(node.status)}" + (f"; {why}" if why else "")
    return line if len(line) <= LINE + 40 else line[: LINE + 39] + "…"


def llms_txt(tree: Tree, t: Labels, url: Callable[[str | None], str]) -> str:
    """The tree as a Markdown outline: the mission and its why, then each strategy with its
    initiatives, a line each, linked to their pages (``url``: a node's page from the site's root;
    None: the overview)."""
    mission = tree.mission
    lines = [f"# {_link_text(mission.title)}", ""]
    why = _one_line((mission.why or "").split("\n\n")[0], 300)
    if why:
        lines += [f"> {_escaped(why)}", ""]
    counts = tree.counts()
    strategies = f"{counts[Level.STRATEGY]} {t.level(Level.STRATEGY, plural=True)}"
    initiatives = f"{counts[Level.INITIATIVE]} {t.level(Level.INITIATIVE, plural=True)}"
    lines += [f"[{_escaped(t('llms.overview'))}]({url(None)}): {t('llms.summary', strategies=strategies, initiatives=initiatives)}", ""]
    listed = 0
    for strategy in tree.at(Level.STRATEGY):
        lines += [f"## {_link_text(strategy.title)}", "", _item(strategy, url(strategy.id), t)]
        for initiative in tree.children(strategy.id):
            if listed < MOST_LISTED:
                lines.append(_item(initiative, url(initiative.id), t))
            listed += 1
        lines.append("")
    if listed > MOST_LISTED:
        more = t("llms.more", count=listed - MOST_LISTED, plural=t.level(Level.INITIATIVE, plural=True))
        lines += [f"[{_escaped(more)}]({url(None)})", ""]
    return "\n".join([*lines, LLMS_MARKER, ""])

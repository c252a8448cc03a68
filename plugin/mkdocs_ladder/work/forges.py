"""Links to a commit on its forge, from a repository's remote URL.

GitHub, GitLab, Bitbucket, Gitea and Forgejo (Codeberg) each show a commit at a URL made from
the repository's web address and the commit's id. The forge is told by its host's name:
``github``, ``gitlab``, ``bitbucket``, ``gitea``, ``forgejo`` or ``codeberg`` as one of the
host's labels (``github.com``, ``gitlab.example.org``, ``codeberg.org``). Any other remote
(a path, a ``file://`` URL, a host of another name) gets no link: the pages show the short id.

A remote is text anyone with access to a repository's config could write, so only a host of
letters, digits, dots and dashes and a path of plain segments make a link, always ``https://``.
"""

from __future__ import annotations

import functools
import re

_HOST = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$")
_SEGMENT = re.compile(r"^[A-Za-z0-9._~-]+$")
_SHA = re.compile(r"^[0-9a-f]{7,64}$")
_URL = re.compile(r"^(?:https|ssh|git\+ssh)://(?:[^@/]+@)?(?P<host>[^/:]+)(?::(?P<port>\d+))?/(?P<path>.+)$")
_SCP = re.compile(r"^(?:[^@/]+@)?(?P<host>[^/:]+):(?P<path>[^/].*)$")
#: Each forge by a label of its host's name, and how it shows a commit.
FORGES = {
    "github": "{base}/commit/{sha}",
    "gitlab": "{base}/-/commit/{sha}",
    "bitbucket": "{base}/commits/{sha}",
    "gitea": "{base}/commit/{sha}",
    "forgejo": "{base}/commit/{sha}",
    "codeberg": "{base}/commit/{sha}",
}


@functools.lru_cache(maxsize=64)  # asked again for every commit a page links to
def web_base(remote: str) -> tuple[str, str] | None:
    """The repository's web address and its forge's name, or None for a remote that names no
    forge ladder knows, or that is not plain enough to link to."""
    remote = remote.strip()
    match = _URL.match(remote) or (None if "://" in remote else _SCP.match(remote))
    if match is None:
        return None
    host = match.group("host").lower()
    forge = next((label for label in host.split(".") if label in FORGES), None)
    path = match.group("path").strip("/").removesuffix(".git").strip("/")
    segments = path.split("/")
    if forge is None or not _HOST.match(host) or len(segments) < 2 or not all(_SEGMENT.match(s) and s not in (".", "..") for s in segments):
        return None
    port = match.groupdict().get("port")
    web_port = f":{port}" if port and remote.startswith("https://") else ""  # an ssh port is not the web's
    return f"https://{host}{web_port}/{path}", forge


def commit_url(remote: str | None, sha: str) -> str | None:
    """The commit's page on its forge, or None (see :func:`web_base`)."""
    found = web_base(remote) if remote else None
    if found is None or not _SHA.match(sha):
        return None
    base, forge = found
    return FORGES[forge].format(base=base, sha=sha)

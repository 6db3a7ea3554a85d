"""The Atom feed of confirmed changes to watched shows (RFC 4287).

Each change is one entry with a stable id the caller chooses, so a feed reader shows a
change once however often the feed is rewritten. Titles and summaries come from
third-party sources: the document is built with ElementTree, which escapes markup, and
characters XML 1.0 cannot carry at all (most C0 controls) are dropped first.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from nextseason import __version__
from nextseason.errors import UsageError

__all__ = ["ATOM_NS", "CHANGE_SCHEME", "SHOW_SCHEME", "FeedEntry", "atom_feed", "write_feed"]

ATOM_NS = "http://www.w3.org/2005/Atom"
CHANGE_SCHEME = "urn:nextseason:change-kind"  # category scheme for the kind of change
SHOW_SCHEME = "urn:nextseason:show"  # category scheme for the show (term = show id)

# Everything outside XML 1.0's Char production: C0 controls but tab, LF and CR; lone
# surrogates; U+FFFE and U+FFFF.
_NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class FeedEntry:
    """One confirmed change, as a feed entry; ``updated`` must be timezone-aware."""

    id: str  # a stable URI, e.g. urn:nextseason:change:<show id>:<change id>
    title: str
    summary: str
    updated: datetime
    show_title: str
    show_id: int
    link: str | None = None
    category: str | None = None  # "verdict", "season dated", "new episodes"

    def __post_init__(self) -> None:
        if not _clean(self.id).strip():
            raise ValueError("a feed entry needs a non-empty id")
        if self.updated.tzinfo is None or self.updated.utcoffset() is None:
            raise ValueError(f"feed entry {self.id}: updated must be timezone-aware")


def _clean(text: str) -> str:
    return _NOT_XML_CHAR.sub("", text)


def _is_web_link(link: str) -> bool:
    # Links come from third-party data; a javascript: or data: URL has no place in a feed.
    return link.strip().lower().startswith(("http://", "https://"))


def _timestamp(moment: datetime) -> str:
    """RFC 3339 in UTC, to the second: ``2026-11-27T09:30:00Z``."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"feed times must be timezone-aware, got {moment.isoformat()}")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _child(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, name, {key: _clean(value) for key, value in attrs.items()})
    if text is not None:
        element.text = _clean(text)
    return element


def _entry(feed: ET.Element, entry: FeedEntry) -> None:
    element = _child(feed, "entry")
    _child(element, "id", entry.id)
    _child(element, "title", entry.title, type="text")
    _child(element, "updated", _timestamp(entry.updated))
    _child(element, "summary", entry.summary, type="text")
    if entry.link and _is_web_link(entry.link):
        _child(element, "link", rel="alternate", href=entry.link)
    else:
        # RFC 4287 4.1.2: an entry without an alternate link must carry content.
        _child(element, "content", entry.summary, type="text")
    if entry.category:
        _child(element, "category", term=entry.category, scheme=CHANGE_SCHEME)
    _child(element, "category", term=str(entry.show_id), scheme=SHOW_SCHEME, label=entry.show_title)


def atom_feed(
    entries: Sequence[FeedEntry],
    *,
    title: str,
    feed_id: str,
    updated: datetime | None = None,
    self_link: str | None = None,
    author: str = "nextseason",
) -> str:
    """An Atom 1.0 document (UTF-8, with an XML declaration), newest entry first.

    The feed's ``updated`` is ``updated`` if given, else the newest entry's, else now.
    Entries updated at the same instant are ordered by id, so the same entries always
    render the same document. An entry link that is not http(s) is left out.
    """
    if not _clean(feed_id).strip():
        raise ValueError("an Atom feed needs a non-empty id")
    ordered = sorted(sorted(entries, key=lambda e: e.id), key=lambda e: e.updated, reverse=True)
    if updated is None:
        updated = ordered[0].updated if ordered else datetime.now(UTC)

    # Plain names under a hand-set default namespace: ElementTree's default_namespace
    # option refuses the unprefixed attributes (rel, href, term) Atom uses.
    feed = ET.Element("feed", {"xmlns": ATOM_NS})
    _child(feed, "id", feed_id)
    _child(feed, "title", title, type="text")
    _child(feed, "updated", _timestamp(updated))
    _child(_child(feed, "author"), "name", author)
    if self_link:
        _child(feed, "link", rel="self", href=self_link, type="application/atom+xml")
    _child(feed, "generator", "nextseason", version=__version__)
    for entry in ordered:
        _entry(feed, entry)

    ET.indent(feed)
    body = ET.tostring(feed, encoding="unicode")
    # Written by hand: ElementTree's own declaration names the locale's encoding when
    # asked for a str, and the file is always written as UTF-8.
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n"


def write_feed(path: Path, xml: str) -> None:
    """Replace the feed at ``path`` atomically; on failure the old feed is left as it was.

    Raises :class:`UsageError` when the path cannot hold the feed (no such folder, a
    folder in its place, no permission).
    """
    if path.is_dir():
        raise UsageError(f"cannot write the feed to {path}: it is a folder, not a file")
    folder = path.parent
    if not folder.is_dir():
        problem = "is not a folder" if folder.exists() else "does not exist"
        raise UsageError(f"cannot write the feed to {path}: {folder} {problem}")
    data = xml.encode("utf-8")
    temp = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
    try:
        _write_new(temp, data, _mode_of(path))
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        reason = exc.strerror or type(exc).__name__
        raise UsageError(f"cannot write the feed to {path}: {reason.lower()}") from exc


def _mode_of(path: Path) -> int | None:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return None


def _write_new(temp: Path, data: bytes, mode: int | None) -> None:
    # os.open with 0o666 lets the umask decide a new feed's permissions, as a plain
    # open() would (a NamedTemporaryFile would be private to the user); a feed that
    # existed keeps its own.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    if mode is not None:
        os.chmod(temp, mode)

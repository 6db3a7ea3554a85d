"""The similarity index of a catalog, built once and kept until the catalog changes.

Building the index reads every described show (about 1.5 s for the bundled catalog), so it
is kept twice: in memory for the life of the process (the web app asks many times), and on
disk in ``<NEXTSEASON_HOME or the user cache dir>/similar/`` as one ``.npz`` file per
catalog (about 50 ms to load). Both are keyed by what the index was built from (the row
counts, highest ids and latest update of the tables it reads), asked only when the records'
cheap key (a SQLite file's size and time) has changed: a refresh or an import rebuilds the
index on next use, a watchlist entry or a check does not.
``NEXTSEASON_CACHE_DIR=off`` turns the disk copy off. The disk copy is a cache: a missing,
damaged, stale or unwritable file only costs a rebuild.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
import threading
from pathlib import Path

from nextseason.similar.facts import Profile, profile
from nextseason.similar.index import SimilarIndex, note_people
from nextseason.similar.records import Offer, ShowFacts, ShowRecords
from nextseason.similar.vectors import ShippedVectors, shipped_vectors

__all__ = ["build_index", "cache_dir", "index_for", "keep", "vectors"]

_LOCK = threading.Lock()
_MEMORY: dict[str, tuple[str, SimilarIndex]] = {}
_KEYS: dict[str, tuple[str, str]] = {}  # catalog -> (its cheap key, its content's key)
_VECTORS: list[ShippedVectors | None] = []


def vectors() -> ShippedVectors | None:
    """The premise embeddings shipped with the package (loaded once)."""
    if not _VECTORS:
        _VECTORS.append(shipped_vectors())
    return _VECTORS[0]


def cache_dir() -> Path | None:
    """Where the index is cached on disk (resolved by the settings,
    :func:`nextseason.config.similar_cache_dir`); None when caching is off."""
    from nextseason.config import similar_cache_dir

    return similar_cache_dir()


#: Shows read from the catalog at a time while building: the raw facts of one chunk are
#: dropped once its profiles are made, so memory holds the features, not the catalog.
_CHUNK = 5_000


def build_index(records: ShowRecords) -> tuple[SimilarIndex, str]:
    """Build the index of ``records`` from scratch; (index, the key it matches)."""
    key = records.key()
    shows: list[tuple[ShowFacts, Profile]] = []
    people: dict[str, tuple[str, str]] = {}
    ids = records.described_ids()
    for start in range(0, len(ids), _CHUNK):
        for facts in records.facts(ids[start : start + _CHUNK]).values():
            found = profile(facts)
            if found.described:
                note_people(people, facts.people)
                found.people = {sys.intern(k): w for k, w in found.people.items()}
                shows.append((_slim(facts), found))
    return SimilarIndex.build(shows, vectors(), people), key


def _slim(facts: ShowFacts) -> ShowFacts:
    """Only what the index keeps of a show beside its profile, with the strings many shows
    share (channels, statuses) held once."""
    intern = sys.intern
    facts.title = ""
    facts.premises = ()
    facts.genre_labels = ()
    facts.kinds = ()
    facts.channels = ()
    facts.keywords = ()
    facts.people = ()  # gathered by note_people as the chunks are read
    facts.offers = tuple(
        Offer(intern(o.platform), o.country and intern(o.country), intern(o.how))
        for o in facts.offers
    )
    if facts.status is not None:
        facts.status = intern(facts.status)
    if facts.original is not None:
        facts.original = intern(facts.original)
    return facts


def index_for(records: ShowRecords) -> SimilarIndex:
    """The index of ``records``: from memory, else from the disk cache, else built."""
    key = _content_key(records)
    with _LOCK:
        held = _MEMORY.get(records.url)
        if held is not None and held[0] == key:
            return held[1]
    path = _cache_path(records.url)
    index = SimilarIndex.load(path, fingerprint=key) if path and path.exists() else None
    if index is None:
        index, _ = build_index(records)
        if path is not None:
            _save(index, path, key)
    with _LOCK:
        _MEMORY[records.url] = (key, index)
    return index


def _content_key(records: ShowRecords) -> str:
    """The key the index is kept under: what it was built from, not the catalog file's size
    and time, which any write changes (a watchlist entry, a check, a token's last use). Asking
    the content's key costs a query, so it is asked only when the cheap key has changed
    since it was last asked (remembered in memory, and beside the disk cache for the next
    process)."""
    cheap = records.key()
    content_of = getattr(records, "content_key", None)
    if content_of is None:
        return cheap
    with _LOCK:
        known = _KEYS.get(records.url)
    if known is not None and known[0] == cheap:
        return known[1]
    side = _cache_path(records.url)
    side = side.with_suffix(".key") if side is not None else None
    content = None
    if side is not None:
        with contextlib.suppress(OSError, ValueError):
            saved_cheap, saved_content = side.read_text(encoding="utf-8").split("\n", 1)
            content = saved_content if saved_cheap == cheap else None
    if content is None:
        content = str(content_of())
        if side is not None:
            with contextlib.suppress(OSError):
                side.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=".key-", dir=side.parent)
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(f"{cheap}\n{content}")
                os.replace(tmp, side)
    with _LOCK:
        _KEYS[records.url] = (cheap, content)
    return content


def keep(records: ShowRecords, index: SimilarIndex, key: str) -> None:
    """Hold ``index`` (built from ``records`` at key ``key``) in memory."""
    with _LOCK:
        _MEMORY[records.url] = (key, index)


def _cache_path(url: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:20]
    return folder / f"index-{digest}.npz"


def _save(index: SimilarIndex, path: Path, key: str) -> None:
    """Write the cache atomically; a cache that cannot be written is simply not kept."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".npz", dir=path.parent)
        os.close(fd)
    except OSError:
        return
    try:
        index.save(Path(tmp), fingerprint=key)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)

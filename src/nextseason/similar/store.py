"""The similarity index of a catalog, built once and kept until the catalog changes.

Building the index reads every described show (about 1.5 s for the bundled catalog), so it
is kept twice: in memory for the life of the process (the web app asks many times), and on
disk in ``<NEXTSEASON_HOME or the user cache dir>/similar/`` as one ``.npz`` file per
catalog (about 50 ms to load). Both are keyed by a fingerprint of the catalog (a SQLite
file's size and modification time; another database's row counts, highest ids and latest
update, asked at most every 30 s), so a refresh or an import rebuilds the index on next use.
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
import time
from pathlib import Path
from typing import TYPE_CHECKING

from nextseason.similar.catalog_rows import described_ids, fingerprint, load_facts
from nextseason.similar.facts import Offer, Profile, ShowFacts, profile
from nextseason.similar.index import SimilarIndex, note_people
from nextseason.similar.vectors import ShippedVectors, shipped_vectors

if TYPE_CHECKING:
    from nextseason.catalog import Catalog

__all__ = ["build_index", "cache_dir", "catalog_key", "index_for", "keep", "vectors"]

_LOCK = threading.Lock()
_MEMORY: dict[str, tuple[str, SimilarIndex]] = {}
_VECTORS: list[ShippedVectors | None] = []
_FINGERPRINTS: dict[str, tuple[float, str]] = {}
#: Seconds a non-SQLite catalog's fingerprint is trusted: a refresh shows up in the
#: suggestions at most this late.
FINGERPRINT_TTL = 30.0


def vectors() -> ShippedVectors | None:
    """The premise embeddings shipped with the package (loaded once)."""
    if not _VECTORS:
        _VECTORS.append(shipped_vectors())
    return _VECTORS[0]


def cache_dir() -> Path | None:
    """Where the index is cached on disk; None when caching is off."""
    if os.environ.get("NEXTSEASON_CACHE_DIR", "").strip().lower() in ("off", "none"):
        return None
    home = os.environ.get("NEXTSEASON_HOME", "").strip()
    if home:
        return Path(home).expanduser() / "similar"
    from platformdirs import user_cache_path

    return user_cache_path("nextseason", appauthor=False) / "similar"


#: Shows read from the catalog at a time while building: the raw facts of one chunk are
#: dropped once its profiles are made, so memory holds the features, not the catalog.
_CHUNK = 5_000


def build_index(catalog: Catalog) -> tuple[SimilarIndex, str]:
    """Build the index of ``catalog`` from scratch; (index, the fingerprint it matches)."""
    key = catalog_key(catalog)
    shows: list[tuple[ShowFacts, Profile]] = []
    people: dict[str, tuple[str, str]] = {}
    with catalog.connect() as conn:
        ids = described_ids(conn)
        for start in range(0, len(ids), _CHUNK):
            for facts in load_facts(conn, ids[start : start + _CHUNK]).values():
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


def catalog_key(catalog: Catalog) -> str:
    """Changes whenever the catalog does: for a SQLite file, its size and modification time
    (and its write-ahead log's), read without a query; otherwise row counts and ids."""
    from nextseason.catalog.db import sqlite_path

    path = sqlite_path(catalog.url)
    if path is not None:
        parts = []
        for candidate in (path, path.with_name(path.name + "-wal")):
            with contextlib.suppress(OSError):
                stat = candidate.stat()
                parts.append(f"{candidate.name}:{stat.st_size}:{stat.st_mtime_ns}")
        if parts:
            return "|".join(parts)
    # Another database is asked at most every FINGERPRINT_TTL seconds: counting rows costs
    # a scan of each table (about 0.1 s at 250,000 shows on PostgreSQL), too much per query.
    now = time.monotonic()
    with _LOCK:
        held = _FINGERPRINTS.get(catalog.url)
    if held is not None and now - held[0] < FINGERPRINT_TTL:
        return held[1]
    with catalog.connect() as conn:
        key = fingerprint(conn).key()
    with _LOCK:
        _FINGERPRINTS[catalog.url] = (now, key)
    return key


def index_for(catalog: Catalog) -> SimilarIndex:
    """The index of ``catalog``: from memory, else from the disk cache, else built."""
    key = catalog_key(catalog)
    with _LOCK:
        held = _MEMORY.get(catalog.url)
        if held is not None and held[0] == key:
            return held[1]
    path = _cache_path(catalog.url)
    index = SimilarIndex.load(path, fingerprint=key) if path and path.exists() else None
    if index is None:
        index, key = build_index(catalog)
        if path is not None:
            _save(index, path, key)
    with _LOCK:
        _MEMORY[catalog.url] = (key, index)
    return index


def keep(catalog: Catalog, index: SimilarIndex, key: str) -> None:
    """Hold ``index`` (built for ``catalog`` at fingerprint ``key``) in memory."""
    with _LOCK:
        _MEMORY[catalog.url] = (key, index)


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

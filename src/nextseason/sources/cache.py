"""The on-disk HTTP cache behind :class:`~nextseason.sources.http.HttpClient`.

One SQLite file holds the last 2xx answer to each GET, keyed by a hash of the request with
its credentials removed. The cache only stores and finds answers; *when* an answer is fresh,
stale or must be revalidated is the client's policy (a TTL per source), so this module knows
nothing about sources beyond a label kept for ``clear(source)``.

It never breaks a request: a row that cannot be decoded is a miss (and is replaced by the
next answer), a file that is not a usable database is moved out of the way and recreated,
and a cache directory that cannot be written turns the cache off with one logged warning.
One connection is shared by the threads of a process behind a lock; other processes share
the file through SQLite's WAL journal.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = [
    "CREDENTIAL_HEADERS",
    "CREDENTIAL_PARAMS",
    "FILENAME",
    "CachedResponse",
    "HttpCache",
    "redact_url",
    "request_key",
]

log = logging.getLogger(__name__)

# Query parameters and headers that carry credentials: never part of a cache key, never
# stored, shown as "***" wherever a URL is displayed.
CREDENTIAL_PARAMS = frozenset(
    {"api_key", "apikey", "key", "token", "access_token", "client_secret", "password", "sig"}
)
CREDENTIAL_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "x-api-key", "api-key"}
)
# Request headers that change per attempt and must not split the cache.
_VOLATILE_HEADERS = frozenset({"if-none-match", "if-modified-since", "user-agent"})
# Response headers that describe the transfer, not the stored (decoded) body.
_TRANSFER_HEADERS = frozenset(
    {"content-encoding", "content-length", "transfer-encoding", "connection", "keep-alive"}
)
_DROPPED_HEADERS = _TRANSFER_HEADERS | {"set-cookie"}

FILENAME = "responses.sqlite"
SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    url TEXT NOT NULL,
    status INTEGER NOT NULL,
    headers TEXT NOT NULL,
    body BLOB NOT NULL,
    stored_at REAL NOT NULL
)
"""

T = TypeVar("T")


def redact_url(url: str) -> str:
    """``url`` with credential query values and any password replaced by ``***``."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, hostport = netloc.rpartition("@")
        user = userinfo.split(":", 1)[0]
        netloc = f"{user}:***@{hostport}" if ":" in userinfo else netloc
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if any(name.lower() in CREDENTIAL_PARAMS for name, _ in pairs):
        query = urlencode(
            [(n, "***" if n.lower() in CREDENTIAL_PARAMS else v) for n, v in pairs], safe="*"
        )
    else:
        query = parts.query
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def _as_text(value: object) -> str:
    # As httpx writes query values, so a key matches what is actually sent.
    if value is True:
        return "true"
    if value is False:
        return "false"
    return "" if value is None else str(value)


def _param_pairs(params: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for name, value in (params or {}).items():
        values = value if isinstance(value, list | tuple) else [value]
        pairs += [(str(name), _as_text(v)) for v in values]
    return pairs


def request_key(
    method: str,
    url: str,
    headers: Mapping[str, str] | None = None,
    *,
    params: Mapping[str, Any] | None = None,
) -> str:
    """The cache key of a request: a hash of the method, the URL with its query (plus
    ``params``) sorted and credentials dropped, and the caller's own headers (credentials
    dropped too).

    Two requests that differ only in their API key share an entry, and the key reveals
    nothing about the credential.
    """
    parts = urlsplit(url)
    every = parse_qsl(parts.query, keep_blank_values=True) + _param_pairs(params)
    pairs = sorted((n, v) for n, v in every if n.lower() not in CREDENTIAL_PARAMS)
    host = (parts.hostname or "").lower()
    port = f":{parts.port}" if parts.port else ""
    canonical = urlunsplit((parts.scheme.lower(), host + port, parts.path or "/", "", ""))
    kept = sorted(
        (name.lower(), value)
        for name, value in (headers or {}).items()
        if name.lower() not in CREDENTIAL_HEADERS | _VOLATILE_HEADERS
    )
    identity = json.dumps([method.upper(), canonical, pairs, kept], ensure_ascii=False)
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CachedResponse:
    """A stored answer; ``stored_at`` is when it was fetched or last revalidated."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    stored_at: float
    url: str = ""  # redacted, for display

    def age(self, now: float) -> float:
        return max(0.0, now - self.stored_at)

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((v for n, v in self.headers if n.lower() == wanted), None)

    def validators(self) -> dict[str, str]:
        """The conditional-request headers that ask the server whether this is still current."""
        out: dict[str, str] = {}
        etag = self.header("etag")
        if etag:
            out["If-None-Match"] = etag
        modified = self.header("last-modified")
        if modified:
            out["If-Modified-Since"] = modified
        return out


def storable_headers(headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The response headers worth keeping with a decoded body."""
    return [(n, v) for n, v in headers if n.lower() not in _DROPPED_HEADERS]


def _merge_headers(
    stored: Iterable[tuple[str, str]], update: Iterable[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Stored headers updated by a 304's headers, as RFC 9111 section 4.3.4 asks."""
    fresh = storable_headers(update)
    replaced = {n.lower() for n, _ in fresh}
    return [(n, v) for n, v in stored if n.lower() not in replaced] + fresh


def _decode_headers(raw: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(raw, str):
        raise ValueError("headers are not text")
    items = json.loads(raw)
    if not isinstance(items, list) or not all(
        isinstance(i, list) and len(i) == 2 and all(isinstance(x, str) for x in i) for i in items
    ):
        raise ValueError("headers are not a list of pairs")
    return tuple((name, value) for name, value in items)


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


class HttpCache:
    """Last good answers to GET requests, in ``<directory>/responses.sqlite``.

    ``clock`` gives wall-clock seconds (entries outlive the process, so not a monotonic
    clock); tests pass a fake one to age entries.
    """

    def __init__(self, directory: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.directory = Path(directory)
        self.path = self.directory / FILENAME
        self.clock = clock
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._disabled = False

    # -- public API ---------------------------------------------------------------------

    def get(self, key: str) -> CachedResponse | None:
        """The stored answer for ``key``, of any age, or None."""
        row = self._run(
            lambda c: c.execute(
                "SELECT status, headers, body, stored_at, url FROM responses WHERE key = ?",
                (key,),
            ).fetchone(),
            None,
        )
        if row is None:
            return None
        try:
            status, headers, body, stored_at, url = row
            if not isinstance(status, int) or not isinstance(body, bytes):
                raise ValueError("status or body of the wrong type")
            return CachedResponse(
                status, _decode_headers(headers), body, float(stored_at), str(url)
            )
        except (ValueError, TypeError) as exc:
            log.warning("ignoring an unreadable HTTP cache entry (%s)", exc)
            self._run(lambda c: c.execute("DELETE FROM responses WHERE key = ?", (key,)), None)
            return None

    def put(
        self,
        key: str,
        *,
        source: str,
        url: str,
        status: int,
        headers: Iterable[tuple[str, str]],
        body: bytes,
    ) -> None:
        """Store (or replace) the answer for ``key``; ``url`` is redacted before storing."""
        encoded = json.dumps([list(h) for h in storable_headers(headers)], ensure_ascii=False)
        row = (key, source, redact_url(url), status, encoded, body, self.clock())
        self._run(
            lambda c: c.execute(
                "INSERT OR REPLACE INTO responses"
                " (key, source, url, status, headers, body, stored_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                row,
            ),
            None,
        )

    def refresh(self, key: str, headers: Iterable[tuple[str, str]]) -> CachedResponse | None:
        """Mark the entry current after a 304, merging the 304's headers into it."""
        with self._lock:
            cached = self.get(key)
            if cached is None:
                return None
            merged = _merge_headers(cached.headers, headers)
            now = self.clock()
            encoded = json.dumps([list(h) for h in merged], ensure_ascii=False)
            self._run(
                lambda c: c.execute(
                    "UPDATE responses SET headers = ?, stored_at = ? WHERE key = ?",
                    (encoded, now, key),
                ),
                None,
            )
            return CachedResponse(cached.status, tuple(merged), cached.body, now, cached.url)

    def delete(self, key: str) -> None:
        """Forget the entry for ``key``, if any."""
        self._run(lambda c: c.execute("DELETE FROM responses WHERE key = ?", (key,)), None)

    def clear(self, source: str | None = None) -> int:
        """Forget every entry (or one source's); returns how many were removed."""
        if source is None:
            cursor = self._run(lambda c: c.execute("DELETE FROM responses"), None)
        else:
            cursor = self._run(
                lambda c: c.execute("DELETE FROM responses WHERE source = ?", (source,)), None
            )
        return cursor.rowcount if cursor is not None else 0

    def prune(self, older_than: float) -> int:
        """Forget entries not fetched or revalidated for ``older_than`` seconds."""
        cutoff = self.clock() - older_than
        cursor = self._run(
            lambda c: c.execute("DELETE FROM responses WHERE stored_at < ?", (cutoff,)), None
        )
        return cursor.rowcount if cursor is not None else 0

    def __len__(self) -> int:
        row = self._run(lambda c: c.execute("SELECT count(*) FROM responses").fetchone(), None)
        return int(row[0]) if row else 0

    @property
    def enabled(self) -> bool:
        """False once the cache gave up (a directory it cannot write)."""
        return not self._disabled

    def close(self) -> None:
        """Close the file; the next use opens it again."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> HttpCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the connection, and surviving a broken file -------------------------------------

    def _run(self, action: Callable[[sqlite3.Connection], T], default: T) -> T:
        """Run ``action`` on the connection; on failure, repair or degrade, never raise."""
        with self._lock:
            if self._disabled:
                return default
            for attempt in (1, 2):
                try:
                    return action(self._connection())
                except sqlite3.OperationalError as exc:
                    # Busy or locked by another process: skip the cache for this request.
                    # A file it cannot create or write: give up for the run.
                    if (self._conn is None and not _is_busy(exc)) or "readonly" in str(exc):
                        return self._give_up(exc, default)
                    log.warning("HTTP cache unavailable for this request (%s)", exc)
                    return default
                except sqlite3.DatabaseError as exc:
                    # Not a database, or a damaged one: it is only a cache, start again.
                    if attempt == 2:
                        return self._give_up(exc, default)
                    log.warning(
                        "HTTP cache file %s is damaged (%s); starting afresh", self.path, exc
                    )
                    self._discard_file()
                except OSError as exc:
                    return self._give_up(exc, default)
            return default  # pragma: no cover - the loop always returns

    def _connection(self) -> sqlite3.Connection:
        if self._conn is not None:
            return self._conn
        self.directory.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        try:
            conn.execute("PRAGMA busy_timeout = 5000")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA_VERSION):
                raise sqlite3.DatabaseError(f"unknown cache schema version {version}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(_SCHEMA)
            columns = {row[1] for row in conn.execute("PRAGMA table_info(responses)")}
            if columns != {"key", "source", "url", "status", "headers", "body", "stored_at"}:
                raise sqlite3.DatabaseError("the responses table has other columns")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except BaseException:
            conn.close()
            raise
        self._conn = conn
        return conn

    def _discard_file(self) -> None:
        self.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def _give_up(self, exc: Exception, default: T) -> T:
        log.warning("HTTP cache at %s turned off for this run (%s)", self.path, exc)
        self.close()
        self._disabled = True
        return default

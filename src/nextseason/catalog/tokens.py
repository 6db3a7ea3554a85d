"""API tokens for the write endpoints: created once, stored hashed, checked per request.

A token reads ``nst_<id>_<secret>``: the id finds its row, the 256-bit secret is checked
against the row's salted scrypt hash in constant time. Only the hash is stored, so a copy
of the catalog gives away no token; the token is shown once, when it is created.

scrypt is slow on purpose (tens of milliseconds); :class:`TokenVerifier` remembers the
tokens it has verified (by their SHA-256, in memory only) and still reads the row on each
use, so a revoked token stops working at once.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from nextseason.catalog import Catalog
from nextseason.catalog import schema as t
from nextseason.errors import UsageError

__all__ = [
    "TokenInfo",
    "TokenVerifier",
    "create_token",
    "hash_secret",
    "list_tokens",
    "parse_token",
    "revoke_token",
]

PREFIX = "nst"
_TOKEN = re.compile(rf"^{PREFIX}_([1-9][0-9]{{0,17}})_([A-Za-z0-9_-]{{43}})$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._@:-]{0,59}$")
# scrypt at n=2**14, r=8: 16 MiB and ~40 ms a check; the secret is random, so this only
# has to make a stolen hash useless, not stretch a guessable password.
_N, _R, _P = 2**14, 8, 1
#: last_used_at is written at most this often per token (a write per request would be waste).
TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class TokenInfo:
    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None


def hash_secret(secret: str, *, salt: bytes | None = None) -> str:
    """``scrypt$n$r$p$<salt hex>$<hash hex>`` of a token's secret, with a fresh salt."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def _matches(secret: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        found = hashlib.scrypt(
            secret.encode(),
            salt=bytes.fromhex(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(digest) // 2,
            maxmem=64 * 1024 * 1024,
        )
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(found.hex(), digest)


def parse_token(token: str) -> tuple[int, str] | None:
    """(row id, secret) of a well-formed token, else None."""
    match = _TOKEN.match(token.strip())
    if match is None:
        return None
    return int(match.group(1)), match.group(2)


def _info(row: Any) -> TokenInfo:
    return TokenInfo(row.id, row.name, row.created_at, row.last_used_at)


def create_token(conn: Connection, name: str, now: datetime) -> tuple[TokenInfo, str]:
    """A new token called ``name``: its row, and the token itself (to show once)."""
    name = name.strip()
    if not _NAME.match(name):
        raise UsageError(
            f"a token name is 1 to 60 letters, digits, spaces or ._@:- signs, got {name!r}"
        )
    secret = secrets.token_urlsafe(32)
    table = t.api_tokens
    try:
        with conn.begin_nested():
            new_id = conn.execute(
                insert(table)
                .values(name=name, hash=hash_secret(secret), created_at=now, last_used_at=None)
                .returning(table.c.id)
            ).scalar_one()
    except IntegrityError:
        raise UsageError(
            f"a token called {name!r} already exists",
            hint="choose another name, or revoke it first with `nextseason token revoke`",
        ) from None
    return TokenInfo(int(new_id), name, now, None), f"{PREFIX}_{new_id}_{secret}"


def list_tokens(conn: Connection) -> list[TokenInfo]:
    rows = conn.execute(select(t.api_tokens).order_by(t.api_tokens.c.id))
    return [_info(r) for r in rows]


def revoke_token(conn: Connection, name_or_id: str) -> TokenInfo | None:
    """Delete the token with this name (or id); None when there is none."""
    table = t.api_tokens
    where = table.c.name == name_or_id.strip()
    if name_or_id.strip().isdigit():
        where = where | (table.c.id == int(name_or_id.strip()))
    row = conn.execute(select(table).where(where).order_by(table.c.id)).first()
    if row is None:
        return None
    conn.execute(delete(table).where(table.c.id == row.id))
    return _info(row)


class TokenVerifier:
    """Checks bearer tokens against the catalog, remembering the ones already verified."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._known: dict[bytes, int] = {}  # SHA-256 of a verified token -> its row id
        self._touched: dict[int, datetime] = {}
        self._lock = threading.Lock()

    def verify(
        self, token: str, now: datetime, *, before_hashing: Callable[[], None] | None = None
    ) -> TokenInfo | None:
        """The token's row if the token is valid, else None.

        ``before_hashing`` runs before a token not verified yet is hashed (the costly part):
        the web app charges the client's rate limit there.
        """
        parsed = parse_token(token)
        if parsed is None:
            return None
        row_id, secret = parsed
        fingerprint = hashlib.sha256(token.strip().encode()).digest()
        with self.catalog.connect() as conn:
            row = conn.execute(select(t.api_tokens).where(t.api_tokens.c.id == row_id)).first()
        if row is None:
            with self._lock:
                self._known.pop(fingerprint, None)
            return None
        with self._lock:
            known = self._known.get(fingerprint) == row_id
        if not known:
            if before_hashing is not None:
                before_hashing()
            if not _matches(secret, row.hash):
                return None
            with self._lock:
                if len(self._known) > 10_000:
                    self._known.clear()
                self._known[fingerprint] = row_id
        self._touch(row_id, now)
        return _info(row)

    def _touch(self, row_id: int, now: datetime) -> None:
        with self._lock:
            last = self._touched.get(row_id)
            if last is not None and now - last < TOUCH_EVERY:
                return
            self._touched[row_id] = now
        with self.catalog.transaction() as conn:
            conn.execute(
                update(t.api_tokens).where(t.api_tokens.c.id == row_id).values(last_used_at=now)
            )

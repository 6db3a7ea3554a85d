"""Pages of the API's lists: ``limit``, an opaque keyset ``cursor``, ``total`` and ``next``.

A cursor names where the last page ended (the sort key of its last row), never an offset:
rows added between two pages fall before that point (not shown: they are older news) or
after it (shown once), so a client paging through a list sees every row that was there
when it started exactly once. A cursor also carries a digest of the request it came from
(the endpoint and its filters): handed to another request, or garbled, it is a 400.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Annotated, Any

from fastapi import Query
from starlette.requests import Request

from nextseason.web.errors import InvalidInput

__all__ = [
    "CURSOR_PATTERN",
    "Cursor",
    "InvalidCursor",
    "Limit",
    "decode_cursor",
    "encode_cursor",
    "integer",
    "moment",
    "next_link",
    "string",
]

#: What a cursor looks like (URL-safe base64): the schema says so, and anything else is 400.
CURSOR_PATTERN = r"^[A-Za-z0-9_-]{1,1000}$"
_VERSION = 1

Cursor = Annotated[
    str | None,
    Query(
        max_length=1000,
        pattern=CURSOR_PATTERN,
        description="Where to go on from: the `next` link of the page before carries it. "
        "Opaque; valid only with the same filters.",
    ),
]


#: Rows per page; each list gives its own default.
Limit = Annotated[int, Query(ge=1, le=100, description="Rows per page, 1 to 100.")]


def integer(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("not an integer")
    return value


def string(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not a string")
    return value


def moment(value: object) -> datetime:
    """A timestamp as a cursor keeps it (ISO 8601, as the catalog stores it)."""
    return datetime.fromisoformat(string(value))


class InvalidCursor(InvalidInput):
    """A cursor this request did not come with: garbled, made up, or another list's."""

    code = "invalid_cursor"

    def __init__(self, message: str) -> None:
        super().__init__(message, [{"where": "query.cursor", "message": message}])
        self.hint = "start again without a cursor, or follow the `next` link as it is"


def _digest(kind: str, request_key: Sequence[object]) -> str:
    return hashlib.blake2b(repr((kind, *request_key)).encode(), digest_size=6).hexdigest()


def encode_cursor(kind: str, request_key: Sequence[object], position: Sequence[Any]) -> str:
    """The cursor for the page after the row at ``position`` (timestamps as ISO 8601)."""
    values = [v.isoformat() if isinstance(v, datetime) else v for v in position]
    payload = json.dumps([_VERSION, _digest(kind, request_key), values], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(
    token: str | None,
    kind: str,
    request_key: Sequence[object],
    fields: Sequence[Callable[[object], Any]],
) -> list[Any] | None:
    """The position a cursor names, each value read by its ``fields`` reader; None without a
    cursor; 400 if it is not a cursor this request gave."""
    if token is None:
        return None
    garbled = InvalidCursor("the cursor is not one this API gave")
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        version, digest, position = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, RecursionError):
        raise garbled from None
    if version != _VERSION or not isinstance(position, list) or len(position) != len(fields):
        raise garbled
    if digest != _digest(kind, request_key):
        raise InvalidCursor("the cursor belongs to another list or to other filters")
    try:
        return [read(value) for read, value in zip(fields, position, strict=True)]
    except (TypeError, ValueError):
        raise garbled from None


def next_link(request: Request, cursor: str | None) -> str | None:
    """The URL of the next page (this request's path and query, with ``cursor``), or None."""
    if cursor is None:
        return None
    url = request.url.include_query_params(cursor=cursor)
    return f"{url.path}?{url.query}"

"""HTTP validators (ETag, Last-Modified) and conditional GETs answered with 304.

A response's validators come from the catalog, not from its body, so a conditional request
is answered without building anything: the ETag is a digest of what the response is made
of (the show's latest retrieval time and fact count, the schema and app version, the
query, the date the verdict is computed for), and Last-Modified is the latest of those
times. The ETags are weak: the same data renders to the same meaning, not always to the
same bytes (a report carries the time it was generated).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from email.utils import format_datetime, parsedate_to_datetime

from starlette.requests import Request
from starlette.responses import Response

from nextseason import __version__
from nextseason.catalog.db import SCHEMA_REVISION

__all__ = ["Validators", "apply", "make_validators", "not_modified", "start_of"]

#: Responses with validators may be stored, but must be revalidated before each use.
REVALIDATE = "no-cache"


@dataclass(frozen=True)
class Validators:
    etag: str  # W/"<digest>"
    last_modified: datetime  # timezone-aware UTC, whole seconds

    @property
    def key(self) -> str:
        """The ETag's digest, for caches keyed by it."""
        return self.etag[3:-1]

    def headers(self) -> dict[str, str]:
        return {
            "ETag": self.etag,
            "Last-Modified": format_datetime(self.last_modified, usegmt=True),
            "Cache-Control": REVALIDATE,
        }


def _utc(moment: datetime) -> datetime:
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return aware.replace(microsecond=0)


def start_of(day: date) -> datetime:
    """Midnight UTC of ``day``: when a verdict computed for that day last changed at most."""
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def make_validators(parts: tuple[object, ...], *times: datetime | None) -> Validators:
    """Validators from what a response is made of, and the times its parts last changed."""
    digest = hashlib.blake2b(
        repr((SCHEMA_REVISION, __version__, *parts)).encode(), digest_size=12
    ).hexdigest()
    known = [_utc(t) for t in times if t is not None]
    latest = max(known) if known else datetime(2000, 1, 1, tzinfo=UTC)
    return Validators(f'W/"{digest}"', latest)


def _opaque(tag: str) -> str:
    tag = tag.strip()
    return tag[2:] if tag.startswith(("W/", "w/")) else tag


def _matches(header: str, etag: str) -> bool:
    wanted = _opaque(etag)
    return any(t.strip() == "*" or _opaque(t) == wanted for t in header.split(","))


def not_modified(request: Request, validators: Validators) -> Response | None:
    """A 304 when the client's copy is current (If-None-Match first, else If-Modified-Since)."""
    if request.method not in ("GET", "HEAD"):
        return None
    inm = request.headers.get("if-none-match")
    if inm is not None:
        fresh = _matches(inm, validators.etag)
    else:
        ims = request.headers.get("if-modified-since")
        if ims is None:
            return None
        try:
            since = parsedate_to_datetime(ims)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None  # an unparseable date is ignored (RFC 9110, 13.1.3)
        if since is None:
            return None
        fresh = validators.last_modified <= _utc(since)
    if not fresh:
        return None
    return Response(status_code=304, headers=validators.headers())


def apply(response: Response, validators: Validators) -> Response:
    response.headers.update(validators.headers())
    return response

"""The errors a user of nextseason can meet.

Every error the tool raises on purpose derives from :class:`NextseasonError`. Each class
knows the process exit code the CLI returns and the HTTP status the web API answers with,
so the CLI and the web app each catch the root once and render it, instead of scattering
``sys.exit`` calls.

    NextseasonError                 exit 1, HTTP 500
    ├── UsageError                  exit 2, HTTP 400   bad option values, bad input files
    ├── ShowLookupError             exit 2
    │   ├── ShowNotFound            exit 2, HTTP 404   no show matches a title or id
    │   └── AmbiguousTitle          exit 2, HTTP 409   several shows match; pick one
    ├── CatalogError                exit 3, HTTP 503   the local catalog cannot be used
    │   ├── CatalogMissing          exit 3             a database that should exist does not
    │   ├── CatalogCorrupt          exit 3             not a database, or broken tables
    │   ├── CatalogLocked           exit 3             another process holds a write lock
    │   └── CatalogTooNew           exit 3             created by a newer nextseason
    ├── SourceError                 exit 4, HTTP 502   a live data source failed
    │   ├── SourceUnavailable       exit 4             timeout, connection refused, HTTP 5xx
    │   │   └── SourceSkipped       exit 4             not asked again in this run (it hung)
    │   ├── SourceRateLimited       exit 4, HTTP 429   the source said 429 and retries ran out
    │   ├── SourceBadPayload        exit 4             not JSON, truncated, fields missing
    │   ├── SourceAuthError         exit 4             a key was refused (401/403)
    │   └── SourceOffline           exit 4             offline mode and nothing cached
    └── BuildError                  exit 5             raw files for the bundled catalog
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "AmbiguousTitle",
    "BuildError",
    "Candidate",
    "CatalogCorrupt",
    "CatalogError",
    "CatalogLocked",
    "CatalogMissing",
    "CatalogTooNew",
    "NextseasonError",
    "ShowLookupError",
    "ShowNotFound",
    "SourceAuthError",
    "SourceBadPayload",
    "SourceError",
    "SourceOffline",
    "SourceRateLimited",
    "SourceSkipped",
    "SourceUnavailable",
    "UsageError",
]


class NextseasonError(Exception):
    """Root of every error meant for the user: one line of message, a way out if any."""

    exit_code: int = 1
    http_status: int = 500
    code: str = "error"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} ({self.hint})"

    def to_dict(self) -> dict[str, object]:
        """The JSON error shape shared by the CLI's JSON output and the web API."""
        body: dict[str, object] = {"code": self.code, "message": self.message}
        if self.hint:
            body["hint"] = self.hint
        return {"error": body}


class UsageError(NextseasonError):
    exit_code = 2
    http_status = 400
    code = "bad_request"


@dataclass(frozen=True)
class Candidate:
    """A show offered to the user when a title is unknown or ambiguous."""

    id: int
    title: str
    year: int | None
    platform: str | None
    status: str | None
    known_from: tuple[str, ...] = ()  # short names of the sources that list the show
    id_kind: str = "id"  # "id" is a catalog id (for --id); else whose id it is

    def label(self) -> str:
        bits = [str(self.year) if self.year else "year unknown"]
        if self.platform:
            bits.append(self.platform)
        if self.status:
            bits.append(self.status)
        if self.known_from:
            bits.append("in " + ", ".join(self.known_from))
        return f"{self.title} ({'; '.join(bits)}) [{self.id_kind} {self.id}]"


class ShowLookupError(NextseasonError):
    exit_code = 2

    def __init__(
        self, message: str, candidates: Sequence[Candidate] = (), *, hint: str | None = None
    ) -> None:
        super().__init__(message, hint=hint)
        self.candidates = list(candidates)

    def to_dict(self) -> dict[str, object]:
        body = super().to_dict()
        inner = body["error"]
        assert isinstance(inner, dict)
        inner["candidates"] = [
            {
                "id": c.id,
                "title": c.title,
                "year": c.year,
                "platform": c.platform,
                "status": c.status,
                "known_from": list(c.known_from),
            }
            for c in self.candidates
        ]
        return body


class ShowNotFound(ShowLookupError):
    http_status = 404
    code = "not_found"


class AmbiguousTitle(ShowLookupError):
    http_status = 409
    code = "ambiguous"


class CatalogError(NextseasonError):
    exit_code = 3
    http_status = 503
    code = "catalog_unavailable"


class CatalogMissing(CatalogError):
    code = "catalog_missing"


class CatalogCorrupt(CatalogError):
    code = "catalog_corrupt"


class CatalogLocked(CatalogError):
    code = "catalog_locked"


class CatalogTooNew(CatalogError):
    code = "catalog_too_new"


class SourceError(NextseasonError):
    """A live source failed; ``source`` is its key (e.g. "tvmaze") for one-line warnings."""

    exit_code = 4
    http_status = 502
    code = "source_failed"

    def __init__(
        self, message: str, *, source: str, hint: str | None = None, status: int | None = None
    ) -> None:
        super().__init__(message, hint=hint)
        self.source = source
        self.status = status


class SourceUnavailable(SourceError):
    code = "source_unavailable"


class SourceSkipped(SourceUnavailable):
    """Not asked: the source timed out twice (or asked for a longer wait than we give) earlier
    in this run, so the run goes on without it; the first failure said so."""

    code = "source_skipped"


class SourceRateLimited(SourceError):
    http_status = 429
    code = "source_rate_limited"


class SourceBadPayload(SourceError):
    code = "source_bad_payload"


class SourceAuthError(SourceError):
    code = "source_auth"


class SourceOffline(SourceError):
    code = "source_offline"


class BuildError(NextseasonError):
    exit_code = 5
    code = "build_failed"

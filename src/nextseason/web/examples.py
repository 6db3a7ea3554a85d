"""Examples for the OpenAPI document: one for every response body.

The everyday bodies have examples written out here, the way a client meets them. The
large ones (a report, interest series, similar shows, a fact-check) get an example made
from their schema, every required field filled: it shows each field's place and type
without a page of made-up figures. A test checks every example against its schema.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ERROR_EXAMPLES", "EXAMPLES", "example_of"]

_SHOW = "/api/v1/shows/3051"
_RESULT = {
    "id": 3051,
    "title": "Bridgerton",
    "year": 2020,
    "platform": "Netflix",
    "status": "Running",
    "verdict": "renewed",
    "score": 100.0,
    "exact": True,
    "known_from": ["TVmaze", "Wikidata"],
    "url": _SHOW,
}
_VERDICT = {
    "season": 5,
    "verdict": "renewed",
    "basis": "announced",
    "reason": "Netflix renewed Bridgerton for seasons 5 and 6.",
    "rule": None,
    "decided_on": "2025-05-14",
    "source": "wikipedia",
    "confidence": 0.95,
    "confidence_label": "high",
    "readings": [],
    "evidence_date": "2025-05-14",
    "evidence_age_days": 562,
    "stale_note": None,
}
_REF = {
    "id": 3051,
    "title": "Bridgerton",
    "year": 2020,
    "platform": "Netflix",
    "status": "Running",
}
_WATCHED = {
    "id": 3051,
    "title": "Bridgerton",
    "year": 2020,
    "season": 5,
    "verdict": "renewed",
    "pending": None,
    "added": "2026-11-02T08:15:00Z",
    "last_check": "2026-11-27T06:00:00Z",
}
_CHANGE = {
    "id": "urn:nextseason:change:3051:17",
    "kind": "verdict",
    "title": "Bridgerton: season 5 renewed",
    "summary": "Netflix renewed Bridgerton for a fifth season.",
    "detected_at": "2026-11-20T06:00:00Z",
}
_CURSOR = "WzEsIjBhYmMxMjM0NTY3OCIsWzMwNTFdXQ"

#: Examples by schema name.
EXAMPLES: dict[str, Any] = {
    "HealthResponse": {"status": "ok", "version": "1.0.0", "schema": "0009"},
    "SearchResponse": {
        "query": "bridgerton",
        "results": [_RESULT],
        "suggestions": [],
        "total": 1,
        "next": None,
    },
    "ShowsPage": {
        "shows": [
            {
                "id": 3051,
                "title": "Bridgerton",
                "year": 2020,
                "kind": "Scripted",
                "language": "English",
                "platform": "Netflix",
                "status": "Running",
                "verdict": "renewed",
                "url": _SHOW,
            }
        ],
        "total": 1873,
        "scanned_to": None,
        "next": f"/api/v1/shows?platform=Netflix&limit=1&cursor={_CURSOR}",
    },
    "ShowSummary": {
        "id": 3051,
        "title": "Bridgerton",
        "year": 2020,
        "kind": "Scripted",
        "platform": "Netflix",
        "status": "Running",
        "premiered": "2020-12-25",
        "ended": None,
        "genres": ["Drama", "Romance"],
        "runtime": 60,
        "language": "English",
        "country": "US",
        "summary": "The eight close-knit siblings of the Bridgerton family look for love.",
        "official_site": "https://www.netflix.com/title/80232398",
        "external_ids": {"imdb": "tt8740790", "tvmaze": "38963"},
        "known_from": ["TVmaze", "Wikidata"],
        "seasons_known": 4,
        "next_season": _VERDICT,
        "links": {
            "self": _SHOW,
            "page": "/shows/3051",
            "report": f"{_SHOW}/report",
            "similar": f"{_SHOW}/similar",
            "interest": f"{_SHOW}/interest",
            "status_history": f"{_SHOW}/status-history",
            "feed": "/feeds/shows/3051.atom",
        },
    },
    "StatusHistoryResponse": {
        "show": _REF,
        "current": _VERDICT,
        "history": [
            {
                "season": 5,
                "verdict": "renewed",
                "basis": "announced",
                "rule": None,
                "confidence": 0.95,
                "observed_at": "2026-11-27T06:00:00Z",
                "confirmed": True,
            }
        ],
        "changes": [_CHANGE],
        "total": 1,
        "next": None,
    },
    "ChangesResponse": {
        "changes": [{**_CHANGE, "show_id": 3051, "show": _SHOW}],
        "total": 42,
        "next": f"/api/v1/changes?limit=1&cursor={_CURSOR}",
    },
    "WatchlistResponse": {"shows": [_WATCHED], "total": 1, "next": None},
    "WatchedShow": _WATCHED,
    "WatchResponse": {"show": _WATCHED, "added": True},
    "RefreshResponse": {
        "show_id": 3051,
        "stored": True,
        "unchanged": False,
        "answered": ["tvmaze", "wikidata"],
        "warnings": [],
    },
}

#: The error body for each status an operation documents.
ERROR_EXAMPLES: dict[int, dict[str, Any]] = {
    400: {
        "error": {
            "code": "bad_request",
            "message": "unknown query parameter 'offset'",
            "hint": "this operation takes: cursor, limit, q, year",
            "details": [{"where": "query.offset", "message": "unknown parameter"}],
        }
    },
    401: {"error": {"code": "unauthorized", "message": "an API token is needed"}},
    404: {
        "error": {
            "code": "not_found",
            "message": "no show has id 99999999",
            "hint": "find ids with /search?q=TITLE",
        }
    },
    409: {"error": {"code": "ambiguous", "message": "2 shows are called 'Cowboy Bebop'"}},
    413: {"error": {"code": "request_too_large", "message": "the request body is too large"}},
    422: {
        "error": {
            "code": "invalid_body",
            "message": "invalid body.show_id: Field required",
            "details": [{"where": "body.show_id", "message": "Field required"}],
        }
    },
    429: {
        "error": {
            "code": "rate_limited",
            "message": "too many requests from this address; slow down",
            "hint": "try again in 3 seconds",
        }
    },
    502: {"error": {"code": "source_unavailable", "message": "could not refresh Bridgerton"}},
    503: {"error": {"code": "catalog_locked", "message": "the catalog is locked"}},
}


_FORMATS = {
    "date": "2026-11-27",
    "date-time": "2026-11-27T06:00:00Z",
    "uri": "https://example.org/",
    "email": "someone@example.org",
}


def example_of(schema: dict[str, Any], components: dict[str, Any], depth: int = 0) -> Any:
    """A value that fits ``schema`` (references resolved in ``components``): the schema's
    own examples, defaults or first choices, else every required field filled."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return example_of(components[name], components, depth + 1)
    for key in ("examples",):
        if isinstance(schema.get(key), list) and schema[key]:
            return schema[key][0]
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    if "default" in schema and schema["default"] is not None:
        return schema["default"]
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"]
            if not options:
                return None
            return example_of(options[0], components, depth + 1)
    if "allOf" in schema:
        return example_of(schema["allOf"][0], components, depth + 1)
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        required = schema.get("required", [])
        properties = schema.get("properties", {})
        return {
            name: example_of(properties[name], components, depth + 1)
            for name in required
            if name in properties
        }
    if kind == "array":
        if depth > 8:
            return []
        return [example_of(schema.get("items", {}), components, depth + 1)] * max(
            1, schema.get("minItems", 1)
        )
    if kind == "string":
        return _FORMATS.get(schema.get("format", ""), "text")
    if kind == "integer":
        return int(schema.get("minimum", 1))
    if kind == "number":
        low = float(schema.get("minimum", 0.0))
        high = float(schema.get("maximum", low + 1.0))
        return (low + high) / 2
    if kind == "boolean":
        return True
    return None

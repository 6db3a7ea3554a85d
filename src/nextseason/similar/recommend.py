"""Similar shows for one show: the ranked, explained, filtered suggestions.

:func:`similar_to` is what the report's section 11, ``nextseason similar`` and the web app
call; :func:`recommend` also says, in one sentence, why a list is empty or weaker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from nextseason.errors import UsageError
from nextseason.model import ShowRef, SimilarEntry
from nextseason.similar.facts import Offer
from nextseason.similar.scoring import DEFAULT_WEIGHTS, Weights

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from nextseason.catalog import Catalog
    from nextseason.similar.index import Query, SimilarIndex
    from nextseason.similar.rank import Pick

__all__ = [
    "MAX_LIMIT",
    "STATUS_WORDS",
    "Recommendation",
    "recommend",
    "similar_to",
    "where_it_streams",
]

#: The longest list given: further down, suggestions would be padding.
MAX_LIMIT = 100
#: What --status accepts besides a catalog status as a source gives it ("To Be Determined"):
#: the report's verdicts, with common spellings.
STATUS_WORDS = {
    "renewed": "renewed",
    "cancelled": "cancelled",
    "canceled": "cancelled",
    "ended": "ended",
    "running": "running",
    "returning": "running",
    "awaiting decision": "awaiting decision",
    "undecided": "awaiting decision",
    "in development": "in development",
    "unknown": "unknown",
}
#: With --status, how many of the best suggestions get a status verdict before filtering.
_STATUS_POOL = 400
_HOW = {"original": "original", "catalog": "in its catalog"}


@dataclass(slots=True)
class Recommendation:
    entries: list[SimilarEntry] = field(default_factory=list)
    note: str | None = None  # why the list is empty or weaker, in one sentence
    weaker: bool = False


def similar_to(
    catalog: Catalog,
    show_id: int,
    *,
    limit: int = 10,
    platform: str | None = None,
    country: str | None = None,
    status: str | None = None,
    today: date | None = None,
) -> list[SimilarEntry]:
    """The shows most like ``show_id``, best first, each with why, where it streams and its
    status; only those on ``platform`` / streaming in ``country`` / with ``status``."""
    return recommend(
        catalog,
        show_id,
        limit=limit,
        platform=platform,
        country=country,
        status=status,
        today=today,
    ).entries


def recommend(
    catalog: Catalog,
    show_id: int,
    *,
    limit: int = 10,
    platform: str | None = None,
    country: str | None = None,
    status: str | None = None,
    today: date | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> Recommendation:
    """Like :func:`similar_to`, with the sentence that explains an empty or weaker list."""
    from nextseason.similar.store import index_for

    wanted_status = _status_wanted(status)
    country_code = _country(country)
    title = catalog.find(None, show_id=show_id)[0].title  # raises ShowNotFound
    if limit <= 0:
        return Recommendation(note="No similar shows were asked for (a limit of 0).")
    limit = min(limit, MAX_LIMIT)
    index = index_for(catalog)
    query = _query(catalog, index, show_id)
    if query is None:
        return Recommendation(
            note=f"The catalog holds nothing about what {title} is about (no premise, genres, "
            "keywords or people), so no similar shows can be suggested; a refresh from the "
            "live sources may add them."
        )
    weaker = not query.has_text
    allowed = _allowed(index, platform, country_code)
    from nextseason.similar.rank import rank

    pool = max(limit, _STATUS_POOL) if wanted_status else limit
    picks = rank(index, query, weights, limit=pool, allowed=allowed)
    entries = _entries(catalog, index, query, picks, weaker, country_code, today)
    if wanted_status:
        entries = [e for e in entries if _matches_status(e, wanted_status)]
    entries = entries[:limit]
    note = _note(title, entries, weaker, platform, country_code, status)
    return Recommendation(entries, note, weaker)


def _query(catalog: Catalog, index: SimilarIndex, show_id: int) -> Query | None:
    doc = index.position.get(show_id)
    if doc is not None:
        return index.query_for_doc(doc)
    from nextseason.similar.catalog_rows import load_facts
    from nextseason.similar.facts import profile
    from nextseason.similar.store import vectors

    with catalog.connect() as conn:
        facts = load_facts(conn, [show_id]).get(show_id)
    if facts is None:
        return None
    show = profile(facts)
    if not show.described and not show.people:
        return None
    return index.query_for(facts, show, vectors())


def _status_wanted(status: str | None) -> set[str] | None:
    if status is None or not status.strip():
        return None
    word = " ".join(status.replace("_", " ").replace("-", " ").split()).casefold()
    return {word, STATUS_WORDS.get(word, word)}


def _matches_status(entry: SimilarEntry, wanted: set[str]) -> bool:
    said = {(entry.verdict or "").casefold(), (entry.show.status or "").casefold()}
    return bool(said & wanted)


def _country(country: str | None) -> str | None:
    if country is None or not country.strip():
        return None
    code = country.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise UsageError(
            f"--country takes a two-letter country code, got {country!r}", hint="e.g. US, GB"
        )
    return code


def _allowed(
    index: SimilarIndex, platform: str | None, country: str | None
) -> NDArray[np.bool_] | None:
    """The rows the filters allow (None: all)."""
    from nextseason.platforms import platform_name

    name = (platform_name(platform) or "").casefold() if platform else None
    if name is None and country is None:
        return None
    if name is not None and country is not None:
        tokens = [f"pc:{name}|{country.casefold()}", f"pc:{name}|*"]
    elif name is not None:
        tokens = [f"p:{name}"]
    else:
        assert country is not None
        tokens = [f"c:{country.casefold()}", "c:*"]
    return index.where_mask(tokens)


def _entries(
    catalog: Catalog,
    index: SimilarIndex,
    query: Query,
    picks: Sequence[Pick],
    weaker: bool,
    country: str | None,
    today: date | None,
) -> list[SimilarEntry]:
    from nextseason.analysis.status import verdict_for
    from nextseason.catalog.queries import shows_by_ids, status_facts
    from nextseason.similar.catalog_rows import load_offers
    from nextseason.similar.reasons import reasons_for

    ids = [int(index.ids[p.doc]) for p in picks]
    with catalog.connect() as conn:
        shows = shows_by_ids(conn, ids)
        offers = load_offers(conn, ids)
        facts = status_facts(conn, ids)
    day = today or date.today()
    out: list[SimilarEntry] = []
    for pick, show_id in zip(picks, ids, strict=True):
        entry = shows.get(show_id)
        if entry is None:
            continue
        verdict = verdict_for(facts[show_id], day).verdict if show_id in facts else None
        out.append(
            SimilarEntry(
                show=ShowRef(
                    id=entry.id,
                    title=entry.title,
                    year=entry.year,
                    platform=entry.platform,
                    status=entry.status,
                ),
                score=round(pick.score, 3),
                reasons=reasons_for(query, index, pick),
                where=where_it_streams(offers.get(show_id, []), country),
                verdict=verdict,
                weaker=weaker,
            )
        )
    return out


def where_it_streams(offers: Sequence[Offer], country: str | None = None) -> list[str]:
    """Where a show streams or airs, one line per platform: "Netflix (original)",
    "Hulu (in its catalog)", "Max (US: subscription; GB: buy)"; per-country offers only
    for ``country`` when one is given."""
    lines: dict[str, list[str]] = {}
    originals = {o.platform for o in offers if o.how == "original"}
    for offer in offers:
        if offer.how == "catalog" and offer.platform in originals:
            continue  # an original is in its own service's catalog: saying so adds nothing
        parts = lines.setdefault(offer.platform, [])
        if offer.how in _HOW:
            text = _HOW[offer.how]
        elif offer.country:
            if country and offer.country.upper() != country:
                continue
            text = f"{offer.country.upper()}: {offer.how}"
        else:
            text = offer.how
        if text not in parts:
            parts.append(text)
    out = []
    for platform, parts in lines.items():
        if parts:
            out.append(f"{platform} ({'; '.join(parts)})")
    return out


def _note(
    title: str,
    entries: list[SimilarEntry],
    weaker: bool,
    platform: str | None,
    country: str | None,
    status: str | None,
) -> str | None:
    filters = [
        f"{label} {value}"
        for label, value in (("on", platform), ("streaming in", country), ("status", status))
        if value
    ]
    if not entries and filters:
        return f"No show close enough to {title} matches the filters ({', '.join(filters)})."
    if not entries:
        return f"No show in the catalog is close enough to {title} to suggest."
    if weaker:
        return (
            f"{title} has no premise in the catalog: these suggestions rest on its genres, "
            "people and era alone, and are weaker."
        )
    return None

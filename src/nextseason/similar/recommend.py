"""Similar shows for one show: the ranked, explained, filtered suggestions.

:func:`similar_to` is what the report's section 11, ``nextseason similar`` and the web app
call; :func:`recommend` also says, in one sentence, why a list is empty or weaker. Both are
handed the catalog's records by their caller (:class:`.records.ShowRecords`; for a catalog,
:class:`nextseason.catalog.similar_rows.SimilarRows`) and never open a catalog themselves.

Suggestions are of the asked show's kind (scripted, animation, reality, documentary, talk,
...: :mod:`.kinds`) unless ``kind`` asks for another or for any. Beside each one go its
status verdict, from the same verdict engine as the report (:mod:`nextseason.analysis.status`)
on the same facts, the show as search and the report name it (title, year, channel), and its
channel as each source names it (:mod:`.channels`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from nextseason.errors import ShowNotFound, UsageError
from nextseason.model import ShowRef, SimilarEntry
from nextseason.similar.records import Offer, ShowFacts, ShowRecords, Suggested
from nextseason.similar.scoring import DEFAULT_WEIGHTS, Weights

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

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
#: Suggestions ranked beyond the limit, to stand in for those that share no nameable fact.
_SPARE = 5
#: As the report's where-to-watch says it.
_HOW = {
    "network": "original broadcast",
    "web": "original",
    "listed": "listed",
    "catalog": "in its catalog",
}


@dataclass(slots=True)
class Recommendation:
    entries: list[SimilarEntry] = field(default_factory=list)
    note: str | None = None  # why the list is empty or weaker, in one sentence
    weaker: bool = False


def similar_to(
    records: ShowRecords,
    show_id: int,
    *,
    limit: int = 10,
    platform: str | None = None,
    country: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    today: date,
) -> list[SimilarEntry]:
    """The shows most like ``show_id``, best first, each with why, where it streams and its
    status verdict on ``today``; only those on ``platform`` / streaming in ``country`` / with
    ``status`` / of ``kind`` (default: the show's own kind; "any" for every kind)."""
    return recommend(
        records,
        show_id,
        limit=limit,
        platform=platform,
        country=country,
        status=status,
        kind=kind,
        today=today,
    ).entries


def recommend(
    records: ShowRecords,
    show_id: int,
    *,
    limit: int = 10,
    platform: str | None = None,
    country: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    today: date,
    weights: Weights = DEFAULT_WEIGHTS,
) -> Recommendation:
    """Like :func:`similar_to`, with the sentence that explains an empty or weaker list."""
    from nextseason.similar.store import index_for

    wanted_status = _status_wanted(status)
    country_code = _country(country)
    kinds = _kinds(kind)
    index = index_for(records)
    doc = index.row_of(show_id)
    asked: ShowFacts | None = None
    if doc is None:  # not described: read what there is, if the show exists at all
        asked = records.facts([show_id]).get(show_id)
        if asked is None:
            raise ShowNotFound(
                f"no show has id {show_id}", hint="find ids with `nextseason search`"
            )
    if limit <= 0:
        return Recommendation(note="No similar shows were asked for (a limit of 0).")
    limit = min(limit, MAX_LIMIT)
    query = index.query_for_doc(doc) if doc is not None else _query(index, asked)
    if query is None:
        title = asked.title if asked is not None else str(show_id)
        return Recommendation(
            note=f"The catalog holds nothing about what {title} is about (no premise, "
            "genres, keywords or people), so no similar shows can be suggested; a refresh from "
            "the live sources may add them."
        )
    weaker = not query.has_text
    # The show's own kind admits shows nothing dates to a kind; a kind asked for by name
    # admits only shows known to be of it.
    allowed = _allowed(
        index, platform, country_code, query.kinds if kinds is None else kinds, kinds is None
    )
    from nextseason.similar.rank import rank

    pool = max(limit, _STATUS_POOL) if wanted_status else limit + _SPARE
    picks = rank(index, query, weights, limit=pool, allowed=allowed)
    # The spare picks are read only when some of the first ones turn out to share no fact
    # the catalog can name (only a closeness of premises, or a tone): a suggestion is said
    # with why, or gives way to the next.
    first = len(picks) if wanted_status else limit
    entries: list[SimilarEntry] = []
    for batch in (picks[:first], picks[first:]):
        if not batch or len(entries) >= limit:
            break
        said = records.suggested([show_id, *(int(index.ids[p.doc]) for p in batch)])
        if show_id not in said:
            raise ShowNotFound(
                f"no show has id {show_id}", hint="find ids with `nextseason search`"
            )
        asked = said[show_id].facts
        found = _entries(said, index, asked, batch, weaker, country_code, today)
        entries += [e for e in found if e.reasons]
    if asked is None:  # no pick at all: the show's own title is still needed to say so
        asked = records.facts([show_id]).get(show_id)
        if asked is None:
            raise ShowNotFound(
                f"no show has id {show_id}", hint="find ids with `nextseason search`"
            )
    if wanted_status:
        entries = [e for e in entries if _matches_status(e, wanted_status)]
    entries = entries[:limit]
    note = _note(asked.title, entries, weaker, platform, country_code, status, kind)
    return Recommendation(entries, note, weaker)


def _query(index: SimilarIndex, asked: ShowFacts | None) -> Query | None:
    """The query of a show the index does not hold (nothing describes it, or it is new)."""
    if asked is None:
        return None
    from nextseason.similar.facts import profile
    from nextseason.similar.store import vectors

    show = profile(asked)
    if not show.described and not show.people:
        return None
    return index.query_for(asked, show, vectors())


def _kinds(kind: str | None) -> int | None:
    """``--kind`` as index bits: None for the asked show's own kind, 0 for any."""
    from nextseason.similar.index import kind_bits
    from nextseason.similar.kinds import KINDS, parse_kind

    try:
        wanted = parse_kind(kind)
    except ValueError as exc:
        raise UsageError(
            f"--kind takes a kind of show, got {str(exc)!r}",
            hint=f"one of: same, any, {', '.join(KINDS)}",
        ) from None
    return None if wanted is None else kind_bits(wanted)


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
    index: SimilarIndex, platform: str | None, country: str | None, kinds: int, unknown: bool
) -> NDArray[np.bool_] | None:
    """The rows the filters allow (None: all)."""
    from nextseason.platforms import platform_name

    mask = index.kind_mask(kinds, unknown=unknown) if kinds else None
    name = (platform_name(platform) or "").casefold() if platform else None
    if name is None and country is None:
        return mask
    if name is not None and country is not None:
        tokens = [f"pc:{name}|{country.casefold()}", f"pc:{name}|*"]
    elif name is not None:
        tokens = [f"p:{name}"]
    else:
        assert country is not None
        tokens = [f"c:{country.casefold()}", "c:*"]
    where = index.where_mask(tokens)
    return where if mask is None else where & mask


def _entries(
    said: dict[int, Suggested],
    index: SimilarIndex,
    asked: ShowFacts,
    picks: Sequence[Pick],
    weaker: bool,
    country: str | None,
    today: date,
) -> list[SimilarEntry]:
    from nextseason.analysis.status import verdict_for
    from nextseason.similar.channels import channel_line
    from nextseason.similar.facts import profile
    from nextseason.similar.kinds import kind_label
    from nextseason.similar.reasons import Pair, reasons_for

    ids = [int(index.ids[p.doc]) for p in picks]
    mine = profile(asked)
    counts = index.word_counts()
    out: list[SimilarEntry] = []
    for pick, show_id in zip(picks, ids, strict=True):
        shown = said.get(show_id)
        if shown is None:
            continue
        entry, theirs = shown.entry, shown.facts
        verdict = verdict_for(shown.status, today).verdict if shown.status is not None else None
        other = profile(theirs)
        pair = Pair(asked, mine, theirs, other, tmdb=pick.parts.get("tmdb", 0.0) > 0)
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
                reasons=reasons_for(pair, counts),
                where=where_it_streams(theirs.offers, country),
                verdict=verdict,
                kind=kind_label(other.kinds),
                network=channel_line(theirs.channels),
                weaker=weaker,
            )
        )
    return out


def where_it_streams(offers: Sequence[Offer], country: str | None = None) -> list[str]:
    """Where a show streams or airs, one line per platform: "Netflix (original)", "NBC
    (original broadcast)", "The CW (listed)", "Hulu (in its catalog)", "Max (US:
    subscription; GB: buy)"; per-country offers only for ``country`` when one is given."""
    lines: dict[str, list[str]] = {}
    channels = {o.platform for o in offers if o.how in ("network", "web", "listed")}
    originals = {o.platform for o in offers if o.how in ("network", "web")}
    for offer in offers:
        if offer.how == "catalog" and offer.platform in channels:
            continue  # a service's own show is in its catalog: saying so adds nothing
        if offer.how == "listed" and offer.platform in originals:
            continue  # listed where it premiered: the original says more
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
    kind: str | None,
) -> str | None:
    filters = [
        f"{label} {value}"
        for label, value in (
            ("on", platform),
            ("streaming in", country),
            ("status", status),
            ("kind", kind),
        )
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

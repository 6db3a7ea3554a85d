"""Wikidata: the id crosswalk and the facts that tie a show to its source material and makers.

One SPARQL query finds the item by any id the caller has (IMDb P345, TMDB P4983, TVmaze
P8600, TheTVDB P4835) and returns, one fact per row, its other ids, what it is based on
(P144) and that work's authors (P50), creators (P170), original broadcaster (P449), number
of seasons (P2437) and episodes (P1113), start and end (P580/P582, or publication date P577
where the start is missing), the English Wikipedia article, and its season items (P527 of
class "television series season", Q3464665) with their ordinals and articles.

When the ids lead to more than one item (a namesake found through one id, a duplicate item)
the item chosen is the one whose own ids agree with every id given. Items whose id for a
scheme contradicts the given one are dropped; among the rest the one matching the most given
ids wins. If none is left, or several tie, the answer is a :class:`SourceBadPayload` naming
the items: attaching a namesake's creators or source material to a show would be a wrong
fact in the report, and without Wikidata the report still comes out (the other sources go on).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, TypedDict

from nextseason.errors import SourceBadPayload
from nextseason.model import CreditRecord, ShowBundle, ShowRecordData, SourceRef
from nextseason.provenance import source_info
from nextseason.sources.base import FetchContext, LiveSource, SourcePolicy, now_utc

if TYPE_CHECKING:
    from nextseason.sources.http import HttpClient

__all__ = ["ID_PROPERTIES", "facts", "show_query"]

SOURCE = "wikidata"
LABEL = "Wikidata"
LICENCE = "CC0 1.0"
ENTITY = "http://www.wikidata.org/entity/"
ACCEPT = "application/sparql-results+json"
#: The crosswalk: our id scheme -> the Wikidata property that holds it.
ID_PROPERTIES: dict[str, str] = {
    "imdb": "P345",
    "tmdb": "P4983",
    "tvmaze": "P8600",
    "thetvdb": "P4835",
}
_SEASON_IN_TITLE = re.compile(r"\bseason (\d+)\b", re.IGNORECASE)

# --- the raw payload, as the SPARQL 1.1 Query Results JSON Format defines it -------------


class SparqlTerm(TypedDict, total=False):
    type: str  # "uri" | "literal" | "bnode"
    value: str
    datatype: str


class SparqlHead(TypedDict):
    vars: list[str]


class SparqlResults(TypedDict):
    bindings: list[dict[str, SparqlTerm]]


class SparqlResponse(TypedDict):
    head: SparqlHead
    results: SparqlResults


# --- the query ---------------------------------------------------------------------------

_FACT_PATTERNS = """
    { BIND("imdb" AS ?kind) ?item wdt:P345 ?value . }
    UNION { BIND("tmdb" AS ?kind) ?item wdt:P4983 ?value . }
    UNION { BIND("tvmaze" AS ?kind) ?item wdt:P8600 ?value . }
    UNION { BIND("thetvdb" AS ?kind) ?item wdt:P4835 ?value . }
    UNION { BIND("based_on" AS ?kind) ?item wdt:P144 ?value .
            OPTIONAL { ?value wdt:P50 ?extra . } }
    UNION { BIND("creator" AS ?kind) ?item wdt:P170 ?value . }
    UNION { BIND("broadcaster" AS ?kind) ?item wdt:P449 ?value . }
    UNION { BIND("seasons" AS ?kind) ?item wdt:P2437 ?value . }
    UNION { BIND("episodes" AS ?kind) ?item wdt:P1113 ?value . }
    UNION { BIND("start" AS ?kind) ?item wdt:P580 ?value . }
    UNION { BIND("end" AS ?kind) ?item wdt:P582 ?value . }
    UNION { BIND("published" AS ?kind) ?item wdt:P577 ?value . }
    UNION { BIND("enwiki" AS ?kind)
            ?page schema:about ?item ; schema:isPartOf <https://en.wikipedia.org/> ;
                  schema:name ?value . }
    UNION { BIND("season" AS ?kind)
            ?item p:P527 ?part . ?part ps:P527 ?value . ?value wdt:P31 wd:Q3464665 .
            OPTIONAL { ?part pq:P1545 ?ordinal . }
            OPTIONAL { ?value p:P179 ?serial . ?serial ps:P179 ?item ; pq:P1545 ?ordinal2 . }
            BIND(COALESCE(?ordinal, ?ordinal2) AS ?extra)
            OPTIONAL { ?seasonPage schema:about ?value ;
                                   schema:isPartOf <https://en.wikipedia.org/> ;
                                   schema:name ?article . } }
"""


def show_query(ids: dict[str, str]) -> str:
    """The SPARQL query for the item(s) holding any of ``ids`` (scheme -> value)."""
    # json.dumps quotes and escapes like a SPARQL string literal, so no id can break out.
    # DISTINCT: an item found through two of the ids would otherwise repeat every row.
    lookups = " UNION ".join(
        f"{{ ?item wdt:{ID_PROPERTIES[scheme]} {json.dumps(value)} . }}"
        for scheme, value in ids.items()
    )
    return (
        "SELECT DISTINCT ?item ?itemLabel ?kind ?value ?valueLabel ?extra ?extraLabel ?article\n"
        "WHERE {\n"
        f"  {lookups}\n"
        f"  {{{_FACT_PATTERNS}  }}\n"
        '  SERVICE wikibase:label { bd:serviceParam wikibase:language "en,mul". }\n'
        "}"
    )


# --- reading the rows --------------------------------------------------------------------


@dataclass
class _Item:
    """Everything the rows say about one item."""

    qid: str
    label: str = ""
    ids: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    based_on: dict[str, str] = field(default_factory=dict)
    authors: dict[str, str] = field(default_factory=dict)
    creators: dict[str, str] = field(default_factory=dict)
    broadcasters: dict[str, str] = field(default_factory=dict)
    seasons: set[int] = field(default_factory=set)
    episodes: set[int] = field(default_factory=set)
    start: set[date] = field(default_factory=set)
    end: set[date] = field(default_factory=set)
    published: set[date] = field(default_factory=set)
    enwiki: set[str] = field(default_factory=set)
    season_articles: dict[int, str] = field(default_factory=dict)


def _bindings(payload: object) -> list[dict[str, SparqlTerm]]:
    results = payload.get("results") if isinstance(payload, dict) else None
    rows = results.get("bindings") if isinstance(results, dict) else None
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise SourceBadPayload(
            f"{LABEL}: unexpected answer (no results.bindings list)", source=SOURCE
        )
    return rows


def _text(row: dict[str, SparqlTerm], name: str) -> str | None:
    term = row.get(name)
    if not isinstance(term, dict):
        return None
    value = term.get("value")
    return value if isinstance(value, str) else None


def _qid(row: dict[str, SparqlTerm], name: str) -> str | None:
    """The Q-id of an entity term; None for literals and unknown values (blank nodes)."""
    value = _text(row, name)
    if value is None or not value.startswith(ENTITY):
        return None
    qid = value.removeprefix(ENTITY)
    return qid if re.fullmatch(r"Q\d+", qid) else None


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None  # BCE dates, unknown values and the like


def _count(value: str | None) -> int | None:
    try:
        return int(float(value)) if value else None
    except (ValueError, OverflowError):  # "NaN", "INF": not a count
        return None


def _read_row(item: _Item, row: dict[str, SparqlTerm]) -> None:
    kind = _text(row, "kind")
    value = _text(row, "value")
    if kind is None or value is None:
        return
    entity = _qid(row, "value")
    label = _text(row, "valueLabel") or entity or value
    if kind in ID_PROPERTIES:
        item.ids[kind].add(value)
    elif kind in ("based_on", "creator", "broadcaster") and entity:
        target = {"based_on": item.based_on, "creator": item.creators}.get(kind, item.broadcasters)
        target[entity] = label
        author = _qid(row, "extra")
        if kind == "based_on" and author:
            item.authors[author] = _text(row, "extraLabel") or author
    elif kind in ("seasons", "episodes"):
        number = _count(value)
        if number is not None:
            (item.seasons if kind == "seasons" else item.episodes).add(number)
    elif kind in ("start", "end", "published"):
        day = _day(value)
        if day is not None:
            {"start": item.start, "end": item.end, "published": item.published}[kind].add(day)
    elif kind == "enwiki":
        item.enwiki.add(value)
    elif kind == "season":
        _read_season(item, row, label)


def _read_season(item: _Item, row: dict[str, SparqlTerm], label: str) -> None:
    article = _text(row, "article")
    number = _count(_text(row, "extra"))
    if number is None:  # no ordinal qualifier: "Game of Thrones (season 1)" says it too
        match = _SEASON_IN_TITLE.search(article or "") or _SEASON_IN_TITLE.search(label)
        number = int(match.group(1)) if match else None
    if number is not None and article:
        item.season_articles.setdefault(number, article)


def _items(rows: list[dict[str, SparqlTerm]]) -> dict[str, _Item]:
    items: dict[str, _Item] = {}
    for row in rows:
        qid = _qid(row, "item")
        if qid is None:
            raise SourceBadPayload(
                f"{LABEL}: unexpected answer (a row without ?item)", source=SOURCE
            )
        item = items.setdefault(qid, _Item(qid))
        item.label = item.label or _text(row, "itemLabel") or qid
        _read_row(item, row)
    return items


def _choose(items: dict[str, _Item], given: dict[str, str]) -> _Item | None:
    """The one item whose ids agree with every given id (see the module docstring)."""
    if not items:
        return None
    scored: list[tuple[int, _Item]] = []
    for item in items.values():
        if any(item.ids.get(s) and v not in item.ids[s] for s, v in given.items()):
            continue  # this item holds another id for a scheme we know: a namesake
        scored.append((sum(v in item.ids.get(s, ()) for s, v in given.items()), item))
    best = max((score for score, _ in scored), default=0)
    winners = [item for score, item in scored if score == best]
    if len(winners) == 1:
        return winners[0]
    names = ", ".join(f"{i.qid} ({i.label})" for i in sorted(items.values(), key=lambda i: i.qid))
    asked = ", ".join(f"{s} {v}" for s, v in given.items())
    if not winners:
        verb = "holds" if len(items) == 1 else "hold"
        message = f"{LABEL}: no item agrees with all of {asked}: {names} {verb} other ids"
    else:
        message = f"{LABEL}: ambiguous: {names} match {asked} equally well"
    raise SourceBadPayload(message, source=SOURCE)


# --- the bundle --------------------------------------------------------------------------


def _names(entities: dict[str, str]) -> list[str]:
    return sorted(entities.values(), key=str.casefold)


def _bundle(item: _Item, given: dict[str, str], ref: SourceRef) -> ShowBundle:
    ids = {"wikidata": item.qid}
    for scheme in ID_PROPERTIES:
        values = item.ids.get(scheme)
        if values:  # only ids the item holds; the given one where it holds several
            ids[scheme] = given[scheme] if given.get(scheme) in values else sorted(values)[0]
    start = min(item.start or item.published, default=None)
    end = max(item.end, default=None)
    enwiki = sorted(item.enwiki)[0] if item.enwiki else None
    data = {
        "based_on": _names(item.based_on),
        "based_on_authors": _names(item.authors),
        "creators": _names(item.creators),
        "original_broadcaster": _names(item.broadcasters),
        "seasons": max(item.seasons, default=None),
        "episodes": max(item.episodes, default=None),
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "enwiki": enwiki,
        "season_articles": {str(n): t for n, t in sorted(item.season_articles.items())},
    }
    year = start.year if start else None
    credits = [
        CreditRecord(name, "crew", ref, part="Creator", person_key=f"wikidata:{qid}", position=i)
        for i, (qid, name) in enumerate(sorted(item.creators.items(), key=lambda e: e[1]))
    ] + [
        CreditRecord(name, "crew", ref, part="Source material author", person_key=f"wikidata:{qid}")
        for qid, name in sorted(item.authors.items(), key=lambda e: e[1])
    ]
    return ShowBundle(
        title=item.label,
        src=ref,
        year=year,
        premiered=start,
        ended=end,
        external_ids=ids,
        records=[ShowRecordData(SOURCE, item.qid, item.label, year, data, ref)],
        credits=credits,
    )


def facts(
    client: HttpClient,
    *,
    imdb: str | None = None,
    tvmaze: str | int | None = None,
    tmdb: str | int | None = None,
    thetvdb: str | int | None = None,
) -> ShowBundle | None:
    """Wikidata's partial bundle for the show holding these ids; None if no item has any.

    Raises SourceBadPayload when the ids lead to items that disagree (see the module doc),
    and the HTTP client's SourceErrors when the endpoint fails.
    """
    given = {
        scheme: str(value).strip()
        for scheme, value in (
            ("imdb", imdb),
            ("tmdb", tmdb),
            ("tvmaze", tvmaze),
            ("thetvdb", thetvdb),
        )
        if value is not None and str(value).strip()
    }
    if not given:
        return None
    payload = client.get_json(
        SOURCE,
        client.base_url(SOURCE),  # the endpoint itself, not a path below it
        params={"query": show_query(given), "format": "json"},
        headers={"Accept": ACCEPT},
    )
    retrieved = now_utc()
    item = _choose(_items(_bindings(payload)), given)
    if item is None:
        return None
    ref = SourceRef(SOURCE, f"https://www.wikidata.org/wiki/{item.qid}", retrieved, LICENCE)
    return _bundle(item, given, ref)


# ---------------------------------------------------------------------------------------
# The live source


class WikidataSource(LiveSource):
    """Wikidata's item for the show's ids: creators, cast, the Wikipedia article names."""

    key = SOURCE
    info = source_info(SOURCE)
    policy = SourcePolicy(
        SOURCE,
        LABEL,
        "https://query.wikidata.org/sparql",
        "NEXTSEASON_WIKIDATA_URL",
        calls=5,
        per_seconds=1.0,
        one_at_a_time=True,
        ttl_seconds=7 * 24 * 3600,
    )

    def fetch(
        self, client: HttpClient, show: ShowBundle, context: FetchContext
    ) -> ShowBundle | None:
        ids = show.external_ids
        return facts(
            client,
            imdb=ids.get("imdb"),
            tvmaze=ids.get("tvmaze"),
            tmdb=ids.get("tmdb"),
            thetvdb=ids.get("thetvdb"),
        )


LIVE = WikidataSource()

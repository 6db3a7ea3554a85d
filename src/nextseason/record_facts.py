"""What the status verdict reads from a source's record of a show.

Shared by the verdict's facts of one show (:func:`nextseason.analysis.status.facts_from_bundle`)
and the catalog's bulk loader of many (:func:`nextseason.catalog.queries.status_facts`), so
both see the same seasons, languages, countries, titles and watch dates.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from nextseason.model import SeasonClaim, StatusFacts

__all__ = ["WATCHING", "add_record_facts"]

#: Sources that would have seen a new season of a show they describe (a catalog listing or
#: an index name would not): their latest look dates how long a silence has lasted.
WATCHING = frozenset(
    {
        "tvmaze",
        "tmdb",
        "tmdb_2025",
        "netflix_top10",
        "netflix_engagement",
        "metacritic_scorecard",
        "tv_ratings_predictions",
        "omdb_series",
        "wikipedia",
    }
)


def _int(value: object) -> int | None:
    try:
        return int(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def add_record_facts(
    facts: StatusFacts, source: str, data: dict[str, Any], title: str, retrieved: date
) -> None:
    """What one source record tells the verdict: a catalog's count (a listing), the seasons
    an ended show made (TMDB's count of an Ended or Canceled show, IMDb's count of a closed
    run), the show's languages and countries, its titles, and how late the source looked."""
    count = _int(data.get("seasons"))
    if count:
        year = _int(data.get("release_year")) if count == 1 else None
        facts.claims.append(SeasonClaim(count, source, retrieved, "count", None, year))
    if source == "omdb_series" and count == 1 and data.get("last_year") is None:
        # IMDb listed one season of a series still open when OMDb recorded it (2018): the
        # season aired in its first year, and no second was listed in the years since.
        first = _int(data.get("first_year"))
        if first:
            facts.claims.append(
                SeasonClaim(
                    1, source, retrieved, "season", None, first, seen_on=date(first, 12, 31)
                )
            )
    made = _made_by_ended_show(source, data)
    if made:
        facts.claims.append(
            SeasonClaim(made[0], source, retrieved, "season", None, made[1].year, seen_on=made[1])
        )
    if source == "wikidata" and data.get("end"):
        facts.wikidata_end = (str(data["end"]), retrieved)
    languages = data.get("languages")
    if facts.language is None and isinstance(languages, list) and languages:
        facts.language = str(languages[0])
    for code in data.get("countries") or ():
        if isinstance(code, str) and code not in facts.countries:
            facts.countries = (*facts.countries, code)
    if source in WATCHING and (source not in facts.watched or retrieved > facts.watched[source]):
        facts.watched[source] = retrieved
    names = [title, *(str(t) for t in data.get("season_titles") or ())]
    names += [str(row.get("title")) for row in data.get("rows") or () if isinstance(row, dict)]
    facts.titles = tuple(dict.fromkeys([*facts.titles, *(n for n in names if n)]))


def _made_by_ended_show(source: str, data: dict[str, Any]) -> tuple[int, date] | None:
    """(seasons, by when) that an ended show's own source counts: every one of them aired."""
    count = _int(data.get("seasons"))
    if not count:
        return None
    if source == "tmdb_2025" and data.get("status") in ("Ended", "Canceled"):
        last = data.get("last_air_date")
        if isinstance(last, str) and len(last) >= 10:
            return count, date.fromisoformat(last[:10])
    if source == "omdb_series" and _int(data.get("last_year")):
        return count, date(int(data["last_year"]), 12, 31)
    return None

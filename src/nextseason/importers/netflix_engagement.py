"""Netflix engagement reports ("What We Watched"), January-June and July-December 2023.

The file is the H1 2023 report followed by the H2 2023 report, with no column saying which.
The H1 part is sorted by hours viewed, descending, so the boundary is the first row that
views more than the row before it; :func:`split_reports` finds it and checks it against the
release dates (no H1 title is released after 2023-06-30, some H2 titles are) and against
title uniqueness within each report. In this copy the H1 part has 18,214 rows (the size
Netflix published) and the H2 part only 6,598, in no particular order: the H2 report is
partial here.

Hours use Indian digit grouping ("1,11,00,000" = 11,100,000). ``Content Type`` is not
reliable (limited series are typed "Movie"), so a row counts as TV only when its title names
a season ("<show>: Season N", "Limited Series", "Temporada N"...); other rows (films,
specials, "Part N" which films use too) are skipped.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from nextseason.errors import BuildError
from nextseason.importers.chart_titles import ChartTitle, parse_chart_title
from nextseason.importers.fragments import Fragment, Match, SourceRead, YearSpan
from nextseason.importers.parsing import grouped_int, parse_date
from nextseason.importers.platforms import NETFLIX, platform_ref
from nextseason.importers.rawfiles import RawDir, RawFile, bad_value, read_csv
from nextseason.importers.sources import NETFLIX_ENGAGEMENT, source_ref
from nextseason.model import (
    InterestRecord,
    PlatformLink,
    SeasonRecord,
    ShowBundle,
    ShowRecordData,
    SourceRef,
)
from nextseason.text import title_key

__all__ = ["FILE", "Report", "read_engagement", "split_reports"]

FILE = "netflix/engagement_2023_H1_H2.csv"
H1_END = date(2023, 6, 30)
_REPORTS = (
    (
        "2023H1",
        date(2023, 1, 1),
        "https://about.netflix.com/en/news/what-we-watched-a-netflix-engagement-report",
    ),
    (
        "2023H2",
        date(2023, 7, 1),
        "https://about.netflix.com/en/news/what-we-watched-the-second-half-of-2023",
    ),
)


_COLUMNS = (
    "Title",
    "Available Globally?",
    "Release Date",
    "Hours Viewed",
    "Language Indicator",
    "Content Type",
)


@dataclass(frozen=True, slots=True)
class Report:
    """One half-year report."""

    name: str  # "2023H1"
    start: date  # the first day of the half-year, the interest points' day
    ref: SourceRef


@dataclass(frozen=True, slots=True)
class _Row:
    cells: dict[str, str]
    hours: int
    released: date | None
    report: Report
    parsed: ChartTitle


def split_reports(
    raw: RawFile, rows: list[dict[str, str]]
) -> tuple[list[int], list[date | None], int]:
    """Hours and release date per row, and the index where the H2 report begins."""
    hours: list[int] = []
    released: list[date | None] = []
    for i, row in enumerate(rows, 1):
        try:
            value = grouped_int(row["Hours Viewed"])
        except ValueError as exc:
            raise bad_value(raw, i, "Hours Viewed", exc) from None
        if value is None:
            raise bad_value(raw, i, "Hours Viewed", ValueError("empty"))
        hours.append(value)
        try:
            released.append(parse_date(row["Release Date"], "%d-%m-%Y"))
        except ValueError as exc:
            raise bad_value(raw, i, "Release Date", exc) from None
    boundary = next((i for i in range(1, len(hours)) if hours[i] > hours[i - 1]), None)
    problem = None
    if boundary is None:
        problem = "the hours never rise again, so there is no second report"
    else:
        h1_dates = [d for d in released[:boundary] if d]
        h2_dates = [d for d in released[boundary:] if d]
        h1_titles = [r["Title"] for r in rows[:boundary]]
        h2_titles = [r["Title"] for r in rows[boundary:]]
        if h1_dates and max(h1_dates) > H1_END:
            problem = f"a title before row {boundary + 1} was released after {H1_END}"
        elif not any(d > H1_END for d in h2_dates):
            problem = f"no title after row {boundary} was released after {H1_END}"
        elif len(set(h1_titles)) != len(h1_titles) or len(set(h2_titles)) != len(h2_titles):
            problem = "a title repeats within one report"
    if problem or boundary is None:
        raise BuildError(f"raw file {raw.name}: cannot find where the H2 report begins: {problem}")
    return hours, released, boundary


def read_engagement(raw_dir: RawDir) -> SourceRead:
    """One fragment per TV show (all its seasons, both reports)."""
    raw = raw_dir.file(FILE)
    rows = read_csv(raw, required=_COLUMNS)
    hours, released, boundary = split_reports(raw, rows)
    read = SourceRead(NETFLIX_ENGAGEMENT, files={raw.name: len(rows)})
    groups: dict[tuple[str, int | None], list[_Row]] = defaultdict(list)
    for (name, start, url), (lo, hi) in zip(
        _REPORTS, ((0, boundary), (boundary, len(rows))), strict=True
    ):
        latest = max(d for d in released[lo:hi] if d)
        ref = source_ref(
            NETFLIX_ENGAGEMENT,
            datetime(latest.year, latest.month, latest.day),
            url=url,
            note=f"engagement report {name}: {hi - lo} rows, hours viewed per title "
            f"from {start.isoformat()} for six months; retrieved no earlier than the latest "
            "release date it lists. Release Date is the title's release on Netflix",
        )
        read.refs.append(ref)
        report = Report(name, start, ref)
        for i in range(lo, hi):
            parsed = parse_chart_title(rows[i]["Title"])
            if parsed.season is None:
                read.skipped["no season in the title (film, special or unclear)"] += 1
            elif not title_key(parsed.title):
                read.skipped["empty title"] += 1
            else:
                row = _Row(rows[i], hours[i], released[i], report, parsed)
                groups[(title_key(parsed.title), parsed.year)].append(row)
    read.notes.append(
        f"H1 2023 report: rows 1-{boundary} (sorted by hours, as published); H2 2023 report: "
        f"rows {boundary + 1}-{len(rows)} (partial in this copy, unsorted)"
    )
    for members in groups.values():
        read.fragments.extend(_fragment(show) for show in _namesakes(members))
    return read


def _namesakes(members: list[_Row]) -> list[list[_Row]]:
    """Split one title's rows into shows: a report lists a show's season once, so two rows
    for the same season in one report are two shows, told apart by their translations
    ("Cowboy Bebop: Season 1" is the 2021 series, "Cowboy Bebop: Season 1 // カウボーイビバップ:
    シーズン1" the anime). Translations alone do not split a show: they vary by season."""
    by_aliases: dict[tuple[str, ...], list[_Row]] = defaultdict(list)
    for row in members:
        by_aliases[row.parsed.aliases].append(row)
    shows: list[tuple[set[tuple[int | None, str]], list[_Row]]] = []
    for rows in by_aliases.values():
        slots = {(row.parsed.season, row.report.name) for row in rows}
        home = next((show for show in shows if not show[0] & slots), None)
        if home is None:
            shows.append((slots, list(rows)))
        else:
            home[0].update(slots)
            home[1].extend(rows)
    return [rows for _, rows in shows]


def _fragment(members: list[_Row]) -> Fragment:
    first = members[0].parsed
    hours: dict[tuple[int, Report], float] = defaultdict(float)
    premieres: dict[int, tuple[date, SourceRef]] = {}
    rows_data: list[dict[str, Any]] = []
    for row in members:
        season = row.parsed.season
        assert season is not None
        # "Season 3 Part 1" and "Season 3 Part 2" are one season: their hours add up.
        hours[(season, row.report)] += row.hours
        if row.released and (season not in premieres or row.released < premieres[season][0]):
            premieres[season] = (row.released, row.report.ref)
        rows_data.append(
            {
                "title": row.cells["Title"],
                "report": row.report.name,
                "season": season,
                "hours_viewed": row.hours,
                "release_date": row.released.isoformat() if row.released else None,
                "available_globally": row.cells["Available Globally?"] == "Yes",
                "language": row.cells["Language Indicator"] or None,
                "content_type": row.cells["Content Type"] or None,
            }
        )
    ref = members[0].report.ref
    last = members[-1].report.ref
    interest = [
        InterestRecord(NETFLIX_ENGAGEMENT, "hours_viewed", "half-year", r.start, v, r.ref, n)
        for (n, r), v in hours.items()
    ]
    # Namesakes split by _namesakes() differ in their first row's translations.
    key = " // ".join((first.title + (f" ({first.year})" if first.year else ""), *first.aliases))
    aliases = tuple(dict.fromkeys(a for row in members for a in row.parsed.aliases))
    data = {"title": first.title, "aliases": list(aliases), "rows": rows_data}
    bundle = ShowBundle(
        title=first.title,
        src=ref,
        year=first.year,
        records=[ShowRecordData(NETFLIX_ENGAGEMENT, key, first.title, first.year, data, ref)],
        platforms=[
            PlatformLink(
                platform_ref(NETFLIX, "streaming"), "catalog", last, as_of=last.retrieved_at.date()
            )
        ],
        seasons=[
            SeasonRecord(n, premieres[n][1], premiere_date=premieres[n][0])
            if n in premieres
            else SeasonRecord(n, ref)
            for n in sorted({n for n, _ in hours})
        ],
        interest=interest,
    )
    keys = tuple(dict.fromkeys(k for k in (title_key(t) for t in (first.title, *aliases)) if k))
    years = YearSpan(first.year - 1, first.year + 1) if first.year else None
    return Fragment(bundle, Match("netflix_chart", keys, years=years), rows=len(members))

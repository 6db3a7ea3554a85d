"""Netflix engagement reports ("What We Watched"), January-June and July-December 2023.

Netflix publishes one report per half-year. The bundled build reads
:data:`FILE`, the H1 2023 report followed by the H2 2023 report, with no column saying which.
The H1 part is sorted by hours viewed, descending, so the boundary is the first row that
views more than the row before it; :func:`split_reports` finds it and checks it against the
release dates (no H1 title is released after 2023-06-30, some H2 titles are) and against
title uniqueness within each report. In this copy the H1 part has 18,214 rows (the size
Netflix published) and the H2 part only 6,598, in no particular order: the H2 report is
partial here.

:func:`read_engagement_file` also reads one half-year report on its own (a user's newer
report converted to CSV with the same columns), its half-year given.

Hours use Indian digit grouping ("1,11,00,000" = 11,100,000). ``Content Type`` is not
reliable (limited series are typed "Movie"), so a row counts as TV only when its title names
a season ("<show>: Season N", "Limited Series", "Temporada N"...); other rows (films,
specials, "Part N" which films use too) are skipped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from nextseason.errors import BuildError
from nextseason.importers.chart_titles import ChartTitle, parse_chart_title
from nextseason.importers.fragments import Fragment, Match, SourceRead, YearSpan
from nextseason.importers.parsing import grouped_int, parse_date
from nextseason.importers.rawfiles import RawDir, RawFile, bad_value, read_csv
from nextseason.model import (
    InterestRecord,
    PlatformLink,
    SeasonRecord,
    ShowBundle,
    ShowRecordData,
    SourceRef,
)
from nextseason.platforms import NETFLIX, platform_ref
from nextseason.provenance import NETFLIX_ENGAGEMENT, source_ref
from nextseason.text import title_key

__all__ = [
    "FILE",
    "HalfYear",
    "Report",
    "half_year",
    "read_engagement",
    "read_engagement_file",
    "split_reports",
]

FILE = "netflix/engagement_2023_H1_H2.csv"
H1_END = date(2023, 6, 30)
_NEWS = "https://about.netflix.com/en/news/"
#: The first report's page; later ones are "what-we-watched-the-{first|second}-half-of-YYYY".
_FIRST_REPORT = ("2023H1", _NEWS + "what-we-watched-a-netflix-engagement-report")
_PERIOD = re.compile(r"(?P<year>\d{4})H(?P<half>[12])")


_COLUMNS = (
    "Title",
    "Available Globally?",
    "Release Date",
    "Hours Viewed",
    "Language Indicator",
    "Content Type",
)


@dataclass(frozen=True, slots=True)
class HalfYear:
    """The half-year one report covers, and the page Netflix published it on."""

    name: str  # "2024H1"
    start: date
    end: date
    url: str


def half_year(name: str) -> HalfYear:
    """``"2024H1"`` (January-June 2024) or ``"2024H2"``; ValueError for anything else."""
    found = _PERIOD.fullmatch(name.strip().upper())
    if not found:
        raise ValueError(f"not a half-year: {name!r} (expected YYYYH1 or YYYYH2, e.g. 2024H1)")
    year, second = int(found.group("year")), found.group("half") == "2"
    name = f"{year}H{2 if second else 1}"
    url = (
        _FIRST_REPORT[1]
        if name == _FIRST_REPORT[0]
        else f"{_NEWS}what-we-watched-the-{'second' if second else 'first'}-half-of-{year}"
    )
    if second:
        return HalfYear(name, date(year, 7, 1), date(year, 12, 31), url)
    return HalfYear(name, date(year, 1, 1), date(year, 6, 30), url)


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
    hours, released = _values(raw, rows)
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
        raise BuildError(
            f"{raw.what} {raw.name}: cannot find where the H2 report begins: {problem}"
        )
    return hours, released, boundary


def _values(raw: RawFile, rows: list[dict[str, str]]) -> tuple[list[int], list[date | None]]:
    """Hours and release date per row."""
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
            released.append(_release_date(row["Release Date"]))
        except ValueError as exc:
            raise bad_value(raw, i, "Release Date", exc) from None
    return hours, released


def _release_date(text: str) -> date | None:
    """dd-mm-yyyy as published; yyyy-mm-dd too (a sheet saved as CSV may write that)."""
    try:
        return parse_date(text, "%d-%m-%Y")
    except ValueError as exc:
        try:
            return parse_date(text, "%Y-%m-%d")
        except ValueError:
            raise exc from None


def read_engagement(raw_dir: RawDir) -> SourceRead:
    """One fragment per TV show (all its seasons, both reports)."""
    return read_engagement_file(raw_dir.file(FILE))


def read_engagement_file(raw: RawFile, period: str | None = None) -> SourceRead:
    """:func:`read_engagement` of one file: the combined 2023 file when ``period`` is None,
    else the one half-year report ``period`` ("2024H1")."""
    rows = read_csv(raw, required=_COLUMNS, known=_COLUMNS)
    if period is None:
        hours, released, boundary = split_reports(raw, rows)
        spans = [(half_year("2023H1"), 0, boundary), (half_year("2023H2"), boundary, len(rows))]
        note = (
            f"H1 2023 report: rows 1-{boundary} (sorted by hours, as published); H2 2023 report: "
            f"rows {boundary + 1}-{len(rows)} (partial in this copy, unsorted)"
        )
    else:
        try:
            report = half_year(period)
        except ValueError as exc:
            raise BuildError(str(exc)) from None
        if not rows:
            raise BuildError(f"{raw.what} {raw.name} has no rows")
        hours, released = _values(raw, rows)
        _check_report(raw, rows, released, report)
        spans = [(report, 0, len(rows))]
        note = f"{report.name} report: rows 1-{len(rows)}"
    return _read(raw, rows, hours, released, spans, note)


def _check_report(
    raw: RawFile, rows: list[dict[str, str]], released: list[date | None], report: HalfYear
) -> None:
    """One half-year report lists each title once, none released after the half-year."""
    for i, day in enumerate(released, 1):
        if day is not None and day > report.end:
            raise bad_value(
                raw,
                i,
                "Release Date",
                ValueError(
                    f"{day.isoformat()} is after the end of {report.name} "
                    f"({report.end.isoformat()}), so the title cannot be in that report: "
                    "is the half-year right?"
                ),
            )
    seen: dict[str, int] = {}
    for i, row in enumerate(rows, 1):
        first = seen.setdefault(row["Title"], i)
        if first != i:
            raise BuildError(
                f"{raw.what} {raw.name}: data rows {first} and {i} both list "
                f"{row['Title']!r}; one report lists each title once (are two reports in "
                "this file?)"
            )


def _read(
    raw: RawFile,
    rows: list[dict[str, str]],
    hours: list[int],
    released: list[date | None],
    spans: list[tuple[HalfYear, int, int]],
    note: str,
) -> SourceRead:
    read = SourceRead(NETFLIX_ENGAGEMENT, files={raw.name: len(rows)})
    groups: dict[tuple[str, int | None, str | None], list[_Row]] = defaultdict(list)
    for half, lo, hi in spans:
        latest = max((d for d in released[lo:hi] if d), default=None)
        since = "the latest release date it lists"
        if latest is None:
            latest, since = half.end, "the end of the half-year"
        ref = source_ref(
            NETFLIX_ENGAGEMENT,
            datetime(latest.year, latest.month, latest.day),
            url=half.url,
            note=f"engagement report {half.name}: {hi - lo} rows, hours viewed per title "
            f"from {half.start.isoformat()} for six months; retrieved no earlier than {since}. "
            "Release Date is the title's release on Netflix",
        )
        read.refs.append(ref)
        report = Report(half.name, half.start, ref)
        for i in range(lo, hi):
            parsed = parse_chart_title(rows[i]["Title"])
            if parsed.season is None:
                read.skipped["no season in the title (film, special or unclear)"] += 1
            elif not title_key(parsed.title):
                read.skipped["empty title"] += 1
            else:
                row = _Row(rows[i], hours[i], released[i], report, parsed)
                groups[(title_key(parsed.title), parsed.year, parsed.country)].append(row)
    read.notes.append(note)
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
    named = first.title + (f" ({first.year})" if first.year else "")
    named += f" ({first.country})" if first.country else ""
    key = " // ".join((named, *first.aliases))
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
            # Netflix's release of the season: its premiere only if Netflix made the show,
            # which resolution decides (a licensed show premiered elsewhere, earlier).
            SeasonRecord(
                n, premieres[n][1], premiere_date=premieres[n][0], release_platform=NETFLIX
            )
            if n in premieres
            # Viewed in a report's half-year: it was out by the end of that half-year.
            else SeasonRecord(
                n, ref, seen_on=min(r.ref.retrieved_at.date() for m, r in hours if m == n)
            )
            for n in sorted({n for n, _ in hours})
        ],
        interest=interest,
    )
    keys = tuple(dict.fromkeys(k for k in (title_key(t) for t in (first.title, *aliases)) if k))
    years = YearSpan(first.year - 1, first.year + 1) if first.year else None
    countries = (first.country,) if first.country else ()
    match = Match("netflix_chart", keys, years=years, countries=countries)
    return Fragment(bundle, match, rows=len(members))

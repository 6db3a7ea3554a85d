"""Netflix Top 10, weekly and global: 2021-07-04 to 2026-07-19, films and TV.

One row per title per week it charted. ``week`` is the week's last day (a Sunday), so an
interest point's ``day`` (the start of its period) is ``week - 6 days``. ``weekly_views``
is published only from mid-2023 on; older rows have hours and rank only. Films are read only
to date the 2022 catalog (see netflix_2022.snapshot_date); their rows are not stored.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any, TypedDict, cast

from nextseason.errors import BuildError
from nextseason.importers.chart_titles import parse_chart_title, top10_season
from nextseason.importers.fragments import Fragment, Match, SourceRead, YearSpan
from nextseason.importers.parsing import grouped_int
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
from nextseason.provenance import FILE_SOURCES as SOURCES
from nextseason.provenance import NETFLIX_TOP10, source_ref
from nextseason.text import title_key

__all__ = ["FILE", "FIRST_WEEK", "Top10Row", "read_top10", "read_top10_file"]

FILE = "netflix/top10_all-weeks-global.tsv"
#: The first week (its last day) of Netflix's published global Top 10.
FIRST_WEEK = date(2021, 7, 4)
_TV = ("TV (English)", "TV (Non-English)")
_METRICS = ("weekly_hours_viewed", "weekly_views", "weekly_rank")


class Top10Row(TypedDict):
    week: str
    category: str
    weekly_rank: str
    show_title: str
    season_title: str
    weekly_hours_viewed: str
    runtime: str
    weekly_views: str
    cumulative_weeks_in_top_10: str


_COLUMNS = tuple(Top10Row.__annotations__)


def _week(raw: RawFile, i: int, text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise bad_value(raw, i, "week", exc) from None


def read_top10(raw_dir: RawDir) -> tuple[SourceRead, dict[str, date]]:
    """One fragment per TV title; and, for every title (films too), the start of the first
    week it charted, by title key."""
    return read_top10_file(raw_dir.file(FILE))


def read_top10_file(
    raw: RawFile, *, mark_excerpt: bool = False
) -> tuple[SourceRead, dict[str, date]]:
    """:func:`read_top10` of one file. With ``mark_excerpt``, a file that does not begin with
    the chart's first week (an excerpt, not Netflix's whole all-weeks file) gets a URL naming
    its weeks, so its provenance does not stand for the whole chart's."""
    rows = cast(list[Top10Row], read_csv(raw, required=_COLUMNS, delimiter="\t", known=_COLUMNS))
    if not rows:
        raise BuildError(f"{raw.what} {raw.name} has no rows")
    weeks = [_week(raw, i, r["week"]) for i, r in enumerate(rows, 1)]
    first, last = min(weeks), max(weeks)
    url = None
    if mark_excerpt and first > FIRST_WEEK:
        url = f"{SOURCES[NETFLIX_TOP10].url}#weeks={first.isoformat()}..{last.isoformat()}"
    ref = source_ref(
        NETFLIX_TOP10,
        datetime(last.year, last.month, last.day) + timedelta(days=1),
        url=url,
        note=f"weekly global Top 10, {first.isoformat()} to {last.isoformat()}; "
        "retrieved no earlier than the day after the last week",
    )
    read = SourceRead(NETFLIX_TOP10, refs=[ref], files={raw.name: len(rows)})
    first_charted: dict[str, date] = {}
    groups: dict[str, list[tuple[int, Top10Row, date]]] = defaultdict(list)
    for i, (row, week) in enumerate(zip(rows, weeks, strict=True), 1):
        start = week - timedelta(days=6)
        key = title_key(row["show_title"])
        if key and (key not in first_charted or start < first_charted[key]):
            first_charted[key] = start
        if row["category"] not in _TV:
            for metric in _METRICS:  # not stored, but a bad number is a bad file
                _number(raw, i, row, metric)
            read.skipped["film"] += 1
        elif not row["show_title"].strip():
            read.skipped["empty title"] += 1
        else:
            groups[row["show_title"].strip()].append((i, row, week))
    for title, items in groups.items():
        read.fragments.append(_fragment(raw, title, items, ref, read))
    return read, first_charted


def _number(raw: RawFile, i: int, row: Top10Row, column: str) -> int | None:
    try:
        return grouped_int(cast(dict[str, str], row)[column])
    except ValueError as exc:
        raise bad_value(raw, i, column, exc) from None


def _fragment(
    raw: RawFile,
    title: str,
    items: list[tuple[int, Top10Row, date]],
    ref: SourceRef,
    read: SourceRead,
) -> Fragment:
    parsed = parse_chart_title(title)
    interest: list[InterestRecord] = []
    seen: set[tuple[int, date]] = set()
    season_seen: dict[int, date] = {}  # season -> the start of the first week it charted
    used = 0
    ranks: list[int] = []
    for i, row, week in items:
        season = top10_season(title, row["season_title"])
        start = week - timedelta(days=6)
        if (season, start) in seen:
            read.skipped["same title, season and week listed twice"] += 1
            continue
        seen.add((season, start))
        used += 1
        if season and (season not in season_seen or start < season_seen[season]):
            season_seen[season] = start
        for metric in _METRICS:
            value = _number(raw, i, row, metric)
            if metric == "weekly_rank" and value is not None:
                ranks.append(value)
            if value is not None:
                interest.append(
                    InterestRecord(NETFLIX_TOP10, metric, "week", start, value, ref, season)
                )
    weeks = sorted(week for _, _, week in items)
    data: dict[str, Any] = {
        "show_title": title,
        "categories": sorted({row["category"] for _, row, _ in items}),
        "season_titles": sorted({row["season_title"] for _, row, _ in items}),
        "weeks_charted": len(items),
        "first_week": weeks[0].isoformat(),
        "last_week": weeks[-1].isoformat(),
        "best_rank": min(ranks, default=None),
    }
    bundle = ShowBundle(
        title=parsed.title,
        src=ref,
        year=parsed.year,
        records=[ShowRecordData(NETFLIX_TOP10, title, parsed.title, parsed.year, data, ref)],
        platforms=[
            PlatformLink(platform_ref(NETFLIX, "streaming"), "catalog", ref, as_of=weeks[-1])
        ],
        # A season that charted was out by the week it first charted.
        seasons=[SeasonRecord(n, ref, seen_on=season_seen[n]) for n in sorted(season_seen)],
        interest=interest,
    )
    years = YearSpan(parsed.year - 1, parsed.year + 1) if parsed.year else None
    match = Match(
        "netflix_chart",
        (title_key(parsed.title),),
        years=years,
        countries=(parsed.country,) if parsed.country else (),
    )
    return Fragment(bundle, match, rows=used)

"""Renewal files: Metacritic's TV renewal scorecards (2013-2020) and TV Ratings Predictions
(US broadcast, 2014-2023), as dated status readings per season.

Both list show-seasons by name and network, without ids: ``name, season, status,
tv_network, ano`` (``ano`` the TV season's start year) and ``network, name, season, year,
renewed, canceled, renewal_status``. A show's rows become one fragment: a reading per
season (what was decided, by whom, when), the seasons they show aired, and the networks
they aired on. Resolution attaches the fragment to a show only when the title, the years and
the network single one out (see resolve.py); a namesake is never given another show's
readings.

Statuses are classed by :mod:`nextseason.importers.renewal_rules` (the outlook's training
reads the same rules). A reading is dated by the announcement when the scorecard gives one
("Renewed 5/13", "Canceled 1/10 after 2 eps aired"), else by the end of the TV season it was
listed in (June 30 of the next year): when the decision was known at the latest.

One title's rows are one show when their seasons follow one timeline (season numbers grow
with the years, whatever network they aired on: Lucifer's FOX seasons 1-3 and Netflix
seasons 4-5); rows that cannot (two networks listing different seasons in the same years)
are namesakes and are split by network.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise
from typing import Any

from nextseason.importers.fragments import Fragment, Match, SourceRead, YearSpan
from nextseason.importers.rawfiles import RawDir, RawFile, bad_value, read_csv
from nextseason.importers.renewal_rules import (
    LabelClass,
    decision_date,
    ratings_class,
    scorecard_class,
    scorecard_season,
)
from nextseason.model import (
    PlatformLink,
    SeasonRecord,
    ShowBundle,
    ShowRecordData,
    SourceRef,
    StatusRecord,
)
from nextseason.platforms import catalog_platform, channel_kind, platform_ref
from nextseason.provenance import METACRITIC, TV_RATINGS, source_ref
from nextseason.text import title_key

__all__ = ["RATINGS", "SCORECARDS", "canonical_network", "read_ratings", "read_scorecards"]

SCORECARDS = "outcomes/metacritic_renewal_scorecards_2013_2020.csv"
#: TV Ratings Predictions' whole header, as flattened from its data file.
RATINGS_COLUMNS = (
    "network",
    "name",
    "season",
    "year",
    "episodes",
    "halfhour",
    "renewed",
    "canceled",
    "renewal_status",
    "previous_episodes",
    "average_rating_18_49",
    "average_viewers",
    "final_prediction",
    "factors",
    "ratings_18_49",
    "viewers_millions",
)
RATINGS = "outcomes/tv_ratings_predictions_2014_2023.csv"


def canonical_network(code: str, *, scorecard: bool = False) -> str | None:
    """A network as the renewal files spell it ("NETF", "CW", "STRZ") -> the catalog's name."""
    return catalog_platform(code, scorecard=scorecard)


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    title: str
    season: int
    tv_year: int  # the start year of the TV season the row is about
    network: str | None
    label: LabelClass
    rule: str
    said: str
    announced: date | None
    not_aired: bool  # listed before it aired ("SEASON 2 starts tbd"), or never aired


def _same_show(rows: list[_Row]) -> bool:
    """Whether rows can be one show's: seasons grow with the years on one timeline."""
    ordered = sorted(rows, key=lambda r: (r.tv_year, r.season))
    # A season listed on two networks in one TV year is a move (cancelled by one, picked
    # up by the other), not two shows.
    return all(
        b.season >= a.season and b.tv_year <= a.tv_year + b.season - a.season + 3
        for a, b in pairwise(ordered)
    )


def _groups(rows: list[_Row]) -> list[list[_Row]]:
    """Rows per show: by title, split by network where one timeline cannot hold them."""
    by_title: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        by_title[title_key(row.title)].append(row)
    out: list[list[_Row]] = []
    for items in by_title.values():
        if _same_show(items):
            out.append(items)
            continue
        by_network: dict[str | None, list[_Row]] = defaultdict(list)
        for row in items:
            by_network[row.network].append(row)
        out.extend(by_network.values())
    return out


def _premiere_window(rows: list[_Row]) -> YearSpan | None:
    """The years a show may have premiered in, given the seasons it aired when."""
    lo, hi = 0, 9999
    for row in rows:
        if row.not_aired:
            continue
        if row.season == 1:
            lo, hi = max(lo, row.tv_year - 1), min(hi, row.tv_year + 1)
        else:
            gaps = (row.season - 1) // 2 + 1
            lo = max(lo, row.tv_year - (row.season - 1) - gaps)
            hi = min(hi, row.tv_year + 1)
    if lo == 0 or hi == 9999 or lo > hi:
        return None
    return YearSpan(lo, hi)


def _fragment(source: str, rows: list[_Row], ref: SourceRef) -> Fragment:
    rows = sorted(rows, key=lambda r: (r.tv_year, r.season, r.line))
    title = Counter(r.title for r in rows).most_common(1)[0][0]
    networks = list(dict.fromkeys(r.network for r in rows if r.network))
    statuses, seasons = [], []
    seen_season: dict[int, date] = {}
    for row in rows:
        read_at = row.announced or date(row.tv_year + 1, 6, 30)
        statuses.append(
            StatusRecord(
                source,
                row.label,
                datetime(read_at.year, read_at.month, read_at.day),
                ref,
                {
                    "network": row.network,
                    "said": row.said,
                    "tv_season": f"{row.tv_year}-{(row.tv_year + 1) % 100:02d}",
                    "announced": row.announced.isoformat() if row.announced else None,
                    "rule": row.rule,
                },
                season=row.season,
            )
        )
        if not row.not_aired:
            # Listed as aired in that TV season: it existed by the season's end.
            end = date(row.tv_year + 1, 5, 31)
            seen_season[row.season] = min(seen_season.get(row.season, end), end)
    for number, seen in sorted(seen_season.items()):
        seasons.append(SeasonRecord(number, ref, seen_on=seen))
    first = next((r for r in rows if r.season == 1 and not r.not_aired), None)
    links = []
    if first is not None and first.network:
        kind = channel_kind(first.network)
        links.append(
            PlatformLink(
                platform_ref(first.network, kind), "web" if kind == "streaming" else "network", ref
            )
        )
    key = (
        "|".join(sorted({title_key(r.title) for r in rows}))
        + "|"
        + "/".join(str(n) for n in networks)
    )
    data: dict[str, Any] = {
        "title": title,
        "networks": networks,
        "seasons": sorted({r.season for r in rows}),
        "tv_seasons": sorted({r.tv_year for r in rows}),
    }
    bundle = ShowBundle(
        title=title,
        src=ref,
        platform=links[0].platform if links else None,
        records=[ShowRecordData(source, key, title, None, data, ref)],
        platforms=links,
        seasons=seasons,
        statuses=statuses,
    )
    match = Match(
        "renewal",
        (title_key(title),),
        years=_premiere_window(rows),
        # No countries: the files follow the US market, where a British show airs on PBS.
        platforms=tuple(networks),
    )
    return Fragment(bundle, match, rows=len(rows))


def _read(
    raw: RawFile,
    source: str,
    columns: tuple[str, ...],
    parse: Callable[[int, dict[str, str]], _Row | None],
    read: SourceRead,
    known: tuple[str, ...],
) -> list[_Row]:
    rows = read_csv(raw, required=columns, known=known)
    read.files[raw.name] = len(rows)
    out = []
    for i, cells in enumerate(rows, 1):
        row = parse(i, cells)
        if row is not None:
            out.append(row)
    return out


def read_scorecards(raw_dir: RawDir) -> SourceRead:
    """One fragment per show the scorecards list."""
    raw = raw_dir.file(SCORECARDS)
    ref = source_ref(
        METACRITIC,
        datetime(2021, 6, 30),
        note="Metacritic's renewal scorecards for the TV seasons 2013-14 to 2020-21; "
        "complete by the end of the 2020-21 season at the latest",
    )
    read = SourceRead(METACRITIC, refs=[ref])

    def parse(i: int, cells: dict[str, str]) -> _Row | None:
        if not cells["name"].strip():
            read.skipped["empty name"] += 1
            return None
        season = scorecard_season(cells["season"])
        if season is None:
            read.skipped["no season named"] += 1
            return None
        try:
            year = int(cells["ano"])
        except ValueError as exc:
            raise bad_value(raw, i, "ano", exc) from None
        label, rule = scorecard_class(cells["status"], year)
        said = " ".join(cells["status"].split())
        # Listed before it aired ("SEASON 2 starts tbd"), never aired, or described rather
        # than decided ("Live-action remake", "Delayed to fall"): no evidence it aired then.
        not_aired = (
            "start" in cells["season"].casefold() or label == "never aired" or rule == "descriptor"
        )
        return _Row(
            i,
            cells["name"].strip(),
            season,
            year,
            canonical_network(cells["tv_network"], scorecard=True),
            label,
            rule,
            said,
            decision_date(said, year) if label not in ("undecided",) else None,
            not_aired,
        )

    columns = ("name", "season", "status", "tv_network", "ano")
    rows = _read(raw, METACRITIC, columns, parse, read, known=columns)
    read.fragments = [_fragment(METACRITIC, g, ref) for g in _groups(rows)]
    return read


def read_ratings(raw_dir: RawDir) -> SourceRead:
    """One fragment per show TV Ratings Predictions lists."""
    raw = raw_dir.file(RATINGS)
    ref = source_ref(
        TV_RATINGS,
        datetime(2023, 6, 30),
        note="TV Ratings Predictions' show-seasons of the US broadcast networks, TV seasons "
        "2014-15 to 2023-24 (its data file as last committed)",
    )
    read = SourceRead(TV_RATINGS, refs=[ref])

    def parse(i: int, cells: dict[str, str]) -> _Row | None:
        try:
            season, year = int(cells["season"]), int(cells["year"])
        except ValueError:
            read.skipped["no season or year"] += 1
            return None
        if not cells["name"].strip():
            read.skipped["empty name"] += 1
            return None
        label, rule = ratings_class(
            cells["renewal_status"], cells["renewed"] == "true", cells["canceled"] == "true"
        )
        said = cells["renewal_status"].strip() or {
            ("true", "false"): "renewed",
            ("false", "true"): "canceled",
            ("true", "true"): "renewed and canceled",
        }.get((cells["renewed"], cells["canceled"]), "no decision yet")
        return _Row(
            i,
            cells["name"].strip(),
            season,
            year,
            canonical_network(cells["network"]),
            label,
            rule,
            said,
            None,
            False,
        )

    rows = _read(
        raw,
        TV_RATINGS,
        ("network", "name", "season", "year", "renewed", "canceled", "renewal_status"),
        parse,
        read,
        known=RATINGS_COLUMNS,
    )
    # The file lists a few show-seasons twice, under two years: keep the later, decided one.
    kept: dict[tuple[str, int, str | None], _Row] = {}
    for row in rows:
        key = (title_key(row.title), row.season, row.network)
        held = kept.get(key)
        if held is None or (row.label != "undecided", row.tv_year) > (
            held.label != "undecided",
            held.tv_year,
        ):
            if held is not None:
                read.skipped["show-season listed twice"] += 1
            kept[key] = row
        else:
            read.skipped["show-season listed twice"] += 1
    read.fragments = [_fragment(TV_RATINGS, g, ref) for g in _groups(list(kept.values()))]
    return read

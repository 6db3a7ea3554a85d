"""Buzz: mentions and upvote scores of TV shows in r/television's weekly "What are you
watching" threads (GrubHubGitTub/r-television-Weekly-Thread-Data), December 2022 to August 2023.

Each weekly file counts, for every TVmaze show name found in that week's comments, the
comments that mention it and their summed score; its name carries the thread's date
(dd-mm-yyyy), which becomes the interest point's ``day``. The 2022 "Weekly_Thread_Roundup_N"
files have no date and their numbering skips weeks, so they are not used.

The counts come from matching names in free text, and the upstream README says itself that
"it's hard to accurately count common word TV shows". A one-word title that is an ordinary
English word ("Love", "Will", "Better", "Murder", "Dark") is counted for every comment using
the word, so such rows are skipped: a word counts as ordinary when it appears, lower-case, in
at least :data:`COMMON_SHARE` of the catalogs' English descriptions (see :func:`common_words`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TypedDict, cast

from nextseason.errors import BuildError
from nextseason.importers.fragments import Fragment, Match, SourceRead
from nextseason.importers.parsing import opt_int
from nextseason.importers.rawfiles import RawDir, RawFile, bad_value, read_csv
from nextseason.model import InterestRecord, ShowBundle, ShowRecordData
from nextseason.platforms import platform_name
from nextseason.provenance import REDDIT, source_ref
from nextseason.text import title_key

__all__ = ["COMMON_SHARE", "FOLDER", "common_words", "read_reddit", "upstream_path"]

FOLDER = "reddit/rtelevision-weekly"
REPO = "https://github.com/GrubHubGitTub/r-television-Weekly-Thread-Data"
COMMIT = "74e04e9d94de4594afd9a393febd9cf859bbb859"
#: A word in at least this share of descriptions (and in 3 or more) is an ordinary word.
COMMON_SHARE = 0.002
_DATE = re.compile(r"(\d{2})-(\d{2})-(\d{4})")
_FLAT = re.compile(r"^weekly_data_(\d{4})_(.+?)_(\d{2}-\d{2}-\d{4}-cleaned\.csv)$")
_WORD = re.compile(r"[a-z]+")
EXCLUDED = (
    "the 50 'Weekly_Thread_Roundup_N' files of 2022 are left out: they carry no date and "
    "their numbering skips weeks, so their weeks cannot be recovered"
)


class RedditRow(TypedDict):
    name: str
    streaming: str
    network: str
    mentions: str
    score: str


def common_words(descriptions: Iterable[str]) -> set[str]:
    """Words that appear lower-case in at least COMMON_SHARE of the descriptions."""
    counts: dict[str, int] = defaultdict(int)
    total = 0
    for text in descriptions:
        total += 1
        for word in set(_WORD.findall(text)):
            counts[word] += 1
    floor = max(3.0, COMMON_SHARE * total)
    return {w for w, n in counts.items() if n >= floor}


def upstream_path(file_name: str) -> str:
    """The file's path in the upstream repository ("weekly data/2023/May/27-05-2023-...")."""
    name = file_name.removesuffix(".gz")
    found = _FLAT.match(name)
    if not found:
        return name
    year, folder, leaf = found.groups()
    return f"weekly data/{year}/{folder.replace('_', ' ')}/{leaf}"


def _week(raw: RawFile) -> date | None:
    found = _DATE.search(raw.path.name)
    if not found:
        return None
    day, month, year = (int(g) for g in found.groups())
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise BuildError(f"raw file {raw.name}: bad date in the name: {exc}") from None


def read_reddit(raw_dir: RawDir, ordinary: set[str]) -> SourceRead:
    """One fragment per show name and platform, with its weekly mentions and score."""
    read = SourceRead(REDDIT, notes=[EXCLUDED])
    groups: dict[tuple[str, str, str], list[tuple[date, dict[str, Any]]]] = defaultdict(list)
    refs = {}
    for raw in raw_dir.files(FOLDER, "*.csv"):
        week = _week(raw)
        if week is None:
            read.notes.append(f"left out {raw.name}: no date in the file name")
            continue
        rows = cast(
            list[RedditRow],
            read_csv(raw, required=("name", "streaming", "network", "mentions", "score")),
        )
        read.files[raw.name] = len(rows)
        ref = source_ref(
            REDDIT,
            datetime(week.year, week.month, week.day),
            url=f"{REPO}/blob/{COMMIT}/{upstream_path(raw.path.name)}".replace(" ", "%20"),
            note=f"weekly thread of {week.isoformat()}: comments mentioning each show, and "
            "their summed upvote score",
        )
        read.refs.append(ref)
        refs[week] = ref
        for i, row in enumerate(rows, 1):
            key = title_key(row["name"])
            if not key:
                read.skipped["empty name"] += 1
                continue
            if " " not in key and key in ordinary:
                read.skipped["one-word title that is an ordinary English word"] += 1
                continue
            values: dict[str, Any] = {}
            for column in ("mentions", "score", "regex-mentions"):
                try:
                    values[column] = opt_int(cast(dict[str, str], row).get(column) or "")
                except ValueError as exc:
                    raise bad_value(raw, i, column, exc) from None
            group = (row["name"].strip(), row["streaming"].strip(), row["network"].strip())
            groups[group].append((week, values))
    for (name, streaming, network), items in groups.items():
        read.fragments.append(_fragment(name, streaming, network, items, refs, read))
    return read


def _fragment(
    name: str,
    streaming: str,
    network: str,
    items: list[tuple[date, dict[str, Any]]],
    refs: dict[date, Any],
    read: SourceRead,
) -> Fragment:
    interest: list[InterestRecord] = []
    weeks: list[date] = []
    for week, values in sorted(items, key=lambda item: item[0]):
        if weeks and weeks[-1] == week:
            read.skipped["name listed twice in one week"] += 1
            continue
        weeks.append(week)
        for metric in ("mentions", "score"):
            if values[metric] is not None:
                interest.append(
                    InterestRecord(REDDIT, metric, "week", week, values[metric], refs[week])
                )
    platforms = tuple(p for p in (platform_name(network), platform_name(streaming)) if p)
    data = {
        "name": name,
        "network": network or None,
        "streaming": streaming if platform_name(streaming) else None,
        "weeks": len(weeks),
        "first_week": weeks[0].isoformat(),
        "last_week": weeks[-1].isoformat(),
        "mentions_total": sum(p.value for p in interest if p.metric == "mentions"),
        "score_total": sum(p.value for p in interest if p.metric == "score"),
    }
    ref = refs[weeks[-1]]
    key = f"{name}|{' / '.join(platforms) or 'no platform'}"
    bundle = ShowBundle(
        title=name,
        src=ref,
        records=[ShowRecordData(REDDIT, key, name, None, data, ref)],
        interest=interest,
    )
    return Fragment(bundle, Match("buzz", (title_key(name),), platforms=platforms), len(weeks))

"""Labelled renewal outcomes: read the files in ``raw/outcomes/``, normalize, join, count.

One :class:`LabelledSeason` per show-season: a season of a show aired on a platform, and what
was decided next. The class of each row comes from the rules in
:mod:`nextseason.importers.renewal_rules`;
the counts below are what ``nextseason outlook train`` reports (a test checks them).

Sources and rules
-----------------
**Metacritic renewal scorecards, 2013-2020** (5,049 rows). ``season`` is "1", "SEASON 4",
"SEASONS 27 / 28" (the later is the one judged), "SEASON 2 starts tbd" (not aired yet in that
TV season). ``status`` is free text, classed by
:data:`~nextseason.importers.renewal_rules.SCORECARD_RULES`
(first rule that matches wins; a note on how the show came to this network, such as
"Moved from ABC" or "fka Besties", is removed first). A renewal dated before June of the
season's own year, or given for a season that had not aired yet, is *renewed in advance*; a
cancellation of a season that had not aired yet, but still airs, is *final season announced*.
Network codes ("NETF", "STRZ", "MAX" = Cinemax) become the catalog's names
(:func:`~nextseason.platforms.catalog_platform`). Rows that name no season ("",
"starts tbd") are dropped. A show-season listed in several scorecard years (a season listed
before it aired and again after) keeps the latest year that says something decisive.

**TV Ratings Predictions, 2014-2023** (1,045 broadcast show-seasons). The renewed/canceled
flags and ``renewal_status`` are classed by
:data:`~nextseason.importers.renewal_rules.RATINGS_RULES`.
Per-episode 18-49 ratings give the ratings features; ``final_prediction`` (the app's own
published prediction) is kept only as a baseline, never as a feature.

**Joining the two** on title and season: where both list a show-season and both give a
training label, they must agree, or the row becomes *sources disagree*; where one is
ambiguous, the row stays ambiguous; the ratings come from the ratings file.

**TMDB statuses, cached 2025** (2,578 shows). A show with N seasons had seasons 1..N-1
renewed (*renewed*, rule ``later-season-exists``); season N is *cancelled* when TMDB says
Canceled, *presumed cancelled* when TMDB says Ended after one season of an English-language
show that is not a miniseries (the status rule ``one-season-streaming-ended`` applies the same
inference), *ended* (ambiguous: planned or not) when Ended otherwise, and *undecided* when
Returning Series, In Production, Planned or Pilot. Miniseries are *limited series*. A season's
year is its air date in the cached season files, else interpolated between the first and last
air dates. TMDB rows join the others only where title, season and platform match and no
scorecard or ratings row exists; where one does, the TMDB label is only compared (agreement
is counted).

**Netflix Top 10, weekly, 2021-2026** (the catalog's raw file). For English-language shows,
a season that first charted at least three years before the file's last week is *renewed* when
a later season charted (rule ``later-season-charted``) and *presumed cancelled* when none did
(``no-later-season-in-3-years``); newer seasons are *undecided* (so that recent years do not
hold renewals only). Seasons that first charted within 8 weeks of another season of the same
show are a library title found by new viewers, not a release, and are dropped, as are seasons
already out when the chart began. Limited series are left out. Where a file above already has
the season, its label stands (agreement is counted). For every Netflix season from 2021 on,
the chart gives the weeks in the Top 10 and the hours viewed in its first four weeks; a season
released from 2022 on that never charted has 0 weeks.

**OMDb series, 1995-2017** (29,754 series) give genres and runtime by title and year; their
one-season proxy label (``total_seasons`` = 1 means cancelled after season 1) is counted but
not trained on: it cannot tell a miniseries or a one-season-by-design show from a
cancellation, and it has no platform.

**Show-level outcomes** (2,006 shows, derived from the same scorecards) give the premiere
year and the episode length; their popularity and rating columns (tvtime followers, IMDb and
Rotten Tomatoes rates, awards) were measured years after the decisions and are not used.
Their status is compared with the last scorecard season of each show (agreement counted).

Counts (``nextseason outlook train`` prints these)
--------------------------------------------------
- scorecards: 5,049 rows -> 2,192 labelled for training, 361 ambiguous, 2,206 unlabelled
  (undecided 1,969; renewed 1,570; cancelled 525; final season announced 186; limited series
  179; renewed in advance 150; renewed for a final season 81; never aired 58; moved network 18;
  presumed cancelled 16; decision reversed 7)
- ratings: 1,045 rows -> 852 labelled for training, 164 ambiguous, 22 unlabelled (renewed 521;
  cancelled 291; renewed in advance 73; final season announced 57; renewed for a final season
  40; moved network 25; undecided 22; decision reversed 9)
- tmdb: 2,578 rows -> 945 labelled for training, 84 ambiguous, 417 unlabelled (renewed 704;
  undecided 265; limited series 152; cancelled 143; presumed cancelled 98; ended 84)
- netflix_top10: 635 rows -> 183 labelled for training, 0 ambiguous, 344 unlabelled (undecided
  344; presumed cancelled 105; renewed 78)
- omdb: 29,754 rows, read for facts that do not change (no labels)
- show_outcomes: 2,004 rows, read for facts that do not change (no labels)
- all: 6,730 rows -> 3,378 labelled for training, 547 ambiguous, 2,805 unlabelled (undecided
  2,436; renewed 2,387; cancelled 722; limited series 311; final season announced 212; renewed
  in advance 206; presumed cancelled 174; renewed for a final season 95; ended 75; never aired
  58; moved network 38; decision reversed 15; sources disagree 1)
- dropped: chart seasons already out when the chart began 7, chart seasons of shows made for
  another platform 46, chart seasons that charted with another season (library) 101, ratings
  rows repeating a show-season 7, scorecard rows naming no season 7, scorecard rows repeating a
  show-season 283, tmdb seasons before 2010 692, tmdb seasons without a date 115, tmdb shows not
  in English 1,416, tmdb shows with no season 105
- joins: Netflix seasons in the Top 10 481, Netflix seasons never in the Top 10 21, chart label
  agrees with the file 13, chart label disagrees with the file 2, ratings rows joined to a
  scorecard row 741, scorecard and ratings labels agree 558, scorecard and ratings labels
  disagree 1, scorecard seasons whose later listing overrides an earlier one 2, seasons given
  OMDb genres and runtime 2,009, seasons given TMDB genres and type 1,388, show-level status
  agrees with the last scorecard label 493, show-level status differs from the last scorecard
  label 22, tmdb label agrees with the file 76, tmdb label disagrees with the file 1, tmdb
  seasons of a namesake on another platform 49
- OMDb one-season proxy (not trained on): 2+ seasons 5,588, no season count 14,647, one season
  (proxy: cancelled) 8,417, too recent to tell (first aired after 2015) 1,102
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from nextseason.errors import BuildError
from nextseason.importers.rawfiles import RawDir, RawFile, bad_value, read_csv, read_text
from nextseason.importers.renewal_rules import (
    AMBIGUOUS,
    TRAINING_LABEL,
    LabelClass,
    ratings_class,
    scorecard_class,
    scorecard_season,
)
from nextseason.outlook.features import (
    TOP10_FIRST_WEEK,
    TOP10_WINDOW_DAYS,
    Top10Season,
    summarize_top10,
)
from nextseason.platforms import catalog_platform as canonical_platform
from nextseason.text import title_key

__all__ = [
    "FILES",
    "CatalogJoin",
    "LabelCounts",
    "LabelledSeason",
    "Labels",
    "docstring_counts",
    "join_catalog",
    "read_labels",
]

#: TMDB seasons older than this are left out: the other files start in 2013, and today's
#: platforms did not exist.
TMDB_FIRST_YEAR = 2010

#: The files under ``raw/`` that training reads.
FILES = {
    "scorecards": "outcomes/metacritic_renewal_scorecards_2013_2020.csv",
    "show_outcomes": "outcomes/metacritic_show_outcomes_2013_2020.csv",
    "ratings": "outcomes/tv_ratings_predictions_2014_2023.csv",
    "tmdb_details": "outcomes/tmdb_tv_details_2025.jsonl",
    "tmdb_seasons": "outcomes/tmdb_tv_seasons_2025.jsonl",
    "omdb": "outcomes/omdb_series_1995_2017.csv",
    "top10": "netflix/top10_all-weeks-global.tsv",
}


@dataclass(frozen=True, slots=True)
class LabelledSeason:
    """A season of a show, the platform it aired on, and what was decided next."""

    source: str  # "scorecards" | "ratings" | "tmdb"
    title: str
    season: int
    year: int  # the year the season aired (a TV season's start year for the scorecards)
    platform: str | None
    label_class: LabelClass
    rule: str
    status: str = ""
    # Facts known when the decision was made.
    episodes: int | None = None
    runtime: int | None = None
    ratings: tuple[float, ...] = ()
    network_median_rating: float | None = None
    genres: tuple[str, ...] = ()
    kind: str | None = None  # TMDB/TVmaze type: "Scripted", "Reality", "Animation", ...
    premiere_year: int | None = None
    language: str | None = None
    first_aired: date | None = None  # the season's first episode, where known
    top10_weeks: int | None = None
    top10_hours: float | None = None
    schedule: tuple[str, ...] = ()  # the ratings file's factors ("Not Original", "10pm", ...)
    # The ratings app's own published prediction (a baseline, never a feature).
    final_prediction: float | None = None
    also: tuple[str, ...] = ()  # other sources that list this show-season

    @property
    def key(self) -> tuple[str, int]:
        return (title_key(self.title), self.season)

    @property
    def label(self) -> int | None:
        """1 renewed, 0 not renewed, None when the row is not trained on."""
        return TRAINING_LABEL.get(self.label_class)


@dataclass
class LabelCounts:
    """What each source gave, row by row and class by class, and how the joins went."""

    rows: dict[str, int] = field(default_factory=dict)
    classes: dict[str, Counter[str]] = field(default_factory=dict)
    dropped: Counter[str] = field(default_factory=Counter)
    joins: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        out = []
        for source, n in self.rows.items():
            if source not in self.classes:
                out.append(f"- {source}: {n:,} rows, read for facts that do not change (no labels)")
                continue
            classes = self.classes[source]
            kept = sum(v for k, v in classes.items() if k in TRAINING_LABEL)
            ambiguous = sum(v for k, v in classes.items() if k in AMBIGUOUS)
            other = sum(classes.values()) - kept - ambiguous
            out.append(
                f"- {source}: {n:,} rows -> {kept:,} labelled for training, "
                f"{ambiguous:,} ambiguous, {other:,} unlabelled "
                f"({_classes_text(classes)})"
            )
        if self.dropped:
            out.append(
                "- dropped: " + ", ".join(f"{k} {v:,}" for k, v in sorted(self.dropped.items()))
            )
        if self.joins:
            out.append("- joins: " + ", ".join(f"{k} {v:,}" for k, v in sorted(self.joins.items())))
        return out


def _classes_text(classes: Counter[str]) -> str:
    return "; ".join(f"{k} {v:,}" for k, v in sorted(classes.items(), key=lambda kv: -kv[1]))


@dataclass
class Labels:
    """Every show-season, after the joins; ``seasons`` holds all classes."""

    seasons: list[LabelledSeason]
    counts: LabelCounts
    omdb_proxy: Counter[str] = field(default_factory=Counter)
    chart_end: date | None = None  # the last week of the Netflix Top 10 file

    @property
    def training(self) -> list[LabelledSeason]:
        return [s for s in self.seasons if s.label is not None]


# ---------------------------------------------------------------------------------------
# Small parsers


def _int(text: str | None) -> int | None:
    try:
        return int(float(text)) if text else None
    except ValueError:
        return None


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _date(text: object) -> date | None:
    if not isinstance(text, str) or len(text) < 10:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _jsonl(raw: RawFile) -> list[dict[str, Any]]:
    out = []
    for i, line in enumerate(read_text(raw).splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise bad_value(raw, i, "json", exc) from None
        if not isinstance(item, dict):
            raise BuildError(f"{raw.what} {raw.name} line {i}: not a JSON object")
        out.append(item)
    return out


# ---------------------------------------------------------------------------------------
# Metacritic scorecards


def _scorecards(raw: RawDir, counts: LabelCounts) -> list[LabelledSeason]:
    rows = read_csv(
        raw.file(FILES["scorecards"]), required=("name", "season", "status", "tv_network", "ano")
    )
    counts.rows["scorecards"] = len(rows)
    found: list[LabelledSeason] = []
    for i, row in enumerate(rows, 1):
        season = scorecard_season(row["season"])
        year = _int(row["ano"])
        if year is None:
            raise bad_value(raw.file(FILES["scorecards"]), i, "ano", ValueError(row["ano"]))
        if season is None:
            counts.dropped["scorecard rows naming no season"] += 1
            continue
        label: LabelClass
        label, rule = scorecard_class(row["status"], year)
        if "start" in row["season"].casefold():  # the season had not aired yet that TV year
            if label in ("renewed", "renewed for a final season"):
                label, rule = "renewed in advance", "not-aired-yet"
            elif label in ("cancelled", "presumed cancelled"):
                label, rule = "final season announced", "not-aired-yet"
        found.append(
            LabelledSeason(
                source="scorecards",
                title=row["name"].strip(),
                season=season,
                year=year,
                platform=canonical_platform(row["tv_network"], scorecard=True),
                label_class=label,
                rule=rule,
                status=" ".join(row["status"].split()),
            )
        )
    # A show-season listed in several years keeps the latest year that decided something.
    by_key: dict[tuple[str, int], list[LabelledSeason]] = defaultdict(list)
    for item in found:
        by_key[item.key].append(item)
    out = []
    for items in by_key.values():
        items.sort(key=lambda s: s.year)
        decided = [s for s in items if s.label_class != "undecided"]
        chosen = decided[-1] if decided else items[-1]
        labels = {s.label for s in decided if s.label is not None}
        if len(labels) > 1:
            counts.joins["scorecard seasons whose later listing overrides an earlier one"] += 1
        if len(items) > 1:
            counts.dropped["scorecard rows repeating a show-season"] += len(items) - 1
        out.append(chosen)
    counts.classes["scorecards"] = Counter(s.label_class for s in out)
    return out


# ---------------------------------------------------------------------------------------
# TV Ratings Predictions (broadcast, with per-episode ratings)


def _ratings_list(text: str) -> tuple[float, ...]:
    values = [_float(part) for part in text.split(";")]
    return tuple(v for v in values if v is not None and v > 0)


def _ratings(raw: RawDir, counts: LabelCounts) -> list[LabelledSeason]:
    columns = (
        "network",
        "name",
        "season",
        "year",
        "episodes",
        "halfhour",
        "renewed",
        "canceled",
        "renewal_status",
        "final_prediction",
        "factors",
        "ratings_18_49",
    )
    rows = read_csv(raw.file(FILES["ratings"]), required=columns)
    counts.rows["ratings"] = len(rows)
    out = []
    for row in rows:
        season, year = _int(row["season"]), _int(row["year"])
        if season is None or year is None:
            counts.dropped["ratings rows without season or year"] += 1
            continue
        label, rule = ratings_class(
            row["renewal_status"], row["renewed"] == "true", row["canceled"] == "true"
        )
        out.append(
            LabelledSeason(
                source="ratings",
                title=row["name"].strip(),
                season=season,
                year=year,
                platform=canonical_platform(row["network"]),
                label_class=label,
                rule=rule,
                status=row["renewal_status"],
                episodes=_int(row["episodes"]),
                runtime=30 if row["halfhour"] == "true" else 60,
                ratings=_ratings_list(row["ratings_18_49"]),
                schedule=tuple(f for f in row["factors"].split(";") if f),
                final_prediction=_float(row["final_prediction"]),
            )
        )
    # The file lists a few show-seasons twice, under two years: keep the one that decided.
    by_key: dict[tuple[str, int], list[LabelledSeason]] = defaultdict(list)
    for item in out:
        by_key[item.key].append(item)
    out = []
    for items in by_key.values():
        items.sort(key=lambda s: (s.label_class != "undecided", s.year))
        out.append(items[-1])
        if len(items) > 1:
            counts.dropped["ratings rows repeating a show-season"] += len(items) - 1
    # The median average rating of each network's shows that year: what "good ratings" meant.
    per_network: dict[tuple[str | None, int], list[float]] = defaultdict(list)
    for item in out:
        if item.ratings:
            per_network[(item.platform, item.year)].append(_mean(_decision_ratings(item.ratings)))
    medians = {k: _median(v) for k, v in per_network.items()}
    out = [replace(s, network_median_rating=medians.get((s.platform, s.year))) for s in out]
    counts.classes["ratings"] = Counter(s.label_class for s in out)
    return out


def _decision_ratings(ratings: tuple[float, ...]) -> tuple[float, ...]:
    """The episodes a network had seen when it decided: all but the last third of a long
    season (late episodes of a cancelled show are often burned off after the decision)."""
    if len(ratings) < 6:
        return ratings
    return ratings[: max(3, (2 * len(ratings)) // 3)]


def _mean(values: Iterable[float]) -> float:
    items = list(values)
    return sum(items) / len(items)


def _median(values: list[float]) -> float:
    items = sorted(values)
    mid = len(items) // 2
    return items[mid] if len(items) % 2 else (items[mid - 1] + items[mid]) / 2


def _join_explicit(
    cards: list[LabelledSeason], ratings: list[LabelledSeason], counts: LabelCounts
) -> list[LabelledSeason]:
    """Scorecard and ratings rows of the same show-season become one row."""
    by_key = {s.key: s for s in cards}
    out = list(cards)
    index = {s.key: i for i, s in enumerate(out)}
    for r in ratings:
        card = by_key.get(r.key)
        if card is None or (card.platform and r.platform and card.platform != r.platform):
            out.append(r)
            continue
        counts.joins["ratings rows joined to a scorecard row"] += 1
        label_class, rule = card.label_class, card.rule
        if card.label is not None and r.label is not None:
            if card.label != r.label:
                label_class, rule = "sources disagree", "scorecard-vs-ratings"
                counts.joins["scorecard and ratings labels disagree"] += 1
            else:
                counts.joins["scorecard and ratings labels agree"] += 1
        elif r.label_class in AMBIGUOUS or card.label_class == "undecided":
            label_class, rule = r.label_class, r.rule
        merged = replace(
            r,
            year=card.year,
            label_class=label_class,
            rule=rule,
            status=f"{card.status} | {r.status}".strip(" |"),
            also=("scorecards",),
        )
        out[index[r.key]] = merged
    return out


# ---------------------------------------------------------------------------------------
# TMDB: statuses as labels; genres, type, premiere and language for every row


@dataclass(frozen=True, slots=True)
class _TmdbShow:
    title: str
    platform: str | None
    status: str
    kind: str
    seasons: int
    first: date | None
    last: date | None
    genres: tuple[str, ...]
    language: str | None
    season_dates: dict[int, date]
    season_episodes: dict[int, int]


def _tmdb_shows(raw: RawDir) -> list[_TmdbShow]:
    season_dates: dict[int, dict[int, date]] = defaultdict(dict)
    season_episodes: dict[int, dict[int, int]] = defaultdict(dict)
    for item in _jsonl(raw.file(FILES["tmdb_seasons"])):
        value = item.get("value") or {}
        number, show = value.get("season_number"), item.get("tmdb_id")
        if not isinstance(number, int) or not isinstance(show, int):
            continue
        aired = _date(value.get("air_date"))
        if aired:
            season_dates[show][number] = aired
        episodes = value.get("episodes")
        if isinstance(episodes, list) and episodes:
            season_episodes[show][number] = len(episodes)
    out = []
    for item in _jsonl(raw.file(FILES["tmdb_details"])):
        v = item.get("value")
        if not isinstance(v, dict):
            continue
        networks = [n.get("name") for n in v.get("networks") or [] if isinstance(n, dict)]
        languages = v.get("languages") or []
        show_id = int(v.get("id") or item.get("tmdb_id") or 0)
        out.append(
            _TmdbShow(
                title=str(v.get("name") or ""),
                platform=canonical_platform(networks[0]) if networks else None,
                status=str(v.get("status") or ""),
                kind=str(v.get("type") or ""),
                seasons=int(v.get("number_of_seasons") or 0),
                first=_date(v.get("first_air_date")),
                last=_date(v.get("last_air_date")),
                genres=tuple(
                    str(g.get("name")) for g in v.get("genres") or [] if isinstance(g, dict)
                ),
                language=str(languages[0]) if languages else None,
                season_dates=season_dates.get(show_id, {}),
                season_episodes=season_episodes.get(show_id, {}),
            )
        )
    return out


def _season_year(show: _TmdbShow, season: int) -> int | None:
    if season in show.season_dates:
        return show.season_dates[season].year
    if show.first is None:
        return None
    if show.last is None or show.seasons <= 1:
        return show.first.year
    share = (season - 1) / (show.seasons - 1)
    return round(show.first.year + share * (show.last.year - show.first.year))


def _tmdb_last_season(show: _TmdbShow) -> tuple[LabelClass, str]:
    if show.status == "Canceled":
        return "cancelled", "tmdb-canceled"
    if show.status == "Ended":
        if show.seasons == 1:
            return "presumed cancelled", "tmdb-one-season-ended"
        return "ended", "tmdb-ended"
    return "undecided", f"tmdb-{title_key(show.status).replace(' ', '-') or 'no-status'}"


def _tmdb_seasons(shows: list[_TmdbShow], counts: LabelCounts) -> list[LabelledSeason]:
    counts.rows["tmdb"] = len(shows)
    out = []
    for show in shows:
        if show.seasons < 1 or not show.title:
            counts.dropped["tmdb shows with no season"] += 1
            continue
        if show.language != "en":
            # Only renewals and TMDB's Canceled can be read for them (a single-season Ended
            # is how many such shows are made): the labels would be one-sided.
            counts.dropped["tmdb shows not in English"] += 1
            continue
        for season in range(1, show.seasons + 1):
            year = _season_year(show, season)
            if year is None:
                counts.dropped["tmdb seasons without a date"] += 1
                continue
            if year < TMDB_FIRST_YEAR:
                counts.dropped[f"tmdb seasons before {TMDB_FIRST_YEAR}"] += 1
                continue
            label: LabelClass
            if show.kind == "Miniseries":
                label, rule = "limited series", "tmdb-miniseries"
            elif season < show.seasons:
                label, rule = "renewed", "later-season-exists"
            else:
                label, rule = _tmdb_last_season(show)
            out.append(
                LabelledSeason(
                    source="tmdb",
                    title=show.title,
                    season=season,
                    year=year,
                    platform=show.platform,
                    label_class=label,
                    rule=rule,
                    status=show.status,
                    episodes=show.season_episodes.get(season),
                    genres=show.genres,
                    kind=show.kind or None,
                    premiere_year=show.first.year if show.first else None,
                    language=show.language,
                    first_aired=show.season_dates.get(season),
                )
            )
    counts.classes["tmdb"] = Counter(s.label_class for s in out)
    return out


def _join_tmdb(
    explicit: list[LabelledSeason], tmdb: list[LabelledSeason], counts: LabelCounts
) -> list[LabelledSeason]:
    index = {s.key: i for i, s in enumerate(explicit)}
    out = list(explicit)
    for t in tmdb:
        i = index.get(t.key)
        if i is None:
            out.append(t)
            continue
        mine = out[i]
        if mine.platform and t.platform and mine.platform != t.platform:
            counts.joins["tmdb seasons of a namesake on another platform"] += 1
            out.append(t)
            continue
        if mine.label is not None and t.label is not None:
            agree = mine.label == t.label
            counts.joins[f"tmdb label {'agrees' if agree else 'disagrees'} with the file"] += 1
        out[i] = replace(mine, also=(*mine.also, "tmdb"))
    return out


# ---------------------------------------------------------------------------------------
# Enrichment: facts that do not change with time, by title (and year)


_YEAR = re.compile(r"(\d{4})")


@dataclass(frozen=True, slots=True)
class _Static:
    genres: tuple[str, ...] = ()
    kind: str | None = None
    premiere_year: int | None = None
    runtime: int | None = None
    language: str | None = None


def _omdb(raw: RawDir, counts: Counter[str]) -> dict[str, list[_Static]]:
    rows = read_csv(
        raw.file(FILES["omdb"]),
        required=("imdb_id", "title", "year", "genre", "runtime", "total_seasons", "language"),
    )
    out: dict[str, list[_Static]] = defaultdict(list)
    for row in rows:
        first = _YEAR.search(row["year"])
        runtime = _int(row["runtime"].split()[0]) if row["runtime"] else None
        genres = tuple(g.strip() for g in row["genre"].split(",") if g.strip())
        seasons = _int(row["total_seasons"])
        year = int(first.group(1)) if first else None
        # The one-season proxy: counted, not trained on (see the module docstring).
        if seasons is None:
            counts["no season count"] += 1
        elif year is not None and year > 2015:
            counts["too recent to tell (first aired after 2015)"] += 1
        else:
            counts["one season (proxy: cancelled)" if seasons == 1 else "2+ seasons"] += 1
        language = row["language"].split(",")[0].strip() or None
        out[title_key(row["title"])].append(
            _Static(genres, None, year, runtime if runtime and runtime < 200 else None, language)
        )
    return out


def _show_outcomes(raw: RawDir) -> dict[str, dict[str, str]]:
    rows = read_csv(
        raw.file(FILES["show_outcomes"]),
        required=("name", "status", "tv_network", "released_year", "eps_duration"),
    )
    return {title_key(r["name"]): r for r in rows}


_LANGUAGES = {"english": "en"}


def _pick(candidates: list[_Static], season: LabelledSeason) -> _Static | None:
    """The namesake whose premiere fits the season (aired in year Y as season N: premiered
    around Y - N + 1, give or take the gaps between seasons)."""
    fits = []
    for c in candidates:
        if c.premiere_year is None:
            continue
        start = season.year - season.season + 1
        if c.premiere_year <= season.year + 1 and c.premiere_year >= start - 3:
            fits.append((abs(c.premiere_year - start), c))
    if not fits:
        return None
    fits.sort(key=lambda t: t[0])
    return fits[0][1]


def _enrich(
    seasons: list[LabelledSeason],
    tmdb: list[_TmdbShow],
    omdb: dict[str, list[_Static]],
    outcomes: dict[str, dict[str, str]],
    counts: LabelCounts,
) -> list[LabelledSeason]:
    by_title: dict[str, list[_Static]] = defaultdict(list)
    platforms: dict[tuple[str, int | None], str | None] = {}
    for show in tmdb:
        static = _Static(
            show.genres,
            show.kind or None,
            show.first.year if show.first else None,
            None,
            show.language,
        )
        by_title[title_key(show.title)].append(static)
        platforms[(title_key(show.title), static.premiere_year)] = show.platform
    out = []
    for s in seasons:
        key = title_key(s.title)
        found = _pick(by_title.get(key, []), s)
        if found and found.premiere_year is not None:
            other = platforms.get((key, found.premiere_year))
            if s.platform and other and other != s.platform:
                found = None
        if found:
            counts.joins["seasons given TMDB genres and type"] += 1
            s = replace(
                s,
                genres=s.genres or found.genres,
                kind=s.kind or found.kind,
                premiere_year=s.premiere_year or found.premiere_year,
                language=s.language or found.language,
            )
        imdb = _pick(omdb.get(key, []), s)
        if imdb:
            counts.joins["seasons given OMDb genres and runtime"] += 1
            language = _LANGUAGES.get((imdb.language or "").casefold(), imdb.language)
            s = replace(
                s,
                genres=s.genres or imdb.genres,
                runtime=s.runtime or imdb.runtime,
                premiere_year=s.premiere_year or imdb.premiere_year,
                language=s.language or language,
            )
        row = outcomes.get(key)
        if row is not None and s.source != "tmdb":
            released = _int(row["released_year"])
            if released and released <= s.year and s.premiere_year is None:
                s = replace(s, premiere_year=released)
            if s.runtime is None and row["eps_duration"] == "short":
                s = replace(s, runtime=30)
        if s.season == 1 and s.premiere_year is None:
            s = replace(s, premiere_year=s.year)
        out.append(s)
    return out


def _compare_outcomes(
    seasons: list[LabelledSeason], outcomes: dict[str, dict[str, str]], counts: LabelCounts
) -> None:
    """How often the show-level status agrees with the last scorecard season's label."""
    last: dict[str, LabelledSeason] = {}
    for s in seasons:
        if "scorecards" in (s.source, *s.also):
            key = title_key(s.title)
            if key not in last or s.season > last[key].season:
                last[key] = s
    wanted = {"canceled": 0, "renewed": 1}
    for key, row in outcomes.items():
        label = wanted.get(row["status"])
        mine = last.get(key)
        if label is None or mine is None or mine.label is None:
            continue
        counts.joins[
            "show-level status agrees with the last scorecard label"
            if label == mine.label
            else "show-level status differs from the last scorecard label"
        ] += 1


# ---------------------------------------------------------------------------------------
# Netflix Top 10: weeks in the chart and hours viewed, in the first weeks of a season


def top10_seasons(raw: RawDir) -> dict[tuple[str, int], Top10Season]:
    """Chart figures per (title key, season) from the Top 10 file, first weeks only."""
    from nextseason.importers.chart_titles import top10_season

    rows = read_csv(
        raw.file(FILES["top10"]),
        required=("week", "category", "show_title", "season_title", "weekly_hours_viewed"),
        delimiter="\t",
    )
    weeks: dict[tuple[str, int], list[tuple[date, float]]] = defaultdict(list)
    for row in rows:
        if not row["category"].startswith("TV"):
            continue
        season = top10_season(row["show_title"], row["season_title"])
        if season < 1:
            continue
        day = _date(row["week"])
        if day is None:
            continue
        hours = _float(row["weekly_hours_viewed"]) or 0.0
        weeks[(title_key(row["show_title"]), season)].append((day, hours))
    return {key: summarize_top10(points) for key, points in weeks.items()}


#: A show with no later season in the chart this long after a season first charted is
#: presumed not renewed (Netflix releases a renewed show's next season within about two years).
CHART_SILENCE_DAYS = 3 * 365
#: Seasons that first charted within this many days of another season of the same show
#: charted together: a library title (a licensed show found by new viewers), not a release.
LIBRARY_DAYS = 56


def _chart_rows(raw: RawDir, counts: LabelCounts) -> tuple[list[LabelledSeason], date | None]:
    """Labels read from the chart itself, for English-language Netflix shows; and the
    chart's last week."""
    from nextseason.importers.chart_titles import top10_season

    rows = read_csv(
        raw.file(FILES["top10"]),
        required=("week", "category", "show_title", "season_title"),
        delimiter="\t",
    )
    first: dict[str, dict[int, date]] = defaultdict(dict)
    titles: dict[str, str] = {}
    weeks = [d for d in (_date(r["week"]) for r in rows) if d is not None]
    if not weeks:
        return [], None
    chart_start, chart_end = min(weeks), max(weeks)
    for row in rows:
        if row["category"] != "TV (English)" or "Limited Series" in row["season_title"]:
            continue
        season = top10_season(row["show_title"], row["season_title"])
        day = _date(row["week"])
        if season < 1 or day is None:
            continue
        key = title_key(row["show_title"])
        titles.setdefault(key, row["show_title"].strip())
        if season not in first[key] or day < first[key][season]:
            first[key][season] = day
    out = []
    for key, seasons in first.items():
        for season, day in sorted(seasons.items()):
            counts.rows["netflix_top10"] = counts.rows.get("netflix_top10", 0) + 1
            if any(
                abs((other - day).days) < LIBRARY_DAYS
                for n, other in seasons.items()
                if n != season
            ):
                counts.dropped["chart seasons that charted with another season (library)"] += 1
                continue
            if (day - chart_start).days < TOP10_WINDOW_DAYS:
                counts.dropped["chart seasons already out when the chart began"] += 1
                continue
            label: LabelClass
            if any(n > season for n in seasons):
                label, rule = "renewed", "later-season-charted"
            elif (chart_end - day).days > CHART_SILENCE_DAYS:
                label, rule = "presumed cancelled", "no-later-season-in-3-years"
            else:
                label, rule = "undecided", "charted-less-than-3-years-ago"
            if label != "undecided" and (chart_end - day).days <= CHART_SILENCE_DAYS:
                # Only seasons old enough for either answer to show: otherwise the recent
                # years would hold renewals only.
                label, rule = "undecided", "charted-less-than-3-years-ago"
            out.append(
                LabelledSeason(
                    source="netflix_top10",
                    title=titles[key],
                    season=season,
                    year=day.year,
                    platform="Netflix",
                    label_class=label,
                    rule=rule,
                    first_aired=day,
                )
            )
    counts.classes["netflix_top10"] = Counter(s.label_class for s in out)
    return out, chart_end


def _join_chart(
    seasons: list[LabelledSeason], chart: list[LabelledSeason], counts: LabelCounts
) -> list[LabelledSeason]:
    index = {s.key: i for i, s in enumerate(seasons) if s.platform == "Netflix"}
    platforms: dict[str, set[str]] = defaultdict(set)
    for s in seasons:
        if s.platform:
            platforms[title_key(s.title)].add(s.platform)
    out = list(seasons)
    for c in chart:
        made_for = platforms.get(title_key(c.title), set())
        if made_for and "Netflix" not in made_for:
            # A network show Netflix licensed (Grey's Anatomy): its next season is not
            # Netflix's decision, and may never chart there.
            counts.dropped["chart seasons of shows made for another platform"] += 1
            continue
        i = index.get(c.key)
        if i is None:
            out.append(c)
            continue
        mine = out[i]
        if mine.label is not None and c.label is not None:
            agree = mine.label == c.label
            counts.joins[f"chart label {'agrees' if agree else 'disagrees'} with the file"] += 1
        out[i] = replace(mine, also=(*mine.also, "netflix_top10"))
    return out


def _with_top10(
    seasons: list[LabelledSeason],
    charts: dict[tuple[str, int], Top10Season],
    counts: LabelCounts,
) -> list[LabelledSeason]:
    out = []
    for s in seasons:
        if s.platform == "Netflix" and s.year >= TOP10_FIRST_WEEK.year:
            chart = charts.get(s.key)
            if chart is not None:
                counts.joins["Netflix seasons in the Top 10"] += 1
                s = replace(s, top10_weeks=chart.weeks, top10_hours=chart.hours)
            elif s.year >= TOP10_FIRST_WEEK.year + 1:
                # Released when the chart existed and never in it: that is a fact, not a gap.
                counts.joins["Netflix seasons never in the Top 10"] += 1
                s = replace(s, top10_weeks=0, top10_hours=0.0)
        out.append(s)
    return out


# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CatalogJoin:
    """How the labelled shows meet the catalog's shows (by title, and platform when both
    name one)."""

    shows: int  # labelled shows (title + platform)
    matched: int  # of them, in the catalog
    seasons: int  # training seasons of the matched shows
    examples: tuple[str, ...]


def join_catalog(labels: Labels, entries: Iterable[tuple[str, str | None]]) -> CatalogJoin:
    """Match the labelled shows to catalog shows given as (title, platform) pairs."""
    catalog: dict[str, set[str | None]] = defaultdict(set)
    for title, platform in entries:
        catalog[title_key(title)].add(canonical_platform(platform))
    shows: dict[tuple[str, str | None], list[LabelledSeason]] = defaultdict(list)
    for s in labels.seasons:
        shows[(title_key(s.title), s.platform)].append(s)
    matched = [
        key
        for key in shows
        if key[0] in catalog
        and (key[1] is None or key[1] in catalog[key[0]] or catalog[key[0]] == {None})
    ]
    seasons = sum(1 for key in matched for s in shows[key] if s.label is not None)
    examples = tuple(sorted(shows[key][0].title for key in matched)[:5])
    return CatalogJoin(len(shows), len(matched), seasons, examples)


def docstring_counts(labels: Labels) -> str:
    """The counts as this module's docstring states them (a test compares the two)."""
    import textwrap

    proxy = ", ".join(f"{k} {v:,}" for k, v in sorted(labels.omdb_proxy.items()))
    lines = [*labels.counts.lines(), f"- OMDb one-season proxy (not trained on): {proxy}"]
    return "\n".join(
        textwrap.fill(line, width=96, subsequent_indent="  ", break_on_hyphens=False)
        for line in lines
    )


def read_labels(raw_dir: Path | RawDir) -> Labels:
    """Every labelled show-season from ``raw/outcomes/`` (and the Netflix Top 10 file)."""
    raw = raw_dir if isinstance(raw_dir, RawDir) else RawDir(Path(raw_dir))
    counts = LabelCounts()
    cards = _scorecards(raw, counts)
    ratings = _ratings(raw, counts)
    explicit = _join_explicit(cards, ratings, counts)
    tmdb_shows = _tmdb_shows(raw)
    tmdb = _tmdb_seasons(tmdb_shows, counts)
    chart, chart_end = _chart_rows(raw, counts)
    joined = _join_chart(_join_tmdb(explicit, tmdb, counts), chart, counts)
    proxy: Counter[str] = Counter()
    omdb = _omdb(raw, proxy)
    counts.rows["omdb"] = sum(len(v) for v in omdb.values())
    outcomes = _show_outcomes(raw)
    counts.rows["show_outcomes"] = len(outcomes)
    enriched = _enrich(joined, tmdb_shows, omdb, outcomes, counts)
    _compare_outcomes(enriched, outcomes, counts)
    final = _with_top10(enriched, top10_seasons(raw), counts)
    counts.classes["all"] = Counter(s.label_class for s in final)
    counts.rows["all"] = len(final)
    final.sort(key=lambda s: (s.year, title_key(s.title), s.season, s.source))
    return Labels(final, counts, proxy, chart_end)

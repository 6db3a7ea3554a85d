"""The 2022 Netflix catalog (Kaggle, victorsoeiro): titles with IMDb ids and scores.

Unlike the 2021 files, ``release_year`` here is the premiere year (it equals TVmaze's
premiere year for the shows both know by IMDb id, give or take a late-December premiere),
and ``seasons`` counts the show's seasons. The file has no dates, so its snapshot date is
read from the Netflix Top 10: the newest 2022 titles it lists first charted in the week that
began on that date (see :func:`snapshot_date`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, TypedDict, cast

from nextseason.genres import canonical_genres, display_genres
from nextseason.importers.countries import country_codes
from nextseason.importers.fragments import Fragment, Match, SourceRead, YearSpan
from nextseason.importers.parsing import opt_float, opt_int, python_list
from nextseason.importers.rawfiles import RawDir, RawFile, bad_value, read_csv
from nextseason.model import PlatformLink, ShowBundle, ShowRecordData, SourceRef
from nextseason.platforms import NETFLIX, platform_ref
from nextseason.provenance import NETFLIX_2022, source_ref
from nextseason.text import split_qualifier, title_key

__all__ = ["FILE", "read_netflix_2022", "snapshot_date"]

FILE = "netflix/netflix_titles_2022.csv"


class Netflix2022Row(TypedDict):
    id: str
    title: str
    type: str
    description: str
    release_year: str
    age_certification: str
    runtime: str
    genres: str
    production_countries: str
    seasons: str
    imdb_id: str
    imdb_score: str
    imdb_votes: str
    tmdb_popularity: str
    tmdb_score: str


_COLUMNS = tuple(Netflix2022Row.__annotations__)


def snapshot_date(rows: list[Netflix2022Row], first_charted: Mapping[str, date]) -> date:
    """The start of the latest Top 10 week in which a title of the file's newest release
    year first charted: the file cannot predate the release of a title it lists."""
    newest = max(int(r["release_year"]) for r in rows)
    starts = [
        first_charted[key]
        for key in (title_key(r["title"]) for r in rows if int(r["release_year"]) == newest)
        if key in first_charted and first_charted[key].year == newest
    ]
    return max(starts, default=date(newest, 1, 1))


def read_netflix_2022(raw_dir: RawDir, first_charted: Mapping[str, date]) -> SourceRead:
    """One fragment per SHOW row. ``first_charted``: title key -> first Top 10 week start."""
    raw = raw_dir.file(FILE)
    rows = cast(list[Netflix2022Row], read_csv(raw, required=_COLUMNS, known=_COLUMNS))
    for i, row in enumerate(rows, 1):
        if not row["release_year"].strip().isdigit():
            raise bad_value(raw, i, "release_year", ValueError(repr(row["release_year"])))
    as_of = snapshot_date(rows, first_charted) if rows else date(2022, 1, 1)
    ref = source_ref(
        NETFLIX_2022,
        datetime(as_of.year, as_of.month, as_of.day),
        note=f"Netflix catalog, no earlier than {as_of.isoformat()} (the start of the Top 10 "
        "week in which its newest titles first charted)",
    )
    read = SourceRead(NETFLIX_2022, refs=[ref], files={raw.name: len(rows)})
    for i, row in enumerate(rows, 1):
        if row["type"] == "MOVIE":
            read.skipped["film"] += 1
        elif row["type"] != "SHOW":
            read.skipped[f"type {row['type'] or 'empty'!r}"] += 1
        elif not row["title"].strip():
            read.skipped["empty title"] += 1
        else:
            read.fragments.append(_fragment(raw, i, row, ref, as_of))
    return read


def _fragment(raw: RawFile, i: int, row: Netflix2022Row, ref: SourceRef, as_of: date) -> Fragment:
    title, qualifier = split_qualifier(row["title"])
    year = int(row["release_year"])
    values: dict[str, Any] = {}
    cells = cast(dict[str, str], row)
    for column, parse in (
        ("runtime", opt_int),
        ("seasons", opt_int),
        ("imdb_votes", opt_int),
        ("imdb_score", opt_float),
        ("tmdb_popularity", opt_float),
        ("tmdb_score", opt_float),
        ("genres", python_list),
        ("production_countries", python_list),
    ):
        try:
            values[column] = parse(cells[column])
        except (ValueError, SyntaxError) as exc:
            raise bad_value(raw, i, column, exc) from None
    imdb = row["imdb_id"].strip() or None
    data: dict[str, Any] = {
        "id": row["id"],
        "type": row["type"],
        "description": row["description"] or None,
        "release_year": year,
        "age_certification": row["age_certification"] or None,
        "imdb_id": imdb,
        **values,
    }
    bundle = ShowBundle(
        title=title,
        src=ref,
        year=year,
        summary=row["description"].strip() or None,
        genres=display_genres(canonical_genres(values["genres"])),
        runtime=values["runtime"] or None,
        external_ids={"imdb": imdb} if imdb else {},
        records=[ShowRecordData(NETFLIX_2022, row["id"], title, year, data, ref)],
        platforms=[PlatformLink(platform_ref(NETFLIX, "streaming"), "catalog", ref, as_of=as_of)],
    )
    codes = country_codes(values["production_countries"])
    if qualifier and qualifier not in codes:
        codes = (qualifier, *codes)
    # release_year is the premiere: the show aired from then on (its end is not given).
    match = Match(
        "catalog",
        (title_key(title),),
        imdb=imdb,
        years=YearSpan(year - 1, year + 1),
        run=(year, None),
        countries=codes,
    )
    return Fragment(bundle, match)

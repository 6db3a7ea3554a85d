"""OMDb series, 1995-2017: IMDb ids, titles and the years each series ran.

29,754 OMDb answers of type ``series`` (columns ``imdb_id, title, year, genre, runtime,
total_seasons, country, language``). ``year`` is IMDb's run: "2005–2013" (ended in 2013),
"2013–" (still running when recorded), "2016" (one year). They are the identity spine of the
bundled catalog: an IMDb id names one show, and its first year dates it.

The file carries no date. Its newest closed runs end in 2018 (Nashville, Sense8, whose last
episodes aired in mid-2018), so it was recorded no earlier than 2018; ``retrieved_at`` is
2018-01-01, a lower bound. A run still open then says "running as of 2018", no more.
``total_seasons`` is the seasons IMDb listed, announced ones included: a listing, not a count
of seasons made.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, TypedDict, cast

from nextseason.genres import canonical_genres, display_genres
from nextseason.importers.countries import country_codes
from nextseason.importers.fragments import Fragment, Match, SourceRead, YearSpan
from nextseason.importers.parsing import split_list
from nextseason.importers.rawfiles import RawDir, RawFile, bad_value, read_csv
from nextseason.model import ShowBundle, ShowRecordData, SourceRef, StatusRecord
from nextseason.provenance import OMDB, source_ref
from nextseason.text import split_qualifier, title_key

__all__ = ["FILE", "RETRIEVED", "read_omdb", "run_years"]

FILE = "outcomes/omdb_series_1995_2017.csv"
#: The lower bound of when the file was recorded (see the module docstring).
RETRIEVED = datetime(2018, 1, 1)
NOTE = "OMDb answers (IMDb data) for series first aired 1995-2017; recorded no earlier than 2018"

_RUN = re.compile(r"^(?P<first>\d{4})(?:\s*[–-]\s*(?P<last>\d{4})?)?$")
_MINUTES = re.compile(r"^(\d+)\s*min$")
_IMDB = re.compile(r"^tt\d{5,10}$")


class OmdbRow(TypedDict):
    imdb_id: str
    title: str
    year: str
    genre: str
    runtime: str
    total_seasons: str
    country: str
    language: str


_COLUMNS = tuple(OmdbRow.__annotations__)


def run_years(text: str) -> tuple[int, int | None, bool]:
    """IMDb's run: "2005–2013" -> (2005, 2013, True); "2013–" -> (2013, None, False);
    "2016" -> (2016, 2016, True). The flag says whether the run is closed."""
    found = _RUN.match(text.strip())
    if not found:
        raise ValueError(f"not a run of years: {text!r}")
    first = int(found.group("first"))
    if found.group("last"):
        return first, int(found.group("last")), True
    if "–" in text or "-" in text:
        return first, None, False
    return first, first, True


def read_omdb(raw_dir: RawDir) -> SourceRead:
    """One fragment per series."""
    raw = raw_dir.file(FILE)
    rows = cast(list[OmdbRow], read_csv(raw, required=_COLUMNS, known=(*_COLUMNS, "source_file")))
    ref = source_ref(OMDB, RETRIEVED, note=NOTE)
    read = SourceRead(OMDB, refs=[ref], files={raw.name: len(rows)})
    for i, row in enumerate(rows, 1):
        if not row["title"].strip():
            read.skipped["empty title"] += 1
            continue
        if not _IMDB.match(row["imdb_id"].strip()):
            raise bad_value(raw, i, "imdb_id", ValueError(repr(row["imdb_id"])))
        read.fragments.append(_fragment(raw, i, row, ref))
    return read


def _fragment(raw: RawFile, i: int, row: OmdbRow, ref: SourceRef) -> Fragment:
    try:
        first, last, closed = run_years(row["year"])
    except ValueError as exc:
        raise bad_value(raw, i, "year", exc) from None
    seasons = row["total_seasons"].strip()
    if seasons and not seasons.isdigit():
        raise bad_value(raw, i, "total_seasons", ValueError(repr(seasons)))
    minutes = _MINUTES.match(row["runtime"].strip())
    runtime = int(minutes.group(1)) if minutes else None
    title, qualifier = split_qualifier(row["title"])
    countries = country_codes(split_list(row["country"]))
    if qualifier and qualifier not in countries:
        countries = (qualifier, *countries)
    genres = split_list(row["genre"])
    languages = split_list(row["language"])
    imdb = row["imdb_id"].strip()
    data: dict[str, Any] = {
        "imdb_id": imdb,
        "years": row["year"],
        "first_year": first,
        "last_year": last,
        "genres": genres,
        "runtime": runtime,
        "seasons": int(seasons) if seasons else None,
        "country": countries[0] if countries else None,
        "countries": list(countries),
        "languages": languages,
    }
    statuses = []
    if closed and last is not None and last < RETRIEVED.year:
        # A run IMDb closed: the show had ended by then (planned or not, OMDb does not say).
        statuses.append(
            StatusRecord(OMDB, "Ended", RETRIEVED, ref, {"run": row["year"], "last_year": last})
        )
    bundle = ShowBundle(
        title=title,
        src=ref,
        year=first,
        country=countries[0] if countries else None,
        language=languages[0] if languages else None,
        genres=display_genres(canonical_genres(genres)),
        runtime=runtime if runtime and runtime < 300 else None,
        external_ids={"imdb": imdb},
        records=[ShowRecordData(OMDB, imdb, title, first, data, ref)],
        statuses=statuses,
    )
    match = Match(
        "catalog",
        (title_key(title),),
        imdb=imdb,
        years=YearSpan(first - 1, first + 1),
        run=(first, last),
        countries=countries,
    )
    return Fragment(bundle, match)

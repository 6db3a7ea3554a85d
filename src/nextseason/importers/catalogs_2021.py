"""Shivam Bansal's 2021 streaming catalogs (Kaggle): Netflix, Hulu, Prime Video, Disney+.

One row per title in the service's catalog, films and TV shows, licensed titles included:
a row says the show was *in* the catalog (a ``catalog`` platform link), not that the service
made it. Quirks found in the data:

* ``release_year`` of a TV show is often the year of its latest season, not its premiere:
  of 1,612 Netflix 2021 shows matched by title to the 2022 file (which gives the premiere
  year), 933 of 1,019 one-season shows carry the premiere year, but multi-season shows are
  typically 1 to 3 years later. The premiere is taken to lie in
  [release_year - seasons - 1, release_year + 1], and the row's show must have aired in
  ``release_year`` where its run is known; the show's ``year`` is never set from these files
  (one row in ten would give a wrong premiere year).
* ``duration`` is "N Season(s)" for shows, "N min" for films: the seasons the service
  offered, not the seasons made (Hulu's Chicago Fire is "1 Season").
* a title may carry a country: "The Office (U.S.)" is The Office, of the US.
* the Hulu, Prime Video and Disney+ copies renamed ``listed_in`` to ``genre`` and dropped
  ``description``; the Prime Video file has ``date_added`` in only 155 of 9,668 rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypedDict, cast

from nextseason.errors import BuildError
from nextseason.genres import canonical_genres, display_genres
from nextseason.importers.countries import country_codes
from nextseason.importers.fragments import Fragment, Match, SourceRead, YearSpan
from nextseason.importers.parsing import parse_date, people, season_count, split_list
from nextseason.importers.rawfiles import RawDir, RawFile, bad_value, read_csv
from nextseason.model import CreditRecord, PlatformLink, ShowBundle, ShowRecordData, SourceRef
from nextseason.platforms import DISNEY_PLUS, HULU, NETFLIX, PRIME_VIDEO, platform_ref
from nextseason.provenance import (
    DISNEY_PLUS_2021,
    HULU_2021,
    NETFLIX_2021,
    PRIME_VIDEO_2021,
    source_ref,
)
from nextseason.text import split_qualifier, title_key

__all__ = ["CATALOGS", "CatalogFile", "read_catalog"]

#: Cast members kept as credits per show and file (the record keeps the whole list).
CAST_CAP = 15


@dataclass(frozen=True, slots=True)
class CatalogFile:
    source: str
    service: str
    file: str
    genre_column: str
    has_description: bool


CATALOGS = (
    CatalogFile(NETFLIX_2021, NETFLIX, "netflix/netflix_titles_2021.csv", "listed_in", True),
    CatalogFile(HULU_2021, HULU, "hulu/hulu_titles_2021.csv", "genre", False),
    CatalogFile(
        PRIME_VIDEO_2021, PRIME_VIDEO, "prime_video/amazon_prime_titles_2021.csv", "genre", False
    ),
    CatalogFile(
        DISNEY_PLUS_2021, DISNEY_PLUS, "disney_plus/disney_plus_titles_2021.csv", "genre", False
    ),
)


class CatalogRow(TypedDict):
    show_id: str
    type: str
    title: str
    director: str
    cast: str
    country: str
    date_added: str
    release_year: str
    rating: str
    duration: str


def _date_added(raw: RawFile, i: int, text: str) -> date | None:
    try:
        return parse_date(text, "%B %d, %Y")
    except ValueError as exc:
        raise bad_value(raw, i, "date_added", exc) from None


def read_catalog(raw_dir: RawDir, spec: CatalogFile) -> SourceRead:
    """One fragment per TV show row of a 2021 catalog file."""
    raw = raw_dir.file(spec.file)
    columns = [*CatalogRow.__annotations__, spec.genre_column]
    if spec.has_description:
        columns.append("description")
    rows = read_csv(raw, required=tuple(columns), known=tuple(columns))
    added = [_date_added(raw, i, r["date_added"]) for i, r in enumerate(rows, 1)]
    known = [d for d in added if d]
    if not known:
        raise BuildError(f"raw file {raw.name}: no row has a date_added; cannot date the file")
    as_of = max(known)
    ref = source_ref(
        spec.source,
        datetime(as_of.year, as_of.month, as_of.day),
        note=f"{spec.service} catalog as of {as_of.isoformat()} (latest date_added in the file)",
    )
    read = SourceRead(spec.source, refs=[ref], files={raw.name: len(rows)})
    for i, row in enumerate(rows, 1):
        kind = row["type"].strip()
        if kind == "Movie":
            read.skipped["film"] += 1
        elif kind != "TV Show":
            read.skipped[f"type {kind or 'empty'!r}"] += 1
        elif not row["title"].strip():
            read.skipped["empty title"] += 1
        else:
            read.fragments.append(_fragment(raw, i, cast(CatalogRow, row), row, spec, ref, as_of))
    return read


def _fragment(
    raw: RawFile,
    i: int,
    row: CatalogRow,
    cells: dict[str, str],
    spec: CatalogFile,
    ref: SourceRef,
    as_of: date,
) -> Fragment:
    title, qualifier = split_qualifier(row["title"])
    try:
        released = int(row["release_year"])
    except ValueError as exc:
        raise bad_value(raw, i, "release_year", exc) from None
    seasons = season_count(row["duration"])
    labels = split_list(cells[spec.genre_column])
    description = cells.get("description", "").strip() or None
    cast_list, directors = people(row["cast"]), people(row["director"])
    countries = split_list(row["country"])
    added = _date_added(raw, i, row["date_added"])
    data: dict[str, Any] = {
        "type": row["type"],
        "release_year": released,
        "seasons": seasons,
        "duration": row["duration"],
        "rating": row["rating"] or None,
        "date_added": added.isoformat() if added else None,
        "genres": labels,
        "country": countries,
        "cast": cast_list,
        "director": directors,
        "description": description,
    }
    credits = [
        CreditRecord(name, "cast", ref, position=n) for n, name in enumerate(cast_list[:CAST_CAP])
    ] + [
        CreditRecord(name, "crew", ref, "Director", position=n) for n, name in enumerate(directors)
    ]
    codes = country_codes(countries)
    if qualifier and qualifier not in codes:
        codes = (qualifier, *codes)
    bundle = ShowBundle(
        title=title,
        src=ref,
        country=countries[0] if countries else None,
        summary=description,
        genres=display_genres(canonical_genres(labels)),
        records=[ShowRecordData(spec.source, row["show_id"], title, released, data, ref)],
        platforms=[
            PlatformLink(platform_ref(spec.service, "streaming"), "catalog", ref, as_of=as_of)
        ],
        credits=credits,
    )
    span = YearSpan(released - (seasons or 1) - 1, released + 1)
    match = Match("catalog", (title_key(title),), years=span, aired_in=released, countries=codes)
    return Fragment(bundle, match)

"""Building the bundled catalog (``nextseason/data/catalog.sqlite.gz``) from ``raw/``.

    python -m nextseason.build [RAW_DIR] [OUT.sqlite.gz]

Reads every raw file (plain or .gz), resolves which rows are the same show (resolve.py),
stores the shows in a fresh, migrated SQLite catalog, vacuums,
and writes the gzipped database reproducibly (gzip mtime 0: the same raw files give the same
bytes), with a :class:`BuildReport` as ``catalog-build.json`` next to it. Nothing is written
at ``out_path`` unless the whole build succeeds.

:mod:`nextseason.build` composes this with the premise vectors of the similar-shows
recommender (:mod:`nextseason.similar.vectors`), passed in as ``enrich``: reused from the
vectors already there or shipped in the package, and, for a build into the package itself,
embedded with the ``[embeddings]`` extra where a premise is new (once: about 0.06 s per
premise on two cores). The importers never import the recommender.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from nextseason.catalog import Catalog
from nextseason.catalog.db import vacuum_sqlite
from nextseason.catalog.verdicts import Judging, Rules
from nextseason.errors import BuildError
from nextseason.importers.catalogs_2021 import CATALOGS, read_catalog
from nextseason.importers.countries import read_network_countries
from nextseason.importers.fragments import SourceRead
from nextseason.importers.identity import IdentityFigures, identity_figures
from nextseason.importers.netflix_2022 import read_netflix_2022
from nextseason.importers.netflix_engagement import read_engagement
from nextseason.importers.netflix_top10 import read_top10
from nextseason.importers.omdb import read_omdb
from nextseason.importers.rawfiles import RawDir
from nextseason.importers.reddit import common_words, read_reddit
from nextseason.importers.renewals import read_ratings, read_scorecards
from nextseason.importers.resolve import Resolver, Tally
from nextseason.importers.tmdb_2025 import read_tmdb_2025
from nextseason.importers.tvmaze_index import read_index
from nextseason.importers.tvmaze_schedule import read_schedule
from nextseason.model import ShowBundle

__all__ = ["REPORT_NAME", "BuildReport", "SourceReport", "build_catalog"]

REPORT_NAME = "catalog-build.json"


@dataclass(slots=True)
class SourceReport:
    """One source's rows and what became of them.

    ``rows_read = rows_used + sum(rows_skipped)``; the used rows are grouped into
    ``records`` (one per show and source), and
    ``records = joined + new_shows + separate + ambiguous + uncertain + unmatched``;
    ``kept_out`` of the ambiguous and uncertain ones were not stored at all.
    """

    source: str
    files: dict[str, int]
    rows_read: int
    rows_used: int
    rows_skipped: dict[str, int]
    records: int
    joined: int
    joined_by: dict[str, int]
    new_shows: int
    separate: int
    ambiguous: int
    uncertain: int
    unmatched: int
    kept_out: int
    examples: dict[str, list[str]]
    notes: list[str]

    @classmethod
    def of(cls, read: SourceRead, tally: Tally) -> SourceReport:
        return cls(
            source=read.source,
            files=dict(read.files),
            rows_read=read.rows_read,
            rows_used=read.rows_used,
            rows_skipped=dict(sorted(read.skipped.items())),
            records=tally.records,
            joined=tally.joined,
            joined_by=dict(sorted(tally.joined_by.items())),
            new_shows=tally.new,
            separate=tally.separate,
            ambiguous=tally.ambiguous,
            uncertain=tally.uncertain,
            unmatched=tally.unmatched,
            kept_out=tally.kept_out,
            examples=tally.examples,
            notes=list(read.notes),
        )


@dataclass(slots=True)
class BuildReport:
    """What a build read, joined, kept apart, skipped and stored, and how long it took."""

    artifact: str
    sources: dict[str, SourceReport] = field(default_factory=dict)
    shows_created: int = 0
    shows_by_source_count: dict[str, int] = field(default_factory=dict)
    table_rows: dict[str, int] = field(default_factory=dict)
    interest_points: int = 0
    episodes: int = 0
    credits: int = 0
    seasons: int = 0
    # premise vectors: texts, reused, embedded, missing (no model to embed them), dimensions
    similar_vectors: dict[str, int] = field(default_factory=dict)
    external_ids_dropped: int = 0
    interest_collisions: int = 0
    credits_merged: int = 0
    identity: IdentityFigures | None = None
    database_bytes: int = 0
    artifact_bytes: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _reads(raw: RawDir, say: Callable[[str], None]) -> list[SourceRead]:
    """Every source, in resolution order: ids and years first (TVmaze, OMDb, the 2022
    Netflix catalog, TMDB), then the files that name shows by title (the renewal files, the
    2021 catalogs, the Netflix charts, the TVmaze index, r/television)."""
    say("reading the TVmaze web schedule")
    schedule = read_schedule(raw)
    networks = read_network_countries(raw)
    say("reading OMDb and TMDB")
    omdb = read_omdb(raw)
    tmdb = read_tmdb_2025(raw, networks)
    say("reading the Netflix Top 10")
    top10, first_charted = read_top10(raw)
    say("reading the streaming catalogs")
    netflix_2022 = read_netflix_2022(raw, first_charted)
    catalogs = [read_catalog(raw, spec) for spec in CATALOGS]
    say("reading the renewal scorecards and ratings")
    renewals = [read_scorecards(raw), read_ratings(raw)]
    say("reading the Netflix engagement reports")
    engagement = read_engagement(raw)
    say("reading the TVmaze show index")
    index = read_index(raw, networks)
    say("reading the r/television counts")
    descriptions = [
        str(r.data["description"])
        for read in (netflix_2022, *catalogs)
        for f in read.fragments
        for r in f.bundle.records
        if r.data.get("description")
    ]
    reddit = read_reddit(raw, common_words(descriptions))
    return [
        schedule,
        omdb,
        netflix_2022,
        tmdb,
        *renewals,
        *catalogs,
        # The engagement reports before the weekly chart: their titles carry years and
        # translations, so a chart title that follows finds the show they placed.
        engagement,
        top10,
        index,
        reddit,
    ]


@contextlib.contextmanager
def _temporary(folder: Path, suffix: str) -> Iterator[Path]:
    """A temp file path in ``folder``, removed on exit unless it was renamed away."""
    fd, name = tempfile.mkstemp(prefix=".catalog-build-", suffix=suffix, dir=folder)
    os.close(fd)
    path = Path(name)
    try:
        yield path
    finally:
        with contextlib.suppress(OSError):
            path.unlink()


def _gzip(src: Path, dst: Path) -> None:
    with (
        open(src, "rb") as fh,
        open(dst, "wb") as raw_out,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw_out, mtime=0, compresslevel=6) as out,
    ):
        shutil.copyfileobj(fh, out, length=1 << 20)


def build_catalog(
    src_dir: Path,
    out_path: Path,
    *,
    progress: Callable[[str], None] | None = None,
    enrich: Callable[[Catalog], dict[str, int]] | None = None,
    rules: Rules | None = None,
) -> BuildReport:
    """Build the gzipped catalog at ``out_path`` from the raw files in ``src_dir``.

    ``rules``: the verdict rules every show's verdict is stored with, as of the newest
    retrieval date of the build's sources (so the same input gives the same catalog).

    ``enrich`` runs on the stored catalog before it is packed (the bundled build adds the
    similar-shows vectors there, see :mod:`nextseason.build`); what it returns is reported.
    """
    started = time.perf_counter()
    say = progress or (lambda _message: None)
    src_dir, out_path = Path(src_dir), Path(out_path)
    if not src_dir.is_dir():
        raise BuildError(f"raw folder not found: {src_dir}")
    if not out_path.parent.is_dir():
        raise BuildError(f"output folder not found: {out_path.parent}")
    reads = _reads(RawDir(src_dir), say)

    say("resolving shows across sources")
    resolver = Resolver()
    report = BuildReport(artifact=out_path.name)
    for read in reads:
        resolver.add(read)
        report.notes.extend(f"{read.source}: {note}" for note in read.notes)
    resolver.settle()
    for read in reads:
        report.sources[read.source] = SourceReport.of(read, resolver.tallies[read.source])
    bundles = resolver.bundles()
    report.external_ids_dropped = resolver.composed.ids_dropped
    report.interest_collisions = resolver.composed.interest_collisions
    report.credits_merged = resolver.composed.credits_merged
    report.identity = identity_figures(bundles)
    report.shows_by_source_count = {str(n): c for n, c in sorted(resolver.multi_source().items())}

    try:
        _store(bundles, out_path, report, say, started, enrich, rules)
    except (OSError, sqlite3.Error) as exc:
        raise BuildError(f"cannot write the catalog to {out_path}: {exc}") from None
    return report


def build_day(bundles: list[ShowBundle]) -> date:
    """The day a build's verdicts count from: the newest retrieval date of its sources."""
    dates = [b.src.retrieved_at for b in bundles]
    dates += [r.src.retrieved_at for b in bundles for r in b.records]
    return max(dates, default=datetime(1970, 1, 1)).date()


def _store(
    bundles: list[ShowBundle],
    out_path: Path,
    report: BuildReport,
    say: Callable[[str], None],
    started: float,
    enrich: Callable[[Catalog], dict[str, int]] | None,
    rules: Rules | None = None,
) -> None:
    """Store, index, vacuum, then write the artifact and its report: all or nothing."""
    judging = None
    if rules is not None:
        as_of = build_day(bundles)
        judging = Judging(rules, lambda: as_of)
    with tempfile.TemporaryDirectory(prefix="nextseason-build-") as work:
        db_path = Path(work) / "catalog.sqlite"
        say(f"storing {len(bundles):,} shows")
        catalog = Catalog.open(f"sqlite:///{db_path}", seed=False, judging=judging)
        try:
            stats = catalog.store(bundles, batch_size=2000)
            if enrich is not None:
                report.similar_vectors = enrich(catalog)
            report.table_rows = catalog.counts()
        finally:
            catalog.close()
        report.shows_created = stats.shows_created
        report.interest_points = report.table_rows["interest_points"]
        report.episodes = report.table_rows["episodes"]
        report.credits = report.table_rows["credits"]
        report.seasons = report.table_rows["seasons"]
        vacuum_sqlite(db_path)
        report.database_bytes = db_path.stat().st_size
        say("writing the artifact")
        with (
            _temporary(out_path.parent, ".gz") as tmp_gz,
            _temporary(out_path.parent, ".json") as tmp_json,
        ):
            _gzip(db_path, tmp_gz)
            report.artifact_bytes = tmp_gz.stat().st_size
            report.seconds = round(time.perf_counter() - started, 2)
            tmp_json.write_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
            for done in (tmp_gz, tmp_json):
                done.chmod(0o644)  # mkstemp makes owner-only files; these ship in the package
            os.replace(tmp_gz, out_path)
            os.replace(tmp_json, out_path.parent / REPORT_NAME)

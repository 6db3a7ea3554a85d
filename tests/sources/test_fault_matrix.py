"""The fault matrix: every live source x every fault of issue 18, met by `refresh` and by a live
`report`, against a loopback fake of all the sources (tests/support/fake_sources.py).

For each cell, on its own copy of a catalog that already holds Game of Thrones and House of
the Dragon (refreshed from the healthy fake): refresh House of the Dragon, then look up The
Lantern Watch live and write its report, with the fault injected into one source. Then:

- no run took longer than :data:`BOUND` (a source that hangs costs at most twice the
  timeout: the deadline per request and the circuit breaker);
- one warning line (or, when TVmaze, the spine, fails a live lookup: the error line) names
  the source;
- the catalog passes ``PRAGMA integrity_check``;
- every row the two shows had before is still there, and Game of Thrones is still itself.

Runs go through the application layer the CLI and the web call (``app.refresh_show``,
``app.find_or_fetch``, the report's build and render), with settings made per cell, so the
cells run in parallel (two processes of threads); rate limits are off (the fake is ours, and
Google Trends' politeness, one call every 2 s, would otherwise make this minutes long).

A few cells have nothing a source could notice, and say so: "same id" for Google Trends and
Reddit (their answers name no show: the same answer for another show is the normal case),
and for Wikipedia (another show's article is turned down as a namesake, quietly: nothing is
merged, which is the point).
"""

from __future__ import annotations

import multiprocessing
import shutil
import sqlite3
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Table, UniqueConstraint, select

from nextseason import app
from nextseason.catalog import Catalog
from nextseason.catalog import schema as t
from nextseason.config import Settings
from nextseason.errors import NextseasonError
from nextseason.sources.registry import LIVE_SOURCES
from tests.support.fake_sources import FAULTS, SHOWS, FakeSources

TODAY = date(2026, 11, 27)
TIMEOUT = 0.5
#: The longest a run may take: twice the timeout for the source that hangs, a short
#: Retry-After once, and the run's own work on a busy two-core machine (with the other cells
#: running at the same time).
BOUND = 2 * TIMEOUT + 1.0 + 6.0
OTHER, REFRESHED, LOOKED_UP = SHOWS  # Game of Thrones, House of the Dragon, The Lantern Watch
SOURCES = [s.key for s in LIVE_SOURCES]
PROCESSES, THREADS = 2, 8
#: Cells where the fault is invisible to the source (see the module's docstring).
SILENT = {
    ("google_trends", "same id"),
    ("reddit", "same id"),
    ("wikipedia", "same id"),
}


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture(autouse=True)
def _no_rate_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    from nextseason import refresh
    from nextseason.sources.http import HttpClient

    def open_client(settings: Settings, **_: object) -> HttpClient:
        return HttpClient(replace(settings.http, rate_limits=False))

    monkeypatch.setattr(refresh, "open_client", open_client)


def settings_for(fake: FakeSources, db: Path, cache: Path) -> Settings:
    return Settings(
        db_url=f"sqlite:///{db}",
        today=TODAY.isoformat(),
        offline=False,
        http_timeout=TIMEOUT,
        http_retries=1,
        cache_dir=cache,
        tmdb_key="k3y-for-the-fake",
        source_urls=fake.urls(),
        home=db.parent,
    )


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalog holding Game of Thrones and House of the Dragon, from the healthy fake."""
    folder = tmp_path_factory.mktemp("faults")
    path = folder / "template.sqlite"
    with FakeSources(timeout=TIMEOUT) as fake, Catalog.open(f"sqlite:///{path}", seed=False) as c:
        settings = settings_for(fake, path, folder / "http")
        for show in (OTHER, REFRESHED):
            found = app.find_or_fetch(c, settings, show.title, None, None, today=TODAY)
            assert found.entry.title == show.title
            assert not found.warnings, found.warnings  # every source answered
    return path


_SHOW_TABLES = (
    t.show_records,
    t.external_ids,
    t.show_platforms,
    t.seasons,
    t.episodes,
    t.credits,
    t.interest_points,
    t.status_readings,
)


def _natural_key(table: Table) -> list[str]:
    """The columns of a table's unique constraint on a show (else all but the row id)."""
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint):
            return [c.name for c in constraint.columns if c.name != "show_id"]
    return [c.name for c in table.columns if c.name not in ("id", "show_id")]


def _rows(catalog: Catalog, show_id: int) -> dict[str, set[tuple[object, ...]]]:
    """Every row of a show, by table, as its natural key."""
    with catalog.connect() as conn:
        return {
            table.name: {
                tuple(row)
                for row in conn.execute(
                    select(*(table.c[k] for k in _natural_key(table))).where(
                        table.c.show_id == show_id
                    )
                )
            }
            for table in _SHOW_TABLES
        }


@dataclass
class Run:
    command: str
    seconds: float
    lines: list[str] = field(default_factory=list)  # warnings, or the error line
    failed: bool = False


@dataclass
class Cell:
    source: str
    fault: str
    runs: list[Run] = field(default_factory=list)
    integrity: str = ""
    lost: dict[str, int] = field(default_factory=dict)
    titles: tuple[str, str] = ("", "")


def _one(command: str, action: object) -> Run:
    started = time.monotonic()
    run = Run(command, 0.0)
    try:
        run.lines = list(action())  # type: ignore[operator]
    except NextseasonError as exc:  # one line and an exit code, as the CLI prints it
        run.lines, run.failed = [str(exc)], True
    run.seconds = time.monotonic() - started
    return run


def run_cell(template: Path, folder: Path, source: str, fault: str) -> Cell:
    from nextseason.report.build import build_report
    from nextseason.report.render import render

    folder.mkdir(parents=True)
    db = folder / "c.sqlite"
    shutil.copyfile(template, db)
    cell = Cell(source, fault)
    fake = FakeSources(timeout=TIMEOUT)
    fake.inject(source, fault)
    with fake, Catalog.open(f"sqlite:///{db}", seed=False) as catalog:
        settings = settings_for(fake, db, folder / "http")
        other_id = catalog.find(OTHER.title)[0].id
        refreshed_id = catalog.find(REFRESHED.title)[0].id
        before = {i: _rows(catalog, i) for i in (other_id, refreshed_id)}

        def refresh() -> list[str]:
            return app.refresh_show(catalog, settings, refreshed_id, today=TODAY).warnings

        def report() -> list[str]:
            found = app.find_or_fetch(catalog, settings, LOOKED_UP.title, None, None, today=TODAY)
            built = build_report(catalog, found.entry.id, countries=settings.countries, today=TODAY)
            assert render(built, "json")
            return found.warnings

        cell.runs = [_one("refresh", refresh), _one("report", report)]
        after = {i: _rows(catalog, i) for i in (other_id, refreshed_id)}
        cell.lost = {
            f"{i}:{table}": len(rows - after[i][table])
            for i, tables in before.items()
            for table, rows in tables.items()
            if rows - after[i][table]
        }
        cell.titles = (catalog.show(other_id).title, catalog.show(refreshed_id).title)
    with sqlite3.connect(db) as conn:
        cell.integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    shutil.rmtree(folder, ignore_errors=True)
    return cell


def _names(source: str) -> tuple[str, ...]:
    live = next(s for s in LIVE_SOURCES if s.key == source)
    return (live.info.name, live.policy.label)


def _naming(lines: list[str], source: str) -> list[str]:
    names = _names(source)
    if source == "tvmaze":  # a failed live lookup says it could not ask TVmaze
        return [line for line in lines if "TVmaze" in line]
    return [line for line in lines if line.startswith(tuple(f"{n}:" for n in names))]


def _run_cells(template: Path, folder: Path, cells: list[tuple[int, str, str]]) -> list[Cell]:
    """Cells in threads (their time is mostly waiting on sockets)."""
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [pool.submit(run_cell, template, folder / f"cell{n}", s, f) for n, s, f in cells]
        return [future.result() for future in futures]


@pytest.fixture(scope="module")
def matrix(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Cell]]:
    folder = tmp_path_factory.mktemp("cells")
    cells = [(n, s, f) for n, (s, f) in enumerate((s, f) for s in SOURCES for f in FAULTS)]
    started = time.monotonic()
    # Two processes (two cores: the runs' own work is CPU), forked with this process's
    # settings, each running its share of the cells in threads.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=PROCESSES, mp_context=context) as pool:
        shares = [cells[i::PROCESSES] for i in range(PROCESSES)]
        futures = [pool.submit(_run_cells, template, folder, share) for share in shares]
        # An exception that is no NextseasonError is a traceback: it fails the matrix here.
        done = [cell for future in futures for cell in future.result()]
    elapsed = time.monotonic() - started
    slowest = max((r for c in done for r in c.runs), key=lambda r: r.seconds)
    print(
        f"\nfault matrix: {len(SOURCES)} sources x {len(FAULTS)} faults, "
        f"{sum(len(c.runs) for c in done)} runs in {elapsed:.1f} s; "
        f"slowest run {slowest.seconds:.2f} s (bound {BOUND:.1f} s)"
    )
    yield sorted(done, key=lambda c: (SOURCES.index(c.source), FAULTS.index(c.fault)))


def test_every_cell_ran(matrix: list[Cell]) -> None:
    assert len(matrix) == len(SOURCES) * len(FAULTS)
    assert len(SOURCES) >= 6


def test_no_run_is_longer_than_the_bound(matrix: list[Cell]) -> None:
    slow = [
        (c.source, c.fault, r.command, round(r.seconds, 2))
        for c in matrix
        for r in c.runs
        if r.seconds > BOUND
    ]
    assert not slow, slow


def test_one_line_names_the_failing_source(matrix: list[Cell]) -> None:
    wrong = []
    for cell in matrix:
        for run in cell.runs:
            naming = _naming(run.lines, cell.source)
            expected = 0 if (cell.source, cell.fault) in SILENT else 1
            others = [line for line in run.lines if line not in naming]
            if len(naming) != expected or others:
                wrong.append((cell.source, cell.fault, run.command, run.lines))
    assert not wrong, "\n".join(map(str, wrong))


def test_no_line_spans_more_than_one_line_or_shows_a_traceback(matrix: list[Cell]) -> None:
    for cell in matrix:
        for run in cell.runs:
            for line in run.lines:
                assert "\n" not in line and "Traceback" not in line, (cell.source, line)


def test_every_catalog_passes_its_integrity_check(matrix: list[Cell]) -> None:
    assert {c.integrity for c in matrix} == {"ok"}


def test_no_earlier_row_is_lost_and_no_show_is_overwritten(matrix: list[Cell]) -> None:
    lost = [(c.source, c.fault, c.lost) for c in matrix if c.lost]
    assert not lost, lost
    renamed = [(c.source, c.fault, c.titles) for c in matrix]
    assert all(titles == (OTHER.title, REFRESHED.title) for *_, titles in renamed), renamed


def test_only_the_spine_failing_costs_the_show(matrix: list[Cell]) -> None:
    # A source other than TVmaze that fails costs only its own part: the refresh is stored
    # and the live lookup finds the show.
    for cell in matrix:
        if cell.source == "tvmaze":
            continue
        assert not any(r.failed for r in cell.runs), (cell.source, cell.fault, cell.runs)

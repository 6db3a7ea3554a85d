"""Importing newer Netflix Top 10 and engagement files into a catalog seeded from the bundled one.

The fixtures (tests/fixtures/netflix, see its README) are real rows of the files the bundled
catalog was built from, so the tests first make the catalog older than those rows: they drop
what the week ending 2026-07-19, or the H2 2023 engagement report, brought, then import the
file and look at the shows as a user would.
"""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select

from nextseason.catalog import Catalog
from nextseason.catalog import schema as t
from nextseason.catalog.queries import shows_by_key
from nextseason.catalog.writes import Writer
from nextseason.errors import UsageError
from nextseason.importers.netflix_files import (
    COMBINED_2023,
    ImportReport,
    import_engagement,
    import_top10,
    period_from_name,
)
from nextseason.model import InterestRecord, ShowBundle
from nextseason.text import title_key

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "netflix"
TOP10 = FIXTURES / "top10_all-weeks-global_2026-07-05_to_2026-07-19.tsv"
H2_2023 = FIXTURES / "What_We_Watched_2023H2.csv"
#: The week ending 2026-07-19, the last in the Top 10 fixture: its points' day is its Monday.
LAST_WEEK = date(2026, 7, 13)
#: The day of the imports: every half-year before it has ended.
TODAY = date(2026, 11, 27)
H2_START = date(2023, 7, 1)
TOP10_URL = "https://www.netflix.com/tudum/top10"
H2_URL = "https://about.netflix.com/en/news/what-we-watched-the-second-half-of-2023"
#: The tables an import writes to.
TABLES = tuple(
    table.name
    for table in (
        t.shows,
        t.show_records,
        t.show_platforms,
        t.seasons,
        t.interest_points,
        t.provenance,
    )
)


def seeded(folder: Path) -> Catalog:
    """A fresh catalog: the bundled one, unpacked."""
    return Catalog.open(f"sqlite:///{folder / 'c.sqlite'}")


def _show_with(catalog: Catalog, source: str, key: str) -> int:
    records = t.show_records
    with catalog.connect() as conn:
        found = conn.execute(
            select(records.c.show_id).where(records.c.source == source, records.c.source_key == key)
        ).scalar_one()
    return int(found)


def before_last_week(catalog: Catalog) -> dict[str, int]:
    """Make the catalog as it was before the Top 10 of the week ending 2026-07-19; returns the
    ids of the shows the tests look at."""
    ids = {
        title: _show_with(catalog, "netflix_top10", title)
        for title in ("I Will Find You", "The Hawk", "The Ultimatum: Marry or Move On")
    }
    points, records = t.interest_points, t.show_records
    with catalog.transaction() as conn:
        conn.execute(
            delete(points).where(points.c.source == "netflix_top10", points.c.day == LAST_WEEK)
        )
        # The Hawk first charted that week: a show made of its Top 10 rows only.
        assert {
            r.source
            for r in conn.execute(select(records).where(records.c.show_id == ids["The Hawk"]))
        } == {"netflix_top10"}
        conn.execute(delete(t.shows).where(t.shows.c.id == ids["The Hawk"]))
        # "Avatar: The Last Airbender" is on Netflix as the 2005 cartoon and the 2024 series:
        # the bundled build kept its Top 10 title out, as it could be either.
        assert not conn.execute(
            select(records.c.id).where(
                records.c.source == "netflix_top10",
                records.c.source_key == "Avatar: The Last Airbender",
            )
        ).first()
        # Season 4 of The Ultimatum was its first time in the chart.
        for title in ("The Ultimatum: Marry or Move On",):
            conn.execute(
                delete(points).where(
                    points.c.show_id == ids[title], points.c.source == "netflix_top10"
                )
            )
            conn.execute(
                delete(records).where(
                    records.c.source == "netflix_top10", records.c.source_key == title
                )
            )
    catalog.store([])  # forget the cached title index
    return ids


def before_h2_2023(catalog: Catalog) -> None:
    """Make the catalog as it was before the H2 2023 engagement report: no H2 hours."""
    points = t.interest_points
    with catalog.transaction() as conn:
        conn.execute(
            delete(points).where(points.c.source == "netflix_engagement", points.c.day == H2_START)
        )


def snapshot(catalog: Catalog) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables an import writes to."""
    with catalog.connect() as conn:
        return {
            name: [tuple(row) for row in conn.exec_driver_sql(f"SELECT * FROM {name} ORDER BY id")]
            for name in TABLES
        }


def shows_titled(catalog: Catalog, title: str) -> list[ShowBundle]:
    with catalog.connect() as conn:
        entries = sorted(shows_by_key(conn, title_key(title)), key=lambda e: e.id)
    return [catalog.show(e.id) for e in entries]


def top10(bundle: ShowBundle, metric: str = "weekly_hours_viewed") -> dict[tuple[date, int], float]:
    return {
        (p.day, p.season): p.value
        for p in bundle.interest
        if p.source == "netflix_top10" and p.metric == metric
    }


def engagement(bundle: ShowBundle) -> list[InterestRecord]:
    return sorted(
        (p for p in bundle.interest if p.source == "netflix_engagement"),
        key=lambda p: (p.day, p.season),
    )


@dataclass
class Imported:
    catalog: Catalog
    ids: dict[str, int]  # the shows the tests look at, by Top 10 title
    report: ImportReport


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Imported]:
    """The Top 10 fixture imported into a catalog older than its last week."""
    with seeded(tmp_path_factory.mktemp("top10-import")) as catalog:
        ids = before_last_week(catalog)
        yield Imported(catalog, ids, import_top10(catalog, TOP10))


@pytest.fixture(scope="module")
def untouched(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Catalog]:
    """A seeded catalog that bad files must leave as it is."""
    with seeded(tmp_path_factory.mktemp("bad-files")) as catalog:
        yield catalog


# -- Top 10 ---------------------------------------------------------------------------------


def test_the_top10_report_says_what_became_of_each_title(imported: Imported) -> None:
    report = imported.report.to_dict()
    assert report["source"] == "netflix_top10"
    assert report["file"] == str(TOP10)
    assert (report["rows_read"], report["tv_rows_used"]) == (120, 60)
    assert report["rows_skipped"] == {"film": 60}
    # 30 TV titles: 28 update the shows they belong to, The Hawk is new, Avatar ambiguous
    # (kept out, not stored).
    assert report["shows_in_file"] == 30
    assert report["shows_updated"] == 28
    assert report["updated_by"] == {"already imported": 27, "same Netflix title": 1}
    assert report["shows_created"] == 1
    assert (report["new_titles"], report["ambiguous_kept_out"]) == (1, 1)
    assert report["no_netflix_match"] == 0
    assert report["examples"] == {
        "new": ["The Hawk"],
        "ambiguous": ["Avatar: The Last Airbender"],
    }
    # The last week's 20 TV rows (hours, views, rank each) but Avatar's 2, kept out.
    assert report["interest_points_added"] == (20 - 2) * 3
    [ref] = report["reports"]
    # An excerpt of the chart: its provenance names its weeks.
    assert ref["url"] == f"{TOP10_URL}#weeks=2026-07-05..2026-07-19"
    assert ref["note"].startswith("weekly global Top 10, 2026-07-05 to 2026-07-19")
    assert ref["retrieved_at"] == "2026-07-20T00:00:00"
    assert report["seconds"] >= 0


def test_a_newer_week_is_added_to_a_show_in_the_catalog(imported: Imported) -> None:
    show = imported.catalog.show(imported.ids["I Will Find You"])
    hours = top10(show)
    assert hours[(LAST_WEEK, 1)] == 48_500_000  # week ending 2026-07-19, a limited series
    assert top10(show, "weekly_views")[(LAST_WEEK, 1)] == 8_800_000
    assert top10(show, "weekly_rank")[(LAST_WEEK, 1)] == 2
    # The weeks before are still there; those the file does not list keep their provenance.
    assert sorted(day for day, _ in hours) == [
        date(2026, 6, 15),
        date(2026, 6, 22),
        date(2026, 6, 29),
        date(2026, 7, 6),
        LAST_WEEK,
    ]
    urls = {p.day: p.src.url for p in show.interest if p.metric == "weekly_hours_viewed"}
    assert urls[date(2026, 6, 15)] == TOP10_URL
    assert urls[LAST_WEEK] == f"{TOP10_URL}#weeks=2026-07-05..2026-07-19"
    [record] = [r for r in show.records if r.source == "netflix_top10"]
    # The record still covers the whole chart, not only the file's three weeks.
    assert record.data["weeks_charted"] == 5
    assert (record.data["first_week"], record.data["last_week"]) == ("2026-06-21", "2026-07-19")
    assert len(shows_titled(imported.catalog, "I Will Find You")) == 1


def test_a_title_unknown_to_the_catalog_becomes_a_new_netflix_show(imported: Imported) -> None:
    [hawk] = shows_titled(imported.catalog, "The Hawk")
    assert (hawk.title, hawk.kind, hawk.year) == ("The Hawk", "TV Show", None)
    assert [(r.source, r.source_key) for r in hawk.records] == [("netflix_top10", "The Hawk")]
    [link] = hawk.platforms
    assert (link.platform.name, link.role, link.as_of) == ("Netflix", "catalog", date(2026, 7, 19))
    assert [s.number for s in hawk.seasons] == [1]
    assert top10(hawk) == {(LAST_WEEK, 1): 24_700_000}


def test_a_show_known_from_other_files_gets_its_first_chart_week(imported: Imported) -> None:
    [show] = shows_titled(imported.catalog, "The Ultimatum: Marry or Move On")
    assert show.id == imported.ids["The Ultimatum: Marry or Move On"]
    assert {r.source for r in show.records} >= {
        "tvmaze_index",
        "netflix_engagement",
        "netflix_top10",
    }
    assert top10(show) == {(LAST_WEEK, 4): 12_900_000}


def test_a_namesake_is_not_merged(imported: Imported) -> None:
    shows = shows_titled(imported.catalog, "Avatar: The Last Airbender")
    # The 2005 cartoon (in Netflix's catalog) and the 2024 series (a Netflix original) are
    # both on Netflix: the chart's title could be either, so it is kept out, not merged.
    assert [s.year for s in shows] == [2005, 2024]
    assert not any(top10(s) for s in shows)
    assert imported.report.examples["ambiguous"] == ["Avatar: The Last Airbender"]


def test_importing_the_same_file_again_changes_nothing(tmp_path: Path) -> None:
    with seeded(tmp_path) as catalog:
        before_last_week(catalog)
        first = import_top10(catalog, TOP10)
        state = snapshot(catalog)
        # The same rows gzipped, under another name.
        again = tmp_path / "all-weeks-global.tsv.gz"
        with gzip.open(again, "wb") as out:
            out.write(TOP10.read_bytes())
        second = import_top10(catalog, again)
        assert snapshot(catalog) == state
    assert first.shows_created == 1
    assert (second.shows_created, second.interest_points_added) == (0, 0)
    assert second.updated_by == {"already imported": 29}
    assert second.ambiguous_kept_out == 1  # Avatar, again


def test_the_files_the_catalog_was_built_from_change_nothing(tmp_path: Path) -> None:
    raw = Path(__file__).resolve().parents[2] / "raw" / "netflix"
    with seeded(tmp_path) as catalog:
        state = snapshot(catalog)
        chart = import_top10(catalog, raw / "top10_all-weeks-global.tsv.gz")
        reports = import_engagement(catalog, raw / "engagement_2023_H1_H2.csv.gz", today=TODAY)
        assert snapshot(catalog) == state
    # Every title the build placed, and no new show for the titles it kept out.
    assert chart.shows_updated == 1232 - chart.ambiguous_kept_out
    assert chart.shows_created == 0
    # The whole chart: the bundled catalog's provenance.
    assert [r["url"] for r in chart.reports] == [TOP10_URL]
    assert [r["url"] for r in reports.reports] == [
        "https://about.netflix.com/en/news/what-we-watched-a-netflix-engagement-report",
        H2_URL,
    ]
    assert (reports.shows_created, reports.interest_points_added) == (0, 0)


def test_a_failure_while_storing_leaves_the_catalog_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(self: Writer, rows: object) -> None:
        raise RuntimeError("disk full")

    with seeded(tmp_path) as catalog:
        before_last_week(catalog)
        state = snapshot(catalog)
        # Shows are created and updated before their facts are written: fail at the facts.
        monkeypatch.setattr(Writer, "_flush", fail)
        with pytest.raises(RuntimeError, match="disk full"):
            import_top10(catalog, TOP10)
        assert snapshot(catalog) == state


# -- engagement reports ---------------------------------------------------------------------


def test_a_half_year_report_adds_its_hours(tmp_path: Path) -> None:
    with seeded(tmp_path) as catalog:
        before_h2_2023(catalog)
        # the half-year from the file name
        report = import_engagement(catalog, H2_2023, today=TODAY)
        [wednesday] = shows_titled(catalog, "Wednesday")
        suits = [s for s in shows_titled(catalog, "Suits") if s.year == 2011]
        state = snapshot(catalog)
        again = import_engagement(catalog, H2_2023, today=TODAY)
        assert snapshot(catalog) == state
    assert [(p.day, p.season, p.value) for p in engagement(wednesday)] == [
        (date(2023, 1, 1), 1, 507_700_000),
        (H2_START, 1, 162_700_000),
    ]
    h2 = engagement(wednesday)[1]
    assert (h2.period, h2.src.url) == ("half-year", H2_URL)
    assert h2.src.note is not None and h2.src.note.startswith("engagement report 2023H2: 11 rows")
    # "Suits (2011)": the 2011 series, not the Korean remake in Netflix's 2021 catalog.
    [suits_2011] = suits
    assert [(p.season, p.value) for p in engagement(suits_2011) if p.day == H2_START] == [
        (1, 247_700_000),
        (2, 249_400_000),
    ]
    body = report.to_dict()
    assert (body["rows_read"], body["tv_rows_used"]) == (11, 9)
    assert body["rows_skipped"] == {"no season in the title (film, special or unclear)": 2}
    assert body["shows_in_file"] == 7
    # ONE PIECE (the anime, the 2023 series) and Top Boy (2011, 2019) could each be either
    # of two shows: kept out.
    assert body["shows_updated"] == 5 and body["ambiguous_kept_out"] == 2
    assert body["shows_created"] == 0
    assert body["interest_points_added"] == 7
    [ref] = body["reports"]
    assert ref["url"] == H2_URL
    # Retrieved no earlier than the latest release date listed: Top Boy's season 3.
    assert ref["retrieved_at"] == "2023-09-07T00:00:00"
    assert (again.shows_created, again.interest_points_added) == (0, 0)


def test_the_half_year_can_be_given_when_the_file_name_does_not_say(tmp_path: Path) -> None:
    plain = tmp_path / "report.csv"
    shutil.copy(H2_2023, plain)
    with seeded(tmp_path) as catalog:
        before_h2_2023(catalog)
        with pytest.raises(UsageError, match="cannot tell which half-year") as info:
            import_engagement(catalog, plain, today=TODAY)
        assert "--period" in str(info.value)
        report = import_engagement(catalog, plain, period="2023H2", today=TODAY)
    assert report.interest_points_added == 7
    assert [r["url"] for r in report.reports] == [H2_URL]


@pytest.mark.parametrize(
    ("name", "period"),
    [
        ("What_We_Watched_2024H1.csv", "2024H1"),
        ("engagement_2024_H2.csv", "2024H2"),
        ("engagement-H1-2025.csv.gz", "2025H1"),
        ("What_We_Watched_A_Netflix_Engagement_Report_2024Jan-Jun.csv", "2024H1"),
        ("What_We_Watched_A_Netflix_Engagement_Report_2024Jul-Dec.csv", "2024H2"),
        ("What We Watched the Second Half of 2024.csv", "2024H2"),
        ("engagement_2023_H1_H2.csv.gz", COMBINED_2023),
        ("report.csv", None),
        ("netflix_2024.csv", None),
    ],
)
def test_the_half_year_from_the_file_name(name: str, period: str | None) -> None:
    assert period_from_name(name) == period


def test_a_file_name_with_two_half_years_is_refused() -> None:
    with pytest.raises(UsageError, match="several half-years"):
        period_from_name("engagement_2024H1_2024H2_compared.csv")


# -- bad input ------------------------------------------------------------------------------


def _top10_lines() -> list[str]:
    return TOP10.read_text(encoding="utf-8").splitlines(keepends=True)


def _with_cell(lines: list[str], row: int, column: int, value: str, sep: str) -> str:
    cells = lines[row].rstrip("\n").split(sep)
    cells[column] = value
    lines[row] = sep.join(cells) + "\n"
    return "".join(lines)


def _engagement_lines() -> list[str]:
    return H2_2023.read_text(encoding="utf-8").splitlines(keepends=True)


BAD_FILES: dict[str, tuple[str, str | bytes | None, str, str]] = {
    # case: (file name, content (None: no such file), import, message pattern)
    "missing": ("top10.tsv", None, "top10", r"file not found: .*top10\.tsv"),
    "spreadsheet": (
        "What_We_Watched_2024H1.xlsx",
        b"PK\x03\x04 a zip",
        "engagement",
        r"What_We_Watched_2024H1\.xlsx is a spreadsheet",
    ),
    "not gzip": ("top10.tsv.gz", b"not gzipped", "top10", r"cannot read file .*top10\.tsv\.gz"),
    "not text": ("top10.tsv", b"\xff\xfe\x00binary", "top10", r"top10\.tsv is not UTF-8 text"),
    "empty": ("top10.tsv", "", "top10", r"top10\.tsv lacks column\(s\) week, category"),
    "engagement file as Top 10": (
        "What_We_Watched_2023H2.csv",
        H2_2023.read_text(encoding="utf-8"),
        "top10",
        r"What_We_Watched_2023H2\.csv lacks column\(s\) week, category.*tab-separated",
    ),
    "comma-separated Top 10": (
        "top10.csv",
        TOP10.read_text(encoding="utf-8").replace("\t", ","),
        "top10",
        r"top10\.csv lacks column\(s\) week.*tab-separated",
    ),
    "missing column": (
        "top10.tsv",
        "".join("\t".join(line.split("\t")[:7]) + "\n" for line in _top10_lines()),
        "top10",
        r"top10\.tsv lacks column\(s\) weekly_views, cumulative_weeks_in_top_10",
    ),
    "bad number": (
        "top10.tsv",
        _with_cell(_top10_lines(), 5, 5, "12.5 million", "\t"),
        "top10",
        r"top10\.tsv, data row 5, column 'weekly_hours_viewed': not a grouped number",
    ),
    "bad week": (
        "top10.tsv",
        _with_cell(_top10_lines(), 3, 0, "2026-07-32", "\t"),
        "top10",
        r"top10\.tsv, data row 3, column 'week'",
    ),
    "short row": (
        "top10.tsv",
        "".join(_top10_lines()[:4]) + "2026-07-05\tTV (English)\t1\n",
        "top10",
        r"top10\.tsv line 5: expected 9 columns",
    ),
    "bad hours": (
        "What_We_Watched_2023H2.csv",
        "".join(_engagement_lines()).replace('"16,27,00,000"', "lots"),
        "engagement",
        r"What_We_Watched_2023H2\.csv, data row 4, column 'Hours Viewed'",
    ),
    "title twice": (
        "What_We_Watched_2023H2.csv",
        "".join(_engagement_lines()) + _engagement_lines()[4],
        "engagement",
        r"data rows 4 and 12 both list 'Wednesday: Season 1'",
    ),
    "released after the half-year": (
        "What_We_Watched_2023H1.csv",
        H2_2023.read_text(encoding="utf-8"),
        "engagement",
        r"data row 1, column 'Release Date': 2023-08-31 is after the end of 2023H1",
    ),
    "two years in one file": (
        "engagement_2024_H1_H2.csv",
        H2_2023.read_text(encoding="utf-8"),
        "engagement",
        r"names both halves of 2024",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_is_one_clear_error_and_stores_nothing(
    case: str, tmp_path: Path, untouched: Catalog
) -> None:
    name, content, kind, message = BAD_FILES[case]
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    counts = untouched.counts()
    with pytest.raises(UsageError, match=message) as info:
        if kind == "top10":
            import_top10(untouched, path)
        else:
            import_engagement(untouched, path, today=TODAY)
    assert info.value.exit_code == 2
    assert untouched.counts() == counts


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2024Q1", r"not a half-year: '2024Q1' \(expected YYYYH1 or YYYYH2"),
        ("2022H2", r"begin with 2023H1"),
        ("2099H1", r"2099H1 ends on 2099-06-30: Netflix publishes"),
    ],
)
def test_a_bad_period_is_refused(period: str, message: str, untouched: Catalog) -> None:
    counts = untouched.counts()
    with pytest.raises(UsageError, match=message):
        import_engagement(untouched, H2_2023, period=period, today=TODAY)
    assert untouched.counts() == counts


def test_a_folder_is_not_a_file(tmp_path: Path, untouched: Catalog) -> None:
    with pytest.raises(UsageError, match="not a file"):
        import_top10(untouched, tmp_path)


def test_the_import_command_prints_what_it_did(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from nextseason.cli import main

    db = tmp_path / "cli.sqlite"
    top10 = (
        Path(__file__).parent.parent
        / "fixtures"
        / "netflix"
        / "top10_all-weeks-global_2026-07-05_to_2026-07-19.tsv"
    )
    with pytest.raises(SystemExit) as info:
        main(["import", "netflix-top10", str(top10), "--db", str(db)])
    assert info.value.code == 0
    done = json.loads(capsys.readouterr().out)
    assert done["rows_read"] == 120
    with pytest.raises(SystemExit) as info:
        main(["import", "netflix-engagement", str(top10), "--db", str(db)])
    assert info.value.code == 2

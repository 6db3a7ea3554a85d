"""The build as a whole: reproducible, accounted for, and all-or-nothing on bad input."""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from nextseason.build import REPORT_NAME, build_bundled
from nextseason.errors import BuildError
from tests.importers.conftest import MINI, Built

_CREATING = ("new_shows", "separate", "ambiguous", "uncertain")


def _content(artifact: Path, folder: Path) -> dict[str, list[tuple[object, ...]]]:
    db = folder / "content.sqlite"
    db.write_bytes(gzip.decompress(artifact.read_bytes()))
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    finally:
        conn.close()


def test_building_twice_gives_the_same_catalog(built: Built, tmp_path: Path) -> None:
    again = build_bundled(MINI, tmp_path / "catalog.sqlite.gz")
    assert (tmp_path / "catalog.sqlite.gz").read_bytes() == built.artifact.read_bytes()
    assert _content(tmp_path / "catalog.sqlite.gz", tmp_path) == _content(built.artifact, tmp_path)
    first, second = built.report.to_dict(), again.to_dict()
    first.pop("seconds"), second.pop("seconds")
    assert first == second


def test_the_report_accounts_for_every_row_and_every_show(built: Built) -> None:
    report = built.report
    for name, source in report.sources.items():
        assert source.rows_read == sum(source.files.values()), name
        assert source.rows_read == source.rows_used + sum(source.rows_skipped.values()), name
        outcomes = (
            source.joined,
            source.new_shows,
            source.separate,
            source.ambiguous,
            source.uncertain,
            source.unmatched,
        )
        assert source.records == sum(outcomes), name
        assert source.joined == sum(source.joined_by.values()), name
        # what was kept out (not stored at all) is some of the ambiguous and uncertain
        assert source.kept_out <= source.ambiguous + source.uncertain, name
    created = sum(getattr(s, field) for s in report.sources.values() for field in _CREATING)
    created -= sum(s.kept_out for s in report.sources.values())
    counts = built.catalog.counts()
    assert report.shows_created == created == counts["shows"]
    assert sum(report.shows_by_source_count.values()) == counts["shows"]
    assert report.episodes == counts["episodes"]
    assert report.interest_points == counts["interest_points"]
    assert report.credits == counts["credits"]
    assert report.sources["tvmaze"].rows_read == 41
    assert report.sources["netflix_catalog_2021"].rows_skipped == {"film": 2}


def test_the_report_is_written_next_to_the_artifact(built: Built) -> None:
    written = json.loads((built.artifact.parent / REPORT_NAME).read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(built.report.to_dict()))
    assert written["artifact_bytes"] == built.artifact.stat().st_size


def test_plain_and_gzipped_raw_files_build_the_same_catalog(built: Built, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(MINI, raw)
    for path in [p for p in raw.rglob("*") if p.is_file() and p.suffix != ".gz"]:
        path.with_name(path.name + ".gz").write_bytes(gzip.compress(path.read_bytes(), mtime=0))
        path.unlink()
    build_bundled(raw, tmp_path / "catalog.sqlite.gz")
    assert _content(tmp_path / "catalog.sqlite.gz", tmp_path) == _content(built.artifact, tmp_path)


def _broken_copy(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(MINI, raw)
    (tmp_path / "out").mkdir()
    return raw


def _nothing_written(tmp_path: Path) -> bool:
    return list((tmp_path / "out").iterdir()) == []


def test_a_missing_raw_file_is_a_build_error_naming_it(tmp_path: Path) -> None:
    raw = _broken_copy(tmp_path)
    (raw / "netflix/top10_all-weeks-global.tsv").unlink()
    with pytest.raises(BuildError, match=r"raw file missing: netflix/top10_all-weeks-global\.tsv"):
        build_bundled(raw, tmp_path / "out" / "catalog.sqlite.gz")
    assert _nothing_written(tmp_path)


def test_a_bad_value_is_a_build_error_naming_file_row_and_column(tmp_path: Path) -> None:
    raw = _broken_copy(tmp_path)
    path = raw / "netflix/engagement_2023_H1_H2.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"81,21,00,000"', '"lots"'), encoding="utf-8"
    )
    with pytest.raises(BuildError) as caught:
        build_bundled(raw, tmp_path / "out" / "catalog.sqlite.gz")
    assert str(caught.value) == (
        "raw file netflix/engagement_2023_H1_H2.csv, data row 1, column 'Hours Viewed': "
        "not a grouped number: 'lots'"
    )
    assert _nothing_written(tmp_path)


def test_an_unexpected_column_stops_the_build_naming_file_and_column(tmp_path: Path) -> None:
    # A newer export of OMDb with a column the reader was not written for.
    raw = _broken_copy(tmp_path)
    path = raw / "outcomes/omdb_series_1995_2017.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",plot", *(line + ",x" for line in lines[1:])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build_bundled(raw, tmp_path / "out" / "catalog.sqlite.gz")
    assert str(caught.value).startswith(
        "raw file outcomes/omdb_series_1995_2017.csv has unexpected column(s) plot"
    )
    assert caught.value.exit_code == 5
    assert _nothing_written(tmp_path)


def test_an_unreadable_run_of_years_names_the_row(tmp_path: Path) -> None:
    raw = _broken_copy(tmp_path)
    path = raw / "outcomes/omdb_series_1995_2017.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("2005–2013", "sometime", 1), encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build_bundled(raw, tmp_path / "out" / "catalog.sqlite.gz")
    assert "outcomes/omdb_series_1995_2017.csv, data row 1, column 'year'" in str(caught.value)
    assert _nothing_written(tmp_path)


def test_a_row_with_missing_cells_is_a_build_error(tmp_path: Path) -> None:
    raw = _broken_copy(tmp_path)
    path = raw / "hulu/hulu_titles_2021.csv"
    path.write_text(path.read_text(encoding="utf-8") + "s999,TV Show,Cut short\n", "utf-8")
    with pytest.raises(BuildError, match=r"hulu/hulu_titles_2021\.csv line 5: expected 11"):
        build_bundled(raw, tmp_path / "out" / "catalog.sqlite.gz")
    assert _nothing_written(tmp_path)


def test_a_truncated_json_file_is_a_build_error(tmp_path: Path) -> None:
    raw = _broken_copy(tmp_path)
    path = raw / "tvmaze/schedule-web-2020-12/schedule_web_2020-12-25.json"
    path.write_text(path.read_text(encoding="utf-8")[:500], encoding="utf-8")
    with pytest.raises(BuildError, match=r"schedule_web_2020-12-25\.json is not valid JSON"):
        build_bundled(raw, tmp_path / "out" / "catalog.sqlite.gz")
    assert _nothing_written(tmp_path)


def test_a_corrupt_gzip_file_is_a_build_error(tmp_path: Path) -> None:
    raw = _broken_copy(tmp_path)
    path = raw / "netflix/netflix_titles_2022.csv.gz"
    path.write_bytes(path.read_bytes()[:200])
    with pytest.raises(BuildError, match=r"cannot read raw file netflix/netflix_titles_2022"):
        build_bundled(raw, tmp_path / "out" / "catalog.sqlite.gz")
    assert _nothing_written(tmp_path)


def test_a_missing_raw_folder_is_a_build_error(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="raw folder not found"):
        build_bundled(tmp_path / "nowhere", tmp_path / "catalog.sqlite.gz")

"""Reports from the shipped catalog, as a user runs them: offline, from a fresh install."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import html5lib
import pytest

from nextseason.catalog import Catalog
from nextseason.cli import main
from nextseason.model import Report
from nextseason.report.build import build_report
from nextseason.report.render import render

SCHEDULE = Path(__file__).parent / "fixtures" / "raw_mini" / "tvmaze" / "schedule-web-2020-12"
#: The day verdicts count from (the suite's usual date).
TODAY = date(2026, 11, 27)


def report_json(bundled_db: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> Report:
    with pytest.raises(SystemExit) as info:
        main(["report", *args, "--format", "json", "--db", str(bundled_db)])
    assert info.value.code == 0
    return Report.model_validate_json(capsys.readouterr().out)


def test_a_one_season_netflix_show_tvmaze_lists_as_ended_is_cancelled_inferred(
    bundled_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = report_json(bundled_db, "Tiny Pretty Things", capsys=capsys)
    status = report.status
    assert report.season == 2
    assert (status.verdict, status.basis, status.rule) == (
        "cancelled",
        "inferred",
        "one-season-streaming-ended",
    )
    assert "single season on Netflix" in status.reason
    assert any(r.source == "tvmaze" and r.says == "Ended" for r in status.readings)


def test_episode_counts_and_dates_match_the_tvmaze_recording(
    bundled_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recorded = json.loads((SCHEDULE / "schedule_web_2020-12-25.json").read_text())
    episodes = [e for e in recorded if e["_embedded"]["show"]["name"] == "Bridgerton"]
    report = report_json(bundled_db, "Bridgerton", "--season", "1", capsys=capsys)
    season_one = next(s for s in report.seasons.seasons if s.number == 1)
    assert season_one.episodes_in_catalog == len(episodes) == 8
    listed = {
        (e.number, e.airdate.isoformat() if e.airdate else None, e.title)
        for e in report.seasons.episodes
        if e.season == 1
    }
    assert listed == {(e["number"], e["airdate"], e["name"]) for e in episodes}
    assert report.status.verdict == "renewed" and report.status.rule == "season-aired"


def test_a_catalogs_season_count_is_not_read_as_seasons_made(
    bundled_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Netflix's catalogs list "3 seasons" of Ashley Garcia; the seasons known to exist are
    # the one TVmaze dates. The report asks about season 2, not season 4.
    report = report_json(bundled_db, "The Expanding Universe of Ashley Garcia", capsys=capsys)
    assert report.season == 2
    assert report.seasons.seasons_known is not None and report.seasons.seasons_known.value == 1
    assert "3 seasons listed" in [f.value for f in report.seasons.seasons_listed]
    assert (report.status.verdict, report.status.rule) == (
        "cancelled",
        "one-season-streaming-ended",
    )


def test_a_show_in_several_files_credits_every_source(
    bundled_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = report_json(bundled_db, "Bridgerton", capsys=capsys)
    keys = {s.key for s in report.sources}
    assert {"tvmaze", "netflix_catalog_2021", "netflix_top10"} <= keys
    tvmaze = next(s for s in report.sources if s.key == "tvmaze")
    assert "CC BY-SA 4.0" in tvmaze.licence
    stale = {s.key: s.stale for s in report.sources}
    # TVmaze's 2022 recording is stale by now; the Top 10 runs to July 2026.
    assert stale["tvmaze"] and not stale["netflix_top10"]
    assert report.interest.series and report.interest.reading


def test_namesakes_stay_apart(bundled: Catalog) -> None:
    bebops = [h.entry for h in bundled.search("Cowboy Bebop", limit=10) if h.exact]
    assert {1998, 2021} <= {e.year for e in bebops}


def test_the_html_report_of_a_real_show_is_valid_and_self_contained(bundled: Catalog) -> None:
    entry, _ = bundled.find("Bridgerton")
    page = render(build_report(bundled, entry.id, today=TODAY), "html")
    html5lib.HTMLParser(strict=True).parse(page)
    assert "<script" not in page
    assert "Bridgerton" in page


def test_report_writes_markdown_to_a_file(bundled_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "tpt.md"
    with pytest.raises(SystemExit) as info:
        main(["report", "Tiny Pretty Things", "-f", "md", "-o", str(out), "--db", str(bundled_db)])
    assert info.value.code == 0
    text = out.read_text()
    assert "cancelled" in text.lower() and "## Sources" in text


def test_a_fresh_install_answers_offline_in_a_new_process(tmp_path: Path) -> None:
    # A new machine: the data folder does not exist yet; no network is reachable.
    home = tmp_path / "home" / "nextseason"
    env = dict(os.environ, NEXTSEASON_HOME=str(home), HTTPS_PROXY="http://127.0.0.1:9")
    env.pop("NEXTSEASON_DB", None)
    done = subprocess.run(
        [sys.executable, "-m", "nextseason", "report", "Tiny Pretty Things", "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report = Report.model_validate_json(done.stdout)
    assert report.status.verdict == "cancelled"
    assert (home / "catalog.sqlite").exists()

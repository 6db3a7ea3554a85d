"""Episodes, seasons and status of TVmaze's December 2020 web schedule, as the files give them."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import text

from nextseason.model import ShowBundle
from tests.importers.conftest import MINI, Built


def _source_episodes() -> dict[str, list[dict[str, Any]]]:
    """Every episode in the fixture's schedule files, by show name, read as plain JSON."""
    by_show: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for path in sorted((MINI / "tvmaze/schedule-web-2020-12").glob("*.json")):
        for episode in json.loads(path.read_text(encoding="utf-8")):
            by_show[episode["_embedded"]["show"]["name"]].append(episode)
    return by_show


def _tvmaze_show(built: Built, title: str) -> ShowBundle:
    """The show holding TVmaze's record of ``title`` (non-Latin titles have no title key)."""
    with built.catalog.connect() as conn:
        show_id = conn.execute(
            text("SELECT show_id FROM show_records WHERE source = 'tvmaze' AND title = :t"),
            {"t": title},
        ).scalar_one()
    return built.catalog.show(int(show_id))


@pytest.mark.parametrize("title", ["Bridgerton", "The Mandalorian", "Detention", "Котики"])
def test_episode_counts_and_airdates_match_the_source_files(built: Built, title: str) -> None:
    source = _source_episodes()[title]
    show = _tvmaze_show(built, title)
    episodes = [e for e in show.episodes if e.src.source == "tvmaze"]
    stored = {(e.season, e.number, e.airdate, e.title, e.source_id) for e in episodes}
    expected = {
        (e["season"], e["number"], date.fromisoformat(e["airdate"]), e["name"], str(e["id"]))
        for e in source
    }
    assert len(episodes) == len(source)
    assert stored == expected


def test_episodes_keep_type_runtime_summary_and_utc_airstamp(built: Built) -> None:
    finale = next(e for e in built.show("The Mandalorian").episodes if e.source_id == "1949636")
    assert (finale.season, finale.number) == (2, 8)
    assert finale.airdate == date(2020, 12, 18)
    assert finale.title == "Chapter 16: The Rescue"
    assert finale.airstamp == datetime(2020, 12, 18, 12, 0)  # "2020-12-18T12:00:00+00:00"
    assert finale.kind == "regular"
    assert finale.runtime == 44
    assert finale.source_id == "1949636"
    assert finale.summary is not None and finale.summary.startswith("<p>")


def test_a_season_premiere_date_only_when_its_first_episode_is_in_the_schedule(
    built: Built,
) -> None:
    # Bridgerton's season 1 premiered on 2020-12-25 with all eight episodes.
    bridgerton = {s.number: s for s in built.show("Bridgerton").seasons if s.source == "tvmaze"}
    assert bridgerton[1].premiere_date == date(2020, 12, 25)
    # The Mandalorian's season 2 began in October: December shows episodes 6 to 8 only.
    mandalorian = {
        s.number: s for s in built.show("The Mandalorian").seasons if s.source == "tvmaze"
    }
    assert mandalorian[2].premiere_date is None


def test_tvmaze_status_is_kept_verbatim_with_the_recording_time(built: Built) -> None:
    show = built.show("The Mandalorian")
    [reading] = [r for r in show.statuses if r.source == "tvmaze"]
    assert reading.status == "Running"
    # The recording is no older than the newest `updated` stamp among the responses.
    stamps = [e["_embedded"]["show"]["updated"] for eps in _source_episodes().values() for e in eps]
    assert reading.read_at == datetime.fromtimestamp(max(stamps), UTC).replace(tzinfo=None)
    assert reading.src.licence == "CC BY-SA 4.0"
    assert reading.src.url.startswith("https://api.tvmaze.com/schedule/web?date=2020-12-")

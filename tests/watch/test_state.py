"""Sequences of readings, and the changes a watcher is told about."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from nextseason.analysis.status import verdict_for
from nextseason.model import LatestEpisode, SeasonClaim, SourceStatus, StatusFacts
from nextseason.watch.state import WatchState, observe

TODAY = date(2026, 11, 27)


def facts(
    *,
    tvmaze: str | None = "Running",
    tmdb: str | None = None,
    seasons: int = 2,
    dated: dict[int, date] | None = None,
    episodes: int = 20,
) -> StatusFacts:
    claims = [
        SeasonClaim(n, "tvmaze", date(2026, 11, 1), "episodes", date(2022 + n, 3, 1))
        for n in range(1, seasons + 1)
    ]
    for number, day in (dated or {}).items():
        claims.append(SeasonClaim(number, "tvmaze", date(2026, 11, 1), "season", day))
    statuses = {}
    if tvmaze:
        statuses["tvmaze"] = SourceStatus("tvmaze", tvmaze, date(2026, 11, 20))
    if tmdb:
        statuses["tmdb"] = SourceStatus("tmdb", tmdb, date(2026, 11, 20))
    return StatusFacts(
        title="Severed Ties",
        platform="Netflix",
        platform_kind="streaming",
        statuses=statuses,
        claims=claims,
        episode_count=episodes,
        latest_episode=LatestEpisode(seasons, 10, "Finale", date(2024, 3, 20)),
    )


def run(sequence: list[StatusFacts]) -> list[list[str]]:
    """Observe each reading in turn; the kinds of changes reported at each step."""
    state: WatchState | None = None
    seen = []
    for reading in sequence:
        state, changes, _ = observe(state, reading, verdict_for(reading, TODAY))
        seen.append([c.kind for c in changes])
    return seen


def test_the_first_check_after_adding_reports_nothing() -> None:
    assert run([facts()]) == [[]]


def test_a_flip_flop_between_two_readings_never_alerts() -> None:
    flapping = [
        facts(tvmaze=s)
        for s in ("Running", "To Be Determined", "Running", "To Be Determined", "Running")
    ]
    assert run(flapping) == [[], [], [], [], []]


def test_two_consistent_readings_confirm_a_change() -> None:
    steps = run([facts(), facts(tvmaze="To Be Determined"), facts(tvmaze="To Be Determined")])
    assert steps == [[], [], ["verdict"]]


def test_a_show_cancelled_mid_season_is_reported_at_once() -> None:
    # TMDB's Canceled is authoritative: no second reading needed.
    steps = run([facts(), facts(tmdb="Canceled")])
    assert steps == [[], ["verdict"]]


def test_a_revival_is_reported_as_renewed() -> None:
    ended = facts(tvmaze="Ended")
    revived = facts(tvmaze="Ended", dated={3: date(2027, 5, 1)})
    state, _, _ = observe(None, ended, verdict_for(ended, TODAY))
    state, changes, _ = observe(state, revived, verdict_for(revived, TODAY))
    kinds = {c.kind: c for c in changes}
    assert set(kinds) == {"verdict", "season dated"}
    assert kinds["verdict"].detail["verdict"] == "renewed"
    assert kinds["verdict"].detail["was"] == "ended"
    assert "season 3 dated 2027-05-01" in kinds["season dated"].title


def test_a_season_dated_while_the_status_still_says_ended() -> None:
    before = facts(tvmaze="Ended", seasons=3)
    after = facts(tvmaze="Ended", seasons=3, dated={4: date(2027, 1, 9)})
    assert verdict_for(after, TODAY).verdict == "renewed"
    assert run([before, after]) == [[], ["verdict", "season dated"]]


def test_new_episodes_are_reported_with_the_latest() -> None:
    first = facts(episodes=20)
    later = replace(
        facts(episodes=23), latest_episode=LatestEpisode(3, 3, "Homecoming", date(2026, 11, 20))
    )
    state, _, _ = observe(None, first, verdict_for(first, TODAY))
    _, changes, _ = observe(state, later, verdict_for(later, TODAY))
    [change] = [c for c in changes if c.kind == "new episodes"]
    assert "3 new episodes" in change.summary and "S03E03 “Homecoming”" in change.summary


def test_state_survives_json() -> None:
    reading = facts()
    state, _, _ = observe(None, reading, verdict_for(reading, TODAY))
    assert WatchState.from_json(state.to_json()) == state

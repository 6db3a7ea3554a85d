"""Each status rule, from readings to the verdict a fan reads."""

from __future__ import annotations

from datetime import date

from nextseason.analysis.status import RULES, StatusInputs, status_verdict

TODAY = date(2026, 11, 27)
AS_OF = date(2020, 12, 31)


def inputs(**kw: object) -> StatusInputs:
    base: dict[str, object] = {
        "title": "Show",
        "season": 2,
        "today": TODAY,
        "tvmaze_as_of": AS_OF,
        "platform": "Netflix",
        "platform_kind": "streaming",
        "last_season": 1,
        "last_season_source": "tvmaze",
        "last_season_as_of": AS_OF,
    }
    base.update(kw)
    return StatusInputs(**base)  # type: ignore[arg-type]


def test_every_rule_is_documented() -> None:
    assert len({r.id for r in RULES}) == len(RULES)
    assert all(len(r.description) > 20 for r in RULES)


def test_season_that_aired_was_renewed() -> None:
    v = status_verdict(inputs(season=1, tvmaze_status="Ended", season_dates={1: date(2020, 12, 4)}))
    assert (v.verdict, v.basis, v.rule) == ("renewed", "announced", "season-aired")
    assert v.decided_on == date(2020, 12, 4)


def test_season_airing_at_the_reading_is_running() -> None:
    v = status_verdict(inputs(season=1, tvmaze_status="Running", last_episode=date(2020, 12, 28)))
    assert (v.verdict, v.rule) == ("running", "season-aired")


def test_a_dated_next_season_is_renewed() -> None:
    v = status_verdict(
        inputs(
            season=3,
            last_season=2,
            season_dates={3: date(2027, 3, 1)},
            season_sources={3: "tvmaze"},
        )
    )
    assert (v.verdict, v.rule, v.source) == ("renewed", "season-dated", "tvmaze")


def test_tmdb_canceled_is_cancelled_announced() -> None:
    v = status_verdict(
        inputs(tvmaze_status="Ended", tmdb_status="Canceled", last_season=3, season=4)
    )
    assert (v.verdict, v.basis, v.rule, v.source) == (
        "cancelled",
        "announced",
        "tmdb-canceled",
        "tmdb",
    )


def test_in_development() -> None:
    v = status_verdict(inputs(tvmaze_status="In Development", last_season=None))
    assert v.verdict == "in development"


def test_limited_series_that_ended_ended_as_planned() -> None:
    v = status_verdict(inputs(tvmaze_status="Ended", summary="A gripping limited series."))
    assert (v.verdict, v.rule) == ("ended", "limited-ended")


def test_one_season_netflix_show_marked_ended_is_cancelled_inferred() -> None:
    v = status_verdict(inputs(tvmaze_status="Ended"))
    assert (v.verdict, v.basis, v.rule) == ("cancelled", "inferred", "one-season-streaming-ended")
    assert "single season on Netflix" in v.reason
    assert v.confidence_label == "high"
    assert v.readings[0].source == "tvmaze" and v.readings[0].says == "Ended"


def test_an_end_date_long_after_the_known_episodes_is_not_one_season() -> None:
    # TVmaze ended the show months after the last episode the catalog holds: more aired.
    v = status_verdict(
        inputs(tvmaze_status="Ended", last_episode=date(2020, 12, 4), ended=date(2021, 5, 4))
    )
    assert v.rule == "ended" and v.verdict == "ended"


def test_one_season_broadcast_show_marked_ended_is_only_ended() -> None:
    v = status_verdict(inputs(tvmaze_status="Ended", platform="NBC", platform_kind="network"))
    assert (v.verdict, v.rule) == ("ended", "ended")


def test_multi_season_ended_says_tvmaze_cannot_tell_why() -> None:
    v = status_verdict(inputs(season=5, last_season=4, tvmaze_status="Ended"))
    assert v.verdict == "ended" and v.basis == "inferred"
    assert "planned or a cancellation" in v.reason


def test_to_be_determined_is_awaiting_decision_and_old_readings_lose_confidence() -> None:
    fresh = status_verdict(
        inputs(
            tvmaze_status="To Be Determined", today=date(2021, 2, 1), last_episode=date(2020, 12, 1)
        )
    )
    stale = status_verdict(inputs(tvmaze_status="To Be Determined", last_episode=date(2020, 12, 1)))
    assert fresh.verdict == stale.verdict == "awaiting decision"
    assert stale.confidence < fresh.confidence
    assert "years ago" in stale.reason


def test_the_chance_of_cancellation_grows_with_the_time_past_the_window() -> None:
    def verdict(months_after: int) -> object:
        last = date(2020, 1, 1)
        seen = date.fromordinal(last.toordinal() + months_after * 30 + 1)
        return status_verdict(
            inputs(
                tvmaze_status="To Be Determined", tvmaze_as_of=seen, today=seen, last_episode=last
            )
        )

    within, past, long_past = verdict(3), verdict(8), verdict(22)
    assert "within Netflix's usual 4-month decision window" in within.reason  # type: ignore[attr-defined]
    assert within.confidence > past.confidence > long_past.confidence  # type: ignore[attr-defined]
    assert "more likely cancelled than not renewed yet" in long_past.reason  # type: ignore[attr-defined]


def test_a_broadcast_network_has_its_own_decision_window() -> None:
    v = status_verdict(
        inputs(
            tvmaze_status="To Be Determined",
            platform="NBC",
            platform_kind="network",
            tvmaze_as_of=date(2021, 1, 1),
            today=date(2021, 1, 1),
            last_episode=date(2020, 10, 1),
        )
    )
    assert "within NBC's usual 4-month decision window" in v.reason


def test_past_the_decision_window_cancellation_grows_likelier() -> None:
    v = status_verdict(
        inputs(
            tvmaze_status="To Be Determined", today=date(2021, 2, 1), last_episode=date(2019, 6, 1)
        )
    )
    assert "past Netflix's usual 4-month decision window" in v.reason
    assert v.confidence < 0.5


def test_running_without_a_date_for_next_season() -> None:
    v = status_verdict(inputs(tvmaze_status="Running", today=date(2021, 1, 10)))
    assert (v.verdict, v.rule) == ("running", "running")


def test_one_season_and_years_of_silence_is_cancelled_inferred() -> None:
    v = status_verdict(
        inputs(
            tvmaze_status=None,
            last_season_source="netflix_catalog_2022",
            last_season_as_of=date(2022, 7, 1),
            last_season_year=2018,
        )
    )
    assert (v.verdict, v.basis, v.rule) == ("cancelled", "inferred", "one-season-silence")
    assert "4 years" in v.reason


def test_recent_one_season_show_without_status_is_unknown() -> None:
    v = status_verdict(
        inputs(tvmaze_status=None, last_season_year=2021, last_season_as_of=date(2022, 7, 1))
    )
    assert (v.verdict, v.basis, v.confidence) == ("unknown", "none", 0.0)


def test_the_release_pattern_is_one_of_the_readings() -> None:
    from nextseason.analysis.status import verdict_for
    from nextseason.model import SeasonClaim, SourceStatus, StatusFacts

    binge = StatusFacts(
        title="Tiny Pretty Things",
        platform="Netflix",
        platform_kind="streaming",
        statuses={"tvmaze": SourceStatus("tvmaze", "Ended", date(2022, 9, 7))},
        claims=[
            SeasonClaim(
                1,
                "tvmaze",
                date(2022, 9, 7),
                "episodes",
                date(2020, 12, 14),
                2020,
                last_aired=date(2020, 12, 14),
                episodes=10,
            )
        ],
    )
    says = [r.says for r in verdict_for(binge, TODAY).readings]
    assert (
        "release pattern: season 1: 10 episodes released at once on 2020-12-14; "
        "Netflix usually decides within 4 months"
    ) in says

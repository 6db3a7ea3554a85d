"""Each status rule, from readings to the verdict a fan reads."""

from __future__ import annotations

from datetime import date

from nextseason.analysis.status import RULES, StatusInputs, status_verdict
from nextseason.model import SourceStatus

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
    assert stale.stale_note is not None and "years ago" in stale.stale_note


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


def _scorecard(season: int, status: str, said: str, when: date | None, tv: str) -> SourceStatus:
    return SourceStatus(
        "metacritic_scorecard",
        status,
        when or date(int(tv[:4]) + 1, 6, 30),
        {
            "network": "FOX",
            "said": said,
            "tv_season": tv,
            "announced": when.isoformat() if when else None,
        },
        season,
    )


def test_an_announced_cancellation_is_quoted_with_who_said_it_and_when() -> None:
    cancelled = _scorecard(3, "cancelled", "Canceled 5/10", date(2018, 5, 10), "2017-18")
    v = status_verdict(
        inputs(season=4, last_season=3, announcements=[cancelled], tvmaze_status=None)
    )
    assert (v.verdict, v.basis, v.rule) == ("cancelled", "announced", "announced")
    assert "Metacritic's 2017-18 renewal scorecard: Canceled 5/10 (FOX)" in v.reason
    assert v.decided_on == date(2018, 5, 10)


def test_a_later_announcement_outranks_an_earlier_one() -> None:
    renewed = _scorecard(3, "renewed", "Renewed 1/5", date(2018, 1, 5), "2017-18")
    cancelled = _scorecard(3, "cancelled", "Canceled 5/10", date(2018, 5, 10), "2017-18")
    v = status_verdict(inputs(season=4, last_season=3, announcements=[renewed, cancelled]))
    assert v.verdict == "cancelled"


def test_a_final_season_announced_ends_the_show_after_it() -> None:
    final = _scorecard(
        5, "renewed for a final season", "Renewed for a 6th (final) season", None, "2019-20"
    )
    v = status_verdict(inputs(season=7, last_season=6, announcements=[final]))
    assert (v.verdict, v.basis) == ("ended", "announced")


def test_a_renewal_whose_season_never_came_was_reversed() -> None:
    renewed = _scorecard(1, "renewed", "Renewed 7/9/19", date(2019, 7, 9), "2018-19")
    v = status_verdict(
        inputs(
            season=2,
            last_season=1,
            announcements=[renewed],
            watched_until=date(2023, 6, 30),
            tvmaze_status=None,
        )
    )
    assert (v.verdict, v.basis) == ("cancelled", "inferred")
    assert "most likely reversed" in v.reason


def test_a_tmdb_miniseries_ends_as_planned_and_is_never_called_cancelled() -> None:
    v = status_verdict(inputs(tvmaze_status=None, tmdb_status="Ended", tmdb_type="Miniseries"))
    assert (v.verdict, v.rule) == ("ended", "limited-ended")
    assert "TMDB lists it as a miniseries" in v.reason


def test_a_netflix_limited_series_title_says_so() -> None:
    v = status_verdict(
        inputs(tvmaze_status="Ended", titles=("The Queen's Gambit: Limited Series",))
    )
    assert (v.verdict, v.rule) == ("ended", "limited-ended")


def test_a_korean_drama_that_ended_after_one_season_ended_and_says_it_cannot_tell() -> None:
    v = status_verdict(inputs(tvmaze_status="Ended", language="Korean", kind="Scripted"))
    assert (v.verdict, v.rule) == ("ended", "one-season-by-design")
    assert "cannot be told apart" in v.reason


def test_years_of_silence_after_several_seasons_mean_the_show_ended() -> None:
    v = status_verdict(
        inputs(
            season=5,
            last_season=4,
            last_season_year=2017,
            watched_until=date(2026, 7, 20),
            watched_strongly=True,
            tvmaze_status=None,
        )
    )
    assert (v.verdict, v.rule, v.basis) == ("ended", "long-silence", "inferred")
    assert v.confidence == 0.8
    weak = status_verdict(
        inputs(
            season=5,
            last_season=4,
            last_season_year=2017,
            watched_until=date(2021, 6, 30),
            tvmaze_status=None,
        )
    )
    assert weak.verdict == "ended" and weak.confidence < v.confidence


def test_tmdb_listing_the_next_season_of_a_returning_show_is_a_renewal() -> None:
    v = status_verdict(
        inputs(season=3, last_season=2, tmdb_status="Returning Series", tmdb_seasons=3)
    )
    assert (v.verdict, v.rule) == ("renewed", "tmdb-lists-season")


def test_an_end_date_a_year_after_the_last_known_episode_means_a_later_season_aired() -> None:
    v = status_verdict(
        inputs(
            season=2,
            last_season=1,
            tvmaze_status="Ended",
            last_episode=date(2020, 12, 20),
            ended=date(2022, 1, 14),
        )
    )
    assert (v.verdict, v.rule) == ("renewed", "aired-after-known-episodes")


def test_every_verdict_names_its_newest_evidence_and_its_age() -> None:
    v = status_verdict(inputs(tvmaze_status="Ended", tvmaze_as_of=date(2020, 12, 31)))
    assert v.evidence_date == date(2020, 12, 31)
    assert v.evidence_age_days == (TODAY - date(2020, 12, 31)).days
    assert v.stale_note is not None and "nextseason sync" in v.stale_note
    fresh = status_verdict(inputs(tvmaze_status="Ended", tvmaze_as_of=TODAY))
    assert fresh.stale_note is None and fresh.evidence_age_days == 0


def test_a_show_no_source_watches_has_no_evidence_and_no_silence() -> None:
    """A show known only from listings (a name on a channel, a 2021 catalog's count) has no
    source that would have seen a new season: its verdict names no evidence date, rather than
    today's, and years without a season listed prove nothing (no long silence)."""
    from nextseason.analysis.status import verdict_for
    from nextseason.model import SeasonClaim, StatusFacts

    named = StatusFacts(title="SKAM", platform="NRK TV", platform_kind="streaming")
    v = verdict_for(named, TODAY)
    assert v.verdict == "unknown"
    assert v.evidence_date is None and v.evidence_age_days is None
    # Season 3 known from the 2022 Netflix catalog (premiered 2016), and no source that looks
    # for new seasons: no one kept watching, so the years since say nothing.
    listed = StatusFacts(
        title="Listed",
        platform="Hulu",
        platform_kind="streaming",
        claims=[
            SeasonClaim(
                3,
                "netflix_2022",
                date(2022, 7, 18),
                "season",
                None,
                2016,
                seen_on=date(2016, 12, 31),
            )
        ],
    )
    quiet = verdict_for(listed, TODAY)
    assert quiet.rule != "long-silence", quiet.reason
    assert "kept watching" not in quiet.reason

"""What a watched show looked like at the last check, and what changed since: pure logic.

A change of verdict is reported only when it is confirmed: by two consistent readings in a
row, or by one authoritative reading (an announced date, a TMDB Canceled). A reading that
disagrees once is kept as *pending*; if the next check goes back, nothing is reported, so
two sources that flip-flop never raise an alert. A new season with a date and new episodes
are facts, not opinions, and are reported at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nextseason.analysis.status import RULES_BY_ID
from nextseason.model import StatusFacts, StatusVerdict

__all__ = ["Change", "WatchState", "observe"]

CONFIRMATIONS = 2  # consistent readings in a row that confirm a change


@dataclass
class WatchState:
    """The watchlist's memory of one show (stored as JSON)."""

    verdict: str | None = None
    season: int | None = None
    rule: str | None = None
    pending: str | None = None
    pending_season: int | None = None
    pending_count: int = 0
    dated: dict[str, str] = field(default_factory=dict)  # season -> first air date
    episodes: int = 0

    def to_json(self) -> dict[str, Any]:
        # Written out rather than dataclasses.asdict, whose deep copy dominates a big check.
        return {
            "verdict": self.verdict,
            "season": self.season,
            "rule": self.rule,
            "pending": self.pending,
            "pending_season": self.pending_season,
            "pending_count": self.pending_count,
            "dated": dict(self.dated),
            "episodes": self.episodes,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> WatchState | None:
        if not data:
            return None
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass(frozen=True)
class Change:
    kind: str  # "verdict" | "season dated" | "new episodes"
    title: str
    summary: str
    detail: dict[str, Any]


def _dated(verdict: StatusVerdict, facts: StatusFacts) -> dict[str, str]:
    from nextseason.analysis.status import season_evidence

    return {str(n): d.isoformat() for n, d in season_evidence(facts).first_dates.items()}


def _verdict_change(old: WatchState, verdict: StatusVerdict, facts: StatusFacts) -> Change:
    was = f"{old.verdict} for season {old.season}" if old.verdict else "unknown"
    return Change(
        "verdict",
        f"{facts.title}: season {verdict.season} is {verdict.verdict}",
        f"{facts.title}: season {verdict.season} is now {verdict.verdict} (was {was}). "
        f"{verdict.reason}",
        {
            "season": verdict.season,
            "verdict": verdict.verdict,
            "was": old.verdict,
            "was_season": old.season,
            "basis": verdict.basis,
            "rule": verdict.rule,
            "source": verdict.source,
            "confidence": verdict.confidence,
        },
    )


def observe(
    old: WatchState | None, facts: StatusFacts, verdict: StatusVerdict
) -> tuple[WatchState, list[Change], bool]:
    """Fold one check's reading into the state.

    Returns the new state, the confirmed changes, and whether the reading confirmed a
    (new) verdict. The first observation sets the baseline and reports nothing.
    """
    dated = _dated(verdict, facts)
    if old is None:
        fresh = WatchState(
            verdict=verdict.verdict,
            season=verdict.season,
            rule=verdict.rule,
            dated=dated,
            episodes=facts.episode_count,
        )
        return fresh, [], True

    new = WatchState(**old.to_json())
    found: list[Change] = []
    confirmed = False
    reading = (verdict.verdict, verdict.season)
    if reading == (old.verdict, old.season):
        new.pending, new.pending_season, new.pending_count = None, None, 0
    else:
        rule = RULES_BY_ID.get(verdict.rule or "")
        again = reading == (old.pending, old.pending_season)
        count = old.pending_count + 1 if again else 1
        if (rule is not None and rule.authoritative) or count >= CONFIRMATIONS:
            found.append(_verdict_change(old, verdict, facts))
            new.verdict, new.season, new.rule = verdict.verdict, verdict.season, verdict.rule
            new.pending, new.pending_season, new.pending_count = None, None, 0
            confirmed = True
        else:
            new.pending, new.pending_season, new.pending_count = (
                verdict.verdict,
                verdict.season,
                count,
            )

    for season, day in sorted(dated.items(), key=lambda kv: int(kv[0])):
        if old.dated.get(season) != day and int(season) > max(map(int, old.dated), default=0):
            found.append(
                Change(
                    "season dated",
                    f"{facts.title}: season {season} dated {day}",
                    f"{facts.title}: season {season} has a date: {day}.",
                    {"season": int(season), "date": day},
                )
            )
    new.dated = dated

    if facts.episode_count > old.episodes:
        added = facts.episode_count - old.episodes
        latest = facts.latest_episode
        where = ""
        if latest:
            name = f" “{latest.title}”" if latest.title else ""
            aired = f", {latest.airdate.isoformat()}" if latest.airdate else ""
            where = f"; latest S{latest.season:02d}E{latest.number:02d}{name}{aired}"
        found.append(
            Change(
                "new episodes",
                f"{facts.title}: {added} new episode{'s' * (added != 1)}",
                f"{facts.title}: {added} new episode{'s' * (added != 1)} in the catalog{where}.",
                {"added": added, "episodes": facts.episode_count},
            )
        )
    new.episodes = facts.episode_count
    return new, found, confirmed

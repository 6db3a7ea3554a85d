"""The status verdict for season N of a show: a pure function from readings to a verdict.

The rules are data (:data:`RULES`): each has an id, a plain description that the README
and the report quote, and a predicate over :class:`StatusInputs`. The first rule that
applies gives the verdict. Every verdict says whether it was *announced* (a source states
it) or *inferred* (and from what), how confident it is, and what every source said.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from nextseason.model import (
    LatestEpisode,
    SeasonClaim,
    ShowBundle,
    SourceStatus,
    StatusFacts,
    StatusReadingInfo,
    StatusVerdict,
    Verdict,
)
from nextseason.text import plain_text

__all__ = [
    "RULES",
    "Rule",
    "SeasonEvidence",
    "StatusInputs",
    "default_season",
    "facts_from_bundle",
    "season_evidence",
    "status_inputs",
    "status_verdict",
    "verdict_for",
]

#: Readings older than this many days make a verdict that can still change less certain.
STALE_DAYS = 365
#: A one-season streaming show with no second season this long after its release is
#: taken as cancelled (the usual decision window of streaming services is well under it).
ONE_SEASON_SILENCE_YEARS = 3

#: An end date this much later than the last known episode means episodes are missing.
LATER_EPISODES_DAYS = 60

#: How many months after a season's last episode a platform usually announces whether it
#: renews a show: approximations of industry timing (streaming services decide within a
#: few months of a release; US broadcast networks at the May upfronts). Unknown platforms
#: fall back to their kind.
DECISION_WINDOW_MONTHS: dict[str, int] = {
    "Netflix": 4,
    "Prime Video": 6,
    "Disney+": 6,
    "Hulu": 6,
    "Apple TV+": 6,
    "HBO": 6,
    "HBO Max": 6,
    "Max": 6,
    "Peacock": 5,
    "Paramount+": 6,
    "NBC": 4,
    "CBS": 4,
    "ABC": 4,
    "FOX": 4,
    "The CW": 4,
}
DEFAULT_WINDOW_MONTHS = {"streaming": 6, "network": 5}
#: Past the window, the chance that an undecided show was quietly cancelled halves what is
#: left of its chance of renewal every this many months.
CANCEL_HALF_LIFE_MONTHS = 6

LIMITED_WORDS = ("limited series", "miniseries", "mini-series", "docuseries special")


@dataclass(frozen=True)
class StatusInputs:
    """The facts the verdict rules read; built from the catalog, no I/O here."""

    title: str
    season: int
    today: date
    tvmaze_status: str | None = None
    tvmaze_as_of: date | None = None
    tvmaze_source: str = "tvmaze"
    platform: str | None = None
    platform_kind: str | None = None  # "streaming" | "network"
    kind: str | None = None  # TVmaze type, e.g. "Scripted", "Miniseries"
    summary: str = ""
    ended: date | None = None
    last_season: int | None = None  # highest season any source evidences
    last_season_source: str | None = None
    last_season_as_of: date | None = None
    last_season_year: int | None = None  # year the last known season was released
    season_dates: dict[int, date] = field(default_factory=dict)  # first air date per season
    season_sources: dict[int, str] = field(default_factory=dict)
    last_episode: date | None = None
    catalog_readings: list[StatusReadingInfo] = field(default_factory=list)
    tmdb_status: str | None = None  # "Returning Series", "Ended", "Canceled", ...

    @property
    def decision_window(self) -> int:
        """Months after the last episode by which this platform usually decides."""
        if self.platform in DECISION_WINDOW_MONTHS:
            return DECISION_WINDOW_MONTHS[self.platform]
        return DEFAULT_WINDOW_MONTHS.get(self.platform_kind or "", 6)

    @property
    def is_limited(self) -> bool:
        text = f"{self.kind or ''} {self.summary}".casefold()
        return any(word in text for word in LIMITED_WORDS)


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    basis: str
    reason: str
    confidence: float
    source: str | None = None
    # Only an announced decision has a date; an inference has the facts it used instead.
    decided_on: date | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    decide: Callable[[StatusInputs], Outcome | None]
    # An authoritative verdict (an announced date, a TMDB Canceled) is reported as a change
    # at once; any other needs two consistent readings in a row.
    authoritative: bool = False


def _season_aired(s: StatusInputs) -> Outcome | None:
    if s.last_season is None or s.season > s.last_season:
        return None
    first = s.season_dates.get(s.season)
    if first is not None and first > s.today:
        return None  # dated but not aired yet: the season-dated rule speaks
    source = s.season_sources.get(s.season, s.last_season_source)
    when = f" (first episode {first.isoformat()})" if first else ""
    airing = (
        s.season == s.last_season
        and s.tvmaze_status == "Running"
        and s.last_episode is not None
        and s.tvmaze_as_of is not None
        and (s.tvmaze_as_of - s.last_episode).days <= 14
    )
    if airing:
        return Outcome(
            "running",
            "announced",
            f"Season {s.season} was airing when {s.tvmaze_source} last reported{when}.",
            0.9,
            source,
            first,
        )
    return Outcome(
        "renewed",
        "announced",
        f"Season {s.season} was made and released{when}.",
        0.95,
        source,
        first,
    )


def _season_dated(s: StatusInputs) -> Outcome | None:
    first = s.season_dates.get(s.season)
    if first is None:
        return None
    return Outcome(
        "renewed",
        "announced",
        f"Season {s.season} has a date: {first.isoformat()}.",
        0.95,
        s.season_sources.get(s.season),
        first,
    )


def _tmdb_canceled(s: StatusInputs) -> Outcome | None:
    if s.tmdb_status != "Canceled":
        return None
    return Outcome(
        "cancelled",
        "announced",
        "TMDB lists the show as Canceled.",
        0.9,
        "tmdb",
    )


def _in_development(s: StatusInputs) -> Outcome | None:
    if s.tvmaze_status != "In Development":
        return None
    return Outcome(
        "in development",
        "announced",
        f"{s.tvmaze_source} lists the show as In Development.",
        0.7,
        s.tvmaze_source,
    )


def _limited_ended(s: StatusInputs) -> Outcome | None:
    if s.tvmaze_status != "Ended" or not s.is_limited:
        return None
    return Outcome(
        "ended",
        "inferred",
        "It was made as a limited series and TVmaze lists it as Ended: it concluded as planned.",
        0.85,
        s.tvmaze_source,
    )


def _one_season_streaming_ended(s: StatusInputs) -> Outcome | None:
    if s.tvmaze_status != "Ended" or s.last_season != 1 or s.platform_kind != "streaming":
        return None
    if s.ended and s.last_episode and (s.ended - s.last_episode).days > LATER_EPISODES_DAYS:
        # TVmaze's end date is well after the last episode the catalog holds: later
        # episodes (perhaps a second season) aired, so "one season" is not established.
        return None
    return Outcome(
        "cancelled",
        "inferred",
        f"TVmaze lists it as Ended after a single season on {s.platform}, and nothing "
        "billed it as a limited series; streaming services that stop a show after one "
        "season have cancelled it"
        + (f"; its last episode aired {s.ended.isoformat()}." if s.ended else "."),
        0.8,
        s.tvmaze_source,
    )


def _ended(s: StatusInputs) -> Outcome | None:
    if s.tvmaze_status != "Ended":
        return None
    seasons = f"after {s.last_season} seasons " if s.last_season else ""
    when = s.ended.isoformat() if s.ended else "on an unknown date"
    return Outcome(
        "ended",
        "inferred",
        f"TVmaze lists it as Ended {seasons}(ended {when}); "
        "TVmaze does not say whether that was planned or a cancellation.",
        0.6,
        s.tvmaze_source,
    )


def _to_be_determined(s: StatusInputs) -> Outcome | None:
    if s.tvmaze_status != "To Be Determined":
        return None
    since = ""
    confidence = 0.7
    if s.last_episode and s.tvmaze_as_of:
        months = (s.tvmaze_as_of - s.last_episode).days // 30
        window = s.decision_window
        where = s.platform or "its platform"
        since = f"; {months} months had passed since the last episode"
        if months > window:
            likely = cancel_likelihood(months - window)
            confidence = round(max(0.1, 0.7 * (1 - likely)), 2)
            since += (
                f", past {where}'s usual {window}-month decision window, so it is more likely "
                f"cancelled than not renewed yet (about {likely:.0%})"
                if likely >= 0.5
                else f", past {where}'s usual {window}-month decision window: the chance "
                f"that it was cancelled is growing (about {likely:.0%})"
            )
        else:
            since += f", within {where}'s usual {window}-month decision window"
    return Outcome(
        "awaiting decision",
        "announced",
        f"TVmaze lists the show as To Be Determined: no renewal or cancellation yet{since}.",
        confidence,
        s.tvmaze_source,
    )


def cancel_likelihood(months_past_window: int) -> float:
    """The chance an undecided show was cancelled, this many months past the window."""
    if months_past_window <= 0:
        return 0.0
    return float(1 - 0.5 ** (months_past_window / CANCEL_HALF_LIFE_MONTHS))


def _running(s: StatusInputs) -> Outcome | None:
    if s.tvmaze_status != "Running":
        return None
    return Outcome(
        "running",
        "announced",
        f"TVmaze lists the show as Running (ongoing), but no source dates season {s.season} yet.",
        0.6,
        s.tvmaze_source,
    )


def _one_season_silence(s: StatusInputs) -> Outcome | None:
    if s.last_season != 1 or s.season != 2 or s.is_limited:
        return None
    if s.last_season_year is None or s.last_season_as_of is None:
        return None
    years = s.last_season_as_of.year - s.last_season_year
    if years < ONE_SEASON_SILENCE_YEARS:
        return None
    where = s.platform or "its platform"
    return Outcome(
        "cancelled",
        "inferred",
        f"No second season {years} years after a one-season release on {where} "
        f"(as of {s.last_season_source} on {s.last_season_as_of.isoformat()}).",
        0.6,
        s.last_season_source,
    )


def _unknown(s: StatusInputs) -> Outcome | None:
    if s.last_season:
        seasons = f"{s.last_season} season{'s' * (s.last_season != 1)}"
        reason = f"The catalog knows {seasons} but no source states the show's status."
    else:
        reason = "No source in the catalog states the show's status or its seasons."
    return Outcome("unknown", "none", reason, 0.0)


RULES: tuple[Rule, ...] = (
    Rule(
        "season-aired", "Season N already aired: it was renewed (or is airing now).", _season_aired
    ),
    Rule(
        "season-dated",
        "A source gives season N a date: it is renewed.",
        _season_dated,
        authoritative=True,
    ),
    Rule(
        "tmdb-canceled",
        "TMDB says Canceled: cancelled (announced).",
        _tmdb_canceled,
        authoritative=True,
    ),
    Rule("in-development", "TVmaze In Development: in development.", _in_development),
    Rule(
        "limited-ended",
        "A limited series that TVmaze lists as Ended: ended as planned.",
        _limited_ended,
    ),
    Rule(
        "one-season-streaming-ended",
        "A one-season streaming show that TVmaze lists as Ended, not billed as limited: "
        "cancelled (inferred).",
        _one_season_streaming_ended,
    ),
    Rule("ended", "TVmaze Ended after several seasons: ended (inferred).", _ended),
    Rule(
        "to-be-determined",
        "TVmaze To Be Determined: awaiting decision; less sure past the decision window.",
        _to_be_determined,
    ),
    Rule("running", "TVmaze Running with no date for season N: running.", _running),
    Rule(
        "one-season-silence",
        f"One season and no second {ONE_SEASON_SILENCE_YEARS}+ years after its release: "
        "cancelled (inferred).",
        _one_season_silence,
    ),
    Rule("unknown", "Nothing states a status: unknown.", _unknown),
)


def _label(confidence: float) -> str:
    if confidence >= 0.75:
        return "high"
    if confidence >= 0.5:
        return "medium"
    return "low"


def status_verdict(inputs: StatusInputs) -> StatusVerdict:
    """Apply the rules in order; the first that decides gives the verdict."""
    readings = list(inputs.catalog_readings)
    if inputs.tvmaze_status:
        readings.insert(
            0,
            StatusReadingInfo(
                source=inputs.tvmaze_source, says=inputs.tvmaze_status, as_of=inputs.tvmaze_as_of
            ),
        )
    for rule in RULES:
        outcome = rule.decide(inputs)
        if outcome is None:
            continue
        confidence = outcome.confidence
        reason = outcome.reason
        as_of = (
            inputs.tvmaze_as_of
            if outcome.source == inputs.tvmaze_source
            else inputs.last_season_as_of
        )
        changeable = outcome.verdict in ("running", "awaiting decision", "in development")
        if changeable and as_of and (inputs.today - as_of).days > STALE_DAYS:
            years = (inputs.today - as_of).days / 365.25
            confidence = round(confidence * 0.5, 2)
            reason += (
                f" This reading is from {as_of.isoformat()}, {years:.1f} years ago; "
                "the status may have changed since."
            )
        return StatusVerdict(
            season=inputs.season,
            verdict=outcome.verdict,
            basis=outcome.basis,
            reason=reason,
            rule=rule.id,
            decided_on=outcome.decided_on,
            source=outcome.source,
            confidence=confidence,
            confidence_label=_label(confidence),
            readings=readings,
        )
    raise AssertionError("the 'unknown' rule always decides")


RULES_BY_ID = {rule.id: rule for rule in RULES}


# ---------------------------------------------------------------------------------------
# From the catalog's facts to the rules' inputs


@dataclass(frozen=True)
class SeasonEvidence:
    """The highest season any source knows of, who says so, and when."""

    last: int | None
    source: str | None
    as_of: date | None
    year: int | None
    first_dates: dict[int, date]
    sources: dict[int, str]


def season_evidence(facts: StatusFacts, today: date | None = None) -> SeasonEvidence:
    """The seasons known to exist, from dated, aired, charted or scorecard-listed seasons.

    A catalog's count of seasons ("5 seasons" listed at its date) is not evidence that a
    season was made, nor is an undated season row (an announced season): the highest
    season made is the highest one some source shows released; any lower one exists too.
    """
    first_dates: dict[int, date] = {}
    sources: dict[int, str] = {}
    made: list[SeasonClaim] = []
    horizon = today or date.max
    for claim in facts.claims:
        if claim.kind == "count":
            continue
        known = first_dates.get(claim.season)
        if claim.first_aired and (known is None or claim.first_aired < known):
            first_dates[claim.season] = claim.first_aired
            sources[claim.season] = claim.source
        sources.setdefault(claim.season, claim.source)
        if claim.shows_made(horizon) or (claim.first_aired and claim.first_aired > horizon):
            made.append(claim)
    released = [c for c in made if c.first_aired is None or c.first_aired <= horizon]
    if not released:
        return SeasonEvidence(None, None, None, None, first_dates, sources)
    top = max(c.season for c in released)
    # Of the sources that show the top season, the latest reading counts.
    best = max((c for c in released if c.season == top), key=lambda c: c.as_of)
    years = [c.year for c in released if c.season == top and c.year]
    seen = [c.seen_on for c in released if c.season == top and c.seen_on]
    year = (
        min(years)
        if years
        else (first_dates[top].year if top in first_dates else (min(seen).year if seen else None))
    )
    return SeasonEvidence(top, best.source, best.as_of, year, first_dates, sources)


def default_season(facts: StatusFacts, today: date, evidence: SeasonEvidence | None = None) -> int:
    """The season a fan asks about: the first one dated but not aired yet, else the one
    after the last any source knows."""
    evidence = evidence or season_evidence(facts, today)
    upcoming = [n for n, first in evidence.first_dates.items() if first > today]
    if upcoming:
        return min(upcoming)
    return max(evidence.last or 1, 1) + 1


def _status_words(status: SourceStatus) -> str:
    words = status.status
    if status.details.get("in_production") is not None:
        words += ", in production" if status.details["in_production"] else ", not in production"
    upcoming = status.details.get("next_episode_to_air")
    if isinstance(upcoming, dict) and upcoming.get("air_date"):
        words += f", next episode {upcoming['air_date']}"
    return words


def _other_readings(facts: StatusFacts) -> list[StatusReadingInfo]:
    """What every source other than TVmaze says: statuses, end times, season counts."""
    out = [
        StatusReadingInfo(source=s.source, says=_status_words(s), as_of=s.as_of)
        for s in sorted(facts.statuses.values(), key=lambda s: s.source)
        if s.source != "tvmaze"
    ]
    if facts.wikidata_end:
        end, as_of = facts.wikidata_end
        out.append(StatusReadingInfo(source="wikidata", says=f"end time {end}", as_of=as_of))
    pattern = release_pattern(facts)
    if pattern:
        out.append(pattern)
    for claim in facts.claims:
        if claim.kind == "count" and claim.source != "tvmaze":
            plural = "s" * (claim.season != 1)
            out.append(
                StatusReadingInfo(
                    source=claim.source,
                    says=f"{claim.season} season{plural} listed",
                    as_of=claim.as_of,
                )
            )
    return out


def release_pattern(facts: StatusFacts) -> StatusReadingInfo | None:
    """How the last season the catalog has episodes of came out: at once, or over weeks."""
    by_season: dict[int, list[SeasonClaim]] = {}
    for claim in facts.claims:
        if claim.kind == "episodes" and claim.first_aired:
            by_season.setdefault(claim.season, []).append(claim)
    if not by_season:
        return None
    season = max(by_season)
    claims = by_season[season]
    first = min(c.first_aired for c in claims if c.first_aired)
    last = max((c.last_aired or c.first_aired) for c in claims if c.first_aired)
    count = sum(c.episodes for c in claims)
    if count < 2:
        return None
    if first == last:
        how = f"season {season}: {count} episodes released at once on {first.isoformat()}"
    else:
        weeks = max(1, round((last - first).days / 7))
        how = (
            f"season {season}: {count} episodes over {weeks} week{'s' * (weeks != 1)}, "
            f"{first.isoformat()} to {last.isoformat()}"
        )
    where = facts.platform or "the platform"
    window = DECISION_WINDOW_MONTHS.get(facts.platform or "") or DEFAULT_WINDOW_MONTHS.get(
        facts.platform_kind or "", 6
    )
    newest = max(claims, key=lambda c: c.as_of)
    return StatusReadingInfo(
        source=newest.source,
        says=f"release pattern: {how}; {where} usually decides within {window} months",
        as_of=newest.as_of,
    )


def status_inputs(
    facts: StatusFacts, season: int, today: date, evidence: SeasonEvidence | None = None
) -> StatusInputs:
    evidence = evidence or season_evidence(facts, today)
    tvmaze = facts.statuses.get("tvmaze")
    # TMDB live, else TMDB's 2025 cache of the bundled catalog: the latest of the two.
    answers = [facts.statuses[k] for k in ("tmdb", "tmdb_2025") if k in facts.statuses]
    tmdb = max(answers, key=lambda s: s.as_of, default=None)
    return StatusInputs(
        title=facts.title,
        season=season,
        today=today,
        tvmaze_status=tvmaze.status if tvmaze else None,
        tvmaze_as_of=tvmaze.as_of if tvmaze else None,
        platform=facts.platform,
        platform_kind=facts.platform_kind,
        kind=facts.kind,
        summary=facts.summary,
        ended=facts.ended,
        last_season=evidence.last,
        last_season_source=evidence.source,
        last_season_as_of=evidence.as_of,
        last_season_year=evidence.year,
        season_dates=evidence.first_dates,
        season_sources=evidence.sources,
        last_episode=facts.latest_episode.airdate if facts.latest_episode else None,
        catalog_readings=_other_readings(facts),
        tmdb_status=tmdb.status if tmdb else None,
    )


def verdict_for(facts: StatusFacts, today: date, season: int | None = None) -> StatusVerdict:
    """The verdict for season ``season`` (default: the next one) of a show."""
    evidence = season_evidence(facts, today)
    target = season if season is not None else default_season(facts, today, evidence)
    return status_verdict(status_inputs(facts, target, today, evidence))


def _int(value: object) -> int | None:
    try:
        return int(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def facts_from_bundle(bundle: ShowBundle) -> StatusFacts:
    """The status facts of a show from everything the catalog holds about it."""
    statuses: dict[str, SourceStatus] = {}
    for reading in sorted(bundle.statuses, key=lambda r: r.read_at):
        statuses[reading.source] = SourceStatus(
            reading.source, reading.status, reading.read_at.date(), dict(reading.details)
        )
    if "tvmaze" not in statuses and bundle.status and bundle.src.source == "tvmaze":
        statuses["tvmaze"] = SourceStatus("tvmaze", bundle.status, bundle.src.retrieved_at.date())
    claims: list[SeasonClaim] = []
    for season in bundle.seasons:
        claims.append(
            SeasonClaim(
                season.number,
                season.src.source,
                season.src.retrieved_at.date(),
                "season",
                season.premiere_date,
                season.premiere_date.year if season.premiere_date else None,
                seen_on=season.seen_on,
                release_platform=season.release_platform,
            )
        )
    regular = [e for e in bundle.episodes if e.season is not None and e.number is not None]
    for ep in regular:
        assert ep.season is not None
        claims.append(
            SeasonClaim(
                ep.season,
                ep.src.source,
                ep.src.retrieved_at.date(),
                "episodes",
                ep.airdate,
                ep.airdate.year if ep.airdate else None,
                last_aired=ep.airdate,
                episodes=1 if ep.airdate else 0,
            )
        )
    wikidata_end: tuple[str, date] | None = None
    for record in bundle.records:
        count = _int(record.data.get("seasons"))
        if count:
            year = _int(record.data.get("release_year")) if count == 1 else None
            claims.append(
                SeasonClaim(
                    count, record.source, record.src.retrieved_at.date(), "count", None, year
                )
            )
        if record.source == "wikidata" and record.data.get("end"):
            wikidata_end = (str(record.data["end"]), record.src.retrieved_at.date())
    latest = max(
        (e for e in regular if e.airdate),
        key=lambda e: (e.airdate, e.season, e.number),
        default=None,
    )
    return StatusFacts(
        title=bundle.title,
        kind=bundle.kind,
        summary=plain_text(bundle.summary),
        platform=bundle.platform.name if bundle.platform else None,
        platform_kind=bundle.platform.kind if bundle.platform else None,
        ended=bundle.ended,
        statuses=statuses,
        claims=claims,
        episode_count=len(regular),
        latest_episode=(
            LatestEpisode(latest.season or 0, latest.number or 0, latest.title, latest.airdate)
            if latest
            else None
        ),
        wikidata_end=wikidata_end,
    )

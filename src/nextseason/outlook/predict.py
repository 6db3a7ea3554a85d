"""The outlook of a catalog show: the odds its next season is made, or why none is given.

:func:`outlook_for` takes the show as the catalog holds it (the caller reads it: the outlook
never opens the catalog), takes its status verdict (an outlook is only for a show that is
``running`` or ``awaiting decision``), describes the season that aired with the facts the
model knows (:class:`~nextseason.outlook.features.SeasonFacts`), scores it
with the shipped model and says how far to trust the number:

* ``not applicable``: the show is renewed, cancelled, ended, in development or unknown;
  the status verdict says why, and no odds are shown.
* ``abstain``: no platform is known, or the season aired in an era the model never saw.
* ``weak estimate``: a platform the training files barely cover, a status reading more than
  a year old, a platform type on which the backtest ranked shows little better than chance,
  a show in another language than the labelled ones, or nothing known but the platform.
* ``estimate``: otherwise.

The time a show has waited for a decision is not learned from the files: past the platform's
usual decision window (the status rules' table), the odds are lowered as the status rules
lower their confidence (:func:`~nextseason.analysis.status.cancel_likelihood`), and that step
is shown as a factor of its own.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from nextseason.analysis.status import (
    StatusInputs,
    cancel_likelihood,
    default_season,
    facts_from_bundle,
    season_evidence,
    status_inputs,
    status_verdict,
)
from nextseason.model import (
    Outlook,
    OutlookFactor,
    OutlookInterval,
    OutlookTrackRecord,
    ShowBundle,
    StatusVerdict,
)
from nextseason.outlook.errors import OutlookModelError
from nextseason.outlook.features import (
    GENRES,
    TOP10_FIRST_WEEK,
    SeasonFacts,
    genre_flags,
    rate_bucket,
    summarize_top10,
)
from nextseason.platforms import catalog_platform as canonical_platform

if TYPE_CHECKING:
    # numpy comes with the model, only when a show needs odds.
    from nextseason.outlook.scoring import OutlookModel, Scored

__all__ = [
    "APPLICABLE",
    "band",
    "outlook_for",
    "outlook_from",
    "report_outlook",
    "season_facts_of",
]

#: The verdicts an outlook is given for: the next season is still open.
APPLICABLE = ("awaiting decision", "running")
#: A platform the files hold fewer decisions of than this is "barely covered".
MIN_PLATFORM_DECISIONS = 20
#: A platform type on which the held-out AUC is below this gets weak estimates.
MIN_TYPE_AUC = 0.6
#: Seasons aired this many years before the first labelled season: an era never seen.
ERA_MARGIN_YEARS = 5
STALE_DAYS = 365
TOP_FACTORS = 5
#: A season number this high is a year ("Season 2021"), not a count.
YEAR_NUMBERED = 1900
_SMALL = 0.05  # log-odds: a factor that "barely moves" the odds


def band(p: float) -> str:
    """The probability in words."""
    if p >= 0.85:
        return "very likely renewed"
    if p >= 0.65:
        return "likely renewed"
    if p > 0.35:
        return "toss-up"
    if p > 0.15:
        return "likely cancelled"
    return "very likely cancelled"


# ---------------------------------------------------------------------------------------
# The facts of the aired season, from the catalog


def _chart_start(bundle: ShowBundle, aired: int) -> date | None:
    """The first week the season was in the Netflix Top 10 (it charts in its release week)."""
    days = [p.day for p in bundle.interest if p.source == "netflix_top10" and p.season == aired]
    return min(days, default=None)


def _season_year(bundle: ShowBundle, inputs: StatusInputs, aired: int) -> int | None:
    if aired in inputs.season_dates:
        return inputs.season_dates[aired].year
    years = [e.airdate.year for e in bundle.episodes if e.season == aired and e.airdate]
    if years:
        return min(years)
    charted = _chart_start(bundle, aired)
    if charted is not None:
        return charted.year
    if aired == inputs.last_season and inputs.last_season_year:
        return inputs.last_season_year
    if aired == 1:
        if bundle.premiered:
            return bundle.premiered.year
        return bundle.year
    return None


def _episodes(bundle: ShowBundle, aired: int) -> int | None:
    for season in bundle.seasons:
        if season.number == aired and season.episode_order:
            return season.episode_order
    numbers = sorted({e.number for e in bundle.episodes if e.season == aired and e.number})
    # Only a run from episode 1 without gaps is the season (the catalog may hold a month).
    if numbers and numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 2:
        return len(numbers)
    return None


def _runtime(bundle: ShowBundle, aired: int) -> int | None:
    if bundle.runtime:
        return bundle.runtime
    runtimes = sorted(e.runtime for e in bundle.episodes if e.season == aired and e.runtime)
    return runtimes[len(runtimes) // 2] if runtimes else None


def _genres(bundle: ShowBundle) -> tuple[str, ...]:
    if bundle.genres:
        return tuple(bundle.genres)
    for record in bundle.records:
        for key in ("genres", "listed_in", "genre"):
            value = record.data.get(key)
            if isinstance(value, list) and value:
                return tuple(str(v) for v in value)
            if isinstance(value, str) and value.strip():
                return tuple(v.strip() for v in value.split(","))
    return ()


def _top10(
    bundle: ShowBundle, aired: int, first: date | None, platform: str | None, chart_end: date
) -> tuple[int | None, float | None]:
    if platform != "Netflix":
        return None, None
    points = [
        (p.day, p.value)
        for p in bundle.interest
        if p.source == "netflix_top10" and p.metric == "weekly_hours_viewed" and p.season == aired
    ]
    if points:
        chart = summarize_top10(points)
        return chart.weeks, chart.hours
    # Released while the chart ran and never in it: that is known, not missing.
    if first is not None and first >= TOP10_FIRST_WEEK and (chart_end - first).days > 28:
        return 0, 0.0
    return None, None


def season_facts_of(
    bundle: ShowBundle, inputs: StatusInputs, aired: int, chart_end: date
) -> SeasonFacts:
    """What the catalog knows about season ``aired``, in the model's terms."""
    platform = canonical_platform(bundle.platform.name) if bundle.platform else None
    first = inputs.season_dates.get(aired) or _chart_start(bundle, aired)
    weeks, hours = _top10(bundle, aired, first, platform, chart_end)
    kind = bundle.kind if bundle.kind and bundle.kind != "TV Show" else None
    premiere = bundle.premiered.year if bundle.premiered else bundle.year
    year = _season_year(bundle, inputs, aired)
    count = aired
    if aired >= YEAR_NUMBERED:
        # Seasons named after years (YouTube channels, annual specials): count them.
        year = year or aired
        count = aired - premiere + 1 if premiere and premiere <= aired else 1
    return SeasonFacts(
        platform=platform,
        platform_kind=bundle.platform.kind if bundle.platform else None,
        season=max(1, count),
        year=year,
        episodes=_episodes(bundle, aired),
        runtime=_runtime(bundle, aired),
        genres=_genres(bundle),
        kind=kind,
        premiere_year=premiere,
        top10_weeks=weeks,
        top10_hours=hours,
    )


# ---------------------------------------------------------------------------------------
# How far to trust the number


def _support(
    model: OutlookModel,
    facts: SeasonFacts,
    inputs: StatusInputs,
    language: str | None,
    today: date,
    scored: Scored | None,
) -> tuple[list[str], list[str]]:
    """(reasons to abstain, reasons the estimate is weak)."""
    abstain: list[str] = []
    weak: list[str] = []
    years = model.meta.get("years") or [2010, 2025]
    first_year, last_year = int(years[0]), int(years[1])
    if facts.platform is None and facts.platform_kind is None:
        abstain.append(
            "No platform is known for this show, and the model's estimates start from the "
            "platform and its record."
        )
    if facts.year is not None and facts.year < first_year - ERA_MARGIN_YEARS:
        abstain.append(
            f"Season {facts.season} aired in {facts.year}; the model learned from seasons "
            f"aired {first_year}-{last_year}, and renewal habits then were different."
        )
    if abstain:
        return abstain, weak
    decided = model.rates.platform_total(facts.platform)
    kind = facts.platform_type or "unknown"
    if decided < MIN_PLATFORM_DECISIONS:
        seen = f"only {decided} decision{'s' * (decided != 1)}" if decided else "no decision"
        weak.append(
            f"The training files hold {seen} by {facts.platform or 'this platform'}; the "
            f"estimate leans on what other {kind} platforms did."
        )
    if facts.year is None:
        weak.append(f"When season {facts.season} aired is not known.")
    elif facts.year > last_year + 1:
        weak.append(
            f"Season {facts.season} aired in {facts.year}, after the newest labelled season "
            f"({last_year}); platforms may have changed their habits since."
        )
    if language and language.casefold() not in ("english", "en"):
        weak.append(
            f"The show is in {language}; the labelled seasons are English-language shows, "
            "mostly American."
        )
    reading = inputs.tvmaze_as_of
    if reading is not None and (today - reading).days > STALE_DAYS:
        weak.append(
            f"The newest status reading is from {reading.isoformat()}, "
            f"{(today - reading).days / 365.25:.1f} years ago: a decision may have come since."
        )
    record = (model.meta.get("track_record") or {}).get("by_type", {}).get(kind)
    if record and float(record["auc"]) < MIN_TYPE_AUC:
        weak.append(
            f"On {kind} shows the backtest ranked renewals little better than chance "
            f"(AUC {float(record['auc']):.2f} on {int(record['n'])} held-out seasons)."
        )
    if scored is not None and len(scored.missing) >= 4:
        weak.append(
            "Little is known about this show beyond its platform and season number, so the "
            "interval is wide."
        )
    return abstain, weak


# ---------------------------------------------------------------------------------------
# Factors in words


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_TYPE_WORDS = {
    "broadcast": "a broadcast network",
    "cable": "a cable channel",
    "streaming": "a streaming service",
    "unknown": "a platform of unknown type",
}
_UNKNOWN_WORDS = {
    "episodes": "the episode count",
    "runtime": "the episode length",
    "genres": "the genres",
    "show age": "the premiere year",
    "ratings": "the ratings",
    "schedule": "the time slot and ownership",
    "netflix top 10": "the Netflix Top 10 figures",
}


def _effect(c: float) -> Literal["raises", "lowers", "barely moves"]:
    if c > _SMALL:
        return "raises"
    if c < -_SMALL:
        return "lowers"
    return "barely moves"


def _describe(group: str, facts: SeasonFacts, model: OutlookModel, x: dict[str, float]) -> str:
    """(value in words) of one group for this season."""
    where = facts.platform or "the platform"
    if group == "platform type":
        return f"{where} is {_TYPE_WORDS[facts.platform_type or 'unknown']}"
    if group == "platform record":
        renewed, n, y0, y1 = model.rates.decided(facts)
        bucket = rate_bucket(facts.season)
        after = f"a {_ordinal(int(bucket))} season" if bucket != "3+" else "a 3rd or later season"
        if not n:
            return (
                f"no decision by {where} after {after} in the training files "
                f"(the rate of {facts.platform_type or 'all'} platforms stands in)"
            )
        span = f"{y0}-{y1}" if y0 != y1 else str(y0)
        return (
            f"{where} renewed {renewed} of {n} shows after {after} ({renewed / n:.0%}, {span}; "
            "recent years weigh more)"
        )
    if group == "season number":
        return f"{_ordinal(facts.season)} season has aired"
    if group == "episodes":
        return f"{facts.episodes} episodes" if facts.episodes else "episode count unknown"
    if group == "runtime":
        if not facts.runtime:
            return "episode length unknown"
        return f"{'half-hour' if facts.runtime <= 40 else 'hour-long'} episodes"
    if group == "genres":
        flags = [g for g in GENRES if g in genre_flags(facts.genres, facts.kind)]
        return f"genres: {', '.join(flags)}" if flags else "genres unknown"
    if group == "show age":
        if facts.premiere_year is None or facts.year is None:
            return "premiere year unknown"
        gap = max(0, facts.year - facts.premiere_year)
        return f"premiered {facts.premiere_year}, {gap} years before season {facts.season} aired"
    if group == "ratings":
        if facts.platform_type != "broadcast":
            return "no 18-49 ratings (the files have them for broadcast networks only)"
        if "rating vs network median" not in x:
            return "18-49 ratings not known"
        ratio = math.exp(x["rating vs network median"])
        return f"18-49 rating {ratio:.2f} times the network's median that year"
    if group == "schedule":
        if facts.schedule:
            return "scheduling and ownership: " + ", ".join(facts.schedule)
        return "time slot and studio ownership not known"
    if group == "netflix top 10":
        if facts.top10_weeks is None:
            return "no Netflix Top 10 figures (the chart covers Netflix from July 2021)"
        if not facts.top10_weeks:
            return "never in Netflix's global Top 10"
        hours = (facts.top10_hours or 0) / 1e6
        return (
            f"{facts.top10_weeks} week{'s' * (facts.top10_weeks != 1)} in Netflix's global "
            f"Top 10 in its first four weeks, {hours:,.1f} million hours viewed"
        )
    return group


def _factors(
    scored: Scored, facts: SeasonFacts, model: OutlookModel, waiting: OutlookFactor | None
) -> list[OutlookFactor]:
    out = []
    kind = {"broadcast": "broadcast", "cable": "cable", "streaming": "streaming"}.get(
        facts.platform_type or "", "labelled"
    )
    for group, c in scored.contributions.items():
        if group in scored.missing:
            what = _UNKNOWN_WORDS[group].removeprefix("the ")
            value = f"{what} not known (taken as a typical {kind} show's)"
        else:
            value = _describe(group, facts, model, scored.x)
        effect = _effect(c)
        words = f"{value[:1].upper()}{value[1:]}: this {effect} the odds."
        out.append(
            OutlookFactor(
                feature=group, value=value, contribution=round(c, 3), effect=effect, words=words
            )
        )
    out.sort(key=lambda f: -abs(f.contribution))
    top = [f for f in out[:TOP_FACTORS] if f.effect != "barely moves"] or out[:1]
    if waiting is not None:
        top.insert(0, waiting)
    return top


def _last_episode_of(bundle: ShowBundle, season: int) -> date | None:
    """The last air date the catalog holds, if it belongs to ``season`` (else the catalog
    does not know when that season ended)."""
    dated = [e for e in bundle.episodes if e.season and e.number and e.airdate]
    if not dated:
        return None
    latest = max(dated, key=lambda e: (e.airdate, e.season, e.number))
    return latest.airdate if latest.season == season else None


def _waiting(
    verdict: StatusVerdict, inputs: StatusInputs, last_episode: date | None
) -> tuple[float, OutlookFactor | None]:
    """The log-odds step for the months an undecided show has waited past its window."""
    if verdict.verdict != "awaiting decision" or last_episode is None:
        return 0.0, None
    seen = inputs.tvmaze_as_of or inputs.today
    if seen <= last_episode:
        return 0.0, None
    months = (seen - last_episode).days // 30
    past = months - inputs.decision_window
    likely = cancel_likelihood(past)
    if likely <= 0:
        return 0.0, None
    step = math.log(max(1e-6, 1.0 - likely))
    where = inputs.platform or "its platform"
    value = (
        f"no decision {months} months after the last episode, {past} months past {where}'s usual "
        f"{inputs.decision_window}-month window"
    )
    return step, OutlookFactor(
        feature="time without a decision",
        value=value,
        contribution=round(step, 3),
        effect=_effect(step),
        words=(
            f"{value[:1].upper()}{value[1:]}: shows that wait this long are often quietly "
            f"cancelled, so this {_effect(step)} the odds (a rule of the status verdict, "
            "not learned from the files)."
        ),
    )


def _track_record(model: OutlookModel, kind: str | None) -> OutlookTrackRecord | None:
    record = model.meta.get("track_record")
    if not record:
        return None
    scoped = (record.get("by_type") or {}).get(kind or "")
    chosen, scope = (scoped, f"{kind} shows") if scoped else (record, "all platforms")
    return OutlookTrackRecord(
        period=str(record["period"]),
        n=int(chosen["n"]),
        auc=float(chosen["auc"]),
        brier=float(chosen["brier"]),
        brier_skill=float(chosen["brier_skill"]),
        accuracy=float(chosen["accuracy"]),
        scope=scope,
    )


def _model_words(model: OutlookModel) -> str:
    meta = model.meta
    years = meta.get("years") or ["?", "?"]
    rows, renewed = int(meta.get("rows", 0)), int(meta.get("renewed", 0))
    share = f" ({renewed / rows:.0%} renewed)" if rows else ""
    return (
        f"A calibrated logistic regression on {rows:,} labelled seasons aired "
        f"{years[0]}-{years[1]}{share}, from Metacritic's renewal scorecards, TV Ratings "
        "Predictions, TMDB statuses and the Netflix Top 10; each factor raises or lowers the "
        "odds against those of the average labelled season."
    )


# ---------------------------------------------------------------------------------------


def outlook_from(
    bundle: ShowBundle,
    verdict: StatusVerdict,
    inputs: StatusInputs,
    *,
    today: date,
    model_file: Path | None = None,
) -> Outlook:
    """The outlook for season ``verdict.season`` of a show, given its status verdict."""
    target = verdict.season
    if verdict.verdict not in APPLICABLE:
        return Outlook(
            season=target,
            status="not applicable",
            reason=(f"No odds are shown: season {target} is {verdict.verdict}. {verdict.reason}"),
        )
    if target < 2:
        return Outlook(
            season=target,
            status="not applicable",
            reason="The outlook is about a next season once one has aired; season 1 has not.",
        )
    from nextseason.outlook.scoring import load_model

    model = load_model(model_file)
    chart_end = date.fromisoformat(str(model.meta.get("top10_last_week", "2026-07-19")))
    facts = season_facts_of(bundle, inputs, target - 1, chart_end)
    abstain, weak = _support(model, facts, inputs, bundle.language, today, None)
    if abstain:
        return Outlook(
            season=target,
            status="abstain",
            reason=" ".join(abstain),
            track_record=_track_record(model, facts.platform_type),
            model=_model_words(model),
        )
    scored = model.score(facts)
    _, weak = _support(model, facts, inputs, bundle.language, today, scored)
    step, waiting = _waiting(verdict, inputs, _last_episode_of(bundle, target - 1))
    p = _shift(scored.probability, step)
    low, high = _shift(scored.low, step), _shift(scored.high, step)
    unknown = [_UNKNOWN_WORDS[g] for g in scored.missing]
    notes = list(weak)
    if unknown:
        notes.append(
            f"Not known for this show: {', '.join(unknown)}; the interval spans the values "
            "similar shows had."
        )
    return Outlook(
        season=target,
        status="weak estimate" if weak else "estimate",
        probability=round(p, 3),
        interval=OutlookInterval(low=round(low, 3), high=round(high, 3)),
        band=band(p),
        factors=_factors(scored, facts, model, waiting),
        track_record=_track_record(model, facts.platform_type),
        reason=" ".join(notes) or None,
        model=_model_words(model),
    )


def _shift(p: float, step: float) -> float:
    if step == 0 or p <= 0 or p >= 1:
        return p
    t = math.log(p / (1 - p)) + step
    return 1 / (1 + math.exp(-t))


def outlook_for(
    bundle: ShowBundle,
    *,
    today: date,
    season: int | None = None,
    model_file: Path | None = None,
) -> Outlook:
    """The outlook for season ``season`` (default: the next one) of a show, given everything
    the catalog holds about it (the caller reads it: the outlook never opens the catalog).

    Raises :class:`~nextseason.outlook.scoring.OutlookModelError` when the model is needed
    and its file is missing or corrupt.
    """
    facts = facts_from_bundle(bundle)
    evidence = season_evidence(facts, today)
    target = season if season is not None else default_season(facts, today, evidence)
    inputs = status_inputs(facts, target, today, evidence)
    verdict = status_verdict(inputs)
    return outlook_from(bundle, verdict, inputs, today=today, model_file=model_file)


def report_outlook(
    bundle: ShowBundle,
    verdict: StatusVerdict,
    inputs: StatusInputs,
    *,
    today: date,
    model_file: Path | None = None,
) -> Outlook:
    """For the report, which has the status verdict already: :func:`outlook_from`, except
    that a missing or corrupt model file gives an outlook that abstains and says why, so the
    rest of the report stays whole."""
    try:
        return outlook_from(bundle, verdict, inputs, today=today, model_file=model_file)
    except OutlookModelError as exc:
        return Outlook(season=verdict.season, status="abstain", reason=f"No renewal odds: {exc}.")

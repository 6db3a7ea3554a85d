"""Check each claim against the catalog: supported, contradicted, or unverifiable and why.

A contradiction needs strong evidence, all three of:

1. the show link is certain (one catalog show, or one picked by the article's own
   platform and year) and the claim is clearly about it;
2. the claim's meaning is clear (not hedged, not a question);
3. the catalog holds the fact from a named source, and the fact rules the claim out, not
   merely fails to confirm it: a season the catalog knows beyond the claimed count, a
   platform the show was never listed on, a character the catalog gives another actor.

Absence is never evidence: a cast list, a director list or a provider list may be partial,
so an actor missing from it leaves the claim unverifiable. Each rule below says which facts
may contradict its relation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Literal

from nextseason.factcheck.claims import Claim
from nextseason.factcheck.facts import Known, Reading, ShowFacts
from nextseason.platforms import platform_family, related_families
from nextseason.sources.names import source_info
from nextseason.text import title_key

__all__ = ["Outcome", "check_as_of", "check_claim", "pending"]

#: A status reading older than this is too old to contradict "it is still running".
FRESH_DAYS = 365
#: A season count read this close to an "Ended" reading says after how many seasons it ended.
COUNT_NEAR_DAYS = 180
#: Premiere dates this close are one release seen from two time zones.
DATE_SLACK_DAYS = 1


Verdict = Literal["supported", "contradicted", "outdated", "unverifiable"]


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    reason: str
    code: str
    evidence: Known | None = None
    evidence_value: str | None = None
    changed: str | None = None  # an outdated claim: what changed since
    changed_on: date | None = None
    when: date | None = None  # the day the evidence speaks of (an announcement, a premiere)


def _label(source: str) -> str:
    return source_info(source).label


def _said(known: Known, value: str | None = None) -> str:
    shown = value if value is not None else str(known.value)
    return f"{shown} ({_label(known.source)}, as of {known.as_of.isoformat()})"


def _yes(reason: str, known: Known | None = None, value: str | None = None) -> Outcome:
    return Outcome("supported", reason, "matches", known, value)


def _no(reason: str, known: Known, value: str | None = None, when: date | None = None) -> Outcome:
    if when is None and isinstance(known.value, date):
        when = known.value
    return Outcome("contradicted", reason, "catalog_differs", known, value, when=when)


def _unknown(reason: str, code: str = "no_data", known: Known | None = None) -> Outcome:
    return Outcome("unverifiable", reason, code, known, None if known is None else str(known.value))


def check_claim(claim: Claim, facts: ShowFacts, today: date) -> Outcome:
    """The verdict on one claim about a show the catalog holds, as of ``today``."""
    checker = _CHECKERS[claim.relation]
    return checker(claim, facts, today)


def check_as_of(claim: Claim, facts: ShowFacts, as_of: date, today: date) -> Outcome:
    """The verdict on a claim of an article written on ``as_of``.

    The claim is checked against what the catalog knows had happened by then. A claim about
    something still pending then (a renewal, a plan, a premiere to come, a season's episode
    order) is also checked against today: if what happened since rules it out, it is
    *outdated*, with what changed and when, rather than contradicted. A claim about the past
    ("ran for three seasons") stays as it was then.
    """
    if as_of >= today:
        return check_claim(claim, facts, today)
    then = check_claim(claim, facts.as_of(as_of), as_of)
    if then.verdict == "contradicted" or not pending(claim, facts, as_of):
        return then
    now = check_claim(claim, facts, today)
    if now.verdict == "supported" and then.verdict == "unverifiable":
        return now  # it happened as the article said
    if now.verdict != "contradicted":
        return then
    since = now.when
    before = (
        f"true on {as_of.isoformat()}: {then.reason}"
        if then.verdict == "supported"
        else f"the catalog cannot tell what was known on {as_of.isoformat()}"
    )
    return Outcome(
        "outdated",
        f"{before}; since then, {now.reason}",
        "changed_since",
        now.evidence,
        now.evidence_value,
        changed=now.reason,
        changed_on=since if since is not None and since > as_of else None,
    )


def pending(claim: Claim, facts: ShowFacts, as_of: date) -> bool:
    """Whether a claim spoke of something not yet settled on ``as_of``: a renewal or a
    decision, a final season to come, a date or an episode count of a season not yet out."""
    if claim.relation == "status":
        if claim.status in ("renewed", "undecided") or claim.hedged:
            return True
        season = claim.extra.get("final_season") or claim.extra.get("after") or ""
        return season.isdigit() and _aired_by(facts, int(season), as_of) is False
    if claim.relation == "premiere":
        if claim.extra.get("no_date"):
            return True
        if claim.date is not None and _claimed_start(claim) > as_of:
            return True
        return _aired_by(facts, claim.season or 1, as_of) is not True
    if claim.relation == "episodes" and claim.season is not None:
        return _aired_by(facts, claim.season, as_of) is not True
    return False


def _claimed_start(claim: Claim) -> date:
    when = claim.date
    assert when is not None
    return date(when.year, when.month or 1, when.day or 1)


def _aired_by(facts: ShowFacts, season: int, day: date) -> bool | None:
    """Whether season ``season`` had premiered by ``day`` (None: the catalog cannot say)."""
    dated = facts.season_date(season)
    if dated is not None and dated.value is not None:
        return bool(dated.value <= day)
    later = [n for n, rows in facts.season_rows.items() if n > season and facts.season_date(n)]
    if any((d := facts.season_date(n)) and d.value and d.value <= day for n in later):
        return True
    return None


# --- platform --------------------------------------------------------------------------------

#: Sources that follow the American market only: the channel they give a show is the one
#: that carried it in the US, the original channel only for a show made there.
US_MARKET_SOURCES = frozenset({"metacritic_scorecard", "tv_ratings_predictions"})


def _check_platform(claim: Claim, facts: ShowFacts, today: date) -> Outcome:
    assert claim.platform is not None
    family, name = claim.platform.family, claim.platform.name
    originals = facts.original
    original_match = [k for k in originals if k.value[0] == family]
    listed_match = [k for k in facts.listed if k.value[0] == family]
    if original_match:
        return _yes(
            f"the catalog gives {_said(original_match[0], original_match[0].value[1])} "
            "as its original channel",
            original_match[0],
            original_match[0].value[1],
        )
    if listed_match:
        where = _said(listed_match[0], listed_match[0].value[1])
        if claim.strength == "streams":
            return _yes(f"the catalog lists it on {where}", listed_match[0], name)
        known_original = ", ".join(sorted({k.value[1] for k in originals})) or "not given"
        return _unknown(
            f"the catalog lists it on {where}, but its original channel as {known_original}: "
            "it may have moved there later",
            "weak_evidence",
            listed_match[0],
        )
    if not originals:
        return _unknown("the catalog does not say where the show first aired")
    first = originals[0]
    channels = ", ".join(sorted({k.value[1] for k in originals}))
    if claim.strength == "streams":
        return _unknown(
            f"the catalog gives {channels} as its channel and has no streaming listing for "
            f"{name}; listings change and may be partial",
            "weak_evidence",
            first,
        )
    if any(related_families(k.value[0], family) for k in originals):
        return _unknown(
            f"the catalog gives {channels}, a sister channel of {name}", "weak_evidence", first
        )
    if (
        claim.platform.kind == "network"
        and all(k.value[2] == "streaming" for k in originals)
        and not facts.began_streaming
    ):
        # TVmaze names a show's latest channel: a network show that moved to a streaming
        # service (Lucifer, You) is listed under the streaming service alone.
        return _unknown(
            f"the catalog gives {channels}, but a show that began on {name} and moved to a "
            "streaming service is listed under the service",
            "weak_evidence",
            first,
        )
    if (
        facts.countries
        and "US" not in facts.countries
        and all(k.source in US_MARKET_SOURCES and k.value[2] == "network" for k in originals)
    ):
        # The renewal scorecards and the ratings app follow American TV: a show made
        # elsewhere is listed under the American network that carried it (Schitt's Creek,
        # CBC's, under Pop), which says nothing of where it first aired. A streaming
        # service is the same service everywhere, so Netflix's Dark still counts.
        return _unknown(
            f"the catalog gives {channels} only from {source_info(first.source).label}, which "
            f"lists American channels; the show is from {', '.join(sorted(facts.countries))} "
            "and may have first aired elsewhere",
            "weak_evidence",
            first,
        )
    arrived = _arrived_on_netflix_later(facts)
    if arrived is not None:
        # Cobra Kai began on YouTube Red; Netflix's own report dates its first season there
        # two years after the premiere, so the show had an earlier home.
        return _unknown(
            f"the catalog gives {channels}, but Netflix dates the first season's arrival "
            f"there to {arrived.value.isoformat()}, after the show's premiere year: it began "
            "somewhere else",
            "weak_evidence",
            first,
        )
    return _no(
        f"the catalog gives {_said(first, channels)} as its channel and never lists it on {name}",
        first,
        channels,
    )


# --- seasons and episodes ------------------------------------------------------------------


def _seasons_known(facts: ShowFacts) -> Known | None:
    """How many seasons sources show exist: the highest season row, or a season count when
    the counts agree with one another (a merged namesake's counts do not)."""
    best = facts.last_season
    counts = [k.value for k in facts.season_counts]
    if counts and max(counts) <= 2 * min(counts) + 1:
        top = max(
            (k for k in facts.season_counts if k.value == max(counts)),
            key=lambda k: k.src.retrieved_at,
        )
        if best is None or top.value > best.value:
            best = top
    return best


def _over(facts: ShowFacts, known: Known) -> Known | None:
    """A source saying the show is over *after* ``known.value`` seasons.

    The status alone does not say after how many: a season count read near the status
    reading must confirm it (episode lists of a month's schedule miss later seasons).
    """
    terminal = facts.terminal()
    if terminal is None:
        return None
    started = facts.season_date(int(known.value))
    if started is not None and started.value is not None and started.value > terminal.as_of:
        return None
    confirmed = any(
        k.value == known.value and (terminal.as_of - k.as_of).days <= COUNT_NEAR_DAYS
        for k in facts.season_counts
    )
    return terminal if confirmed else None


def _seasons(m: int) -> str:
    return f"{m} season{'s' * (m != 1)}"


def _check_seasons(claim: Claim, facts: ShowFacts, today: date) -> Outcome:
    assert claim.number is not None
    scope = _scope(claim)
    if scope is not None:
        scoped = _check_run_on(claim, facts, scope)
        if scoped is not None:
            return scoped
    n = claim.number
    known = _seasons_known(facts)
    if known is None:
        return _unknown("the catalog lists no seasons for this show")
    m = int(known.value)
    said = _said(known, f"season {m}")
    if claim.at_least:
        if m >= n:
            return _yes(f"the catalog knows {said}", known, _seasons(m))
        over = _over(facts, known)
        if over is not None:
            return _no(
                f"{_label(over.source)} lists it as {over.value} (as of "
                f"{over.as_of.isoformat()}) with {_seasons(m)}",
                over,
                f"{_seasons(m)}, {over.value}",
            )
        return _unknown(
            f"the catalog knows {_seasons(m)} as of {known.as_of}; later ones may exist"
        )
    if m == n:
        return _yes(f"the catalog knows {said}", known, _seasons(m))
    if m > n:
        return _no(f"the catalog knows {said}: more than {n}", known, _seasons(m))
    over = _over(facts, known)
    if over is not None:
        return _no(
            f"{_label(over.source)} lists it as {over.value} (as of {over.as_of.isoformat()}) "
            f"and the catalog knows {_seasons(m)}",
            over,
            _seasons(m),
        )
    return _unknown(
        f"the catalog knows {_seasons(m)} as of {known.as_of.isoformat()}; later seasons may "
        "have come out since",
        "weak_evidence",
        known,
    )


def _check_run_on(claim: Claim, facts: ShowFacts, family: str) -> Outcome | None:
    """A season count scoped to a network ("three seasons on NBC") against that network's
    run; None when the network aired every season (the whole count is its run)."""
    assert claim.number is not None and claim.platform is not None
    name = claim.platform.name
    run = _run_on(facts, family)
    if run is not None:
        last = max((r for r in facts.readings if r.season is not None), key=lambda r: r.when)
        value = f"{_seasons(run)} on {name}"
        if run == claim.number:
            return _yes(f"{_label(last.source)} gives {value}", last.known, value)
        if run > claim.number:
            return _no(f"{_label(last.source)} gives {value}", last.known, value)
        return _unknown(
            f"{_label(last.source)} gives {value}, perhaps not all of them", "weak_evidence"
        )
    originals = facts.original_families
    if originals and all(related_families(f, family) for f in originals):
        return None  # the only network the catalog knows: the show's whole run
    where = ", ".join(sorted({k.value[1] for k in facts.original})) or "no network"
    return _unknown(
        f"the catalog does not say which seasons aired on {name} (it gives {where})",
        "weak_evidence",
    )


def _check_episodes(claim: Claim, facts: ShowFacts, today: date) -> Outcome:
    assert claim.number is not None
    n = claim.number
    season = claim.season
    if season is None:
        known = _seasons_known(facts)
        if (
            known is not None
            and int(known.value) == 1
            and not any(k.value > 1 for k in facts.season_counts)
        ):
            season = 1
    if season is None:
        if facts.total_episodes:
            total = max(facts.total_episodes, key=lambda k: k.src.retrieved_at)
            if total.value == n:
                return _yes(f"the catalog counts {_said(total)} episodes", total, str(n))
            if total.value > n:
                return _no(f"the catalog counts {_said(total)} episodes", total, str(total.value))
        return _unknown("the catalog has no episode count for the whole show")
    rows = facts.episode_rows.get(season)
    if rows is None:
        return _unknown(f"the catalog lists no episodes of season {season}")
    count, highest = rows.value
    at_least = max(count, highest)
    value = f"{at_least} episodes in season {season}"
    if at_least == n:
        return _yes(f"the catalog lists {_said(rows, value)}", rows, value)
    if at_least > n:
        return _no(f"the catalog lists {_said(rows, value)}", rows, value)
    return _unknown(
        f"the catalog lists {_said(rows, value)}, perhaps not all of them", "weak_evidence", rows
    )


# --- premiere ---------------------------------------------------------------------------------


def _same(day: date, claimed: Claim) -> bool | None:
    """Whether a known date matches the claim at the claim's precision (None: too close to
    call, one day apart)."""
    when = claimed.date
    assert when is not None
    if when.day and when.month:
        gap = abs((day - date(when.year, when.month, when.day)).days)
        return True if gap == 0 else (None if gap <= DATE_SLACK_DAYS else False)
    if when.month:
        return day.year == when.year and day.month == when.month
    return day.year == when.year


def _netflix_dates_count(facts: ShowFacts) -> bool:
    """Whether Netflix's release dates are the show's premieres: a Netflix original whose
    first season came out in the year the catalogs date the show (a licensed show arrives on
    Netflix years after its premiere)."""
    if "netflix" not in facts.original_families:
        return False
    if facts.began_streaming:
        return True  # TVmaze dates its first episode on Netflix the day it premiered
    first = [k for k in facts.season_rows.get(1, []) if k.source == "netflix_engagement"]
    years = [k.value for k in facts.listing_years]
    if not years:
        return True
    return any(k.value is not None and k.value.year == min(years) for k in first)


def _arrived_on_netflix_later(facts: ShowFacts) -> Known | None:
    """Netflix's date for season 1 when it falls after the year the catalogs date the show:
    a show listed under Netflix that premiered elsewhere first."""
    if "netflix" not in facts.original_families:
        return None
    years = [k.value for k in facts.listing_years if k.value is not None]
    if not years:
        return None
    for known in facts.season_rows.get(1, []):
        late = known.value is not None and known.value.year > min(years)
        if known.source == "netflix_engagement" and late:
            return known
    return None


def _premiere_evidence(facts: ShowFacts, season: int) -> list[Known]:
    streaming_original = _netflix_dates_count(facts)
    out: list[Known] = []
    if season == 1:
        out.extend(facts.premieres)
    for known in facts.season_rows.get(season, []):
        if known.value is None:
            continue
        # Netflix's engagement report dates a licensed show's arrival on Netflix, not its
        # premiere: only a Netflix original's dates count.
        if known.source == "netflix_engagement" and not streaming_original:
            continue
        out.append(known)
    return out


def _check_premiere(claim: Claim, facts: ShowFacts, today: date) -> Outcome:
    if claim.extra.get("no_date"):
        return _check_no_date(claim, facts, today)
    assert claim.date is not None
    season = claim.season or 1
    evidence = _premiere_evidence(facts, season)
    what = "premiere" if season == 1 else f"season {season} premiere"
    years = {k.value for k in facts.listing_years} if season == 1 else set()
    if not evidence:
        if claim.date.month is None and season == 1 and years:
            earliest = min(facts.listing_years, key=lambda k: k.value)
            if earliest.value == claim.date.year:
                return _yes(
                    f"the catalog dates it {_said(earliest)}", earliest, str(earliest.value)
                )
        return _unknown(f"the catalog has no {what} date")
    verdicts = [(_same(k.value, claim), k) for k in evidence]
    for same, known in verdicts:
        if same:
            return _yes(f"the catalog gives the {what} as {_said(known)}", known, str(known.value))
    if any(same is None for same, _ in verdicts):
        close = next(k for same, k in verdicts if same is None)
        return _unknown(
            f"the catalog gives {_said(close)}: a day apart, as time zones do",
            "weak_evidence",
            close,
        )
    if claim.date.year in years:
        listed = next(k for k in facts.listing_years if k.value == claim.date.year)
        return _unknown(
            f"the catalog's sources disagree: {_said(evidence[0])}, but {_said(listed)}",
            "weak_evidence",
            evidence[0],
        )
    first = min(evidence, key=lambda k: k.value)
    return _no(f"the catalog gives the {what} as {_said(first)}", first, str(first.value))


def _check_no_date(claim: Claim, facts: ShowFacts, today: date) -> Outcome:
    """ "No premiere date has been set" for a season: wrong once the season has premiered;
    before that the catalog cannot tell whether a date had been announced."""
    season = claim.season or 1
    aired = [k for k in _premiere_evidence(facts, season) if k.value <= today]
    if aired:
        first = min(aired, key=lambda k: k.value)
        return _no(f"season {season} premiered {_said(first)}", first, str(first.value))
    return _unknown(f"the catalog cannot tell whether season {season} had a date announced")


# --- status ---------------------------------------------------------------------------------


def _fresh(known: Known, today: date) -> bool:
    return (today - known.as_of).days <= FRESH_DAYS


def _season_exists(facts: ShowFacts, season: int) -> Known | None:
    rows = facts.season_rows.get(season)
    if not rows:
        return None
    dated = facts.season_date(season)
    return dated or max(rows, key=lambda k: k.src.retrieved_at)


def _exists_words(known: Known, season: int, today: date) -> str:
    if known.value is None:
        return f"the catalog lists season {season} ({_label(known.source)}, as of {known.as_of})"
    when = "premiered" if known.value <= today else "is dated"
    return (
        f"season {season} {when} {known.value.isoformat()} "
        f"({_label(known.source)}, as of {known.as_of.isoformat()})"
    )


def _check_status(claim: Claim, facts: ShowFacts, today: date) -> Outcome:
    known = _seasons_known(facts)
    m = int(known.value) if known is not None else 0
    terminal = facts.terminal()
    over = _over(facts, known) if known is not None else terminal
    if claim.status == "renewed":
        outcome = _check_renewed(claim, facts, today, m, over)
    elif claim.status == "undecided":
        outcome = _check_undecided(claim, facts, today, m)
    else:
        outcome = _check_over(claim, facts, today, m, over)
    if claim.date is not None and outcome.verdict == "supported":
        return _check_announced(claim, facts, outcome)
    return outcome


# Announced decisions (Metacritic's renewal scorecards, TV Ratings Predictions): a reading
# for season N says what was decided after season N aired.


def _said_decision(reading: Reading) -> str:
    who = f"{reading.network} " if reading.network else ""
    when = f" on {reading.announced.isoformat()}" if reading.announced else ""
    what = {
        "renewed": f"renewed it after season {reading.season}",
        "cancelled": f"cancelled it after season {reading.season}",
        "final": f"made season {reading.season} its final season",
        "miniseries": "made it a limited series",
        "moved": f"let it go after season {reading.season} (it moved to another network)",
    }.get(reading.decision or "", reading.status)
    if reading.final_next:
        what = f"renewed it for a final season after season {reading.season}"
    return f"{who}{what}{when} ({_label(reading.source)})"


def _decided(facts: ShowFacts, season: int, scope: str | None = None) -> Reading | None:
    """The latest decision announced about season ``season`` (by network ``scope``)."""
    found = [r for r in facts.decisions() if r.season == season and _by(r, scope)]
    return found[-1] if found else None


def _by(reading: Reading, scope: str | None) -> bool:
    """Whether a decision was the scoped network's (any network's, without a scope)."""
    if scope is None or reading.network is None:
        return True
    return related_families(platform_family(reading.network), scope)


def _scope(claim: Claim) -> str | None:
    """The network or service a status claim is scoped to ("cancelled by FOX")."""
    return (
        claim.platform.family if claim.platform is not None and claim.extra.get("scope") else None
    )


def _check_renewed(
    claim: Claim, facts: ShowFacts, today: date, m: int, over: Known | None
) -> Outcome:
    n = claim.season
    if n is not None:
        exists = _season_exists(facts, n)
        if exists is not None:
            return _yes(_exists_words(exists, n, today), exists, f"season {n}")
        ordered = _decided(facts, n)
        if ordered is not None and ordered.decision in ("final", "renewed", "cancelled", "moved"):
            # A decision after season n means season n was made.
            return _yes(_said_decision(ordered), ordered.known, f"season {n}")
        before = _decided(facts, n - 1, _scope(claim)) if n > 1 else None
        if before is not None and (
            before.decision == "renewed" or (before.decision == "moved" and _scope(claim) is None)
        ):
            # Renewed, or picked up by another network ("moved"): season n was ordered.
            return _yes(_said_decision(before), before.known, f"season {n}")
        if before is not None and before.decision in ("cancelled", "final"):
            return _no(_said_decision(before), before.known, before.status, before.when)
        if over is not None and m and n > m:
            return _no(
                f"{_label(over.source)} lists it as {over.value} (as of "
                f"{over.as_of.isoformat()}) after {_seasons(m)}",
                over,
                f"{over.value} after {_seasons(m)}",
            )
        return _unknown(f"the catalog has no season {n} and no renewal announcement")
    latest = facts.decisions()[-1:]
    if latest and latest[0].decision == "renewed":
        return _yes(_said_decision(latest[0]), latest[0].known)
    if m >= 2:
        second = _season_exists(facts, m)
        if second is not None:
            return _yes(f"it came back: {_exists_words(second, m, today)}", second, _seasons(m))
    if latest and latest[0].decision in ("cancelled", "final") and latest[0].season == m:
        return _no(_said_decision(latest[0]), latest[0].known, latest[0].status, latest[0].when)
    if over is not None and m == 1:
        return _no(
            f"{_label(over.source)} lists it as {over.value} after a single season (as of "
            f"{over.as_of.isoformat()})",
            over,
            f"{over.value} after 1 season",
        )
    return _unknown("the catalog has no renewal announcement")


def _check_undecided(claim: Claim, facts: ShowFacts, today: date, m: int) -> Outcome:
    n = claim.season if claim.season is not None else m + 1
    exists = _season_exists(facts, n)
    if exists is not None:
        return _no(_exists_words(exists, n, today) + ": it was renewed", exists, f"season {n}")
    decided = _decided(facts, n - 1) if n > 1 else None
    if decided is not None and decided.decision in ("renewed", "cancelled", "final", "moved"):
        return _no(_said_decision(decided), decided.known, decided.status, decided.when)
    tmdb = facts.statuses.get("tmdb")
    if tmdb is not None and tmdb.value == "Canceled":
        return _no(f"TMDB lists it as Canceled (as of {tmdb.as_of.isoformat()})", tmdb, "Canceled")
    tvmaze = facts.statuses.get("tvmaze")
    if tvmaze is not None and tvmaze.value == "To Be Determined":
        if _fresh(tvmaze, today):
            return _yes(f"TVmaze lists it as To Be Determined (as of {tvmaze.as_of})", tvmaze)
        return _unknown(
            f"TVmaze listed it as To Be Determined on {tvmaze.as_of.isoformat()}, over a year ago",
            "stale",
            tvmaze,
        )
    return _unknown(f"the catalog has no season {n} and no decision on it")


def _check_over(claim: Claim, facts: ShowFacts, today: date, m: int, over: Known | None) -> Outcome:
    terminal = facts.terminal()
    after = int(claim.extra["after"]) if claim.extra.get("after") else None
    final = claim.extra.get("final_season")
    n = after if after is not None else (int(final) if final else None)
    scope = _scope(claim)
    announced = _announced_over(claim, facts, n, scope)
    if announced is not None:
        return announced
    if n is not None:
        beyond = _season_exists(facts, n + 1) if m > n else None
        if beyond is not None:
            if scope is not None or _decided(facts, n) is not None:
                # A network's cancellation is not the show's end: it may go on elsewhere.
                return _unknown(
                    _exists_words(beyond, n + 1, today)
                    + f"; the catalog cannot tell where seasons after {n} aired",
                    "weak_evidence",
                    beyond,
                )
            return _no(
                _exists_words(beyond, n + 1, today) + f": it went on after season {n}",
                beyond,
                _seasons(m),
            )
    for season in range(m + 1, m + 3):
        dated = facts.season_date(season)
        if dated is not None and dated.value is not None and dated.value > today:
            return _no(_exists_words(dated, season, today), dated, f"season {season}")
    tmdb = facts.statuses.get("tmdb")
    tvmaze = facts.statuses.get("tvmaze")
    if claim.status == "cancelled":
        if tmdb is not None and tmdb.value == "Canceled":
            return _yes(f"TMDB lists it as Canceled (as of {tmdb.as_of.isoformat()})", tmdb)
        verdict = _inferred_cancelled(facts, today)
        known = _seasons_known(facts)
        complete = known is not None and _over(facts, known) is not None
        if verdict is not None and complete and (n is None or n == m):
            return _yes(verdict[0], verdict[1])
        if over is not None:
            return _unknown(
                f"{_label(over.source)} lists it as {over.value} (as of {over.as_of}); the "
                "catalog cannot tell a cancellation from a planned ending",
                "weak_evidence",
                over,
            )
    elif over is not None and (n is None or n == m):
        return _yes(
            f"{_label(over.source)} lists it as {over.value} (as of {over.as_of.isoformat()})",
            over,
        )
    elif terminal is not None and n is None:
        return _yes(
            f"{_label(terminal.source)} lists it as {terminal.value} (as of "
            f"{terminal.as_of.isoformat()})",
            terminal,
        )
    if tvmaze is not None and tvmaze.value == "Running" and _fresh(tvmaze, today):
        return _no(f"TVmaze lists it as Running (as of {tvmaze.as_of.isoformat()})", tvmaze)
    if tvmaze is not None and tvmaze.value in ("Running", "To Be Determined"):
        return _unknown(
            f"TVmaze listed it as {tvmaze.value} on {tvmaze.as_of.isoformat()}, over a year ago",
            "stale",
            tvmaze,
        )
    return _unknown("no source in the catalog states whether the show is over")


def _announced_over(
    claim: Claim, facts: ShowFacts, n: int | None, scope: str | None
) -> Outcome | None:
    """A cancellation or a final season checked against the announced decisions (only the
    scoped network's, when the claim names one). None: the announcements do not decide."""
    decisions = [r for r in facts.decisions() if _by(r, scope)]
    if not decisions:
        return None
    # Each decision that ends a run, with the last season of that run.
    endings = [
        (r, r.season + 1 if r.final_next else r.season)
        for r in decisions
        if r.season is not None and (r.decision in ("cancelled", "final", "moved") or r.final_next)
    ]
    if n is None:
        if endings and (scope is not None or endings[-1][0].decision != "moved"):
            final = endings[-1][0]
            return _yes(_said_decision(final), final.known, final.status)
        return None
    at_n = [r for r, last in endings if last == n]
    if at_n:
        ended = at_n[-1]
        went_on = _season_exists(facts, n + 1) is not None or ended.decision == "moved"
        if scope is None and went_on:
            return _unknown(
                f"{_said_decision(ended)}, but the show went on elsewhere, and the article "
                "does not say whose run it means",
                "weak_evidence",
                ended.known,
            )
        if scope is not None:
            run = _run_on(facts, scope)
            if run is not None and run != n:
                return _no(
                    f"{_said_decision(ended)}; the catalog has {_seasons(run)} on that network",
                    ended.known,
                    _seasons(run),
                    ended.when,
                )
        return _yes(_said_decision(ended), ended.known, ended.status)
    about_n = [r for r in decisions if r.season == n]
    if about_n and about_n[-1].decision == "renewed":
        renewal = about_n[-1]
        if _season_exists(facts, n + 1) is not None or _decided(facts, n + 1) is not None:
            return _no(_said_decision(renewal), renewal.known, renewal.status, renewal.when)
    if endings:
        last_reading, last = endings[-1]
        ends_elsewhere = last is not None and last != n and _season_exists(facts, n + 1) is None
        if ends_elsewhere and last is not None and (claim.extra.get("final_season") or last < n):
            return _no(
                _said_decision(last_reading),
                last_reading.known,
                f"season {last}",
                last_reading.when,
            )
    return None


def _run_on(facts: ShowFacts, family: str) -> int | None:
    """How many seasons a network aired, from the per-season networks sources give."""
    networks = facts.season_networks()
    if not networks:
        return None
    on = [n for n, f in networks.items() if related_families(f, family)]
    return len(on) if on else None


def _check_announced(claim: Claim, facts: ShowFacts, outcome: Outcome) -> Outcome:
    """A dated renewal or cancellation ("renewed in April 2022") against the day the
    decision was announced; undated in the catalog, the claim cannot be checked."""
    assert claim.date is not None
    wanted = {"renewed": ("renewed", "final"), "undecided": ()}.get(
        claim.status or "", ("cancelled", "final")
    )
    found = [r for r in facts.decisions() if r.decision in wanted]
    if claim.status == "renewed" and claim.season is not None:
        found = [r for r in found if r.season in (claim.season - 1, claim.season)] or found
    elif claim.extra.get("after"):
        found = [r for r in found if str(r.season) == claim.extra["after"]] or found
    dated = [r for r in found if r.announced is not None]
    if not dated:
        return _unknown(
            f"{outcome.reason}; the catalog does not date the announcement, so "
            f"{claim.date} cannot be checked",
            "no_data",
            outcome.evidence,
        )
    for reading in dated:
        assert reading.announced is not None
        if _same(reading.announced, claim) is not False:
            return _yes(_said_decision(reading), reading.known, reading.announced.isoformat())
    last = dated[-1]
    return _no(_said_decision(last), last.known, str(last.announced), last.announced)


def _inferred_cancelled(facts: ShowFacts, today: date) -> tuple[str, Known] | None:
    """The status rules' own inference: a one-season streaming show listed as Ended."""
    from nextseason.analysis.status import verdict_for

    if facts.status_facts is None:
        return None
    verdict = verdict_for(facts.status_facts, today)
    reading = facts.statuses.get("tvmaze")
    if verdict.verdict == "cancelled" and reading is not None:
        return verdict.reason, reading
    return None


# --- people ---------------------------------------------------------------------------------


@lru_cache(maxsize=16384)
def _tokens(name: str) -> tuple[str, ...]:
    return tuple(title_key(name).split())


def same_person(claimed: str, credited: str) -> bool:
    """Names of one person: equal keys, or the same surname with a matching first name."""
    a, b = _tokens(claimed), _tokens(credited)
    if not a or not b:
        return False
    if a == b:
        return True
    from rapidfuzz import fuzz

    if fuzz.ratio(" ".join(a), " ".join(b)) >= 92:
        return True
    return a[-1] == b[-1] and (a[0] == b[0] or set(a) <= set(b) or set(b) <= set(a))


def _fold(name: str) -> str:
    """A name as letters only: no case, accents, dots or hyphens ("Zoë" = "Zoe")."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^\w\s]|_", " ", plain.replace(".", "")).split())


def misspelt(claimed: str, credited: str) -> bool:
    """Whether ``claimed`` is ``credited`` written wrongly: a letter or two off in one name
    ("Anthony Starr" for Antony Starr, "Silveste" for Silvestre) or a surname split or
    joined ("Van Camp" for VanCamp). A middle name or initial more or less, another
    romanisation of an East Asian name ("Ha-jun", "Ha-joon") or a nickname is no error."""
    a, b = _fold(claimed), _fold(credited)
    if a == b:
        return False
    if a.replace(" ", "") == b.replace(" ", ""):
        return True  # "emily van camp" / "emily vancamp"
    ta, tb = a.split(), b.split()
    if set(ta) <= set(tb) or set(tb) <= set(ta) or len(ta) != len(tb):
        return False
    if "-" in claimed or "-" in credited:
        return False  # romanised given names: many spellings are right
    differing = [(x, y) for x, y in zip(ta, tb, strict=True) if x != y]
    if len(differing) != 1:
        return False
    x, y = differing[0]
    from rapidfuzz.distance import DamerauLevenshtein

    return min(len(x), len(y)) >= 4 and DamerauLevenshtein.distance(x, y) <= 2


def _brothers(claimed: str) -> str | None:
    """ "Duffer Brothers" -> "duffer": any credited person with that surname matches."""
    m = re.fullmatch(r"(?:the\s+)?(\S+)\s+(?:brothers|sisters|siblings)", claimed, re.I)
    return title_key(m.group(1)) if m else None


_STOP = {"the", "of", "a", "lady", "lord", "sir", "dr", "mr", "mrs", "young", "older", "voice"}


def same_character(claimed: str, credited: str) -> bool:
    """ "Eleven" and "Jane 'Eleven' Hopper"; "Daphne" and "Daphne Bridgerton"."""
    a = {t for t in _tokens(claimed) if t not in _STOP} or set(_tokens(claimed))
    b = {t for t in _tokens(credited) if t not in _STOP} or set(_tokens(credited))
    return bool(a) and bool(b) and (a <= b or b <= a)


def _spelling(person: str, credits: list[Known]) -> Outcome | None:
    """A name the catalog credits in another spelling, and no credit in the claim's."""
    if not credits or any(not misspelt(person, k.value[0]) for k in credits):
        return None
    known = credits[0]
    return _no(
        f"the catalog spells the name {_said(known, known.value[0])}",
        known,
        known.value[0],
    )


def _check_cast(claim: Claim, facts: ShowFacts, today: date) -> Outcome:
    assert claim.person is not None
    if not facts.cast:
        return _unknown("the catalog has no cast for this show")
    person, character = claim.person, claim.character
    # "Name Name (Name Name)": whichever of the two the catalog credits is the actor.
    if (
        claim.extra.get("either_order")
        and character is not None
        and not any(same_person(person, k.value[0]) for k in facts.cast)
        and any(same_person(character, k.value[0]) for k in facts.cast)
    ):
        person, character = character, person
        claim = replace(claim, person=person, character=character)
    mine = [k for k in facts.cast if same_person(person, k.value[0])]
    spelled = _spelling(person, mine)
    if spelled is not None:
        return spelled
    if character is None:
        if mine:
            return _yes(
                f"the catalog lists {_said(mine[0], mine[0].value[0])} in the cast",
                mine[0],
                mine[0].value[0],
            )
        return _unknown(
            f"{claim.person} is not in the catalog's cast list, which may be partial",
            "weak_evidence",
        )
    parts = [k for k in mine if k.value[1]]
    matching = [k for k in parts if same_character(character, k.value[1])]
    if matching:
        value = f"{matching[0].value[0]} as {matching[0].value[1]}"
        return _yes(f"the catalog lists {_said(matching[0], value)}", matching[0], value)
    others = [
        k
        for k in facts.cast
        if k.value[1] and same_character(character, k.value[1]) and k not in mine
    ]
    if parts and others:
        value = f"{others[0].value[0]} as {others[0].value[1]}"
        own = f"{parts[0].value[0]} as {parts[0].value[1]}"
        return _no(f"the catalog lists {_said(others[0], value)}, and {own}", others[0], value)
    if mine and not parts:
        return _unknown(
            f"the catalog lists {claim.person} in the cast but not their character",
            "weak_evidence",
            mine[0],
        )
    if others:
        value = f"{others[0].value[0]} as {others[0].value[1]}"
        return _unknown(
            f"the catalog lists {_said(others[0], value)} and does not list {claim.person}; "
            "a role can have several actors",
            "weak_evidence",
            others[0],
        )
    return _unknown(f"the catalog does not list {claim.person} as {character}")


_ROLES: dict[str, tuple[str, ...]] = {
    "creator": ("creator", "created by", "co-creator", "series creator"),
    "developer": ("developer", "developed by", "developed for television by"),
    "showrunner": ("showrunner", "show runner"),
    "director": ("director", "series director", "episode director"),
    "writer": ("writer", "screenplay", "teleplay", "story", "head writer", "staff writer"),
}
#: Relations whose credit lists are complete enough that a missing name is a contradiction.
_COMPLETE = ("creator", "showrunner")


def _check_crew(claim: Claim, facts: ShowFacts, today: date) -> Outcome:
    assert claim.person is not None
    roles = _ROLES[claim.relation]
    brothers = _brothers(claim.person)

    def is_them(name: str) -> bool:
        if brothers:
            return _tokens(name)[-1:] == (brothers,)
        assert claim.person is not None
        return same_person(claim.person, name)

    credited = [k for k in facts.crew if k.value[1].casefold() in roles]
    theirs = [k for k in credited if is_them(k.value[0])]
    spelled = None if brothers else _spelling(claim.person, theirs)
    if spelled is not None:
        return spelled
    if theirs:
        value = f"{theirs[0].value[0]} ({theirs[0].value[1]})"
        return _yes(f"the catalog credits {_said(theirs[0], value)}", theirs[0], value)
    elsewhere = [k for k in [*facts.crew, *facts.cast] if is_them(k.value[0])]
    if elsewhere:
        part = elsewhere[0].value[1] or "cast"
        return _unknown(
            f"the catalog credits {claim.person} as {part}, not as {claim.relation}",
            "weak_evidence",
            elsewhere[0],
        )
    if credited and claim.relation in _COMPLETE:
        names = ", ".join(sorted({k.value[0] for k in credited}))
        newest = max(credited, key=lambda k: k.src.retrieved_at)
        return _no(f"the catalog credits {_said(newest, names)} as {claim.relation}", newest, names)
    if credited:
        return _unknown(
            f"{claim.person} is not among the {claim.relation}s the catalog lists, which may "
            "be partial",
            "weak_evidence",
        )
    return _unknown(f"the catalog has no {claim.relation} credits for this show")


def _check_source(claim: Claim, facts: ShowFacts, today: date) -> Outcome:
    assert claim.person is not None
    if not facts.based_on:
        return _unknown("the catalog does not say what the show is based on")
    match = [k for k in facts.based_on if same_person(claim.person, k.value)]
    if match:
        return _yes(f"the catalog says it is based on work by {_said(match[0])}", match[0])
    names = ", ".join(sorted({k.value for k in facts.based_on}))
    return _no(
        f"the catalog says it is based on work by {_said(facts.based_on[0], names)}",
        facts.based_on[0],
        names,
    )


_CHECKERS: dict[str, Callable[[Claim, ShowFacts, date], Outcome]] = {
    "platform": _check_platform,
    "seasons": _check_seasons,
    "episodes": _check_episodes,
    "premiere": _check_premiere,
    "status": _check_status,
    "cast": _check_cast,
    "creator": _check_crew,
    "showrunner": _check_crew,
    "developer": _check_crew,
    "director": _check_crew,
    "writer": _check_crew,
    "source_material": _check_source,
}

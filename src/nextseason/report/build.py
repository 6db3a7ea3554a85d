"""Assemble a :class:`~nextseason.model.Report` from the catalog and the analysis functions.

This is the only place where a report's catalog reads meet analysis: the show's bundle and
the catalog's interest means are read here and handed to the analyses; the features a report
draws on receive what they need from here (the outlook the bundle and the status verdict, the
recommender a reader of the catalog's rows for similar shows, ``SimilarRows``) and never
open the catalog themselves (a contract in pyproject.toml keeps them from it); renderers
get a finished Report and never query; analysis gets records and never fetches.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from nextseason.analysis.interest import (
    BUZZ_SOURCES,
    interest_reading,
    season_search_ratio,
    series_from_points,
)
from nextseason.analysis.plot import finale, open_threads
from nextseason.analysis.status import (
    SeasonEvidence,
    default_season,
    facts_from_bundle,
    season_evidence,
    status_inputs,
    status_verdict,
)
from nextseason.catalog import Catalog
from nextseason.errors import UsageError
from nextseason.model import (
    Availability,
    CastCredit,
    CrewCredit,
    EpisodeInfo,
    EpisodeRecord,
    Fact,
    InterestSection,
    NextSeasonSection,
    Overview,
    Report,
    SeasonInfo,
    SeasonRecord,
    SeasonsSection,
    ShowBundle,
    ShowRecordData,
    ShowRef,
    SourceInfo,
    SourceRef,
    StatusVerdict,
    Thread,
    WhereToWatch,
)
from nextseason.sources.names import source_info
from nextseason.text import plain_text

__all__ = ["build_report"]

STALE_DAYS = 365
#: Order in which sources are trusted for a show's descriptive fields.
SOURCE_PRIORITY = (
    "tmdb",
    "tvmaze",
    "wikidata",
    "netflix_catalog_2022",
    "netflix_catalog_2021",
    "hulu_catalog_2021",
    "prime_video_catalog_2021",
    "disney_plus_catalog_2021",
    "tvmaze_index",
    "netflix_top10",
    "netflix_engagement",
)
MAX_EPISODES_LISTED = 200


def _priority(source: str) -> int:
    return SOURCE_PRIORITY.index(source) if source in SOURCE_PRIORITY else len(SOURCE_PRIORITY)


def _records(bundle: ShowBundle) -> list[ShowRecordData]:
    return sorted(bundle.records, key=lambda r: (_priority(r.source), r.source_key))


def _first_field(bundle: ShowBundle, *names: str) -> tuple[Any, SourceRef] | None:
    """The first non-empty value of any of ``names`` in the records, most trusted first."""
    for record in _records(bundle):
        for name in names:
            value = record.data.get(name)
            if value not in (None, "", [], {}):
                return value, record.src
    return None


def _fact(value: Any, ref: SourceRef) -> Fact:
    return Fact(value=value, source=ref.source, as_of=ref.retrieved_at.date())


def _episode_info(ep: EpisodeRecord) -> EpisodeInfo:
    return EpisodeInfo(
        season=ep.season,
        number=ep.number,
        title=ep.title,
        airdate=ep.airdate,
        runtime=ep.runtime,
        summary=plain_text(ep.summary) or None,
        source=ep.src.source,
    )


#: How a season is known to exist when no date says so (the row names the source).
_SEEN_WORDS = {
    "netflix_top10": "charted {day}",
    "netflix_engagement": "viewed by {day}",
    "metacritic_scorecard": "aired by {day}",
}


def _season_rows(
    bundle: ShowBundle, evidence: SeasonEvidence, by_season: dict[int, list[EpisodeRecord]]
) -> list[SeasonInfo]:
    """One row per season from 1 to the highest known: each fact from its own source."""
    records: dict[int, list[SeasonRecord]] = defaultdict(list)
    for record in sorted(bundle.seasons, key=lambda r: _priority(r.src.source)):
        records[record.number].append(record)
    numbers = {n for n, rows in records.items() if any(r.premiere_date or r.seen_on for r in rows)}
    numbers |= {n for n, eps in by_season.items() if any(e.number is not None for e in eps)}
    top = max([evidence.last or 0, *numbers], default=0)
    infos = []
    for number in range(1, top + 1):
        rows = records.get(number, [])
        eps = sorted(by_season.get(number, []), key=lambda e: e.number or 0)
        dates = [e.airdate for e in eps if e.airdate]
        premieres = [r for r in rows if r.first_aired]
        releases = [r for r in rows if r.premiere_date and r.release_platform]
        ordered = [r for r in rows if r.episode_order]
        runtimes = [e.runtime for e in eps if e.runtime]
        info = SeasonInfo(
            number=number,
            episodes=ordered[0].episode_order if ordered else None,
            episodes_in_catalog=len([e for e in eps if e.number is not None]),
            first_aired=min(
                [*(r.premiere_date for r in premieres if r.premiere_date), *dates], default=None
            ),
            last_aired=max([*(r.end_date for r in rows if r.end_date), *dates], default=None),
            runtime=round(sum(runtimes) / len(runtimes)) if runtimes else None,
            source=evidence.source or bundle.src.source,
        )
        if premieres:
            info.source = min(premieres, key=lambda r: r.premiere_date or date.max).src.source
        elif dates:
            info.source = eps[0].src.source
        elif releases:
            first = min(releases, key=lambda r: r.premiere_date or date.max)
            info.released, info.released_on = first.premiere_date, first.release_platform
            info.source = first.src.source
        elif seen := [r for r in rows if r.seen_on]:
            first = min(seen, key=lambda r: r.seen_on or date.max)
            words = _SEEN_WORDS.get(first.src.source, "out by {day}")
            info.known_from = words.format(day=first.seen_on.isoformat() if first.seen_on else "?")
            info.source = first.src.source
        else:
            info.known_from = f"implied by season {top}"
        if not info.episodes:
            info.episodes = next((r.episode_order for r in rows if r.episode_order), None)
        infos.append(info)
    return infos


def _seasons_section(bundle: ShowBundle, evidence: SeasonEvidence, today: date) -> SeasonsSection:
    by_season: dict[int, list[EpisodeRecord]] = defaultdict(list)
    for ep in bundle.episodes:
        if ep.season is not None:
            by_season[ep.season].append(ep)
    infos = _season_rows(bundle, evidence, by_season)
    episodes = sorted(bundle.episodes, key=lambda e: (e.season or 0, e.number or 0, str(e.airdate)))
    last = finale(bundle.episodes)
    upcoming = [e for e in episodes if e.airdate and e.airdate > today]
    section = SeasonsSection(
        seasons=infos,
        episodes=[_episode_info(e) for e in episodes[-MAX_EPISODES_LISTED:]],
        finale=_episode_info(last) if last else None,
        next_date=(
            Fact(
                value=upcoming[0].airdate,
                source=upcoming[0].src.source,
                as_of=upcoming[0].src.retrieved_at.date(),
            )
            if upcoming
            else None
        ),
        seasons_listed=_listed(bundle),
    )
    if evidence.last is not None and evidence.source:
        section.seasons_known = Fact(
            value=evidence.last, source=evidence.source, as_of=evidence.as_of
        )
    if not infos and evidence.last is None and not section.seasons_listed:
        section.note = "No source in the catalog lists this show's seasons or episodes."
    elif bundle.episodes and any(e.src.source == "tvmaze" for e in bundle.episodes):
        section.note = (
            "Episodes come from TVmaze's streaming schedule for December 2020; "
            "earlier and later episodes are not in the bundled catalog."
        )
    return section


def _listed(bundle: ShowBundle) -> list[Fact]:
    """What catalogs listed: "N seasons" at their date (announced seasons included)."""
    out = []
    for record in sorted(bundle.records, key=lambda r: _priority(r.source)):
        count = record.data.get("seasons")
        if isinstance(count, int) and not isinstance(count, bool) and count > 0:
            out.append(_fact(f"{count} season{'s' * (count != 1)} listed", record.src))
    return out


def _overview(bundle: ShowBundle) -> Overview:
    overview = Overview(title=bundle.title, external_ids=dict(bundle.external_ids))
    # The show row holds the reconciled values; each names the source it came from
    # (bundle.source_of); records fill in what no reconciled field gives.
    if bundle.summary:
        overview.premise = _fact(plain_text(bundle.summary), bundle.source_of("summary"))
    elif premise := _first_field(bundle, "summary", "description"):
        overview.premise = _fact(plain_text(str(premise[0])), premise[1])
    if bundle.genres:
        overview.genres = _fact(list(bundle.genres), bundle.source_of("genres"))
    elif genres := _first_field(bundle, "genres", "listed_in", "genre"):
        value = genres[0]
        listed = value if isinstance(value, list) else [g.strip() for g in str(value).split(",")]
        overview.genres = _fact(listed, genres[1])
    for name in ("kind", "language", "runtime"):
        value = getattr(bundle, name)
        if value:
            setattr(overview, name, _fact(value, bundle.source_of(name)))
    country = _first_field(bundle, "country", "production_countries")
    if country:
        overview.country = _fact(country[0], country[1])
    elif bundle.country:
        overview.country = _fact(bundle.country, bundle.source_of("country"))
    if bundle.platform:
        original = next(
            (
                link
                for link in bundle.platforms
                if link.role in ("web", "network") and link.platform == bundle.platform
            ),
            None,
        )
        ref = original.src if original else bundle.source_of("platform")
        overview.platform = _fact(bundle.platform.name, ref)
        overview.platform_role = "original" if original else "listed"
    if bundle.premiered:
        overview.premiered = _fact(bundle.premiered, bundle.source_of("premiered"))
    elif bundle.year:
        overview.premiered = _fact(bundle.year, bundle.source_of("year"))
    if bundle.ended:
        overview.ended = _fact(bundle.ended, bundle.source_of("ended"))
    based = _first_field(bundle, "based_on", "source_material")
    if based:
        overview.source_material = _fact(based[0], based[1])
    setting = _first_field(bundle, "setting")
    if setting:
        overview.setting = _fact(setting[0], setting[1])
    cast = [c for c in bundle.credits if c.kind == "cast"]
    overview.headline_cast = [
        _fact(c.person_name + (f" as {c.part}" if c.part else ""), c.src) for c in cast[:5]
    ]
    return overview


def _where_to_watch(bundle: ShowBundle, countries: Iterable[str]) -> WhereToWatch:
    wanted = [c.upper() for c in countries]
    section = WhereToWatch(countries=wanted)
    seen: set[tuple[str, str, str | None]] = set()
    has_channel = any(link.role in ("web", "network", "listed") for link in bundle.platforms)
    if bundle.platform and not has_channel:
        how = "original" if bundle.platform.kind == "streaming" else "original broadcast"
        ref = bundle.source_of("platform")
        seen.add((bundle.platform.name, how, None))
        section.entries.append(
            Availability(
                platform=bundle.platform.name,
                how=how,
                as_of=ref.retrieved_at.date(),
                source=ref.source,
            )
        )
    providers = [link for link in bundle.platforms if link.role == "provider"]
    others = [link for link in bundle.platforms if link.role != "provider"]
    # Providers per country, in the order the user asked for the countries.
    providers = sorted(
        (link for link in providers if (link.country or "") in wanted),
        key=lambda link: (wanted.index(link.country or ""), link.offer or "", link.platform.name),
    )
    for link in [*others, *providers]:
        how = {
            "web": "original",
            "network": "original broadcast",
            "catalog": "subscription",
            "listed": "listed by TVmaze",
        }.get(link.role, link.offer or link.role)
        key = (link.platform.name, how, link.country)
        if key in seen:
            continue
        seen.add(key)
        section.entries.append(
            Availability(
                platform=link.platform.name,
                how=how,
                country=link.country,
                as_of=link.as_of or link.src.retrieved_at.date(),
                source=link.src.source,
            )
        )
    asked = ", ".join(wanted)
    if any(link.role == "provider" for link in bundle.platforms) and not providers:
        section.note = f"TMDB and JustWatch list no provider for this show in {asked}."
    elif not providers:
        section.note = (
            "No provider-by-country data for this show in the catalog (that comes from TMDB "
            "and JustWatch with a TMDB key); listings below are the original channel and "
            "streaming catalogs as of their dates."
        )
    if not section.entries:
        section.note = "No source in the catalog says where this show streams or airs."
    return section


def _events(
    bundle: ShowBundle,
    evidence: SeasonEvidence,
    fin: EpisodeRecord | None,
    verdict: StatusVerdict,
) -> dict[str, date]:
    """Dated events that interest peaks may coincide with."""
    events: dict[str, date] = {}
    if bundle.premiered:
        events["the premiere"] = bundle.premiered
    for number, first in sorted(evidence.first_dates.items()):
        events[f"the release of season {number}"] = first
    if fin and fin.airdate:
        events["the finale"] = fin.airdate
    if verdict.decided_on and verdict.basis == "announced":
        events[f"the {verdict.verdict} announcement"] = verdict.decided_on
    return events


def _missing_interest(bundle: ShowBundle) -> str:
    wikidata = next((r for r in bundle.records if r.source == "wikidata"), None)
    if wikidata is not None and not wikidata.data.get("enwiki"):
        return (
            "No audience-interest series for this show in the catalog; it has no English "
            "Wikipedia article to count pageviews of."
        )
    return "No audience-interest series for this show in the catalog."


def _threads(bundle: ShowBundle) -> list[Thread]:
    """The busiest discussion threads the buzz sources found, most upvoted first."""
    found: list[Thread] = []
    for record in bundle.records:
        for raw in record.data.get("threads") or []:
            if not isinstance(raw, dict) or not raw.get("url") or not raw.get("title"):
                continue
            day = raw.get("created")
            found.append(
                Thread(
                    title=str(raw["title"]),
                    url=str(raw["url"]),
                    score=raw.get("score") if isinstance(raw.get("score"), int) else None,
                    comments=(
                        raw.get("num_comments")
                        if isinstance(raw.get("num_comments"), int)
                        else None
                    ),
                    day=date.fromisoformat(day)
                    if isinstance(day, str) and len(day) == 10
                    else None,
                    where=str(raw["subreddit"]) if raw.get("subreddit") else None,
                    source=record.source,
                )
            )
    return sorted(found, key=lambda th: -(th.score or 0))[:10]


def _sources(refs: Iterable[SourceRef], today: date) -> list[SourceInfo]:
    latest: dict[str, SourceRef] = {}
    for ref in refs:
        if ref.source not in latest or ref.retrieved_at > latest[ref.source].retrieved_at:
            latest[ref.source] = ref
    out = []
    for key, ref in sorted(latest.items(), key=lambda kv: _priority(kv[0])):
        info = source_info(key)  # a live source the provenance table lacks is named too
        out.append(
            SourceInfo(
                key=key,
                name=info.name,
                url=ref.url,
                licence=f"{info.credit} ({ref.licence})"
                if ref.licence not in info.credit
                else info.credit,
                retrieved_at=ref.retrieved_at,
                stale=(today - ref.retrieved_at.date()).days > STALE_DAYS,
                note=ref.note,
            )
        )
    return out


def _all_refs(bundle: ShowBundle) -> Iterable[SourceRef]:
    yield bundle.src
    yield from bundle.field_src.values()
    for credit in bundle.credits:
        yield from credit.also
    for group in (
        bundle.records,
        bundle.platforms,
        bundle.seasons,
        bundle.episodes,
        bundle.credits,
        bundle.interest,
        bundle.statuses,
    ):
        for item in group:
            yield item.src


def build_report(
    catalog: Catalog,
    show_id: int,
    *,
    season: int | None = None,
    countries: Iterable[str] = ("US", "GB", "CA"),
    today: date,
    similar_limit: int = 8,
) -> Report:
    """Every report section for season ``season`` (default: the one after the last) of a show,
    as of ``today`` (the day verdicts and staleness count from)."""
    bundle = catalog.show(show_id)
    facts = facts_from_bundle(bundle)
    evidence = season_evidence(facts, today)
    target = season if season is not None else default_season(facts, today, evidence)
    if target < 1:
        raise UsageError(f"season must be 1 or more, got {target}")
    inputs = status_inputs(facts, target, today, evidence)
    verdict = status_verdict(inputs)

    fin = finale(bundle.episodes)
    events = _events(bundle, evidence, fin, verdict)
    kinds: set[tuple[str, str, str]] = {
        (p.source, p.metric, p.period) for p in bundle.interest if p.season == 0
    }
    others = {
        kind: [mean for show, mean in catalog.interest_means(*kind).items() if show != show_id]
        for kind in kinds
    }
    series = series_from_points(
        bundle.interest, events=events, premiere=bundle.premiered, others=others
    )
    viewing = [s for s in series if s.source not in BUZZ_SOURCES]
    buzz = [s for s in series if s.source in BUZZ_SOURCES]
    ratio = season_search_ratio(viewing, target)
    interest = InterestSection(
        series=viewing,
        reading=interest_reading(viewing, today=today, season=target, ratio=ratio),
        season_ratio=ratio,
    )
    if not viewing:
        interest.note = _missing_interest(bundle)
    buzz_section = InterestSection(
        series=buzz, reading=interest_reading(buzz, today=today), threads=_threads(bundle)
    )
    if not buzz:
        buzz_section.note = "No social-buzz counts for this show in the catalog."

    next_season = NextSeasonSection(
        finale=_episode_info(fin) if fin else None, open_threads=open_threads(bundle.episodes)
    )
    if fin is None:
        next_season.note = "The catalog holds no episode summaries to read the finale from."
    elif fin.season is not None and fin.season != target - 1:
        next_season.note = (
            f"The latest episodes the catalog holds are of season {fin.season}, not season "
            f"{target - 1}: this is what season {fin.season} ended on, not the finale before "
            f"season {target}."
        )

    cast = [c for c in bundle.credits if c.kind == "cast"]
    crew = [c for c in bundle.credits if c.kind == "crew"]
    from nextseason.catalog.similar_rows import SimilarRows
    from nextseason.similar.recommend import recommend

    suggestions = recommend(SimilarRows(catalog), show_id, limit=similar_limit, today=today)
    similar = suggestions.entries
    notes: dict[str, str] = {}
    if not cast:
        notes["characters"] = "No cast credits for this show in the catalog."
    elif all(not c.part for c in cast):
        notes["characters"] = "The catalog's sources list the cast without character names."
    if not crew:
        notes["crew"] = "No crew credits for this show in the catalog."
    if suggestions.note:
        notes["similar"] = suggestions.note
    from nextseason.outlook.predict import report_outlook

    outlook = report_outlook(bundle, verdict, inputs, today=today)

    return Report(
        generated_at=datetime.now(UTC),
        show=ShowRef(
            id=show_id,
            title=bundle.title,
            year=bundle.year,
            platform=bundle.platform.name if bundle.platform else None,
            status=bundle.status,
        ),
        season=target,
        overview=_overview(bundle),
        status=verdict,
        seasons=_seasons_section(bundle, evidence, today),
        where_to_watch=_where_to_watch(bundle, countries),
        interest=interest,
        buzz=buzz_section,
        next_season=next_season,
        characters=[
            CastCredit(
                actor=c.person_name,
                character=c.part or None,
                episodes=c.episode_count,
                source=c.src.source,
                also=sorted({ref.source for ref in c.also} - {c.src.source}),
            )
            for c in cast
        ],
        crew=[
            CrewCredit(name=c.person_name, role=c.part or "crew", source=c.src.source) for c in crew
        ],
        similar=similar,
        sources=_sources(_all_refs(bundle), today),
        outlook=outlook,
        notes=notes,
    )

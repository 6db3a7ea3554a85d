"""check_article: read an article, find its shows and claims, verify each against the catalog."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from datetime import date

from nextseason.catalog import Catalog
from nextseason.errors import NextseasonError, UsageError
from nextseason.factcheck.claims import Claim, assign_shows, extract_claims
from nextseason.factcheck.dateline import ArticleDate, article_date
from nextseason.factcheck.document import Document, read_document
from nextseason.factcheck.facts import ShowFacts, show_facts
from nextseason.factcheck.mentions import Mention, MentionFinder, ShowLink
from nextseason.factcheck.report import (
    ClaimResult,
    Evidence,
    FactCheckReport,
    LinkedShow,
    MentionResult,
    Span,
    Summary,
)
from nextseason.factcheck.segment import sentences_of
from nextseason.factcheck.verify import Outcome, check_as_of
from nextseason.factcheck.weekdays import Calendar
from nextseason.sources.names import source_info

__all__ = ["MAX_CHARS", "check_article"]

#: Longest article accepted (characters): far beyond any article, short of a denial of service.
MAX_CHARS = 2_000_000
_ENGLISH = frozenset(
    """the and of to a in is it that was for on with as his her he she they this by an
    are be has have its at from season show series will not""".split()
)
_WORD = re.compile(r"[^\W\d_]+")
#: Words saying the article means another version of a title.
_REMAKE = re.compile(r"\b(?:reboot|revival|remake|reimagining|spin-?off|re-?make)\b", re.I)
#: Years apart beyond which a premiere the article gives means another show of that title.
REMAKE_YEARS = 5


def _is_english(text: str) -> bool:
    words = [w.casefold() for w in _WORD.findall(text[:50_000])]
    if len(words) < 12:
        return True
    return sum(w in _ENGLISH for w in words) / len(words) >= 0.08


def check_article(
    catalog: Catalog,
    text: str,
    *,
    today: date,
    as_of: date | None = None,
    source_format: str = "auto",
    lookup: Callable[[str], int | None] | None = None,
) -> FactCheckReport:
    """Fact-check an article (text, Markdown or HTML) against the catalog.

    Claims are checked as of the article's date: ``as_of`` when given, else the date the
    article states (HTML meta tags, a dateline), else ``today`` (and the report says so).
    ``lookup`` looks a title the catalog lacks up on the live sources and returns its new
    catalog id (None: not found); without it only the catalog is asked. Raises UsageError
    for input too large to check, or for an ``as_of`` after ``today``.
    """
    if as_of is not None and as_of > today:
        raise UsageError(
            f"the article's date {as_of.isoformat()} is after today ({today.isoformat()})",
            hint="give the day the article was written",
        )
    if len(text) > MAX_CHARS:
        raise UsageError(
            f"the article has {len(text):,} characters; the limit is {MAX_CHARS:,}",
            hint="check one article at a time",
        )
    if source_format not in ("auto", "text", "md", "markdown", "html"):
        raise UsageError(f"unknown input format {source_format!r}", hint="text, md or html")
    doc = read_document(text, source_format)
    dated = article_date(
        text, doc.text, is_html=doc.source_format == "html", given=as_of, today=today
    )
    sentences = sentences_of(doc)
    notes: list[str] = []
    if not dated.known:
        notes.append(
            f"the article gives no date: its claims are checked as of today "
            f"({today.isoformat()}); give --as-of YYYY-MM-DD for an older article"
        )
    finder = MentionFinder(catalog, doc, sentences, lookup=lookup)
    mentions, main_key = finder.find()
    notes.extend(finder.notes)
    english = _is_english(doc.text)
    main = next((m.link for m in mentions if m.key == main_key and m.link), None)
    claims: list[Claim] = []
    if english:
        calendar = Calendar(doc.text, dated.day if dated.known else None, today)
        claims = extract_claims(sentences, mentions, calendar)
        assign_shows(claims, mentions, main)
    else:
        notes.append(
            "the article does not look like English: shows were found, but claims are only "
            "read in English"
        )
    if not doc.text.strip():
        notes.append("the article has no text")
    elif not mentions:
        notes.append("the article names no show the catalog knows")
    outcomes = _verify(catalog, claims, dated, today)
    return _report(doc, text, today, dated, mentions, main, claims, outcomes, notes, english)


def _verify(
    catalog: Catalog, claims: list[Claim], dated: ArticleDate, today: date
) -> list[Outcome]:
    cache: dict[tuple[int, ...], ShowFacts | None] = {}
    outcomes = [_one(catalog, claim, dated.day, today, cache) for claim in claims]
    return _doubt_identities(claims, outcomes, cache)


def _facts(
    catalog: Catalog, link: ShowLink, cache: dict[tuple[int, ...], ShowFacts | None]
) -> ShowFacts | None:
    if link.ids not in cache:
        bundles = []
        for show_id in link.ids:
            try:
                bundles.append(catalog.show(show_id))
            except NextseasonError:
                continue
        cache[link.ids] = show_facts(bundles) if bundles else None
    return cache[link.ids]


def _one(
    catalog: Catalog,
    claim: Claim,
    as_of: date,
    today: date,
    cache: dict[tuple[int, ...], ShowFacts | None],
) -> Outcome:
    if claim.extra.get("calendar"):
        # The article contradicts itself: no catalog is needed to tell.
        return Outcome("contradicted", claim.extra["calendar"], "calendar")
    link = claim.show
    if link is None:
        return Outcome("unverifiable", "the claim names no show", "no_show")
    if not link.found:
        return Outcome(
            "unverifiable",
            f"{link.written!r} is not in the catalog",
            "show_not_found",
        )
    facts = _facts(catalog, link, cache)
    if facts is None:
        return Outcome("unverifiable", "the catalog could not load the show", "show_not_found")
    stated = claim.extra.get("as_of")
    if stated and date.fromisoformat(stated) <= today:
        as_of = date.fromisoformat(stated)  # "As of April 2021, ...": the sentence's own date
    outcome = check_as_of(claim, facts, as_of, today)
    if outcome.verdict not in ("contradicted", "outdated"):
        if outcome.verdict == "supported" and link.certainty == "ambiguous":
            return _softened(outcome, _ambiguous_words(link), "ambiguous_show")
        return outcome
    if claim.hedged and outcome.verdict == "contradicted":
        # A hedge that events overtook is outdated; one that was wrong from the start only
        # reported a guess.
        return _softened(outcome, "the article hedges the claim", "hedged")
    if link.certainty == "ambiguous":
        return _softened(outcome, _ambiguous_words(link), "ambiguous_show")
    if link.certainty == "fuzzy":
        return _softened(
            outcome,
            f"no show is called {link.written!r}; the nearest is another title",
            "uncertain_link",
        )
    if not claim.show_certain:
        return _softened(
            outcome, "the sentence may be about another show it names", "uncertain_subject"
        )
    return outcome


def _ambiguous_words(link: ShowLink) -> str:
    return (
        f"{len(link.candidates)} catalog shows are called {link.written!r} and the article "
        "does not say which (give a year or platform)"
    )


def _softened(outcome: Outcome, why: str, code: str) -> Outcome:
    catalog_says = outcome.reason
    return Outcome(
        "unverifiable", f"{why}; {catalog_says}", code, outcome.evidence, outcome.evidence_value
    )


def _doubt_identities(
    claims: list[Claim], outcomes: list[Outcome], cache: dict[tuple[int, ...], ShowFacts | None]
) -> list[Outcome]:
    """Withdraw contradictions about a show the article may not mean.

    A title can belong to a show the catalog lacks (a remake, a namesake): then every fact
    clashes. When the article's claims about one catalog show clash on two relations and
    match on none, or its premiere year is years away from the catalog's, the claims are
    left unverifiable instead of contradicted.
    """
    by_show: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        if claim.show is not None and claim.show.found:
            by_show[claim.show.ids].append(i)
    out = list(outcomes)
    for indexes in by_show.values():
        contradicted = {claims[i].relation for i in indexes if out[i].verdict == "contradicted"}
        supported = [i for i in indexes if out[i].verdict == "supported"]
        link = claims[indexes[0]].show
        facts = cache.get(link.ids) if link is not None else None
        remake = any(_years_apart(claims[i], facts) for i in indexes) or any(
            _REMAKE.search(claims[i].sentence.text) for i in indexes
        )
        doubt = (len(contradicted) >= 2 and not supported) or remake
        if not doubt:
            continue
        first = claims[indexes[0]].show
        title = first.written if first is not None else "it"
        for i in indexes:
            if out[i].verdict in ("contradicted", "outdated"):
                out[i] = _softened(
                    out[i],
                    f"the article may mean another show called {title!r} than the catalog's",
                    "identity_doubt",
                )
    return out


def _years_apart(claim: Claim, facts: ShowFacts | None) -> bool:
    """A premiere the article gives years away from every year the catalog knows."""
    if claim.relation != "premiere" or claim.date is None or facts is None:
        return False
    if (claim.season or 1) != 1:
        return False
    known = [k.value.year for k in facts.premieres] + [k.value for k in facts.listing_years]
    known += [d.value.year for d in facts.season_rows.get(1, []) if d.value is not None]
    return bool(known) and all(abs(y - claim.date.year) >= REMAKE_YEARS for y in known)


# --- the report ----------------------------------------------------------------------------


def _linked(link: ShowLink) -> LinkedShow:
    entry = link.entry
    return LinkedShow(
        id=entry.id if entry else None,
        title=entry.title if entry else link.written,
        year=entry.year if entry else None,
        platform=entry.platform if entry else None,
        link=link.certainty,
        catalog_ids=list(link.ids),
        namesakes=len(link.candidates),
    )


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def _report(
    doc: Document,
    original: str,
    today: date,
    dated: ArticleDate,
    mentions: list[Mention],
    main: ShowLink | None,
    claims: list[Claim],
    outcomes: list[Outcome],
    notes: list[str],
    english: bool,
) -> FactCheckReport:
    shows: dict[str, LinkedShow] = {}
    for m in mentions:
        if m.link is not None and m.key not in shows:
            shows[m.key] = _linked(m.link)
    results = []
    lines = _line_starts(original)
    for number, (claim, outcome) in enumerate(zip(claims, outcomes, strict=True), start=1):
        start, end = doc.original_span(claim.start, claim.end)
        s_start, s_end = doc.original_span(claim.sentence.start, claim.sentence.end)
        link = claim.show
        evidence = None
        if outcome.evidence is not None:
            known = outcome.evidence
            evidence = Evidence(
                value=outcome.evidence_value,
                source=known.source,
                source_name=source_info(known.source).name,
                as_of=known.as_of,
                url=known.src.url or None,
            )
        results.append(
            ClaimResult(
                id=number,
                relation=claim.relation,
                text=doc.text[claim.start : claim.end],
                claimed=claim.claimed,
                sentence=claim.sentence.text,
                span=Span(start=start, end=end),
                sentence_span=Span(start=s_start, end=s_end),
                line=bisect_right(lines, start),
                show_id=link.entry.id if link and link.entry else None,
                show_title=(link.entry.title if link.entry else link.written) if link else None,
                verdict=outcome.verdict,
                reason=outcome.reason,
                reason_code=outcome.code,
                hedged=claim.hedged,
                evidence=evidence,
                changed=outcome.changed,
                changed_on=outcome.changed_on,
            )
        )
    summary = Summary(
        claims=len(results),
        supported=sum(r.verdict == "supported" for r in results),
        contradicted=sum(r.verdict == "contradicted" for r in results),
        outdated=sum(r.verdict == "outdated" for r in results),
        unverifiable=sum(r.verdict == "unverifiable" for r in results),
        shows=len(shows),
    )
    main_key = main.key if main else None
    return FactCheckReport(
        checked_on=today,
        as_of=dated.day,
        dated_by=dated.by,
        dated_from=dated.words,
        source_format=doc.source_format,
        characters=len(original),
        words=len(_WORD.findall(doc.text)),
        language="en" if english else "other",
        main_show=_linked(main) if main else None,
        summary=summary,
        shows=list(shows.values()),
        mentions=[
            MentionResult(
                text=doc.text[m.start : m.end],
                span=Span(
                    **dict(zip(("start", "end"), doc.original_span(m.start, m.end), strict=True))
                ),
                how=m.how,
                show_id=m.link.entry.id if m.link and m.link.entry else None,
                main=m.key == main_key,
            )
            for m in mentions
        ],
        claims=results,
        notes=notes,
    )

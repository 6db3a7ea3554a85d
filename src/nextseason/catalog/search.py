"""Fuzzy, typo-tolerant title search over the catalog, and resolving a title to one show."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from nextseason.catalog.queries import TitleEntry
from nextseason.errors import AmbiguousTitle, Candidate, ShowNotFound
from nextseason.text import title_key

__all__ = ["MATCH_POOL", "MatchModes", "SearchHit", "TitleIndex", "candidate", "rank_key"]

#: A fuzzy match at least this good, and clearly ahead of the next, is taken as the show.
AUTO_PICK_SCORE = 90.0
AUTO_PICK_MARGIN = 4.0
#: Trigrams found in more titles than this say little; they are skipped when rarer ones exist.
COMMON_GRAM = 4000
#: How many trigram-matched candidates get the full fuzzy score.
CANDIDATES = 300
#: Below this a match is probably not what was typed: it is left out of search results
#: (suggestions, looser, are offered when nothing is left). 80 keeps one or two typos in a
#: title of ten letters or more and titles that start with, or hold, the words typed.
MATCH_CUTOFF = 80.0
#: Beside an exact match only close matches are worth a row, and at most this many rows.
CLOSE_SCORE = 90.0
EXACT_ROWS = 8
#: "Did you mean" goes further down.
SUGGEST_CUTOFF = 60.0
#: How many candidates a search that is paged through weighs: every match it can page to is
#: among them, so it bounds the cost of a page (and ``total``) on a query of common words.
MATCH_POOL = 20_000


def _match_score(
    key: str, words: list[str], title: str, ratio: Callable[[str, str], float]
) -> float:
    """How well a title matches what was typed, 0-100.

    A title that starts with the query, or holds each of its words (as a word or the start
    of one), scores 90-99 by how much of the title the query covers; otherwise the
    similarity of the whole title (typos). A partial match inside a word never counts: "bri"
    in "Bridgerton" is not what someone typing "Bridgerton" wants, and the reverse neither.
    """
    whole = ratio(key, title)
    title_words = title.split()
    if title.startswith(key + " ") or (title.startswith(key) and len(key) >= 4):
        return max(whole, 90.0 + 9.0 * len(key) / len(title))
    if len(key) >= 3 and all(any(t.startswith(w) for t in title_words) for w in words):
        return max(whole, 88.0 + 9.0 * len(key) / len(title))
    return whole


def _grams(key: str) -> set[str]:
    padded = f"  {key} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


@dataclass(frozen=True, slots=True)
class SearchHit:
    entry: TitleEntry
    score: float
    exact: bool


def rank_key(hit: SearchHit, key: str, year: int | None) -> tuple[int, ...]:
    """Where a hit ranks, best first: a total order (the id breaks ties) made only of what the
    hit's own title and record say, so a hit keeps its place whatever is added around it."""
    return (
        -hit.exact,
        -round(hit.score),
        int(year is not None and hit.entry.year != year),
        abs(len(hit.entry.key) - len(key)),
        -_richness(hit.entry),
        -(hit.entry.year or 0),
        hit.entry.id,
    )


@dataclass(frozen=True, slots=True)
class MatchModes:
    """How a paged search narrowed its matches, decided on its first page."""

    same_year: bool  # only the year asked for (some match has it)
    close_only: bool  # only exact and close matches (a title matched exactly)


def _same_year(ranked: list[SearchHit], year: int | None) -> list[SearchHit]:
    """Only the year asked for, when some match has it."""
    if year is None:
        return ranked
    return [h for h in ranked if h.entry.year == year] or ranked


def candidate(entry: TitleEntry) -> Candidate:
    return Candidate(entry.id, entry.title, entry.year, entry.platform, entry.status)


def _richness(entry: TitleEntry) -> int:
    """Prefer namesakes the catalog knows more about when scores tie."""
    return (entry.status is not None) + (entry.year is not None) + (entry.platform is not None)


def _best_known(entries: Sequence[TitleEntry]) -> TitleEntry | None:
    """The namesake a title means when the catalog knows it far better than the others:
    dated, placed on a channel and given a status, against namesakes known by little more
    than a title ("Stranger Things" of 2016 on Netflix, not a 2008 web short of the same
    name). None when no namesake stands out: the user must pick."""
    ranked = sorted(entries, key=lambda e: -_richness(e))
    top, second = _richness(ranked[0]), _richness(ranked[1])
    if top >= 3 and second <= top - 2:
        return ranked[0]
    return None


class TitleMatcher:
    """Search, suggestions and resolving a title, over candidates a subclass finds.

    :class:`TitleIndex` finds them in memory; :class:`~nextseason.catalog.stored_titles.
    StoredTitles` in the catalog's own title index. Both score the candidates the same way.
    """

    #: Whether ``candidates(key, loose=True)`` finds more than the first look: a search
    #: that found nothing close looks again, further.
    widens = False

    def exact(self, key: str) -> list[TitleEntry]:
        """The shows whose title key is ``key``."""
        raise NotImplementedError

    def candidates(
        self, key: str, *, loose: bool = False, limit: int = CANDIDATES
    ) -> list[TitleEntry]:
        """Shows whose titles share trigrams with ``key``, the likeliest first (at most
        ``limit``); ``loose`` for suggestions, which go further down."""
        raise NotImplementedError

    def entry(self, show_id: int) -> TitleEntry | None:
        raise NotImplementedError

    def search(self, query: str, *, limit: int = 10, year: int | None = None) -> list[SearchHit]:
        """Best matches first: exact titles, then titles that start with the query or hold
        all its words, then typos of the whole title; nothing scoring under
        :data:`MATCH_CUTOFF` ("probably not what you typed"). Where a title matches exactly,
        at most :data:`EXACT_ROWS` rows."""
        ranked = _same_year(self._hits(title_key(query), year, CANDIDATES), year)
        if any(h.exact for h in ranked):
            ranked = [h for h in ranked if h.exact or h.score >= CLOSE_SCORE][:EXACT_ROWS]
        return ranked[:limit]

    def matches(
        self, query: str, *, year: int | None = None, modes: MatchModes | None = None
    ) -> tuple[list[SearchHit], MatchModes]:
        """Every match to page through (among :data:`MATCH_POOL` candidates), ranked as
        :meth:`search` ranks them, and the modes they were chosen by.

        :meth:`search` narrows its rows by what it found (only the year asked for when some
        match has it, only close matches beside an exact one); a paged search decides that
        once, on its first page, and passes the ``modes`` back for the next pages, so a show
        added meanwhile cannot change which rows the later pages hold. Unlike :meth:`search`,
        no row limit beside an exact match.
        """
        ranked = self._hits(title_key(query), year, MATCH_POOL)
        if modes is None:
            same_year = year is not None and any(h.entry.year == year for h in ranked)
            pool = [h for h in ranked if h.entry.year == year] if same_year else ranked
            modes = MatchModes(same_year=same_year, close_only=any(h.exact for h in pool))
        if modes.same_year:
            ranked = [h for h in ranked if h.entry.year == year]
        if modes.close_only:
            ranked = [h for h in ranked if h.exact or h.score >= CLOSE_SCORE]
        return ranked, modes

    def _hits(self, key: str, year: int | None, pool: int) -> list[SearchHit]:
        if not key:
            return []
        hits: dict[int, SearchHit] = {}
        for entry in self.exact(key):
            hits[entry.id] = SearchHit(entry, 100.0, True)
        from rapidfuzz import fuzz

        words = key.split()
        for loose in (False, True) if self.widens else (False,):
            if loose and any(h.score >= CLOSE_SCORE for h in hits.values()):
                break  # a close match already: no need to look further
            for entry in self.candidates(key, loose=loose, limit=pool):
                if entry.id in hits:
                    continue
                score = _match_score(key, words, entry.key, fuzz.ratio)
                if score >= MATCH_CUTOFF:
                    hits[entry.id] = SearchHit(entry, score, False)
        return sorted(hits.values(), key=lambda h: rank_key(h, key, year))

    def suggest(self, query: str, *, limit: int = 5, year: int | None = None) -> list[SearchHit]:
        """Looser matches (parts of words, several typos) for "no match; did you mean"."""
        key = title_key(query)
        if not key:
            return []
        from rapidfuzz import fuzz, process

        found = {entry.id: entry for entry in self.candidates(key, loose=True)}
        hits: dict[int, SearchHit] = {}
        for _choice, score, show_id in process.extract(
            key,
            {show_id: entry.key for show_id, entry in found.items()},
            scorer=fuzz.WRatio,
            limit=max(limit * 4, 20),
            score_cutoff=SUGGEST_CUTOFF,
        ):
            hits[show_id] = SearchHit(found[show_id], float(score), False)
        return self._ranked(hits.values(), key, year)[:limit]

    def _ranked(self, hits: Iterable[SearchHit], key: str, year: int | None) -> list[SearchHit]:
        return _same_year(sorted(hits, key=lambda h: rank_key(h, key, year)), year)

    def resolve(
        self, title: str | None, *, year: int | None = None, show_id: int | None = None
    ) -> tuple[TitleEntry, bool]:
        """The one show a title means, and whether it was an exact match.

        Raises ShowNotFound with suggestions, or AmbiguousTitle with the candidates.
        """
        if show_id is not None:
            entry = self.entry(show_id)
            if entry is None:
                raise ShowNotFound(
                    f"no show has id {show_id}", hint="find ids with `nextseason search`"
                )
            return entry, True
        if not title or not title_key(title):
            raise ShowNotFound("no title given", hint="name a show, or pass --id")
        exact = self.exact(title_key(title))
        if year is not None:
            exact = [e for e in exact if e.year == year]
        if len(exact) == 1:
            return exact[0], True
        if len(exact) > 1 and (known := _best_known(exact)) is not None:
            return known, True
        if len(exact) > 1:
            raise AmbiguousTitle(
                f"{len(exact)} shows are called {title!r}",
                [
                    candidate(e)
                    for e in sorted(exact, key=lambda e: (-_richness(e), e.year or 0, e.id))
                ],
                hint="pick one with --year YYYY or --id ID",
            )
        hits = self.search(title, limit=6, year=year) or self.suggest(title, limit=6, year=year)
        if year is not None:
            hits = [h for h in hits if h.entry.year == year]
        from rapidfuzz import fuzz

        # Taking a fuzzy match as the show needs whole-title similarity (a typo), not the
        # partial-word matching that ranks search results: "Strange Thing Empire" is no typo
        # of "Strange Empire".
        key = title_key(title)
        strict = sorted(((fuzz.ratio(key, h.entry.key), h) for h in hits), key=lambda sh: -sh[0])
        if strict and strict[0][0] >= AUTO_PICK_SCORE:
            runner_up = strict[1][0] if len(strict) > 1 else 0.0
            if strict[0][0] - runner_up >= AUTO_PICK_MARGIN:
                return strict[0][1].entry, False
        what = f"{title!r} ({year})" if year else repr(title)
        raise ShowNotFound(
            f"no show matches {what}",
            [candidate(h.entry) for h in hits[:5]],
            hint="try `nextseason search` with part of the title" if not hits else None,
        )


class TitleIndex(TitleMatcher):
    """In-memory index of every title, built from the catalog (the fact-checker reads every
    title of an article against it; a catalog without a stored index searches with it)."""

    def __init__(self, entries: Sequence[TitleEntry]) -> None:
        self.entries = list(entries)
        self.keys = [e.key for e in self.entries]
        self.by_key: dict[str, list[int]] = defaultdict(list)
        self.by_id: dict[int, TitleEntry] = {}
        # Trigram postings find candidates fast; rapidfuzz then scores only those.
        self.postings: dict[str, list[int]] = defaultdict(list)
        for pos, entry in enumerate(self.entries):
            self.by_key[entry.key].append(pos)
            self.by_id[entry.id] = entry
            for gram in _grams(entry.key):
                self.postings[gram].append(pos)

    def exact(self, key: str) -> list[TitleEntry]:
        return [self.entries[p] for p in self.by_key.get(key, [])]

    def entry(self, show_id: int) -> TitleEntry | None:
        return self.by_id.get(show_id)

    def candidates(
        self, key: str, *, loose: bool = False, limit: int = CANDIDATES
    ) -> list[TitleEntry]:
        lists = sorted((self.postings[g] for g in _grams(key) if g in self.postings), key=len)
        rare = [p for p in lists if len(p) <= COMMON_GRAM] or lists[:3]
        counts: Counter[int] = Counter()
        for postings in rare:
            counts.update(postings)
        return [self.entries[pos] for pos, _ in counts.most_common(limit)]

"""Why a suggestion was made: facts both shows have in the catalog, each with its source.

A reason names one fact that holds for both shows, and the sources that give it, or it is
not said: a reason is dropped rather than stretched. The facts, most telling first:

* TMDB recommends one show for the other (TMDB);
* the world both are set in, or the kind of story both tell ("also about doctors and hospitals",
  "also a heist story"), only where *each* show's own premise says so: a strong word of the
  world ("surgeon", "ballet"), or two different words of it ("prince" and "palace"). One
  loose word ("love", "court", "office", "queen") is no evidence, and neither is a genre;
* a person credited on both, in the part each credit gives ("also created by ...");
* the genres both are listed under, as the sources list them ("also listed under crime and
  drama (Netflix 2022)"), from labels that name one genre (a "Sci-Fi & Fantasy" label says
  neither, and nor does a source listing a show under both sci-fi and fantasy);
* two rare words both premises use ("both premises mention “ballet” and “academy”");
* TMDB keywords both carry; the channel a source lists both on; a language both are in.

The tone a ranking weighs ("dark", "heartwarming") is a judgment, not a fact: it ranks, but
it is never given as a reason. Each reason ends with its sources in brackets, as the report
credits them ("TVmaze", "Netflix 2022").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from nextseason.genres import phrase_genres
from nextseason.similar.channels import source_label
from nextseason.similar.facts import (
    Profile,
    is_lexicon_word,
    label_genre,
    language_name,
    premise_facets,
)
from nextseason.similar.lexicon import SETTINGS, THEMES
from nextseason.similar.records import Person, ShowFacts

__all__ = ["MAX_REASONS", "Pair", "WordCounts", "reasons_between", "reasons_for"]


class WordCounts(Protocol):
    """How many premises use a word (the index's TF-IDF vocabulary says), out of how many."""

    @property
    def total(self) -> int: ...

    def premises_with(self, word: str) -> int: ...


MAX_REASONS = 4

_REASON = {("settings", f.key): f.reason for f in SETTINGS} | {
    ("themes", f.key): f.reason for f in THEMES
}
_ROLE_VERB = {"creator": "created by", "director": "directed by", "writer": "written by"}
#: A premise word is worth naming when at most this share of shows use it: rarer than
#: "family" or "secret", as rare as "ballet" or "cartel".
_RARE_WORD = 0.005
#: Words of this many letters or fewer are seldom telling.
_TOO_SHORT = 4
#: Words that are rare in premises but say nothing about what a show is about: the way a
#: premise is told, not its subject. Sharing one is no reason.
_NOT_A_SUBJECT = frozenset(
    """
    despite unexpected unexpectedly forced decides decided hidden suddenly finally eventually
    ultimately mysterious unlikely strange various become becoming begins begin discovers
    discover learns learn meets meet tries wants needs seeks struggles struggle navigates
    navigate faces deals dealing living loves loving however although whether within beyond
    across toward towards inside outside together another everything nothing something
    someone anyone everyone soon later early former latest newly recently really quite truly
    little great small large whole entire single double second third final best worst good
    better ordinary unusual special different along among amid while where there their
    after before during since until against between without upon onto throughout
    including itself himself herself themselves ourselves yourself whose whom which
    unable ready willing able certain sure clear chance changes change changed changing
    turns turned turning finds found leads leading takes taking makes making gets getting
    keeps keeping starts started starting returns returned returning moves moved moving
    brings brought sets setting goes going comes coming gives giving tells telling
    thinks thought knows known shows showing ends ending lost losing leaves leaving
    """.split()
)


@dataclass(frozen=True, slots=True)
class Pair:
    """The asked show and one suggestion, each with its facts and its features."""

    asked: ShowFacts
    mine: Profile
    other: ShowFacts
    theirs: Profile
    tmdb: bool = False  # TMDB recommends one for the other


def _sources(keys: Iterable[str]) -> str:
    return ", ".join(dict.fromkeys(source_label(k) for k in keys))


def _premise_facts(facts: ShowFacts) -> dict[tuple[str, str], list[str]]:
    """(kind, facet) -> the sources whose premise places the show there by itself."""
    out: dict[tuple[str, str], list[str]] = {}
    for premise in facts.premises:
        for key in premise_facets(premise.value):
            out.setdefault(key, []).append(premise.source)
    return out


def _worlds(pair: Pair) -> list[str]:
    """A world, then a story type, that both premises name by themselves."""
    mine, theirs = _premise_facts(pair.asked), _premise_facts(pair.other)
    out = []
    for kind in ("settings", "themes"):
        ranked = pair.mine.settings if kind == "settings" else pair.mine.themes
        order = {facet: i for i, facet in enumerate(ranked)}
        shared = [k for k in mine if k[0] == kind and k in theirs]
        shared.sort(key=lambda k: (order.get(k[1], len(order)), k[1]))
        if shared:
            key = shared[0]
            out.append(f"{_REASON[key]} (both premises: {_sources(mine[key] + theirs[key])})")
    return out


#: Genres a source uses as one category when it gives both: a show it lists under sci-fi
#: and fantasy is one or the other (Netflix's own "TV Sci-Fi & Fantasy"), so neither is said.
_TWINNED = (frozenset({"sci-fi", "fantasy"}), frozenset({"action", "adventure"}))


def _genres(facts: ShowFacts) -> dict[str, list[str]]:
    """Genre -> the sources that list the show under a label naming that genre alone."""
    by_source: dict[str, set[str]] = {}
    for label in facts.genre_labels:
        genre = label_genre(label.value)
        if genre is not None:
            by_source.setdefault(label.source, set()).add(genre)
    out: dict[str, list[str]] = {}
    for source, genres in by_source.items():
        for twins in _TWINNED:
            if twins <= genres:
                genres = genres - twins
        for genre in sorted(genres):
            out.setdefault(genre, []).append(source)
    return out


def _genre(pair: Pair) -> str | None:
    """ "also listed under crime and drama (Netflix 2022)": the genres both are listed under,
    as the sources list them; never composed into more ("a romantic comedy")."""
    mine, theirs = _genres(pair.asked), _genres(pair.other)
    order = {g: i for i, g in enumerate(pair.mine.genres)}
    shared = sorted((g for g in mine if g in theirs), key=lambda g: order.get(g, len(order)))
    named = phrase_genres(shared)
    if not named:
        return None
    keys = [s for g in named for s in mine[g] + theirs[g]]
    return f"also listed under {' and '.join(named)} ({_sources(keys)})"


def _people(pair: Pair) -> str | None:
    """The first person credited on both, named by the parts their credits give."""
    theirs: dict[str, list[Person]] = {}
    for person in pair.other.people:
        theirs.setdefault(person.key, []).append(person)
    rank = {"creator": 0, "director": 1, "writer": 2, "cast": 3, "crew": 4}
    found = []
    for person in pair.asked.people:
        for other in theirs.get(person.key, ()):
            found.append((rank.get(person.role, 5) + rank.get(other.role, 5), person, other))
    if not found:
        return None
    found.sort(key=lambda item: item[0])
    _, person, other = found[0]
    sources = _sources([person.source, other.source])
    if person.role == other.role and person.role in _ROLE_VERB:
        return f"also {_ROLE_VERB[person.role]} {person.name} (credits: {sources})"
    if person.role == other.role == "cast":
        return f"also with {person.name} (cast: {sources})"
    # Different parts in each: say each, as its credit gives it.
    return (
        f"{person.name} worked on both: {_part(person)} of {pair.asked.title}, "
        f"{_part(other)} of {pair.other.title} (credits: {sources})"
    )


def _part(person: Person) -> str:
    if person.role == "cast":
        return "cast"
    part = " ".join(person.part.split())
    return part[:1].lower() + part[1:] if part else person.role


def _rare_words(pair: Pair, counts: WordCounts | None) -> str | None:
    """Two rare words both premises use (words of the world are said by :func:`_worlds`)."""
    if counts is None:
        return None
    mine = _premise_words(pair.asked)
    theirs = _premise_words(pair.other)
    shared = [w for w in mine if w in theirs]
    most = max(2.0, _RARE_WORD * counts.total)
    rare = []
    for word in shared:
        if word in _NOT_A_SUBJECT or is_lexicon_word(word):
            continue
        docs = counts.premises_with(word)
        if 0 < docs <= most:
            rare.append((docs, word))
    if len(rare) < 2:
        return None  # one shared word is a coincidence as often as not
    rare.sort()
    words = [w for _, w in rare[:2]]
    sources = [mine[w] for w in words] + [theirs[w] for w in words]
    quoted = " and ".join(f"“{w}”" for w in words)
    return f"both premises mention {quoted} ({_sources(sources)})"


def _premise_words(facts: ShowFacts) -> dict[str, str]:
    """Each content word of a show's premises -> the source of the first premise using it."""
    from nextseason.similar.sparse import text_terms

    out: dict[str, str] = {}
    for premise in facts.premises:
        for word in text_terms(premise.value):
            if len(word) > _TOO_SHORT:
                out.setdefault(word, premise.source)
    return out


def _keywords(pair: Pair) -> str | None:
    theirs = set(pair.theirs.keywords)
    shared = [k for k in pair.mine.keywords if k in theirs]
    if not shared:
        return None
    return f"both tagged {', '.join(shared[:3])} (TMDB keywords)"


def _channel(pair: Pair) -> str | None:
    theirs = {c.name: c.source for c in pair.other.channels}
    for channel in pair.asked.channels:
        if channel.name in theirs:
            sources = _sources([channel.source, theirs[channel.name]])
            return f"also on {channel.name} ({sources})"
    return None


def _language(pair: Pair) -> str | None:
    mine = language_name(pair.asked.language)
    if mine is None or mine == "english" or mine != language_name(pair.other.language):
        return None
    keys = [k for k in (pair.asked.language_source, pair.other.language_source) if k]
    return f"also in {mine.title()}" + (f" ({_sources(keys)})" if keys else "")


def reasons_for(pair: Pair, counts: WordCounts | None = None) -> list[str]:
    """Why ``pair.other`` suits a fan of ``pair.asked``, most telling first (at most four):
    facts both have in the catalog, each with its sources. ``counts`` tells rare premise
    words from common ones (without them, none are named)."""
    out: list[str] = []
    if pair.tmdb:
        out.append("TMDB recommends it to the same viewers (TMDB)")
    out.extend(_worlds(pair))
    for reason in (
        _people(pair),
        _genre(pair),
        _rare_words(pair, counts),
        _keywords(pair),
        _channel(pair),
        _language(pair),
    ):
        if reason:
            out.append(reason)
    return out[:MAX_REASONS]


def reasons_between(
    asked: ShowFacts, others: Sequence[ShowFacts], counts: WordCounts | None = None
) -> dict[int, list[str]]:
    """The reasons :func:`reasons_for` gives for each of ``others`` (TMDB aside): what the
    audit of reasons checks."""
    from nextseason.similar.facts import profile

    mine = profile(asked)
    return {o.id: reasons_for(Pair(asked, mine, o, profile(o)), counts) for o in others}

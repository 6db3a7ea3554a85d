"""Why a suggestion was made, in words a fan understands.

Each reason names something the two shows share, most telling first: a TMDB
recommendation, the world they are set in ("also set in a hospital"), the people who made
them ("also from creator Shonda Rhimes"), the kind of story, genre and era ("also a heist
thriller from the same year"), the tone ("the same dark, gritty tone"), the premise's
distinctive words, TMDB keywords, the channel ("also a Netflix original") and the language.
Only what the data shows is said; a reason is never invented to fill the list.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from nextseason.genres import genre_phrase
from nextseason.similar.facts import is_lexicon_word
from nextseason.similar.index import GLOBAL_SERVICES
from nextseason.similar.lexicon import SETTINGS, THEMES, TONES

if TYPE_CHECKING:
    from nextseason.similar.index import Query, SimilarIndex
    from nextseason.similar.rank import Pick

__all__ = ["MAX_REASONS", "reasons_for"]

MAX_REASONS = 4

_SETTING_REASON = {f.key: f.reason for f in SETTINGS}
_TONE_REASON = {f.key: f.reason for f in TONES}
_THEME_REASON = {f.key: f.reason for f in THEMES}
#: The story types as the adjective of a genre phrase: "a *heist* thriller".
_THEME_ADJECTIVE = {
    "heist": "heist",
    "time travel": "time-travel",
    "serial killer": "serial-killer",
    "survival game": "survival",
    "revenge": "revenge",
    "coming of age": "coming-of-age",
    "family saga": "family",
    "superheroes": "superhero",
    "missing person": "missing-person",
    "con artists": "con-artist",
    "anthology": "anthology",
    "makeover": "makeover",
}
#: A tone goes unsaid when a shared genre already says it ("also a comedy" is funny).
_TONE_IMPLIED_BY = {
    "funny": "comedy",
    "scary": "horror",
    "romantic": "romance",
    "tense": "thriller",
    "real": "documentary",
    "competitive": "reality",
}
#: A premise this close (0-1, see scoring) is worth naming its shared words.
_PREMISE_SAYS = 0.35


def _shared(query: Query, index: SimilarIndex, name: str, doc: int) -> list[str]:
    theirs = set(index.facets[name].tokens(doc))
    return [token for token in query.tokens.get(name, []) if token in theirs]


def _era(query: Query, index: SimilarIndex, doc: int) -> str | None:
    year = float(index.years[doc])
    if math.isnan(year) or math.isnan(query.year):
        return None
    gap = abs(year - query.year)
    if gap == 0:
        return "from the same year"
    if gap <= 2:
        return f"from {int(year)}"
    return None


def _story(genres: list[str], themes: list[str], era: str | None) -> str | None:
    """ "also a heist thriller from the same year", "also a crime drama", or None."""
    phrase = genre_phrase(genres)
    adjective = _THEME_ADJECTIVE.get(themes[0]) if themes else None
    if phrase is None and adjective is None:
        return f"also {era}" if era else None
    if phrase is None:
        text = _THEME_REASON[themes[0]]
    elif adjective is not None and adjective not in phrase:
        words = phrase.removeprefix("also a ").removeprefix("also an ")
        article = "an" if adjective[:1] in "aeiou" else "a"
        text = f"also {article} {adjective} {words}"
    else:
        text = phrase
    return f"{text} {era}" if era else text


def _people(query: Query, index: SimilarIndex, doc: int) -> str | None:
    shared = _shared(query, index, "people", doc)
    if not shared:
        return None
    rank = {"creator": 0, "director": 1, "writer": 2, "cast": 3, "crew": 4}
    shared.sort(key=lambda key: rank.get(index.person_roles.get(key, "crew"), 5))
    first = shared[0]
    name = index.person_names.get(first, first.split(":", 1)[-1])
    role = index.person_roles.get(first, "cast")
    if role in ("creator", "director", "writer"):
        # The index knows each person's biggest part in any show, not in each one: name the
        # person by it, without claiming it was their part in both shows.
        return f"also from {role} {name}"
    names = [index.person_names.get(k, k.split(":", 1)[-1]) for k in shared[:2]]
    return "also with " + " and ".join(names)


def _premise(query: Query, index: SimilarIndex, doc: int) -> str:
    terms, weights = index.text.row(doc)
    query_terms, query_weights = query.text
    mine = dict(zip(query_terms.tolist(), query_weights.tolist(), strict=True))
    shared = sorted(
        (
            (mine[t] * float(w), index.text.vocab[t])
            for t, w in zip(terms, weights, strict=True)
            if t in mine
        ),
        reverse=True,
    )
    words = [word for _, word in shared if not is_lexicon_word(word)][:2]
    if not words:
        return "a similar premise"
    quoted = " and ".join(f"“{w}”" for w in words)
    return f"a similar premise (both mention {quoted})"


def _channel(query: Query, index: SimilarIndex, doc: int) -> str | None:
    theirs = index.originals[doc]
    if not theirs or theirs != query.original:
        return None
    if index.original_kinds[doc] == "streaming" or theirs in GLOBAL_SERVICES:
        return f"also a {theirs} original"
    return f"also from {theirs}"


def reasons_for(query: Query, index: SimilarIndex, pick: Pick) -> list[str]:
    """Why ``pick`` suits a fan of the query show, most telling first (at most four)."""
    doc = pick.doc
    out: list[str] = []
    if pick.parts.get("tmdb", 0.0) > 0:
        out.append("TMDB recommends it to the same viewers")
    settings = _shared(query, index, "settings", doc)
    if settings:
        out.append(_SETTING_REASON[settings[0]])
    people = _people(query, index, doc)
    if people:
        out.append(people)
    genres = _shared(query, index, "genres", doc)
    themes = _shared(query, index, "themes", doc)
    story = _story(genres, themes, _era(query, index, doc))
    if story:
        out.append(story)
    implied = set(genres)
    tones = [
        t for t in _shared(query, index, "tones", doc) if _TONE_IMPLIED_BY.get(t) not in implied
    ]
    if tones:
        out.append(_TONE_REASON[tones[0]])
    if pick.parts.get("semantic", 0.0) >= _PREMISE_SAYS:
        out.append(_premise(query, index, doc))
    keywords = _shared(query, index, "keywords", doc)
    if keywords:
        out.append("shares TMDB keywords: " + ", ".join(keywords[:3]))
    channel = _channel(query, index, doc)
    if channel:
        out.append(channel)
    language = _shared(query, index, "language", doc)
    if language and language[0] != "english":
        out.append(f"also in {language[0].title()}")
    return out[:MAX_REASONS]

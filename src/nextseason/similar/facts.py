"""What the recommender reads about a show, and the features it derives from that.

:class:`~nextseason.catalog.similar_rows.ShowFacts` is the catalog's view of one show, as the
caller hands it over (:mod:`.records`). :func:`profile` turns it into a :class:`Profile`: the
premise text, canonical genres, the kind of show (:mod:`.kinds`), the world, tone and story
type (:mod:`.lexicon`), keywords, people, language, countries and platforms. Pure
functions, no I/O.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from nextseason.genres import canonical_genres
from nextseason.similar.kinds import kinds_of
from nextseason.similar.lexicon import SETTINGS, THEMES, TONES, Facet
from nextseason.similar.records import Person, ShowFacts

__all__ = [
    "Profile",
    "country_name",
    "facets_of",
    "genres_of",
    "is_lexicon_word",
    "label_genre",
    "language_name",
    "premise_facets",
    "profile",
    "words",
]


@dataclass(slots=True)
class Profile:
    """The features of one show that similarity is computed on."""

    text: str
    genres: tuple[str, ...]
    settings: tuple[str, ...]
    tones: tuple[str, ...]
    themes: tuple[str, ...]
    keywords: tuple[str, ...]
    people: dict[str, float] = field(default_factory=dict)  # person key -> weight
    language: str | None = None
    countries: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    kinds: frozenset[str] = frozenset()

    @property
    def described(self) -> bool:
        """Whether anything says what the show is about (not just who made it, or where)."""
        return bool(self.text or self.genres or self.keywords or self.settings)


# ---------------------------------------------------------------------------------------
# Words

_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
_MAX_PHRASE = 4


def words(text: str) -> list[str]:
    """Lowercase words; hyphenated words stay whole ("post-apocalyptic")."""
    return _WORD.findall(text.casefold())


@functools.lru_cache(maxsize=65536)
def _singular(word: str) -> str | None:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("es") and word[-3] in "sxzh":
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return None


@dataclass(frozen=True, slots=True)
class _Hit:
    kind: str  # "settings" | "tones" | "themes"
    facet: str
    strong: bool


_FACETS: dict[str, tuple[Facet, ...]] = {"settings": SETTINGS, "tones": TONES, "themes": THEMES}
KINDS = tuple(_FACETS)


def _term_table() -> dict[str, tuple[_Hit, ...]]:
    table: dict[str, list[_Hit]] = {}
    for kind, facets in _FACETS.items():
        for facet in facets:
            for terms, strong in ((facet.strong, True), (facet.weak, False)):
                for term in terms:
                    key = " ".join(words(term))
                    table.setdefault(key, []).append(_Hit(kind, facet.key, strong))
    return {key: tuple(hits) for key, hits in table.items()}


_TABLE = _term_table()


def _genre_hints() -> dict[str, list[tuple[tuple[str, str], int]]]:
    """Genre -> the facets it hints at, and how strongly (2 strong, 1 weak)."""
    hints: dict[str, list[tuple[tuple[str, str], int]]] = {}
    for kind, facets in _FACETS.items():
        for facet in facets:
            for genre in facet.strong_genres:
                hints.setdefault(genre, []).append(((kind, facet.key), 2))
            for genre in set(facet.genres) - set(facet.strong_genres):
                hints.setdefault(genre, []).append(((kind, facet.key), 1))
    return hints


_GENRE_HINTS = _genre_hints()


def is_lexicon_word(word: str) -> bool:
    """Whether a word is one of the lexicon's (a reason about the world or tone names it)."""
    single = _singular(word)
    return word in _TABLE or (single is not None and single in _TABLE)


_STARTS = frozenset(key.split(" ", 1)[0] for key in _TABLE if " " in key)


def _lookup(phrase: list[str]) -> tuple[str, tuple[_Hit, ...]] | None:
    key = " ".join(phrase)
    hits = _TABLE.get(key)
    if hits is not None:
        return key, hits
    single = _singular(phrase[-1])
    if single is None:
        return None
    key = " ".join([*phrase[:-1], single])
    hits = _TABLE.get(key)
    return (key, hits) if hits is not None else None


@functools.lru_cache(maxsize=131072)
def _word(token: str) -> tuple[str, tuple[_Hit, ...]] | None:
    return _lookup([token])


def _matches(tokens: list[str]) -> dict[str, tuple[_Hit, ...]]:
    """Each lexicon term found in the words (a phrase of up to four), with what it says.

    A word inside a longer term found at the same place is that term's, not one of its own:
    the "war" of "cold war" or the "officer" of "police officer" says nothing by itself.
    """
    spans: list[tuple[int, int, str, tuple[_Hit, ...]]] = []
    count = len(tokens)
    for start, token in enumerate(tokens):
        hit = _word(token)
        if hit is not None:
            spans.append((start, start + 1, *hit))
        if token in _STARTS:
            for size in range(2, min(_MAX_PHRASE, count - start) + 1):
                hit = _lookup(tokens[start : start + size])
                if hit is not None:
                    spans.append((start, start + size, *hit))
    found: dict[str, tuple[_Hit, ...]] = {}
    longest_end = -1
    longest_start = -1
    # Longest first at each start, so a span inside an earlier, longer one is skipped.
    for start, end, term, hits in sorted(spans, key=lambda s: (s[0], -s[1])):
        if (
            longest_start <= start
            and end <= longest_end
            and (start, end)
            != (
                longest_start,
                longest_end,
            )
        ):
            continue
        if end > longest_end:
            longest_start, longest_end = start, end
        found[term] = hits
    return found


def facets_of(
    text: str, keywords: Iterable[str] = (), genres: Iterable[str] = ()
) -> dict[str, tuple[str, ...]]:
    """The settings, tones and themes a show is in (kind -> facet keys, best first).

    Evidence as :mod:`.lexicon` describes it: 2 points to enter a facet; a strong word or
    a strong genre is 2, a weak word or a hinting genre 1; a keyword that is a lexicon term
    counts as strong.
    """
    # Each term counts once per facet, however often it occurs, at its strongest.
    terms: dict[tuple[str, str], dict[str, int]] = {}

    def note(term: str, hit: _Hit, value: int) -> None:
        seen = terms.setdefault((hit.kind, hit.facet), {})
        seen[term] = max(seen.get(term, 0), value)

    for term, hits in _matches(words(text)).items():
        for hit in hits:
            note(term, hit, 2 if hit.strong else 1)
    for keyword in keywords:
        tokens = words(keyword)
        whole = " ".join(tokens)
        for term, hits in _matches(tokens).items():
            for hit in hits:
                # A keyword that *is* a lexicon term was chosen for it: strong evidence.
                strong = hit.strong or term == whole or _singular(whole) == term
                note(term, hit, 2 if strong else 1)
    points = {key: sum(seen.values()) for key, seen in terms.items()}
    bonus: dict[tuple[str, str], int] = {}
    for genre in set(genres):
        for key, value in _GENRE_HINTS.get(genre, ()):
            bonus[key] = bonus.get(key, 0) + value
    for key, value in bonus.items():
        points[key] = points.get(key, 0) + min(value, 2)
    ranked = sorted(points.items(), key=lambda item: (-item[1], item[0]))
    out: dict[str, list[str]] = {kind: [] for kind in _FACETS}
    for (kind, facet), score in ranked:
        if score >= 2:
            out[kind].append(facet)
    return {kind: tuple(keys) for kind, keys in out.items()}


def premise_facets(text: str) -> dict[tuple[str, str], tuple[str, ...]]:
    """The worlds and story types that one premise, by itself, places a show in: (kind,
    facet) -> the words that say so. Stricter than :func:`facets_of`, as a reason must be:
    a strong word, or two different words of the facet; no genre, no keyword, no tone."""
    terms: dict[tuple[str, str], dict[str, bool]] = {}
    for term, hits in _matches(words(text)).items():
        for hit in hits:
            if hit.kind == "tones":
                continue
            seen = terms.setdefault((hit.kind, hit.facet), {})
            seen[term] = seen.get(term, False) or hit.strong
    return {key: tuple(seen) for key, seen in terms.items() if any(seen.values()) or len(seen) >= 2}


# ---------------------------------------------------------------------------------------
# Languages and countries, as names: sources give "en" or "English", "KR" or "South Korea"

_LANGUAGES = {
    "en": "english",
    "es": "spanish",
    "ko": "korean",
    "ja": "japanese",
    "fr": "french",
    "de": "german",
    "it": "italian",
    "pt": "portuguese",
    "hi": "hindi",
    "zh": "chinese",
    "cn": "chinese",
    "ru": "russian",
    "tr": "turkish",
    "sv": "swedish",
    "da": "danish",
    "no": "norwegian",
    "nb": "norwegian",
    "nl": "dutch",
    "pl": "polish",
    "th": "thai",
    "tl": "tagalog",
    "ar": "arabic",
    "he": "hebrew",
    "id": "indonesian",
    "fi": "finnish",
    "is": "icelandic",
    "ta": "tamil",
    "te": "telugu",
}

_COUNTRIES = {
    "us": "united states",
    "gb": "united kingdom",
    "uk": "united kingdom",
    "ca": "canada",
    "au": "australia",
    "nz": "new zealand",
    "ie": "ireland",
    "fr": "france",
    "de": "germany",
    "es": "spain",
    "it": "italy",
    "pt": "portugal",
    "nl": "netherlands",
    "be": "belgium",
    "se": "sweden",
    "no": "norway",
    "dk": "denmark",
    "fi": "finland",
    "is": "iceland",
    "pl": "poland",
    "ru": "russia",
    "tr": "turkey",
    "il": "israel",
    "in": "india",
    "cn": "china",
    "tw": "taiwan",
    "hk": "hong kong",
    "jp": "japan",
    "kr": "south korea",
    "th": "thailand",
    "ph": "philippines",
    "id": "indonesia",
    "my": "malaysia",
    "sg": "singapore",
    "mx": "mexico",
    "br": "brazil",
    "ar": "argentina",
    "co": "colombia",
    "cl": "chile",
    "za": "south africa",
    "ng": "nigeria",
    "eg": "egypt",
}


def language_name(value: str | None) -> str | None:
    """ "English" and "en" both give "english"."""
    if not value or not value.strip():
        return None
    key = value.strip().casefold()
    return _LANGUAGES.get(key, key)


def country_name(value: str | None) -> str | None:
    """ "KR" and "South Korea" both give "south korea"."""
    if not value or not value.strip():
        return None
    key = value.strip().casefold()
    return _COUNTRIES.get(key, key)


# ---------------------------------------------------------------------------------------
# The profile

#: How much one shared person counts, by their part in the show: the creator shapes it
#: more than a director of some episodes, who shapes it more than one actor of many.
ROLE_WEIGHT = {"creator": 3.0, "director": 2.0, "writer": 2.0, "cast": 1.0, "crew": 1.0}
#: Only the headline cast: the tenth actor of a long ensemble says little.
CAST_LIMIT = 10


def premise_text(premises: Iterable[str]) -> str:
    """One text from a show's premises, independent of the order the sources came in."""
    return " ".join(sorted({p.strip() for p in premises if p and p.strip()}))


def _people(people: Iterable[Person]) -> dict[str, float]:
    out: dict[str, float] = {}
    cast = 0
    for person in people:
        if person.role == "cast":
            cast += 1
            if cast > CAST_LIMIT:
                continue
        weight = ROLE_WEIGHT.get(person.role, 1.0)
        out[person.key] = max(out.get(person.key, 0.0), weight)
    return out


#: TMDB's TV genre names that :func:`canonical_genres` does not know yet.
_TMDB_GENRES = {
    "sci-fi & fantasy": ("Science-Fiction", "Fantasy"),
    "action & adventure": ("Action", "Adventure"),
    "war & politics": ("War",),
    "soap": ("Drama",),
    "talk": ("Late Night",),
}


def genres_of(labels: Iterable[str]) -> tuple[str, ...]:
    """Canonical genres of every source's labels (TMDB's TV genres included)."""
    expanded: list[str] = []
    for label in labels:
        expanded.extend(_TMDB_GENRES.get(label.strip().casefold(), (label,)))
    return tuple(canonical_genres(expanded))


def label_genre(label: str) -> str | None:
    """The one canonical genre a label names, or None: none, or two at once ("TV Sci-Fi &
    Fantasy" says a show is one or the other, so a reason cannot call it either)."""
    found = genres_of([label])
    return found[0] if len(found) == 1 else None


def profile(facts: ShowFacts) -> Profile:
    """The features of a show, from what its sources say."""
    text = premise_text(facts.premise_texts)
    genres = genres_of(g.value for g in facts.genre_labels)
    keywords = tuple(dict.fromkeys(k.strip().casefold() for k in facts.keywords if k.strip()))
    platforms = dict.fromkeys(o.platform for o in facts.offers)
    if facts.original:
        platforms = {facts.original: None, **platforms}
    countries = (country_name(c) for c in facts.countries)
    facets = facets_of(text, keywords, genres)
    return Profile(
        text=text,
        genres=genres,
        settings=facets["settings"],
        tones=facets["tones"],
        themes=facets["themes"],
        keywords=keywords,
        people=_people(facts.people),
        language=language_name(facts.language),
        countries=tuple(dict.fromkeys(c for c in countries if c)),
        platforms=tuple(platforms),
        kinds=kinds_of((k.value for k in facts.kinds), genres, text),
    )

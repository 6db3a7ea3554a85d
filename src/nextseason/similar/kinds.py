"""The kind of show: scripted, animation, reality, documentary, talk, sports or news.

Kind comes before topic: a fan of a scripted ballet drama wants another scripted drama, not
a dance competition, however close their worlds. So suggestions are of the asked show's kind
unless the user asks for another (``--kind``). The kind is read from what the sources say,
in this order of authority:

1. the type a source gives (TVmaze's "Scripted", "Animation", "Reality", "Documentary",
   "Talk Show", "Game Show", ...);
2. the genres: animation and anime make an animated show (scripted or not: a fan of
   cartoons is asked about cartoons); documentary, reality and game show, talk show make the
   unscripted kinds; a show with only storytelling genres (drama, comedy, crime, ...) is
   scripted;
3. the premise, when no genre says, and it names its format ("a docuseries", "this reality
   series", "an animated series").

A show can have two kinds (a docu-reality series is both documentary and reality); a
suggestion fits when it shares one. A show nothing dates to a kind fits the asked show's own
kind (no evidence is not evidence of another kind), but not a kind asked for by name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["KINDS", "fits", "kind_label", "kinds_of", "parse_kind"]

#: Every kind, in the order they are named.
KINDS = ("scripted", "animation", "reality", "documentary", "talk", "sports", "news")

#: A source's type -> kind (TVmaze's types; Netflix's "SHOW" and "TV Show" say nothing).
_TYPES = {
    "scripted": "scripted",
    "animation": "animation",
    "reality": "reality",
    "game show": "reality",
    "documentary": "documentary",
    "talk show": "talk",
    "variety": "talk",
    "panel show": "talk",
    "award show": "talk",
    "sports": "sports",
    "news": "news",
}
#: Canonical genres (:mod:`nextseason.genres`) that make a kind, most telling first.
_GENRE_KINDS = (
    ("animation", "animation"),
    ("anime", "animation"),
    ("documentary", "documentary"),
    ("reality", "reality"),
    ("game show", "reality"),
    ("talk show", "talk"),
)
#: Genres only scripted shows have (a reality show is often labelled "romance" or "drama"
#: too, so these count only when no unscripted genre is there).
_STORY_GENRES = frozenset(
    {
        "drama",
        "comedy",
        "crime",
        "thriller",
        "mystery",
        "sci-fi",
        "fantasy",
        "horror",
        "romance",
        "action",
        "adventure",
        "war",
        "western",
        "teen",
        "medical",
        "legal",
        "supernatural",
        "history",
    }
)
#: Phrases by which a premise names its own format.
_PREMISE_KINDS = (
    (re.compile(r"\b(animated|anime|cartoon)\b"), "animation"),
    (re.compile(r"\b(docuseries|docu-series|documentary|docudrama)\b"), "documentary"),
    (
        re.compile(
            r"\b(reality (series|show|competition)|competition (series|show)|dating show)\b"
        ),
        "reality",
    ),
    (re.compile(r"\b(talk show|late-night show|chat show)\b"), "talk"),
)


def kinds_of(types: Iterable[str], genres: Iterable[str], premise: str = "") -> frozenset[str]:
    """The kinds of a show from its sources' types, its canonical genres and its premise
    (empty: nothing says)."""
    said = {_TYPES[t.strip().casefold()] for t in types if t.strip().casefold() in _TYPES}
    if said:
        return frozenset(said)
    genre_set = set(genres)
    found = {kind for genre, kind in _GENRE_KINDS if genre in genre_set}
    if found:
        return frozenset(found)
    if genre_set & _STORY_GENRES:
        return frozenset({"scripted"})
    # Only when no genre says: a premise mentions formats it is not ("a zombie attack on a
    # reality show's contestants").
    text = premise.casefold()
    return frozenset(kind for pattern, kind in _PREMISE_KINDS if pattern.search(text))


def fits(candidate: frozenset[str], wanted: frozenset[str]) -> bool:
    """Whether a show of kinds ``candidate`` may be suggested when ``wanted`` are asked for
    (an unknown kind on either side fits)."""
    return not candidate or not wanted or bool(candidate & wanted)


def kind_label(kinds: Iterable[str]) -> str | None:
    """The kinds in words, in the order of :data:`KINDS`: "reality, documentary"."""
    ordered = [k for k in KINDS if k in set(kinds)]
    return ", ".join(ordered) if ordered else None


def parse_kind(value: str | None) -> frozenset[str] | None:
    """``--kind``: None for the asked show's own kind ("same", the default), an empty set
    for any kind, else the kinds named (comma-separated). Raises ValueError on a word that
    is no kind."""
    if value is None or value.strip().casefold() in ("", "same"):
        return None
    words = [w.strip().casefold() for w in value.split(",") if w.strip()]
    if words == ["any"] or words == ["all"]:
        return frozenset()
    aliases = {"talk show": "talk", "game show": "reality", "anime": "animation"}
    out = set()
    for word in words:
        kind = aliases.get(word, word)
        if kind not in KINDS:
            raise ValueError(word)
        out.add(kind)
    return frozenset(out)

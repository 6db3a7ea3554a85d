"""One genre vocabulary across files, and fan-readable phrases for shared genres.

TVmaze says "Science-Fiction", Netflix 2021 "TV Sci-Fi & Fantasy", the 2022 file "scifi".
:func:`canonical_genres` maps every label of every file to a small lowercase vocabulary
("sci-fi", "fantasy"); labels that are about a market rather than a genre ("British TV
Shows", "International TV Shows") map to nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["canonical_genres", "display_genres", "genre_phrase", "phrase_genres"]

_MAP: dict[str, tuple[str, ...]] = {
    # Netflix 2021 (listed_in)
    "anime series": ("anime",),
    "crime tv shows": ("crime",),
    "docuseries": ("documentary",),
    "kids' tv": ("kids",),
    "reality tv": ("reality",),
    "romantic tv shows": ("romance",),
    "science & nature tv": ("nature",),
    "stand-up comedy & talk shows": ("comedy", "talk show"),
    "tv action & adventure": ("action", "adventure"),
    "tv comedies": ("comedy",),
    "tv dramas": ("drama",),
    "tv horror": ("horror",),
    "tv mysteries": ("mystery",),
    "tv sci-fi & fantasy": ("sci-fi", "fantasy"),
    "tv thrillers": ("thriller",),
    "teen tv shows": ("teen",),
    # Hulu, Prime Video, Disney+ 2021 (genre)
    "action-adventure": ("action", "adventure"),
    "adult animation": ("animation",),
    "animals & nature": ("nature",),
    "cartoons": ("animation",),
    "coming of age": ("teen",),
    "cooking & food": ("food",),
    "documentaries": ("documentary",),
    "game show / competition": ("game show",),
    "game shows": ("game show",),
    "historical": ("history",),
    "late night": ("talk show",),
    "lifestyle & culture": ("lifestyle",),
    "military and war": ("war",),
    "music videos and concerts": ("music",),
    "musical": ("music",),
    "police/cop": ("crime",),
    "science fiction": ("sci-fi",),
    "sitcom": ("comedy",),
    "sketch comedy": ("comedy",),
    "soap opera / melodrama": ("drama",),
    "sports": ("sport",),
    "spy/espionage": ("thriller",),
    "stand up": ("comedy",),
    "superhero": ("action",),
    "suspense": ("thriller",),
    "talk show and variety": ("talk show",),
    "unscripted": ("reality",),
    "young adult audience": ("teen",),
    # victorsoeiro 2022 (genres)
    "documentation": ("documentary",),
    "scifi": ("sci-fi",),
    # TVmaze
    "children": ("kids",),
    "science-fiction": ("sci-fi",),
    "diy": ("lifestyle",),
}

_PLAIN = {
    "action",
    "adventure",
    "animation",
    "anime",
    "comedy",
    "crime",
    "documentary",
    "drama",
    "family",
    "fantasy",
    "food",
    "history",
    "horror",
    "kids",
    "legal",
    "lifestyle",
    "medical",
    "music",
    "mystery",
    "nature",
    "news",
    "reality",
    "romance",
    "sport",
    "supernatural",
    "talk show",
    "teen",
    "thriller",
    "travel",
    "war",
    "western",
    "sci-fi",
    "game show",
}


def canonical_genres(labels: Iterable[str]) -> list[str]:
    """Canonical genres of a file's labels, in first-seen order, each once."""
    out: dict[str, None] = {}
    for label in labels:
        key = label.strip().casefold()
        for genre in _MAP.get(key, (key,) if key in _PLAIN else ()):
            out.setdefault(genre, None)
    return list(out)


def display_genres(genres: Iterable[str]) -> list[str]:
    """Canonical genres as a show page shows them: "sci-fi" -> "Sci-Fi"."""
    return [g.title() for g in genres]


# A phrase names a head (a noun genre) and at most one modifier: "a crime drama".
_HEADS = (
    ("drama", "drama"),
    ("comedy", "comedy"),
    ("thriller", "thriller"),
    ("documentary", "documentary"),
    ("reality", "reality show"),
    ("anime", "anime"),
    ("talk show", "talk show"),
    ("game show", "game show"),
    ("mystery", "mystery"),
    ("romance", "romance"),
    ("western", "western"),
)
_MODIFIERS = {
    "crime": ("crime", "crime show"),
    "sci-fi": ("sci-fi", "sci-fi series"),
    "fantasy": ("fantasy", "fantasy series"),
    "romance": ("romantic", "romance"),
    "teen": ("teen", "teen series"),
    "horror": ("horror", "horror series"),
    "mystery": ("mystery", "mystery"),
    "action": ("action", "action series"),
    "history": ("historical", "historical series"),
    "war": ("war", "war series"),
    "medical": ("medical", "medical series"),
    "legal": ("legal", "legal series"),
    "supernatural": ("supernatural", "supernatural series"),
    "family": ("family", "family show"),
    "kids": ("kids'", "kids' show"),
    "animation": ("animated", "animated series"),
    "music": ("music", "music show"),
    "sport": ("sports", "sports show"),
    "food": ("food", "food show"),
    "nature": ("nature", "nature series"),
    "travel": ("travel", "travel show"),
    "adventure": ("adventure", "adventure series"),
    "lifestyle": ("lifestyle", "lifestyle show"),
    "news": ("news", "news show"),
}


def _article(phrase: str) -> str:
    return "an" if phrase[:1] in "aeio" else "a"


def phrase_genres(shared: Iterable[str]) -> list[str]:
    """The genres :func:`genre_phrase` names, of those given: its head and its modifier."""
    genres = list(dict.fromkeys(shared))
    head = next((g for g, _ in _HEADS if g in genres), None)
    modifier = next((g for g in _MODIFIERS if g in genres and g != head), None)
    return [g for g in (modifier, head) if g is not None]


def genre_phrase(shared: Iterable[str]) -> str | None:
    """ "also a crime drama" for the genres two shows share; None when they share none."""
    genres = list(dict.fromkeys(shared))
    head = next(((g, noun) for g, noun in _HEADS if g in genres), None)
    modifier = next((g for g in _MODIFIERS if g in genres and (head is None or g != head[0])), None)
    if head is not None:
        words = f"{_MODIFIERS[modifier][0]} {head[1]}" if modifier else head[1]
    elif modifier is not None:
        words = _MODIFIERS[modifier][1]
    else:
        return None
    return f"also {_article(words)} {words}"

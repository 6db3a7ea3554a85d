"""Precomputed similar shows, content-based: TF-IDF over premise and genres, cosine similarity.

Every show with a premise (TVmaze summary or a catalog description) is a document: its
premises from all sources plus its canonical genres. The ten nearest shows with a cosine
similarity of at least :data:`MIN_SCORE` become its neighbours, each with reasons a fan can
read, computed from the data: shared genres ("also a crime drama"), the same original
channel ("also a Netflix original") or streaming catalog, the same premiere year, shared
cast or directors. A show is never its own namesake's neighbour (shows kept apart because
their years disagree may be one show).

scikit-learn is imported only here, at build time; it is an optional dependency.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nextseason.errors import BuildError
from nextseason.importers.genres import canonical_genres, genre_phrase
from nextseason.importers.platforms import platform_name
from nextseason.model import ShowBundle
from nextseason.text import plain_text, title_key

__all__ = ["MIN_SCORE", "TOP", "similar_rows"]

TOP = 10
MIN_SCORE = 0.1
_CHUNK = 1000


@dataclass(frozen=True, slots=True)
class _Profile:
    id: int
    key: str
    text: str
    genres: tuple[str, ...]
    original: tuple[str, str] | None  # (name, kind)
    services: frozenset[str]
    year: int | None
    people: dict[str, str]  # person key -> name, in credit order


def _labels(bundle: ShowBundle) -> list[str]:
    labels: list[str] = list(bundle.genres)
    for record in bundle.records:
        value = record.data.get("genres")
        if isinstance(value, list):
            labels.extend(v for v in value if isinstance(v, str))
    return labels


def _profile(bundle: ShowBundle) -> _Profile | None:
    premises: dict[str, None] = {}
    for text in [bundle.summary, *(r.data.get("description") for r in bundle.records)]:
        plain = plain_text(text) if isinstance(text, str) else ""
        if plain:
            premises.setdefault(plain, None)
    if not premises or bundle.id is None:
        return None
    genres = tuple(canonical_genres(_labels(bundle)))
    original = None
    if bundle.platform is not None:
        original = (
            platform_name(bundle.platform.name) or bundle.platform.name,
            bundle.platform.kind,
        )
    services = frozenset(
        name
        for link in bundle.platforms
        if link.role == "catalog" and (name := platform_name(link.platform.name))
    )
    people: dict[str, str] = {}
    for credit in bundle.credits:
        people.setdefault(credit.person_key or credit.person_name, credit.person_name)
    return _Profile(
        bundle.id,
        title_key(bundle.title),
        " ".join([*premises, *genres]),
        genres,
        original,
        services,
        bundle.year,
        people,
    )


def _reasons(show: _Profile, other: _Profile) -> list[str]:
    reasons: list[str] = []
    phrase = genre_phrase(g for g in show.genres if g in other.genres)
    if phrase:
        reasons.append(phrase)
    if show.original and show.original == other.original:
        name, kind = show.original
        reasons.append(f"also a {name} original" if kind == "streaming" else f"also from {name}")
    else:
        shared = sorted(show.services & other.services)
        if shared:
            reasons.append(f"also in the {shared[0]} catalog")
    names = [name for key, name in show.people.items() if key in other.people][:2]
    if names:
        reasons.append("shares " + " and ".join(names))
    if show.year is not None and show.year == other.year:
        reasons.append(f"also from {show.year}")
    return reasons


def similar_rows(
    bundles: Sequence[ShowBundle], *, top: int = TOP, min_score: float = MIN_SCORE
) -> list[dict[str, Any]]:
    """Rows for ``similar_shows``; the bundles must have been stored (they carry ids)."""
    try:
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer
    except ImportError as exc:
        raise BuildError(
            f"building the similar-shows index needs scikit-learn ({exc})",
            hint="pip install 'nextseason[build]'",
        ) from None

    profiles = [p for p in (_profile(b) for b in bundles) if p is not None]
    if len(profiles) < 2:
        return []
    vectorizer = TfidfVectorizer(
        stop_words="english", sublinear_tf=True, min_df=2, dtype=np.float32
    )
    matrix = vectorizer.fit_transform([p.text for p in profiles])
    namesakes: dict[str, list[int]] = {}
    for index, profile in enumerate(profiles):
        namesakes.setdefault(profile.key, []).append(index)
    rows: list[dict[str, Any]] = []
    for start in range(0, len(profiles), _CHUNK):
        block = (matrix[start : start + _CHUNK] @ matrix.T).toarray()
        for offset, scores in enumerate(block):
            i = start + offset
            scores[namesakes[profiles[i].key]] = 0.0  # itself and its namesakes
            count = min(top, len(scores) - 1)
            best = np.argpartition(-scores, count)[:count]
            ranked = sorted(
                ((round(float(scores[j]), 4), int(j)) for j in best if scores[j] >= min_score),
                key=lambda item: (-item[0], profiles[item[1]].id),
            )
            for score, j in ranked:
                rows.append(
                    {
                        "show_id": profiles[i].id,
                        "other_id": profiles[j].id,
                        "method": "tfidf",
                        "score": score,
                        "reasons": _reasons(profiles[i], profiles[j]),
                    }
                )
    return rows

"""How the facets add up to one score: the weights, and why they are what they are.

score = sum of weight x similarity over the facets the query show has, divided by the sum
of those weights (so a show known only by its genres is not penalised for having no
premise: its score is on the same 0-1 scale, and flagged weaker instead).

The similarities (each 0 to 1):

* ``semantic``: the premises' sentence-embedding cosine where both shows have a shipped
  vector, otherwise their TF-IDF cosine. Both are rescaled to 0-1 between "unrelated" and
  "as close as two different shows get" on the bundled catalog: embedding cosines run from
  about 0.15 (the median pair) to 0.55 (near-duplicates), TF-IDF cosines from 0 to 0.35.
* ``setting``, ``tone``, ``genre``, ``theme``, ``keywords``, ``people``, ``language``,
  ``country``, ``platform``: IDF-weighted cosines of those feature sets (:mod:`.sparse`).
* ``era``: exp(-years apart / 6).
* ``tmdb``: 1 when TMDB recommends one show for the other (only with a TMDB key: the
  bundled catalog has no TMDB records).
* ``notability``: not a similarity but a tie-breaker: how many independent sources list
  the suggested show (1 source: 0; 5 or more: 1). Between two equally close shows a fan
  is likelier to pick, and to have heard of, the one every catalog carries.

How the weights were chosen: a grid search of 486 weightings of semantic, setting, tone,
genre, country and notability, scored by precision@10 + recall@10 against public "if you
liked X, watch Y" pairs (24 shows; ``bench/data/similar_pairs.tsv``), with two-fold
cross-validation by show; the facets the bundled catalog barely has (keywords, people, TMDB
recommendations, language) keep their prior weights.

Since then the suggestions are judged against published "shows like X" lists, a third of
the shows held out (``bench/similar_eval.py``; ``--tune`` searches the weights on the tuned
shows only). A search there found a weighting with a higher recall on the tuned shows (no
semantic or tone, people 0.30), but no gain on the unseen half in two-fold
cross-validation within them, and lists a fan would not want (one shared actor outranking
every ballet drama); the weights below stay, and the README gives both figures.

In words: the world a show is set in weighs most, then its premise, then genre and tone;
story mechanics, people, era, language, country and platform break ties.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from nextseason.similar.index import Query

__all__ = ["DEFAULT_WEIGHTS", "GENRE_ONLY", "Weights", "combine", "semantic"]

#: Embedding cosine of an unrelated pair (about the median over the bundled catalog) and
#: of the closest distinct shows; TF-IDF cosine of the closest distinct shows.
EMBEDDING_FLOOR = 0.15
EMBEDDING_CEILING = 0.55
TFIDF_CEILING = 0.35


@dataclass(frozen=True, slots=True)
class Weights:
    semantic: float = 0.20
    setting: float = 0.35
    tone: float = 0.12
    genre: float = 0.15
    theme: float = 0.05
    keywords: float = 0.06
    people: float = 0.06
    platform: float = 0.02
    era: float = 0.03
    language: float = 0.02
    country: float = 0.06
    tmdb: float = 0.10
    notability: float = 0.10

    def as_dict(self) -> dict[str, float]:
        return asdict(self)

    def but(self, **changes: float) -> Weights:
        return replace(self, **changes)


DEFAULT_WEIGHTS = Weights()

#: The baseline the evaluation compares with: genres alone.
GENRE_ONLY = Weights(
    semantic=0.0,
    setting=0.0,
    tone=0.0,
    genre=1.0,
    theme=0.0,
    keywords=0.0,
    people=0.0,
    platform=0.0,
    era=0.0,
    language=0.0,
    country=0.0,
    tmdb=0.0,
    notability=0.0,
)

#: Which similarity component each weight applies to.
_COMPONENT = {
    "setting": "settings",
    "tone": "tones",
    "genre": "genres",
    "theme": "themes",
    "keywords": "keywords",
    "people": "people",
    "platform": "platforms",
    "era": "era",
    "language": "language",
    "country": "countries",
    "tmdb": "tmdb",
    "notability": "notability",
}


def semantic(parts: dict[str, NDArray[np.float32]], query: Query) -> NDArray[np.float32]:
    """Premise similarity on a 0-1 scale: embeddings where both shows have one, else TF-IDF."""
    import numpy as np

    tfidf: NDArray[np.float32] = np.clip(parts["tfidf"] / TFIDF_CEILING, 0.0, 1.0)
    if query.embedding is None:
        return tfidf
    span = EMBEDDING_CEILING - EMBEDDING_FLOOR
    embedded: NDArray[np.float32] = np.clip((parts["embedding"] - EMBEDDING_FLOOR) / span, 0, 1)
    out: NDArray[np.float32] = np.where(parts["has_vector"] > 0, embedded, tfidf)
    return out.astype(np.float32)


def _has(query: Query, name: str) -> bool:
    if name == "semantic":
        return query.has_text
    if name == "era":
        return query.year == query.year  # not NaN
    if name == "tmdb":
        return len(query.recs) > 0
    if name == "notability":
        return True
    return len(query.facets[_COMPONENT[name]][0]) > 0


def combine(
    parts: dict[str, NDArray[np.float32]], query: Query, weights: Weights
) -> NDArray[np.float32]:
    """The weighted score of every row (0 to 1), over the facets the query has."""
    import numpy as np

    total = np.zeros(len(parts["tfidf"]), dtype=np.float32)
    mass = 0.0
    for name, weight in weights.as_dict().items():
        if weight <= 0 or not _has(query, name):
            continue
        part = parts["semantic"] if name == "semantic" else parts[_COMPONENT[name]]
        total += np.float32(weight) * part
        mass += weight
    if mass > 0:
        total /= np.float32(mass)
    return total

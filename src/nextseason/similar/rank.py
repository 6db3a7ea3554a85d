"""Ranking: the best rows for a query, without the show itself, namesakes or padding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from nextseason.similar.scoring import Weights, combine, semantic

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from nextseason.similar.index import Query, SimilarIndex

__all__ = ["MIN_SCORE", "Pick", "rank"]

#: Below this a suggestion would be padding: the list ends instead.
MIN_SCORE = 0.12
#: A suggestion must share something a fan can name: a world, a person, a keyword, a story
#: type, a TMDB recommendation, or a premise at least this close (0-1 scale, see scoring).
#: Genres alone are not enough ("also a drama" is padding) unless one of the two shows has
#: no premise to compare: then genres are what there is, and the list is marked weaker.
MIN_SEMANTIC = 0.25


@dataclass(frozen=True, slots=True)
class Pick:
    doc: int
    score: float
    parts: dict[str, float]  # each similarity component at this row


def _evidence(
    index: SimilarIndex, query: Query, parts: dict[str, NDArray[np.float32]]
) -> NDArray[np.bool_]:
    named = (
        (parts["semantic"] >= MIN_SEMANTIC)
        | (parts["settings"] > 0)
        | (parts["themes"] > 0)
        | (parts["people"] > 0)
        | (parts["keywords"] > 0)
        | (parts["tmdb"] > 0)
    )
    genre = parts["genres"] > 0
    if not query.has_text:
        return named | genre
    return named | (genre & ~index.premises)


def rank(
    index: SimilarIndex,
    query: Query,
    weights: Weights,
    *,
    limit: int,
    allowed: NDArray[np.bool_] | None = None,
    min_score: float = MIN_SCORE,
    guard: bool = True,
) -> list[Pick]:
    """The ``limit`` best rows for ``query`` (among ``allowed`` ones), best first; one per
    title (namesakes are often the same show listed twice), never the show itself.

    ``guard``: leave out padding (below ``min_score``, or sharing nothing a fan can name);
    off only for the evaluation's baselines, which must rank by their one signal alone.
    """
    import numpy as np

    if limit <= 0 or index.size == 0:
        return []
    parts = index.components(query)
    parts["semantic"] = semantic(parts, query)
    scores = combine(parts, query, weights)
    ok = ~index.excluded(query)
    if guard:
        ok &= (scores >= min_score) & _evidence(index, query, parts)
    else:
        ok &= scores > 0
    if allowed is not None:
        ok &= allowed
    candidates = np.flatnonzero(ok)
    if len(candidates) == 0:
        return []
    picks: list[Pick] = []
    seen: set[int] = set()
    wanted = min(len(candidates), 4 * limit + 32)
    done = 0
    while True:
        top = _top(candidates, scores, index.ids, wanted)
        for doc in top[done:]:
            group = int(index.groups[doc])
            if group in seen:
                continue
            seen.add(group)
            picks.append(
                Pick(int(doc), float(scores[doc]), {k: float(v[doc]) for k, v in parts.items()})
            )
            if len(picks) >= limit:
                return picks
        if wanted >= len(candidates):
            return picks
        done = len(top)
        wanted = min(len(candidates), wanted * 4)


def _top(
    candidates: NDArray[np.intp],
    scores: NDArray[np.float32],
    ids: NDArray[np.int64],
    count: int,
) -> NDArray[np.intp]:
    """The ``count`` best candidates, by score and then catalog id (a stable order)."""
    import numpy as np

    values = scores[candidates]
    if count < len(candidates):
        # Everything tied with the count-th best comes along, so ties break by id.
        cut = np.partition(values, len(values) - count)[len(values) - count]
        candidates = candidates[values >= cut]
        values = scores[candidates]
    order = np.lexsort((ids[candidates], -values))
    return candidates[order][:count] if count < len(candidates) else candidates[order]

"""Similar shows a fan would actually pick, each with why, where it streams and its status.

The recommender compares every show a catalog describes on the facets fans judge by, most
telling first: the world a show is set in and its premise, then its genre and tone, then
story type, people, era, language, country, platform, and TMDB's recommendations where a
refresh with a TMDB key stored them (weights and how they were evaluated: :mod:`.scoring`).

* :mod:`.records`: what the caller hands over (the catalog's records, never the catalog:
  :class:`nextseason.catalog.similar_rows.SimilarRows` reads them)
* :mod:`.lexicon`: the worlds, tones and story types, and the words that say them (data)
* :mod:`.kinds`: the kind of show (scripted, animation, reality, documentary, talk, ...)
* :mod:`.facts`: the features derived from a show's records
* :mod:`.sparse`, :mod:`.index`: the in-memory index (TF-IDF and facet postings, premise
  embeddings); :mod:`.vectors`: the embeddings shipped with the package
* :mod:`.scoring`, :mod:`.rank`: scores and ranking
* :mod:`.reasons`, :mod:`.channels`: the facts both shows share, and the channel, each with
  its source
* :mod:`.store`: the index of a catalog, cached in memory and on disk
* :mod:`.recommend`: :func:`similar_to`, the one entry point; :mod:`.command`: the CLI

numpy is imported only when an index is built or queried, and this package's names load on
first use, so importing the package (and the command) costs the CLI nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nextseason.similar.recommend import Recommendation, similar_to

# (``recommend``, which also returns the note, is nextseason.similar.recommend.recommend:
# the submodule of that name would shadow it here.)
__all__ = ["Recommendation", "similar_to"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        import importlib

        return getattr(importlib.import_module("nextseason.similar.recommend"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

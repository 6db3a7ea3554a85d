"""Sparse, weighted feature sets with an inverted index: TF-IDF text and every set facet.

A :class:`SparseFacet` holds one unit-length weighted vector per show (doc-major, for
reading a show's features back) and the same weights term-major (postings), so the cosine
of one show against all the others is one ``bincount`` over the postings of its few terms:
no matrix library beyond numpy, and milliseconds at 100,000 shows.

Weights are IDF-scaled where rarer means more telling (a shared "medical" genre says more
than a shared "drama"); TF-IDF text uses sublinear term frequency and English stop words.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from nextseason.similar.facts import words

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["STOP_WORDS", "SparseFacet", "text_terms"]

#: English words too common to say anything about a premise (scikit-learn's list, trimmed
#: to words a premise uses), plus the words every show description uses.
STOP_WORDS = frozenset(
    """
    a about above across after afterwards again against all almost alone along already also
    although always am among amongst an and another any anyhow anyone anything anyway
    anywhere are around as at back be became because become becomes becoming been before
    beforehand behind being below beside besides between beyond both but by can cannot could
    did do does doing done down due during each either else elsewhere enough etc even ever
    every everyone everything everywhere except few for former formerly from further get
    gets getting give given gives go goes going got had has have having he her here hereafter
    hereby herein hers herself him himself his how however i if in indeed into is it its
    itself just keep last latter least less made make makes many may me meanwhile might more
    moreover most mostly much must my myself namely neither never nevertheless next no nobody
    none nor not nothing now nowhere of off often on once one only onto or other others
    otherwise our ours ourselves out over own part per perhaps please put rather re same see
    seem seemed seeming seems several she should since so some somehow someone something
    sometime sometimes somewhere still such take takes taking than that the their theirs them
    themselves then thence there thereafter thereby therefore therein thereupon these they
    this those though through throughout thru thus to together too toward towards under
    until up upon us very via was we well were what whatever when whence whenever where
    whereafter whereas whereby wherein whereupon wherever whether which while whither who
    whoever whole whom whose why will with within without would yet you your yours yourself
    yourselves s t don didn doesn isn wasn aren weren won ll ve d m o
    series show shows season seasons episode episodes new life lives world story stories
    follows follow following find finds found tries try trying way ways must help helps
    comes come comes two three first year years time times day days people man woman men
    women young old group set sets
    """.split()
)


def text_terms(text: str) -> dict[str, float]:
    """Sublinear term frequencies of a premise's content words."""
    counts = Counter(w for w in words(text) if len(w) > 2 and w not in STOP_WORDS)
    return {term: 1.0 + math.log(count) for term, count in counts.items()}


@dataclass(slots=True)
class SparseFacet:
    """Unit-length weighted feature vectors of ``n`` shows, doc-major and term-major."""

    vocab: list[str]
    idf: NDArray[np.float32]
    doc_indptr: NDArray[np.int64]
    doc_terms: NDArray[np.int32]
    doc_weights: NDArray[np.float32]
    term_indptr: NDArray[np.int64]
    term_docs: NDArray[np.int32]
    term_weights: NDArray[np.float32]
    _lookup: dict[str, int] | None = field(default=None, repr=False, compare=False)

    @property
    def size(self) -> int:
        return len(self.doc_indptr) - 1

    @property
    def lookup(self) -> dict[str, int]:
        """Each term's number, made on first use: a query by a show of the index reads its
        rows by number, and looks terms up in few facets if any."""
        if self._lookup is None:
            self._lookup = {term: i for i, term in enumerate(self.vocab)}
        return self._lookup

    @classmethod
    def build(
        cls,
        rows: Sequence[Mapping[str, float]] | Callable[[], Iterable[Mapping[str, float]]],
        *,
        idf: bool = True,
        min_df: int = 1,
        max_df: float = 1.0,
    ) -> SparseFacet:
        """Vectors of ``rows`` (feature -> raw weight), IDF-scaled and L2-normalized.

        ``rows`` is a sequence, or a function that yields the rows afresh on each call: it
        is read twice (counting, then storing), so the rows of 100,000 shows never need to
        be held at once. Features in fewer than ``min_df`` rows or in more than ``max_df``
        of them are dropped: one show's word matches nothing, and a word in half of them
        says nothing.
        """
        import numpy as np

        fresh: Callable[[], Iterable[Mapping[str, float]]] = (
            rows if callable(rows) else lambda: rows
        )
        df: Counter[str] = Counter()
        n = 0
        for row in fresh():
            df.update(row.keys())
            n += 1
        limit = max_df * n
        kept = sorted(t for t, c in df.items() if c >= min_df and (c <= limit or max_df >= 1.0))
        lookup = {term: i for i, term in enumerate(kept)}
        counts = np.fromiter((df[t] for t in kept), dtype=np.float64, count=len(kept))
        del df
        if idf:
            idfs = (np.log((n + 1.0) / (counts + 1.0)) + 1.0).astype(np.float32)
        else:
            idfs = np.ones(len(kept), dtype=np.float32)
        lengths = np.zeros(n + 1, dtype=np.int64)
        # Machine-typed arrays: a Python list of floats costs four times the memory.
        terms = array("i")
        weights = array("f")
        get = lookup.get
        for i, row in enumerate(fresh()):
            before = len(terms)
            for term, weight in row.items():
                index = get(term)
                if index is not None and weight > 0:
                    terms.append(index)
                    weights.append(weight)
            lengths[i + 1] = len(terms) - before
        doc_indptr = np.cumsum(lengths)
        doc_terms = np.frombuffer(terms, dtype=np.int32).copy()
        doc_weights = np.frombuffer(weights, dtype=np.float32) * idfs[doc_terms]
        del terms, weights
        _normalize(doc_indptr, doc_weights)
        return cls.assemble(kept, idfs, doc_indptr, doc_terms, doc_weights)

    @classmethod
    def assemble(
        cls,
        vocab: list[str],
        idf: NDArray[np.float32],
        doc_indptr: NDArray[np.int64],
        doc_terms: NDArray[np.int32],
        doc_weights: NDArray[np.float32],
    ) -> SparseFacet:
        """The facet from its doc-major arrays (as stored): the postings are derived."""
        import numpy as np

        n = len(doc_indptr) - 1
        doc_of = np.repeat(np.arange(n, dtype=np.int32), np.diff(doc_indptr))
        order = np.argsort(doc_terms, kind="stable")
        term_counts = np.bincount(doc_terms, minlength=len(vocab))
        term_indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(term_counts, out=term_indptr[1:])
        return cls(
            vocab=vocab,
            idf=idf,
            doc_indptr=doc_indptr,
            doc_terms=doc_terms,
            doc_weights=doc_weights,
            term_indptr=term_indptr,
            term_docs=doc_of[order],
            term_weights=doc_weights[order],
        )

    def arrays(self, prefix: str) -> dict[str, Any]:
        """What :meth:`assemble` needs, for saving."""
        return {
            f"{prefix}.idf": self.idf,
            f"{prefix}.doc_indptr": self.doc_indptr,
            f"{prefix}.doc_terms": self.doc_terms,
            f"{prefix}.doc_weights": self.doc_weights,
        }

    def row(self, doc: int) -> tuple[NDArray[np.int32], NDArray[np.float32]]:
        start, end = self.doc_indptr[doc], self.doc_indptr[doc + 1]
        return self.doc_terms[start:end], self.doc_weights[start:end]

    def tokens(self, doc: int) -> list[str]:
        terms, _ = self.row(doc)
        return [self.vocab[t] for t in terms]

    def vector(
        self, features: Mapping[str, float]
    ) -> tuple[NDArray[np.int32], NDArray[np.float32]]:
        """The vector of a show that is not in the index, in this index's terms."""
        import numpy as np

        pairs = sorted(
            (self.lookup[t], w) for t, w in features.items() if t in self.lookup and w > 0
        )
        terms = np.asarray([p[0] for p in pairs], dtype=np.int32)
        weights = np.asarray([p[1] for p in pairs], dtype=np.float32) * self.idf[terms]
        norm = float(np.sqrt(np.dot(weights, weights)))
        return terms, (weights / norm if norm > 0 else weights)

    def scores(self, terms: NDArray[np.int32], weights: NDArray[np.float32]) -> NDArray[np.float32]:
        """Cosine of the vector (terms, weights) with every show's vector."""
        import numpy as np

        n = self.size
        if len(terms) == 0:
            return np.zeros(n, dtype=np.float32)
        starts = self.term_indptr[terms]
        ends = self.term_indptr[terms + 1]
        lengths = ends - starts
        total = int(lengths.sum())
        if total == 0:
            return np.zeros(n, dtype=np.float32)
        # Gather every posting of the query's terms in one go: positions start..end-1 of
        # each term, laid end to end.
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
        positions = np.arange(total, dtype=np.int64) + offsets
        scale = np.repeat(weights, lengths)
        out = np.bincount(
            self.term_docs[positions],
            weights=self.term_weights[positions] * scale,
            minlength=n,
        )
        return out.astype(np.float32)

    def docs_with(self, term: str) -> NDArray[np.int32]:
        """The shows that have ``term``."""
        import numpy as np

        index = self.lookup.get(term)
        if index is None:
            return np.zeros(0, dtype=np.int32)
        return self.term_docs[self.term_indptr[index] : self.term_indptr[index + 1]]


def _normalize(indptr: NDArray[np.int64], weights: NDArray[np.float32]) -> None:
    """Scale each row of ``weights`` (rows delimited by ``indptr``) to unit length, in place."""
    import numpy as np

    if len(weights) == 0:
        return
    lengths = np.diff(indptr)
    rows = np.repeat(np.arange(len(lengths)), lengths)
    sums = np.bincount(rows, weights=weights.astype(np.float64) ** 2, minlength=len(lengths))
    norms = np.sqrt(sums)[rows].astype(np.float32)
    weights /= np.where(norms > 0, norms, 1.0)

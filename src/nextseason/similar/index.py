"""The in-memory similarity index over every described show of a catalog.

One row per show that something describes (a premise, genres or keywords): its TF-IDF text
vector, its facet vectors (genres, world, tone, story type, keywords, people, language,
countries, platforms), its premise embedding when one was shipped, its year, status and
the TMDB recommendations it carries. :meth:`SimilarIndex.components` gives, for one query,
each facet's similarity to every row: a handful of numpy operations, a few milliseconds at
100,000 shows (see ``bench/similar_perf.py``).

The index saves to and loads from one ``.npz`` file (no pickles), which :mod:`.store`
keeps as a cache beside the catalog's other caches.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nextseason.similar.facts import Profile
from nextseason.similar.kinds import KINDS
from nextseason.similar.records import Person, ShowFacts
from nextseason.similar.sparse import SparseFacet, text_terms
from nextseason.similar.vectors import ShippedVectors, text_key

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["FACETS", "INDEX_VERSION", "Embeddings", "Query", "SimilarIndex", "kind_bits"]

#: Bumped whenever what the index holds changes (features, lexicon, weights of facets): a
#: disk cache written by another version (or another nextseason release) is rebuilt.
INDEX_VERSION = 9

#: The set facets, each an IDF-weighted cosine (see :mod:`.sparse`).
FACETS = (
    "genres",
    "settings",
    "tones",
    "themes",
    "keywords",
    "people",
    "language",
    "countries",
    "platforms",
)
#: Drop premise words in more than this share of shows (in catalogs of at least
#: TEXT_MAX_DF_FROM shows: in a handful of shows every shared word is "common"), and words of
#: a single show.
TEXT_MAX_DF = 0.3
TEXT_MAX_DF_FROM = 50
TEXT_MIN_DF = 2
#: Years apart at which the era similarity falls to 1/e.
ERA_SCALE = 6.0
#: Sources listing a show at which its notability is full (1 source: 0).
NOTABLE_SOURCES = 5
#: Streaming services whose originals stream wherever the service does (the big global
#: ones), and services that exist in one country only: what `--country` relies on when a
#: catalog holds no per-country offers for a show.
GLOBAL_SERVICES = frozenset({"Netflix", "Prime Video", "Disney+", "Apple TV+"})
_ROLE_ORDER = {"creator": 0, "director": 1, "writer": 2, "cast": 3, "crew": 4}
SERVICE_COUNTRIES = {"Hulu": "US", "Peacock": "US", "Paramount+": "US", "BBC iPlayer": "GB"}


#: Above this many vectors the index keeps their leading principal directions only: a
#: query reads the whole matrix, and 100,000 x 384 floats take longer to read than the
#: 20 ms a query may take (see bench/similar_perf.py).
FULL_VECTORS_UP_TO = 20_000
REDUCED_DIMENSIONS = 128
#: Above this many vectors, half as many directions again: the matrix product alone would
#: take half of a query's 20 ms at 100,000 shows on a busy two-core machine.
FEWER_DIMENSIONS_FROM = 50_000


def reduced_dimensions(count: int) -> int:
    """How many principal directions an index of ``count`` vectors keeps."""
    return REDUCED_DIMENSIONS if count <= FEWER_DIMENSIONS_FROM else REDUCED_DIMENSIONS // 2


@dataclass(slots=True)
class Embeddings:
    matrix: NDArray[np.float32]  # one unit-length row per show that has a vector
    doc_rows: NDArray[np.int32]  # row of each show's vector, -1 for none
    # (dimensions x kept) projection applied to every vector, when the index reduced them
    projection: NDArray[np.float32] | None = None

    def project(self, vector: NDArray[np.float32]) -> NDArray[np.float32] | None:
        """A shipped vector in this index's space (unit length); None if it cannot be."""
        import numpy as np

        if self.projection is None:
            return vector if vector.shape[0] == self.matrix.shape[1] else None
        if vector.shape[0] != self.projection.shape[0]:
            return None
        out = vector @ self.projection
        norm = float(np.linalg.norm(out))
        return out / norm if norm > 0 else out

    @classmethod
    def reduced(cls, matrix: NDArray[np.float32], doc_rows: NDArray[np.int32]) -> Embeddings:
        """Keep all dimensions of a small matrix; the principal ones of a large one."""
        import numpy as np

        return cls.from_source(matrix, np.arange(len(matrix), dtype=np.int64), doc_rows)

    @classmethod
    def from_source(
        cls, source: NDArray[Any], rows: NDArray[np.int64], doc_rows: NDArray[np.int32]
    ) -> Embeddings:
        """The vectors ``source[rows]`` (float16 as shipped, or float32), all dimensions of a
        few, the principal ones of many: projected a chunk at a time, so the full-width
        float32 matrix of 100,000 shows (150 MB) is never made."""
        import numpy as np

        kept = reduced_dimensions(len(rows))
        if len(rows) <= FULL_VECTORS_UP_TO or source.shape[1] <= kept:
            return cls(np.ascontiguousarray(source[rows], dtype=np.float32), doc_rows)
        step = 4_096
        sample = rows[:: max(len(rows) // FULL_VECTORS_UP_TO, 1)]
        # The principal directions are the top eigenvectors of the (dims x dims) scatter
        # matrix: the same as an SVD's right vectors, without its (sample x dims) factors.
        scatter = np.zeros((source.shape[1], source.shape[1]), dtype=np.float64)
        for start in range(0, len(sample), step):
            block = source[sample[start : start + step]].astype(np.float64)
            scatter += block.T @ block
        values, vectors = np.linalg.eigh(scatter)
        top = np.argsort(values)[::-1][:kept]
        projection = np.ascontiguousarray(vectors[:, top], dtype=np.float32)
        reduced = np.empty((len(rows), kept), dtype=np.float32)
        for start in range(0, len(rows), step):
            chunk = source[rows[start : start + step]].astype(np.float32) @ projection
            chunk /= np.maximum(np.linalg.norm(chunk, axis=1, keepdims=True), 1e-12)
            reduced[start : start + step] = chunk
        return cls(reduced, doc_rows, projection)


@dataclass(slots=True)
class Query:
    """What one show is compared on."""

    doc: int | None  # its row, when it is in the index
    group_key: str  # its title key: namesakes are never suggested
    year: float
    text: tuple[NDArray[np.int32], NDArray[np.float32]]
    facets: dict[str, tuple[NDArray[np.int32], NDArray[np.float32]]]
    embedding: NDArray[np.float32] | None
    recs: NDArray[np.int32]  # rows TMDB recommends for it, or that recommend it
    tokens: dict[str, list[str]] = field(default_factory=dict)  # its features, in words
    original: str = ""  # its original channel
    premise: bool = True  # whether it has a premise at all
    kinds: int = 0  # its kinds as bits (kind_bits); 0: unknown

    @property
    def has_text(self) -> bool:
        """Whether its premise can be compared (the other facets still can when not)."""
        return self.premise


def _cache_version() -> str:
    from nextseason import __version__

    return f"{INDEX_VERSION}:{__version__}"


def note_people(people: dict[str, tuple[str, str]], credits: Iterable[Person]) -> None:
    """Record each person's name and the biggest part they had (creator first)."""
    for person in credits:
        known = people.get(person.key)
        if known is None or _ROLE_ORDER[person.role] < _ROLE_ORDER[known[1]]:
            people[person.key] = (person.name, person.role)


def _facet_row(profile: Profile, name: str) -> dict[str, float]:
    """One facet of a show: feature -> raw weight."""
    if name == "people":
        return dict(profile.people)
    if name == "language":
        values: Sequence[str] = [profile.language] if profile.language else []
    elif name == "platforms":
        values = profile.platforms[:1]  # the original channel, or the first offer
    else:
        values = getattr(profile, name)
    return dict.fromkeys(values, 1.0)


def _facet_rows(profile: Profile) -> dict[str, dict[str, float]]:
    return {name: _facet_row(profile, name) for name in FACETS}


def where_tokens(facts: ShowFacts) -> set[str]:
    """Tokens that say where a show streams, for the --platform and --country filters:
    ``p:<platform>``, ``c:<country>``, ``pc:<platform>|<country>`` (lowercase)."""
    out: set[str] = set()
    offers = list(facts.offers)
    for offer in offers:
        name = offer.platform.casefold()
        out.add(f"p:{name}")
        countries: set[str] = set()
        if offer.country:
            countries.add(offer.country.upper())
        elif offer.platform in SERVICE_COUNTRIES:
            countries.add(SERVICE_COUNTRIES[offer.platform])
        elif offer.how == "web" and offer.platform in GLOBAL_SERVICES:
            countries.add("*")
        for country in countries:
            out.add(f"c:{country.casefold()}")
            out.add(f"pc:{name}|{country.casefold()}")
    return out


def kind_bits(kinds: Iterable[str]) -> int:
    """The kinds of a show as bits, one per kind of :data:`~.kinds.KINDS` (0: unknown)."""
    return sum(1 << i for i, kind in enumerate(KINDS) if kind in set(kinds))


def _status_key(status: str | None) -> str:
    return (status or "").strip().casefold()


@dataclass(frozen=True, slots=True)
class PremiseWords:
    """The premise words of an index's shows, counted (a :class:`.reasons.WordCounts`)."""

    text: SparseFacet
    total: int

    def premises_with(self, word: str) -> int:
        return len(self.text.docs_with(word)) if word in self.text.lookup else 0


@dataclass(slots=True)
class SimilarIndex:
    ids: NDArray[np.int64]
    group_keys: list[str]
    groups: NDArray[np.int32]
    years: NDArray[np.float32]
    notability: NDArray[np.float32]  # 0-1: how many independent sources list the show
    premises: NDArray[np.bool_]  # whether the show has a premise at all
    kinds: NDArray[np.uint8]  # the show's kinds as bits (kind_bits); 0: unknown
    status_vocab: list[str]
    statuses: NDArray[np.int16]
    text: SparseFacet
    facets: dict[str, SparseFacet]
    where: SparseFacet
    originals: list[str]  # original channel per row ("" when unknown), for reasons
    original_kinds: list[str]
    person_names: dict[str, str]
    person_roles: dict[str, str]  # the biggest part each person had in any show
    recs_indptr: NDArray[np.int64]
    recs_docs: NDArray[np.int32]
    embeddings: Embeddings | None
    tmdb_docs: dict[str, int] = field(default_factory=dict)  # TMDB id -> row
    _recs_reverse: tuple[NDArray[np.int64], NDArray[np.int32]] | None = None
    _groups: dict[str, int] | None = None

    @property
    def size(self) -> int:
        return len(self.ids)

    def row_of(self, show_id: int) -> int | None:
        """The row of a show, None when the index does not hold it. A scan of the ids (tens
        of microseconds at 100,000 shows) instead of a dict that every process would build."""
        import numpy as np

        rows = np.flatnonzero(self.ids == show_id)
        return int(rows[0]) if len(rows) else None

    # -- building ------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        shows: Sequence[tuple[ShowFacts, Profile]],
        vectors: ShippedVectors | None = None,
        people: dict[str, tuple[str, str]] | None = None,
    ) -> SimilarIndex:
        """The index of ``shows`` (each with its profile); ``vectors`` are the shipped
        premise embeddings, looked up by the hash of each premise; ``people``, each person's
        name and biggest part (:func:`note_people`) when gathered already, else read from
        the shows."""
        import numpy as np

        n = len(shows)
        ids = np.fromiter((f.id for f, _ in shows), dtype=np.int64, count=n)
        group_keys = sorted({f.title_key for f, _ in shows})
        group_of = {key: i for i, key in enumerate(group_keys)}
        groups = np.fromiter((group_of[f.title_key] for f, _ in shows), dtype=np.int32, count=n)
        years = np.fromiter(
            (math.nan if f.year is None else float(f.year) for f, _ in shows),
            dtype=np.float32,
            count=n,
        )
        notability = np.fromiter(
            (min(max(f.sources - 1, 0) / (NOTABLE_SOURCES - 1), 1.0) for f, _ in shows),
            dtype=np.float32,
            count=n,
        )
        premises = np.fromiter((bool(p.text) for _, p in shows), dtype=bool, count=n)
        kinds = np.fromiter((kind_bits(p.kinds) for _, p in shows), dtype=np.uint8, count=n)
        status_vocab = sorted({_status_key(f.status) for f, _ in shows})
        status_of = {s: i for i, s in enumerate(status_vocab)}
        statuses = np.fromiter(
            (status_of[_status_key(f.status)] for f, _ in shows), dtype=np.int16, count=n
        )
        # Each facet's rows are made on the fly, twice (counting, then storing): holding
        # every show's words at once would cost more than the whole index.
        text = SparseFacet.build(
            lambda: (text_terms(p.text) for _, p in shows),
            min_df=TEXT_MIN_DF,
            max_df=TEXT_MAX_DF if n >= TEXT_MAX_DF_FROM else 1.0,
        )
        facets = {
            name: SparseFacet.build(
                lambda name=name: (_facet_row(p, name) for _, p in shows)  # type: ignore[misc]
            )
            for name in FACETS
        }
        where = SparseFacet.build(lambda: (dict.fromkeys(where_tokens(f), 1.0) for f, _ in shows))
        kept_people = set(facets["people"].vocab)
        if people is None:
            people = {}
            for f, _ in shows:
                note_people(people, f.people)
        person_names = {k: v[0] for k, v in people.items() if k in kept_people}
        person_roles = {k: v[1] for k, v in people.items() if k in kept_people}
        recs_indptr, recs_docs = _resolve_recs([f for f, _ in shows])
        index = cls(
            ids=ids,
            group_keys=group_keys,
            groups=groups,
            years=years,
            notability=notability,
            premises=premises,
            kinds=kinds,
            status_vocab=status_vocab,
            statuses=statuses,
            text=text,
            facets=facets,
            where=where,
            originals=[f.original or "" for f, _ in shows],
            original_kinds=[f.original_kind or "" for f, _ in shows],
            person_names=person_names,
            person_roles=person_roles,
            recs_indptr=recs_indptr,
            recs_docs=recs_docs,
            embeddings=_embeddings([p.text for _, p in shows], vectors),
            tmdb_docs={f.tmdb_id: d for d, (f, _) in enumerate(shows) if f.tmdb_id},
        )
        return index

    # -- saving and loading ----------------------------------------------------------------

    def save(self, path: Path, *, fingerprint: str) -> None:
        import numpy as np

        meta = {
            "version": _cache_version(),
            "fingerprint": fingerprint,
            "group_keys": self.group_keys,
            "status_vocab": self.status_vocab,
            "vocab": {name: f.vocab for name, f in self._sparse().items()},
            "originals": self.originals,
            "original_kinds": self.original_kinds,
            "person_names": self.person_names,
            "person_roles": self.person_roles,
            "tmdb_docs": self.tmdb_docs,
        }
        arrays: dict[str, Any] = {
            "meta": np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
            "ids": self.ids,
            "groups": self.groups,
            "years": self.years,
            "notability": self.notability,
            "premises": self.premises,
            "kinds": self.kinds,
            "statuses": self.statuses,
            "recs_indptr": self.recs_indptr,
            "recs_docs": self.recs_docs,
        }
        for name, facet in self._sparse().items():
            arrays.update(facet.arrays(name))
        if self.embeddings is not None:
            arrays["emb.matrix"] = self.embeddings.matrix.astype(np.float16)
            arrays["emb.doc_rows"] = self.embeddings.doc_rows
            if self.embeddings.projection is not None:
                arrays["emb.projection"] = self.embeddings.projection
        with open(path, "wb") as fh:
            np.savez(fh, **arrays)

    @classmethod
    def load(cls, path: Path, *, fingerprint: str) -> SimilarIndex | None:
        """The index saved at ``path``, or None when it is missing, damaged or stale."""
        import numpy as np

        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(bytes(data["meta"]).decode("utf-8"))
                stale = meta.get("version") != _cache_version()
                if stale or meta.get("fingerprint") != fingerprint:
                    return None
                arrays = {name: data[name] for name in data.files}
        except (OSError, ValueError, KeyError, EOFError):
            return None

        def facet(name: str) -> SparseFacet:
            return SparseFacet.assemble(
                list(meta["vocab"][name]),
                arrays[f"{name}.idf"],
                arrays[f"{name}.doc_indptr"],
                arrays[f"{name}.doc_terms"],
                arrays[f"{name}.doc_weights"],
            )

        embeddings = None
        if "emb.matrix" in arrays:
            embeddings = Embeddings(
                arrays["emb.matrix"].astype(np.float32),
                arrays["emb.doc_rows"],
                arrays.get("emb.projection"),
            )
        index = cls(
            ids=arrays["ids"],
            group_keys=list(meta["group_keys"]),
            groups=arrays["groups"],
            years=arrays["years"],
            notability=arrays["notability"],
            premises=arrays["premises"],
            kinds=arrays["kinds"],
            status_vocab=list(meta["status_vocab"]),
            statuses=arrays["statuses"],
            text=facet("text"),
            facets={name: facet(name) for name in FACETS},
            where=facet("where"),
            originals=list(meta["originals"]),
            original_kinds=list(meta["original_kinds"]),
            person_names=dict(meta["person_names"]),
            person_roles=dict(meta["person_roles"]),
            recs_indptr=arrays["recs_indptr"],
            recs_docs=arrays["recs_docs"],
            embeddings=embeddings,
            tmdb_docs={str(k): int(v) for k, v in meta["tmdb_docs"].items()},
        )
        return index

    def _sparse(self) -> dict[str, SparseFacet]:
        return {"text": self.text, "where": self.where, **self.facets}

    # -- querying --------------------------------------------------------------------------

    def query_for_doc(self, doc: int) -> Query:
        embedding = None
        if self.embeddings is not None:
            row = int(self.embeddings.doc_rows[doc])
            if row >= 0:
                embedding = self.embeddings.matrix[row]
        return Query(
            doc=doc,
            group_key=self.group_keys[int(self.groups[doc])],
            year=float(self.years[doc]),
            text=self.text.row(doc),
            facets={name: facet.row(doc) for name, facet in self.facets.items()},
            embedding=embedding,
            recs=self._recs_of(doc),
            tokens={name: facet.tokens(doc) for name, facet in self.facets.items()},
            original=self.originals[doc],
            premise=bool(self.premises[doc]),
            kinds=int(self.kinds[doc]),
        )

    def query_for(
        self, facts: ShowFacts, profile: Profile, vectors: ShippedVectors | None = None
    ) -> Query:
        """The query of a show that is not in the index (too little is known about it)."""
        import numpy as np

        embedding = None
        if self.embeddings is not None and vectors is not None and profile.text:
            row = int(vectors.rows([text_key(profile.text)])[0])
            if row >= 0:
                embedding = self.embeddings.project(vectors.vectors[row].astype(np.float32))
        rows = _facet_rows(profile)
        recs = self._resolve(facts)
        return Query(
            doc=None,
            group_key=facts.title_key,
            year=math.nan if facts.year is None else float(facts.year),
            text=self.text.vector(text_terms(profile.text)),
            facets={name: f.vector(rows[name]) for name, f in self.facets.items()},
            embedding=embedding,
            recs=np.asarray(recs, dtype=np.int32),
            tokens={name: list(values) for name, values in rows.items()},
            original=facts.original or "",
            premise=bool(profile.text),
            kinds=kind_bits(profile.kinds),
        )

    def _resolve(self, facts: ShowFacts) -> list[int]:
        """Rows of the shows TMDB recommends for a show outside the index."""
        lookup = self._group_lookup()
        out: dict[int, None] = {}
        for rec in facts.tmdb_recs:
            hit = self.tmdb_docs.get(rec.tmdb_id) if rec.tmdb_id else None
            if hit is None and rec.title_key in lookup:
                rows = (self.groups == lookup[rec.title_key]).nonzero()[0]
                hit = int(rows[0]) if len(rows) == 1 else None
            if hit is not None:
                out.setdefault(hit, None)
        return list(out)

    def _recs_of(self, doc: int) -> NDArray[np.int32]:
        import numpy as np

        forward = self.recs_docs[self.recs_indptr[doc] : self.recs_indptr[doc + 1]]
        if self._recs_reverse is None:
            n = self.size
            sources = np.repeat(np.arange(n, dtype=np.int32), np.diff(self.recs_indptr))
            order = np.argsort(self.recs_docs, kind="stable")
            counts = np.bincount(self.recs_docs, minlength=n)
            indptr = np.zeros(n + 1, dtype=np.int64)
            np.cumsum(counts, out=indptr[1:])
            self._recs_reverse = (indptr, sources[order])
        indptr, docs = self._recs_reverse
        backward = docs[indptr[doc] : indptr[doc + 1]]
        return np.unique(np.concatenate([forward, backward])).astype(np.int32)

    def components(self, query: Query) -> dict[str, NDArray[np.float32]]:
        """Each facet's similarity (0 to 1) of the query to every row."""
        import numpy as np

        n = self.size
        out: dict[str, NDArray[np.float32]] = {"tfidf": self.text.scores(*query.text)}
        embedding = np.zeros(n, dtype=np.float32)
        has_vector = np.zeros(n, dtype=bool)
        if query.embedding is not None and self.embeddings is not None:
            rows = self.embeddings.doc_rows
            if len(self.embeddings.matrix) == n:  # every show has one, in row order
                has_vector[:] = True
                np.matmul(self.embeddings.matrix, query.embedding, out=embedding)
            else:
                has_vector = rows >= 0
                embedding[has_vector] = self.embeddings.matrix @ query.embedding
        np.clip(embedding, 0.0, 1.0, out=embedding)
        out["embedding"] = embedding
        out["has_vector"] = has_vector.astype(np.float32)
        for name, facet in self.facets.items():
            out[name] = facet.scores(*query.facets[name])
        if math.isnan(query.year):
            out["era"] = np.zeros(n, dtype=np.float32)
        else:
            gap = np.abs(self.years - query.year)
            out["era"] = np.nan_to_num(np.exp(-gap / ERA_SCALE), nan=0.0).astype(np.float32)
        tmdb = np.zeros(n, dtype=np.float32)
        tmdb[query.recs] = 1.0
        out["tmdb"] = tmdb
        out["notability"] = self.notability
        return out

    def excluded(self, query: Query) -> NDArray[np.bool_]:
        """Rows never to suggest: the show itself and its namesakes (may be the same show)."""
        import numpy as np

        mask = np.zeros(self.size, dtype=bool)
        # A show of the index carries its group; only a show from outside is looked up.
        if query.doc is not None:
            group: int | None = int(self.groups[query.doc])
        else:
            group = self._group_lookup().get(query.group_key)
        if group is not None:
            mask |= self.groups == group
        if query.doc is not None:
            mask[query.doc] = True
        return mask

    def _group_lookup(self) -> dict[str, int]:
        if self._groups is None:
            self._groups = {key: i for i, key in enumerate(self.group_keys)}
        return self._groups

    def status_mask(self, wanted: set[str]) -> NDArray[np.bool_]:
        import numpy as np

        codes = [i for i, s in enumerate(self.status_vocab) if s in wanted]
        return np.isin(self.statuses, np.asarray(codes, dtype=np.int16))

    def word_counts(self) -> PremiseWords:
        """How many shows' premises use each word (what tells a rare word from a common one)."""
        return PremiseWords(self.text, self.size)

    def kind_mask(self, bits: int, *, unknown: bool = True) -> NDArray[np.bool_]:
        """Rows of any of the kinds ``bits``, and (``unknown``) rows whose kind nothing says."""
        import numpy as np

        mask: NDArray[np.bool_] = (self.kinds & np.uint8(bits)) != 0
        if unknown:
            mask |= self.kinds == 0
        return mask

    def where_mask(self, tokens: Sequence[str]) -> NDArray[np.bool_]:
        """Rows that have any of ``tokens`` (see :func:`where_tokens`)."""
        import numpy as np

        mask = np.zeros(self.size, dtype=bool)
        for token in tokens:
            mask[self.where.docs_with(token)] = True
        return mask


def _embeddings(texts: Sequence[str], vectors: ShippedVectors | None) -> Embeddings | None:
    import numpy as np

    if vectors is None or len(vectors.keys) == 0:
        return None
    keys = [text_key(t) if t else 0 for t in texts]
    found = vectors.rows(keys)
    found[[not t for t in texts]] = -1
    has = found >= 0
    doc_rows = np.full(len(texts), -1, dtype=np.int32)
    doc_rows[has] = np.arange(int(has.sum()), dtype=np.int32)
    return Embeddings.from_source(vectors.vectors, found[has], doc_rows)


def _resolve_recs(shows: Sequence[ShowFacts]) -> tuple[NDArray[np.int64], NDArray[np.int32]]:
    """Each show's TMDB recommendations as rows: by TMDB id, else by title and year."""
    import numpy as np

    by_tmdb = {f.tmdb_id: d for d, f in enumerate(shows) if f.tmdb_id}
    by_title: dict[str, list[int]] = {}
    for d, f in enumerate(shows):
        by_title.setdefault(f.title_key, []).append(d)
    lengths = np.zeros(len(shows) + 1, dtype=np.int64)
    targets: list[int] = []
    for d, f in enumerate(shows):
        found: dict[int, None] = {}
        for rec in f.tmdb_recs:
            hit = by_tmdb.get(rec.tmdb_id) if rec.tmdb_id else None
            if hit is None:
                named = by_title.get(rec.title_key, [])
                dated = [c for c in named if rec.year is None or shows[c].year in (None, rec.year)]
                hit = dated[0] if len(dated) == 1 else None
            if hit is not None and hit != d:
                found.setdefault(hit, None)
        lengths[d + 1] = len(found)
        targets.extend(found)
    return np.cumsum(lengths), np.asarray(targets, dtype=np.int32)

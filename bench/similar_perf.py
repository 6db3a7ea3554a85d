"""Similar shows over a synthetic 100,000-show catalog: build time, query latency, memory.

    python bench/similar_perf.py [N]

Targets (issue 6): top-10 for one show <= 20 ms; building the index for 100,000 shows
<= 120 s on the TF-IDF path; memory for 100,000 shows <= 500 MB.

The catalog is written straight into a fresh SQLite file: every show with a premise of
25-45 words (drawn from premise-like words and the lexicons' words, Zipf-distributed),
1-3 genres, a channel, a year, a country, six cast members and a creator from large pools.
The index is then built the way the command builds it (read the catalog, derive the
features, build the TF-IDF and facet index), timed. Queries are timed warm for random
shows: the index query alone (``rank``: the top 10 with their similarity parts) and the
whole answer (``recommend``: plus titles, where it streams, status verdicts and reasons from
the catalog). The same queries are then timed with a 384-dimension premise embedding for
every show (random unit vectors stored as float16, as the package ships them: the cost does
not depend on their values), which the index
keeps as their 128 principal directions above 20,000 vectors (64 above 50,000). Memory is the
growth of the process's peak resident size, and the index's own arrays.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, datetime

from _common import machine, ms, percentiles, temp_dir

os.environ["NEXTSEASON_HOME"] = str(temp_dir())
os.environ["NEXTSEASON_CACHE_DIR"] = "off"  # time the build, not a cache hit

from nextseason.catalog import Catalog
from nextseason.catalog.schema import (
    credits,
    people,
    platforms,
    provenance,
    show_platforms,
    shows,
)
from nextseason.catalog.similar_rows import SimilarRows
from nextseason.similar.index import Embeddings, SimilarIndex
from nextseason.similar.lexicon import SETTINGS, THEMES, TONES
from nextseason.similar.rank import rank
from nextseason.similar.recommend import recommend
from nextseason.similar.scoring import DEFAULT_WEIGHTS
from nextseason.similar.store import build_index, keep
from nextseason.text import title_key

#: The day suggestions' verdicts count from.
TODAY = date(2026, 11, 27)

GENRES = (
    "Drama Comedy Crime Thriller Romance Documentary Reality Action Adventure Fantasy "
    "Science-Fiction Horror Mystery Family Children Anime History War Sports Music"
).split()
CHANNELS = [f"Channel {i}" for i in range(40)] + ["Netflix", "Hulu", "Prime Video", "HBO"]
COUNTRIES = (
    "United States,United Kingdom,Canada,Japan,South Korea,France,Germany,Spain,India".split(",")
)


def _vocabulary(rng: random.Random) -> list[str]:
    lexicon = {
        word
        for facet in (*SETTINGS, *TONES, *THEMES)
        for word in (*facet.strong, *facet.weak)
        if " " not in word
    }
    syllables = "ka lo mi ren tor vel sa din qua bre lun osk fa ter gim hol pra zen".split()
    made = {
        "".join(rng.choice(syllables) for _ in range(rng.randrange(2, 4))) for _ in range(12_000)
    }
    return sorted(lexicon) + sorted(made)


def _premise(rng: random.Random, words: list[str]) -> str:
    count = rng.randrange(25, 46)
    picked = [words[min(int(rng.paretovariate(0.8)) - 1, len(words) - 1)] for _ in range(count)]
    rng.shuffle(picked)
    return " ".join(picked).capitalize() + "."


def populate(catalog: Catalog, n: int, rng: random.Random) -> None:
    words = _vocabulary(rng)
    rng.shuffle(words)
    when = datetime(2026, 1, 1)
    with catalog.transaction() as conn:
        prov = conn.execute(
            provenance.insert().returning(provenance.c.id),
            {"source": "synthetic", "url": "bench://", "retrieved_at": when, "licence": "-"},
        ).scalar_one()
        conn.execute(
            platforms.insert(),
            [{"name": name, "kind": "network"} for name in CHANNELS],
        )
        people_count = 120_000
        conn.execute(
            people.insert(),
            [{"key": f"synthetic:{i}", "name": f"Person {i}"} for i in range(1, people_count + 1)],
        )
        rows = []
        for i in range(n):
            title = f"Show {i} {rng.choice(words).title()}"
            rows.append(
                {
                    "title": title,
                    "title_key": title_key(title),
                    "year": rng.randrange(1970, 2027),
                    "country": rng.choice(COUNTRIES),
                    "status": rng.choice(["Running", "Ended", "To Be Determined", None]),
                    "summary": _premise(rng, words),
                    "genres": rng.sample(GENRES, rng.randrange(1, 4)),
                    "platform_id": rng.randrange(1, len(CHANNELS) + 1),
                    "provenance_id": prov,
                    "updated_at": when,
                }
            )
        conn.execute(shows.insert(), rows)
        links, cast = [], []
        for show_id in range(1, n + 1):
            links.append(
                {
                    "show_id": show_id,
                    "platform_id": rows[show_id - 1]["platform_id"],
                    "role": "network",
                    "provenance_id": prov,
                }
            )
            # A fifth of the parts go to 2,000 regulars (busy actors), the rest to anyone.
            chosen = {
                rng.randrange(1, 2_001) if rng.random() < 0.2 else rng.randrange(1, people_count)
                for _ in range(7)
            }
            for position, person in enumerate(sorted(chosen)):
                cast.append(
                    {
                        "show_id": show_id,
                        "person_id": person,
                        "kind": "crew" if position == 0 else "cast",
                        "part": "Creator" if position == 0 else f"Role {position}",
                        "position": position,
                        "provenance_id": prov,
                    }
                )
        conn.execute(show_platforms.insert(), links)
        conn.execute(credits.insert(), cast)


def _rss_mb() -> float:
    """The process's peak resident memory so far (Linux: VmHWM, which, unlike ru_maxrss,
    does not carry over the parent's peak across fork and exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _index_mb(index: SimilarIndex) -> float:
    total = index.ids.nbytes + index.groups.nbytes + index.years.nbytes + index.statuses.nbytes
    for facet in (index.text, index.where, *index.facets.values()):
        for array in (
            facet.doc_indptr,
            facet.doc_terms,
            facet.doc_weights,
            facet.term_indptr,
            facet.term_docs,
            facet.term_weights,
        ):
            total += array.nbytes
    if index.embeddings is not None:
        total += index.embeddings.matrix.nbytes + index.embeddings.doc_rows.nbytes
    return total / 1e6


def child(db: str, queries: int) -> None:
    """Build and query in a process of its own, so its memory is the recommender's."""
    import numpy as np

    rng = random.Random(7)
    with Catalog.open(f"sqlite:///{db}", seed=False) as catalog:
        records = SimilarRows(catalog)
        baseline = _rss_mb()
        start = time.perf_counter()
        index, key = build_index(records)
        built = time.perf_counter() - start
        after_build = _rss_mb()
        keep(records, index, key)  # recommend() uses this index rather than building one
        docs = [rng.randrange(index.size) for _ in range(queries)]

        def timed(fn: Callable[[int], object]) -> dict[str, float]:
            samples = []
            for doc in docs:
                begin = time.perf_counter()
                fn(doc)
                samples.append(time.perf_counter() - begin)
            return percentiles(samples)

        def query(doc: int) -> None:
            rank(index, index.query_for_doc(doc), DEFAULT_WEIGHTS, limit=10)

        def answer(doc: int) -> None:
            recommend(records, int(index.ids[doc]), limit=10, today=TODAY)

        query(docs[0])
        answer(docs[0])
        tfidf = (timed(query), timed(answer))
        tfidf_mb = _index_mb(index)
        # Shipped vectors are float16, one row per premise, as the package stores them.
        shipped = np.empty((index.size, 384), dtype=np.float16)
        generator = np.random.default_rng(6)
        for start in range(0, index.size, 10_000):
            block = generator.standard_normal((min(10_000, index.size - start), 384))
            block /= np.linalg.norm(block, axis=1, keepdims=True)
            shipped[start : start + len(block)] = block
        rows = np.arange(index.size, dtype=np.int64)
        index.embeddings = Embeddings.from_source(shipped, rows, rows.astype(np.int32))
        del shipped
        query(docs[0])
        dense = (timed(query), timed(answer))
    print(
        json.dumps(
            {
                "size": index.size,
                "words": len(index.text.vocab),
                "built": built,
                "tfidf": tfidf,
                "dense": dense,
                "dims": int(index.embeddings.matrix.shape[1]),
                "tfidf_mb": tfidf_mb,
                "dense_mb": _index_mb(index),
                "build_growth": after_build - baseline,
                "peak_growth": _rss_mb() - baseline,
                "peak": _rss_mb(),
            }
        )
    )


def main(n: int = 100_000, queries: int = 200) -> None:
    rng = random.Random(6)
    db = temp_dir() / "synthetic.sqlite"
    with Catalog.open(f"sqlite:///{db}", seed=False) as catalog:
        start = time.perf_counter()
        populate(catalog, n, rng)
        written = time.perf_counter() - start
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(db), str(queries)],
        capture_output=True,
        text=True,
        check=True,
    )
    r = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"machine: {machine()}")
    print(f"synthetic catalog: {n:,} shows written in {written:.1f} s")
    print(
        f"index build (TF-IDF path, from the catalog): {r['built']:.1f} s for {r['size']:,} "
        f"shows, {r['words']:,} premise words; target <= 120 s: "
        f"{'met' if r['built'] <= 120 else 'MISSED'}"
    )
    for label, (q, a) in (
        ("TF-IDF path", r["tfidf"]),
        (f"with premise embeddings ({r['dims']} dims kept)", r["dense"]),
    ):
        print(
            f"top-10, {label}, warm, {queries} shows: index query p50 {ms(q['p50'])}, "
            f"p90 {ms(q['p90'])}; whole answer (titles, where, status, reasons) "
            f"p50 {ms(a['p50'])}, p90 {ms(a['p90'])}"
        )
    worst = max(r["tfidf"][1]["p50"], r["dense"][1]["p50"])
    print(f"target top-10 p50 <= 20 ms, the whole answer: {'met' if worst <= 0.020 else 'MISSED'}")
    print(
        f"memory: index arrays {r['tfidf_mb']:.0f} MB (TF-IDF path), {r['dense_mb']:.0f} MB "
        f"with embeddings; the recommender's process grew {r['build_growth']:.0f} MB to "
        f"build, {r['peak_growth']:.0f} MB at its peak with embeddings (peak resident "
        f"{r['peak']:.0f} MB); target <= 500 MB: "
        f"{'met' if r['peak_growth'] <= 500 else 'MISSED'}"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], int(sys.argv[3]))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)

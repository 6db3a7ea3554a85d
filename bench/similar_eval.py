"""Similar shows judged against what people actually recommend: published "shows like X" lists.

    python bench/similar_eval.py [--verbose] [--tune]

The judgments are the published lists in ``../shared/eval/similar_lists.tsv`` (next to the
repository: 97 "shows like X" / "what to watch after X" lists for 38 shows, each with its
address). Only their titles are read; the file is not part of the project, and without it
this script says so and stops. ``bench/data/similar_split.tsv`` holds a third of the shows
out (chosen before any tuning, by X, so that all lists about a show are on one side): those
are never tuned on, and their figure is the honest one.

For each X the catalog holds, recall@10 is the share of the titles its lists name (all its
lists together, X itself left out) that the catalog holds and that appear in the top 10.
The figure is the mean over those X; a show the catalog holds but cannot describe (no
premise, genres or people) gets no suggestions and counts as 0. In the same run:

* **nextseason**: what ``nextseason similar X`` answers (the public entry point, defaults);
* **TF-IDF on premises**: the premises' TF-IDF cosine alone;
* **genre + platform**: the overlap (Jaccard) of canonical genres plus the overlap of the
  channels and services a show airs or streams on.

Both baselines rank every described show but X and its namesakes, ties broken by how many
sources list a show (the better-known first), then catalog id. ``--verbose`` prints each X
with the titles found and missed; ``--tune`` runs the weight grid on the tuned shows only.
"""

from __future__ import annotations

import csv
import itertools
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from _common import machine, temp_dir

ROOT = Path(__file__).resolve().parents[1]
LISTS = ROOT.parent / "shared" / "eval" / "similar_lists.tsv"
SPLIT = ROOT / "bench" / "data" / "similar_split.tsv"
K = 10

#: Other names of a listed title, as facts: the list's disambiguation or a season's title
#: against the series' own title in the catalog.
ALIASES = {
    "The Office (US)": ("The Office",),
    "House, M.D.": ("House",),
    "House": ("House, M.D.",),
    "Spartacus: Blood and Sand": ("Spartacus",),
}

os.environ["NEXTSEASON_HOME"] = str(temp_dir())  # never touch the user's catalog or cache

from nextseason.catalog import Catalog  # noqa: E402
from nextseason.catalog.search import TitleIndex  # noqa: E402
from nextseason.text import title_key  # noqa: E402

#: The day suggestions' verdicts count from.
TODAY = date(2026, 11, 27)


@dataclass
class Judged:
    """One X: the catalog show it is, and the titles its lists recommend."""

    name: str
    kind: str
    part: str  # "tuned" | "held-out"
    titles: list[str]
    show_id: int | None = None  # None: the catalog does not hold X
    held: dict[str, set[str]] = field(default_factory=dict)  # title -> its keys in the catalog


def _keys(title: str) -> set[str]:
    return {title_key(t) for t in (title, *ALIASES.get(title, ()))}


def read_lists(path: Path) -> dict[str, tuple[int | None, list[str]]]:
    """X -> (its first year, the titles its lists recommend, in order, each once)."""
    out: dict[str, tuple[int | None, list[str]]] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            year = int(row["first_air_year"]) if row["first_air_year"].isdigit() else None
            titles = out.setdefault(row["X"], (year, []))[1]
            for title in row["recommended_titles"].split(" | "):
                title = title.strip()
                if title and title not in titles and not (_keys(title) & _keys(row["X"])):
                    titles.append(title)
    return out


def read_split(path: Path) -> dict[str, tuple[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    return {r["X"]: (r["kind"], r["part"]) for r in csv.DictReader(lines, delimiter="\t")}


def _pick_x(titles: TitleIndex, name: str, year: int | None, described: set[int]) -> int | None:
    """The catalog's record of X: same title and first year (or no year known), the
    described one first; among namesakes the catalog cannot date, the best described."""
    found = [titles.entries[p] for key in _keys(name) for p in titles.by_key.get(key, [])]
    dated = [e for e in found if e.year in (year, None)]
    if not dated:
        return None
    dated.sort(key=lambda e: (e.id not in described, e.year != year, e.id))
    return dated[0].id


def judgments(catalog: Catalog, described: set[int]) -> list[Judged]:
    split = read_split(SPLIT)
    titles = catalog.title_index()
    out = []
    for name, (year, listed) in read_lists(LISTS).items():
        kind, part = split[name]
        case = Judged(name, kind, part, listed, _pick_x(titles, name, year, described))
        for title in listed:
            keys = {k for k in _keys(title) if k in titles.by_key}
            if keys:
                case.held[title] = keys
        out.append(case)
    return out


Ranker = Callable[[int], list[str]]  # show id -> the title keys of its top 10


@dataclass
class Score:
    recall: float  # mean over X that the catalog holds and whose lists name a held title
    shows: int
    hits: int
    held: int
    reachable: int  # held titles the catalog describes (only those can be suggested)


def evaluate(cases: Sequence[Judged], ranker: Ranker, described_keys: set[str]) -> Score:
    total = 0.0
    shows = hits = held = reachable = 0
    for case in cases:
        if case.show_id is None or not case.held:
            continue
        got = set(ranker(case.show_id))
        found = sum(1 for keys in case.held.values() if keys & got)
        total += found / len(case.held)
        shows += 1
        hits += found
        held += len(case.held)
        reachable += sum(1 for keys in case.held.values() if keys & described_keys)
    return Score(total / max(shows, 1), shows, hits, held, reachable)


# -- the rankers ----------------------------------------------------------------------------


def nextseason_ranker(catalog: Catalog, **options: object) -> Ranker:
    from nextseason.catalog.similar_rows import SimilarRows
    from nextseason.similar.recommend import recommend

    rows = SimilarRows(catalog)

    def ranker(show_id: int) -> list[str]:
        result = recommend(rows, show_id, limit=K, today=TODAY, **options)  # type: ignore[arg-type]
        return [title_key(e.show.title) for e in result.entries]

    return ranker


@dataclass
class Baselines:
    """The two baselines over the recommender's own index of described shows."""

    tfidf: Ranker
    genre_platform: Ranker


def baselines(catalog: Catalog) -> Baselines:
    import numpy as np

    from nextseason.catalog.similar_rows import SimilarRows
    from nextseason.similar.facts import profile
    from nextseason.similar.store import index_for

    rows = SimilarRows(catalog)
    index = index_for(rows)
    facts = rows.facts([int(i) for i in index.ids])
    genres: list[frozenset[str]] = []
    platforms: list[frozenset[str]] = []
    for show_id in index.ids:
        shown = profile(facts[int(show_id)])
        genres.append(frozenset(shown.genres))
        platforms.append(frozenset(shown.platforms))
    order_key = -index.notability

    def top(show_id: int, scores: Iterable[float]) -> list[str]:
        values = np.asarray(list(scores), dtype=np.float64)
        doc = index.row_of(show_id)
        if doc is None:
            return []
        values[index.excluded(index.query_for_doc(doc))] = 0.0
        ranked = np.lexsort((index.ids, order_key, -values))
        out: list[str] = []
        for d in ranked:
            if values[d] <= 0 or len(out) == K:
                break
            key = index.group_keys[int(index.groups[d])]
            if key not in out:
                out.append(key)
        return out

    def tfidf(show_id: int) -> list[str]:
        doc = index.row_of(show_id)
        if doc is None:
            return []
        return top(show_id, index.text.scores(*index.text.row(doc)))

    def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
        return len(a & b) / len(a | b) if a and b else 0.0

    def genre_platform(show_id: int) -> list[str]:
        doc = index.row_of(show_id)
        if doc is None:
            return []
        g, p = genres[doc], platforms[doc]
        return top(
            show_id,
            (jaccard(g, g2) + jaccard(p, p2) for g2, p2 in zip(genres, platforms, strict=True)),
        )

    return Baselines(tfidf, genre_platform)


# -- printing -------------------------------------------------------------------------------


def _cell(score: Score) -> str:
    return f"{score.recall:.3f} ({score.hits}/{score.held} titles, {score.shows} shows)"


def report(
    cases: list[Judged], rankers: dict[str, Ranker], described_keys: set[str]
) -> dict[str, dict[str, Score]]:
    parts = {
        "tuned": [c for c in cases if c.part == "tuned"],
        "held out": [c for c in cases if c.part == "held-out"],
        "all": cases,
    }
    figures: dict[str, dict[str, Score]] = {}
    print(f"\n{'recall@10':<22}" + "".join(f"{p:<34}" for p in parts))
    for name, ranker in rankers.items():
        figures[name] = {p: evaluate(c, ranker, described_keys) for p, c in parts.items()}
        print(f"{name:<22}" + "".join(f"{_cell(s):<34}" for s in figures[name].values()))
    return figures


def verbose(cases: list[Judged], rankers: dict[str, Ranker]) -> None:
    for case in cases:
        print(f"\n{case.name} [{case.kind}, {case.part}] catalog id {case.show_id}")
        if case.show_id is None:
            print("  not in the catalog")
            continue
        missing = [t for t in case.titles if t not in case.held]
        if missing:
            print(f"  not in the catalog: {', '.join(missing)}")
        for name, ranker in rankers.items():
            got = set(ranker(case.show_id))
            hit = [t for t, keys in case.held.items() if keys & got]
            miss = [t for t, keys in case.held.items() if not keys & got]
            print(f"  {name:<20} found {hit}  missed {miss}")


#: The weights the grid search varies (the others stay as shipped).
GRID = {
    "semantic": (0.1, 0.2, 0.3),
    "setting": (0.15, 0.25, 0.35),
    "tone": (0.06, 0.12),
    "genre": (0.1, 0.15, 0.25),
    "notability": (0.05, 0.1, 0.15),
}


def tune(catalog: Catalog, cases: list[Judged], described_keys: set[str]) -> None:
    """Grid search on the tuned shows only; the held-out ones are scored once, with the
    weights chosen, for the record (never to choose)."""
    from nextseason.similar.scoring import DEFAULT_WEIGHTS

    tuned = [c for c in cases if c.part == "tuned"]
    held = [c for c in cases if c.part == "held-out"]
    grid = [
        DEFAULT_WEIGHTS.but(**dict(zip(GRID, values, strict=True)))
        for values in itertools.product(*GRID.values())
    ]
    print(f"\ngrid search on the {len(tuned)} tuned shows: {len(grid)} weightings of {list(GRID)}")
    scored = [
        (evaluate(tuned, nextseason_ranker(catalog, weights=w), described_keys).recall, i)
        for i, w in enumerate(grid)
    ]
    scored.sort(reverse=True)
    for recall, i in scored[:5]:
        chosen = {name: grid[i].as_dict()[name] for name in GRID}
        print(f"  tuned recall@10 {recall:.3f}: {chosen}")
    best = grid[scored[0][1]]
    held_score = evaluate(held, nextseason_ranker(catalog, weights=best), described_keys)
    print(f"  the best weighting on the held-out shows: {_cell(held_score)}")
    print(f"  shipped: { {name: DEFAULT_WEIGHTS.as_dict()[name] for name in GRID} }")


def main(argv: list[str]) -> int:
    if not LISTS.exists():
        print(
            f"similar_eval: the published lists are not here ({LISTS}); they are read from "
            "../shared/eval/ next to the repository. Nothing to evaluate."
        )
        return 1
    folder = temp_dir()
    started = time.perf_counter()
    with Catalog.open(f"sqlite:///{folder / 'catalog.sqlite'}") as catalog:
        from nextseason.catalog.similar_rows import SimilarRows
        from nextseason.similar.store import index_for

        index = index_for(SimilarRows(catalog))
        described = {int(i) for i in index.ids}
        described_keys = set(index.group_keys)
        cases = judgments(catalog, described)
        base = baselines(catalog)
        rankers: dict[str, Ranker] = {
            "nextseason": nextseason_ranker(catalog),
            "TF-IDF on premises": base.tfidf,
            "genre + platform": base.genre_platform,
        }
        print(f"similar shows against published lists ({machine()})")
        print(
            f"index: {index.size:,} described shows; built in {time.perf_counter() - started:.1f} s"
        )
        held_x = [c for c in cases if c.show_id is not None]
        print(
            f"lists: {sum(len(c.titles) for c in cases)} titles for {len(cases)} shows "
            f"({sum(c.part == 'held-out' for c in cases)} held out); the catalog holds "
            f"{len(held_x)} of the shows ({sum(c.show_id in described for c in held_x)} "
            f"described) and {sum(len(c.held) for c in held_x)} of their titles "
            f"({sum(1 for c in held_x for k in c.held.values() if k & described_keys)} "
            "described, the only ones that can be suggested)"
        )
        figures = report(cases, rankers, described_keys)
        nextseason = figures["nextseason"]
        for part in ("tuned", "held out"):
            better = max(figures[b][part].recall for b in rankers if b != "nextseason")
            ratio = nextseason[part].recall / better if better else float("inf")
            print(f"{part}: nextseason / the better baseline = {ratio:.2f}x")
        told = [c for c in cases if c.show_id in described]
        print(
            f"over the {len(told)} shows the catalog describes (the others get no suggestions): "
            + ", ".join(
                f"{name} {evaluate(told, ranker, described_keys).recall:.3f}"
                for name, ranker in rankers.items()
            )
        )
        ceiling = {p: s.reachable / max(s.held, 1) for p, s in nextseason.items()}
        print(
            "share of held titles the catalog describes (the most any ranker can find): "
            + ", ".join(f"{p} {v:.2f}" for p, v in ceiling.items())
        )
        if "--verbose" in argv:
            verbose(cases, rankers)
        if "--tune" in argv:
            tune(catalog, cases, described_keys)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Edge cases on catalogs of the test's own: one show, shared creators, TMDB records."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from nextseason.catalog import Catalog
from nextseason.catalog.similar_rows import SimilarRows
from nextseason.similar import store
from nextseason.similar.facts import facets_of
from nextseason.similar.recommend import recommend, similar_to
from nextseason.similar.vectors import ShippedVectors, build_vectors, shipped_vectors, text_key
from tests.similar.conftest import show, with_tmdb

HOSPITAL = "A surgical resident at a Seattle hospital juggles patients, rivals and love."
#: The day verdicts count from (the suite's usual date).
TODAY = date(2026, 11, 27)


def test_a_catalog_of_one_show_answers_with_no_suggestions(small: Catalog) -> None:
    small.store([show("Lone Show", "1", HOSPITAL)])
    [entry] = [small.find("Lone Show")[0]]
    result = recommend(SimilarRows(small), entry.id, today=TODAY)
    assert result.entries == []
    assert "No show in the catalog is close enough" in (result.note or "")


def test_the_same_creator_is_a_reason(small: Catalog) -> None:
    small.store(
        [
            show("Scrub Life", "1", HOSPITAL, creator="Shonda Rhimes"),
            show(
                "Court Life",
                "2",
                "Ambitious lawyers at a law firm fight in court.",
                creator="Shonda Rhimes",
            ),
            show("Baking Time", "3", "Amateur bakers compete in a tent.", genres=("Reality",)),
        ]
    )
    entries = similar_to(SimilarRows(small), small.find("Scrub Life")[0].id, today=TODAY)
    court = next(e for e in entries if e.show.title == "Court Life")
    assert "also created by Shonda Rhimes (credits: TVmaze)" in court.reasons
    assert "Baking Time" not in {e.show.title for e in entries}  # nothing shared: no padding


def test_a_tmdb_recommendation_counts_and_is_said(small: Catalog) -> None:
    first = show("Ward Nine", "1", HOSPITAL)
    with_tmdb(first, 101, [(202, "Night Nurses", 2019)])
    small.store(
        [
            first,
            show(
                "Night Nurses", "2", "Nurses on the night shift keep a city clinic open.", year=2019
            ),
            show("Other Ward", "3", HOSPITAL.replace("Seattle", "Boston")),
        ]
    )
    entries = {
        e.show.title: e
        for e in similar_to(SimilarRows(small), small.find("Ward Nine")[0].id, today=TODAY)
    }
    assert entries["Night Nurses"].reasons[0] == "TMDB recommends it to the same viewers (TMDB)"
    assert not any(r.startswith("TMDB") for r in entries["Other Ward"].reasons)


def test_the_index_is_rebuilt_when_the_catalog_changes(small: Catalog, tmp_path: Path) -> None:
    small.store([show("Ward Nine", "1", HOSPITAL), show("Ward Ten", "2", HOSPITAL)])
    first = store.index_for(SimilarRows(small))
    assert store.index_for(SimilarRows(small)) is first  # held in memory
    cached = list((tmp_path / "home").glob("**/similar/index-*.npz")) or list(
        Path(store.cache_dir() or tmp_path).glob("index-*.npz")
    )
    assert cached  # and on disk
    small.store([show("Ward Eleven", "3", HOSPITAL)])
    assert store.index_for(SimilarRows(small)).size == 3
    titles = {
        e.show.title
        for e in similar_to(SimilarRows(small), small.find("Ward Nine")[0].id, today=TODAY)
    }
    assert titles == {"Ward Ten", "Ward Eleven"}


def test_a_damaged_disk_cache_is_rebuilt(small: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    small.store([show("Ward Nine", "1", HOSPITAL), show("Ward Ten", "2", HOSPITAL)])
    store.index_for(SimilarRows(small))
    folder = store.cache_dir()
    assert folder is not None
    for path in folder.glob("index-*.npz"):
        path.write_bytes(b"not an index")
    monkeypatch.setattr(store, "_MEMORY", {})
    assert store.index_for(SimilarRows(small)).size == 2


def test_without_premise_vectors_tfidf_still_finds_the_world(
    small: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "_VECTORS", [None])
    small.store(
        [
            show("Ward Nine", "1", HOSPITAL),
            show("Ward Ten", "2", "Young doctors at a Seattle hospital learn surgery."),
            show("Space Run", "3", "Astronauts aboard a starship explore a distant galaxy."),
        ]
    )
    entries = similar_to(SimilarRows(small), small.find("Ward Nine")[0].id, today=TODAY)
    assert [e.show.title for e in entries] == ["Ward Ten"]
    assert entries[0].reasons[0] == "also about doctors and hospitals (both premises: TVmaze)"


@pytest.mark.parametrize(
    ("premise", "setting"),
    [
        ("A brilliant surgeon fights for her patients at a Seattle hospital.", "hospital"),
        ("A college dropout talks his way into a cut-throat law firm.", "law"),
        ("Inside the Formula 1 racing teams as drivers battle for the title.", "motorsport"),
        ("Amateur dancers learn the ballroom with professional partners.", "dance floor"),
        ("Astronauts aboard a starship explore the outer reaches of the galaxy.", "outer space"),
        ("A chef returns home to run his family's sandwich restaurant.", "kitchen"),
    ],
)
def test_the_lexicons_find_the_world_a_show_is_set_in(premise: str, setting: str) -> None:
    assert setting in facets_of(premise)["settings"]


def test_tone_comes_from_words_and_genres() -> None:
    assert "dark" in facets_of("A cut-throat law firm where ruthless partners scheme.")["tones"]
    assert "funny" in facets_of("Six friends in New York.", genres=["comedy"])["tones"]
    assert facets_of("A doctor visits.")["settings"] == ()  # one weak word is not enough


def test_vectors_are_reused_by_premise_and_written_reproducibly(tmp_path: Path) -> None:
    import numpy as np

    keys = np.asarray(sorted([text_key("a"), text_key("b")]), dtype=np.uint64)
    previous = ShippedVectors(keys, np.eye(2, 4, dtype=np.float16))
    for folder in (tmp_path / "one", tmp_path / "two"):
        folder.mkdir()
        built = build_vectors(["b", "a", "c"], folder, previous=[previous], embed=False)
        assert (built.reused, built.embedded, built.missing) == (2, 0, 1)
    one, two = shipped_vectors(tmp_path / "one"), shipped_vectors(tmp_path / "two")
    assert one is not None and two is not None
    assert (tmp_path / "one" / "similar-vectors.npy").read_bytes() == (
        tmp_path / "two" / "similar-vectors.npy"
    ).read_bytes()
    assert list(one.rows([text_key("a"), text_key("c")])) == [list(keys).index(text_key("a")), -1]


def test_the_package_ships_a_vector_for_every_bundled_premise(bundled: Catalog) -> None:
    index = store.index_for(SimilarRows(bundled))
    assert index.embeddings is not None
    with_text = sum(1 for d in range(index.size) if len(index.text.row(d)[0]) > 0)
    assert len(index.embeddings.matrix) >= with_text * 0.95

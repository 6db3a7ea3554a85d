"""Similar shows: neighbours by premise and genres, with reasons a fan can read."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from nextseason.importers.genres import canonical_genres, genre_phrase
from nextseason.importers.similar_index import MIN_SCORE, TOP, similar_rows
from nextseason.model import CreditRecord
from tests.importers.conftest import Built


def test_dark_and_stranger_things_are_neighbours_and_say_why(built: Built) -> None:
    dark = built.show("Dark")
    neighbours = {
        entry.title: (score, reasons)
        for entry, score, reasons in built.catalog.similar(dark.id or 0)
    }
    score, reasons = neighbours["Stranger Things"]
    assert score >= MIN_SCORE
    assert reasons[:2] == ["also a sci-fi drama", "also a Netflix original"]


def test_neighbour_lists_are_short_ranked_and_never_hold_a_namesake(built: Built) -> None:
    with built.catalog.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT s.show_id, a.title_key, b.title_key, s.score, s.method "
                "FROM similar_shows s JOIN shows a ON a.id = s.show_id "
                "JOIN shows b ON b.id = s.other_id"
            )
        ).all()
    assert rows
    per_show: dict[int, int] = {}
    for show_id, key, other_key, score, method in rows:
        per_show[show_id] = per_show.get(show_id, 0) + 1
        assert key != other_key
        assert score >= MIN_SCORE and method == "tfidf"
    assert max(per_show.values()) <= TOP


def test_shared_people_and_era_are_reasons(built: Built) -> None:
    # Two stored shows, given the director they would share: the reasons name him.
    dark, stranger = built.show("Dark"), built.show("Stranger Things")
    for show in (dark, stranger):
        show.credits.append(CreditRecord("Baran bo Odar", "crew", show.src, "Director"))
    [row] = [r for r in similar_rows([dark, stranger]) if r["show_id"] == dark.id]
    assert row["other_id"] == stranger.id
    assert "shares Baran bo Odar" in row["reasons"]
    detention = built.show("Detention")
    reasons = {e.title: r for e, _, r in built.catalog.similar(detention.id or 0)}
    assert reasons["Sweet Home"] == [
        "also a horror drama",
        "also a Netflix original",
        "also from 2020",
    ]


@pytest.mark.parametrize(
    ("shared", "phrase"),
    [
        (["crime", "drama"], "also a crime drama"),
        (["romance", "comedy"], "also a romantic comedy"),
        (["animation", "comedy"], "also an animated comedy"),
        (["documentary", "nature"], "also a nature documentary"),
        (["kids"], "also a kids' show"),
        ([], None),
    ],
)
def test_genre_phrases(shared: list[str], phrase: str | None) -> None:
    assert genre_phrase(shared) == phrase


def test_every_file_s_genre_labels_map_to_one_vocabulary() -> None:
    assert canonical_genres(["TV Sci-Fi & Fantasy", "British TV Shows"]) == ["sci-fi", "fantasy"]
    assert canonical_genres(["Science-Fiction"]) == ["sci-fi"]  # TVmaze
    assert canonical_genres(["scifi", "documentation"]) == ["sci-fi", "documentary"]  # 2022
    assert canonical_genres(["Crime TV Shows", "Police/Cop"]) == ["crime"]

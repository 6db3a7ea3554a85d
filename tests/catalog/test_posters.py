"""A show's poster: the URL a live fetch stored, from TVmaze or TMDB only, TVmaze first."""

from __future__ import annotations

from dataclasses import replace

from nextseason.catalog import Catalog
from nextseason.catalog.posters import poster_url
from nextseason.model import ShowRecordData
from tests.conftest import make_show

TVMAZE_POSTER = "https://static.tvmaze.com/uploads/images/medium_portrait/190/476117.jpg"


def _stored(catalog: Catalog, key: str, poster: str | None) -> int:
    show = make_show("Game of Thrones", key=key)
    record = show.records[0]
    data = {**record.data, "poster": poster}
    catalog.store(
        [
            replace(
                show,
                records=[
                    ShowRecordData(
                        *(
                            record.source,
                            record.source_key,
                            record.title,
                            record.year,
                            data,
                            record.src,
                        )
                    )
                ],
            )
        ]
    )
    entry, _ = catalog.find(None, show_id=catalog.search("Game of Thrones")[0].entry.id)
    return entry.id


def test_a_stored_poster_is_found_and_one_from_elsewhere_is_not(empty_catalog: Catalog) -> None:
    show_id = _stored(empty_catalog, "82", TVMAZE_POSTER)
    with empty_catalog.connect() as conn:
        assert poster_url(conn, show_id) == (TVMAZE_POSTER, "tvmaze")


def test_a_poster_on_another_host_is_never_shown(empty_catalog: Catalog) -> None:
    show_id = _stored(empty_catalog, "83", "https://evil.example/p.jpg")
    with empty_catalog.connect() as conn:
        assert poster_url(conn, show_id) is None

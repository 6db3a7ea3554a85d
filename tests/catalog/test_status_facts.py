"""The bulk status facts a watchlist check loads equal those a report derives, show by show."""

from __future__ import annotations

from datetime import date

from nextseason.analysis.status import facts_from_bundle, verdict_for
from nextseason.catalog import Catalog
from nextseason.catalog.queries import ShowFacts, status_facts

TODAY = date(2026, 11, 27)


def test_bulk_facts_give_the_same_verdict_as_the_full_bundle(bundled: Catalog) -> None:
    entries = bundled.title_index().entries
    # Every show with episodes or readings, and a spread of the rest.
    sample = [e.id for e in entries if e.status] + [e.id for e in entries[::97]]
    with bundled.connect() as conn:
        bulk = status_facts(conn, sample)
    assert set(bulk) == set(sample)
    for show_id in sample:
        one = facts_from_bundle(bundled.show(show_id))
        many = bulk[show_id]
        assert verdict_for(many, TODAY) == verdict_for(one, TODAY), show_id
        assert (many.episode_count, many.latest_episode) == (one.episode_count, one.latest_episode)


def test_one_shows_facts_read_on_the_driver_cursor_equal_the_bulk_ones(bundled: Catalog) -> None:
    entries = bundled.title_index().entries
    sample = [e.id for e in entries if e.status] + [e.id for e in entries[::97]]
    with bundled.connect() as conn:
        bulk = status_facts(conn, sample)
        reader = ShowFacts(conn)
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            one = {show_id: reader.read(cursor, show_id) for show_id in sample}
            missing = reader.read(cursor, max(sample) + 10_000_000)
        finally:
            cursor.close()
    assert missing is None
    assert [i for i in sample if one[i] != bulk[i]] == []

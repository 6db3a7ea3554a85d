"""Search is typo tolerant and tells namesakes apart; resolving a title never guesses wrong."""

from __future__ import annotations

import pytest

from nextseason.catalog import Catalog
from nextseason.errors import AmbiguousTitle, ShowNotFound
from tests.conftest import make_show


@pytest.fixture
def catalog(empty_catalog: Catalog) -> Catalog:
    empty_catalog.store(
        [
            make_show("The Office", key="10", year=2005, platform="NBC", status="Ended"),
            make_show("The Office", key="11", year=2001, platform="BBC Two", status="Ended"),
            make_show("Stranger Things", key="12", year=2016),
            make_show("Strange Empire", key="13", year=2014, platform="CBC"),
            make_show("Dash & Lily", key="14", year=2020),
        ]
    )
    return empty_catalog


def test_a_typo_still_finds_the_show(catalog: Catalog) -> None:
    hits = catalog.search("strnger thigns")
    assert hits[0].entry.title == "Stranger Things"


def test_namesakes_are_listed_with_year_and_platform(catalog: Catalog) -> None:
    hits = catalog.search("the office")
    top = [(h.entry.title, h.entry.year, h.entry.platform) for h in hits[:2]]
    assert sorted(top) == [("The Office", 2001, "BBC Two"), ("The Office", 2005, "NBC")]
    assert all(h.exact for h in hits[:2])


def test_year_narrows_the_search(catalog: Catalog) -> None:
    assert catalog.search("the office", year=2001)[0].entry.platform == "BBC Two"


def test_ambiguous_title_names_candidates_and_how_to_pick(catalog: Catalog) -> None:
    with pytest.raises(AmbiguousTitle) as info:
        catalog.find("The Office")
    assert {c.year for c in info.value.candidates} == {2001, 2005}
    assert "--year" in str(info.value) and "--id" in str(info.value)
    assert info.value.exit_code == 2


def test_year_or_id_picks_one_namesake(catalog: Catalog) -> None:
    entry, exact = catalog.find("The Office", year=2005)
    assert (entry.platform, exact) == ("NBC", True)
    assert catalog.find(None, show_id=entry.id)[0].year == 2005


def test_punctuation_and_case_do_not_matter(catalog: Catalog) -> None:
    entry, exact = catalog.find("dash and lily")
    assert (entry.title, exact) == ("Dash & Lily", True)


def test_close_typo_resolves_to_the_only_good_match(catalog: Catalog) -> None:
    entry, exact = catalog.find("Stranger Thingss")
    assert (entry.title, exact) == ("Stranger Things", False)


def test_unknown_title_suggests_the_closest(catalog: Catalog) -> None:
    with pytest.raises(ShowNotFound) as info:
        catalog.find("Strange Thing Empire")
    assert info.value.exit_code == 2
    titles = [c.title for c in info.value.candidates]
    assert "Stranger Things" in titles or "Strange Empire" in titles


def test_nothing_like_it_says_so(catalog: Catalog) -> None:
    with pytest.raises(ShowNotFound) as info:
        catalog.find("zzzzqqqq")
    assert "no show matches" in str(info.value)

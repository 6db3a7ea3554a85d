"""Search on the bundled catalog, for titles everyone knows: the right show comes first,
and where a title matches exactly, at most eight rows.

Each expectation is public knowledge (the show's first year and its original network or
service, as Wikipedia's infobox gives them), written down before the ranking was tuned. A
show is recognised by its year where the catalog has one and by its platform where the
catalog has one (it needs at least one of the two), so a namesake cannot pass.
"""

from __future__ import annotations

import pytest

from nextseason.catalog import Catalog

#: title -> (first year, original networks or services)
WELL_KNOWN = {
    "Bridgerton": (2020, {"Netflix"}),
    "Stranger Things": (2016, {"Netflix"}),
    "The Crown": (2016, {"Netflix"}),
    "Squid Game": (2021, {"Netflix"}),
    "Breaking Bad": (2008, {"AMC"}),
    "Game of Thrones": (2011, {"HBO"}),
    "The Witcher": (2019, {"Netflix"}),
    "Dark": (2017, {"Netflix"}),
    "Wednesday": (2022, {"Netflix"}),
    "The Handmaid's Tale": (2017, {"Hulu"}),
    "The Mandalorian": (2019, {"Disney+"}),
    "Ozark": (2017, {"Netflix"}),
    "The Boys": (2019, {"Prime Video", "Amazon Prime Video"}),
    "Succession": (2018, {"HBO"}),
    "Ted Lasso": (2020, {"Apple TV+"}),
    "Lupin": (2021, {"Netflix"}),
    "Emily in Paris": (2020, {"Netflix"}),
    "The Queen's Gambit": (2020, {"Netflix"}),
    "Sex Education": (2019, {"Netflix"}),
    "The Last of Us": (2023, {"HBO"}),
}


@pytest.mark.parametrize("title", list(WELL_KNOWN))
def test_a_well_known_title_puts_the_right_show_first(bundled: Catalog, title: str) -> None:
    year, platforms = WELL_KNOWN[title]
    hits = bundled.search(title, limit=20)
    assert hits, f"nothing found for {title!r}"
    top = hits[0].entry
    assert top.year is not None or top.platform is not None, (top.title, top.id)
    assert top.year in (None, year), (top.title, top.year, top.platform)
    assert top.platform is None or top.platform in platforms, (top.title, top.year, top.platform)
    if hits[0].exact:
        assert len(hits) <= 8


def test_typos_still_find_the_show_and_nonsense_finds_nothing(bundled: Catalog) -> None:
    assert bundled.search("bridgertn")[0].entry.title == "Bridgerton"
    assert bundled.search("strnger thigns")[0].entry.title == "Stranger Things"
    assert bundled.search("qqxqzzv") == []
    # Unrelated titles that merely share letters are not results.
    titles = {h.entry.title for h in bundled.search("bridgerton", limit=20)}
    assert not titles & {"Gidget", "Brooklyn Bridge", "BRI"}

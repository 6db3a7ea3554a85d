"""The HTML report: one valid, self-contained page where data can never become markup."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import html5lib  # type: ignore[import-untyped]
import pytest

from nextseason.model import Report
from nextseason.report.render import render

#: The markup the fixture's summaries and credits try to smuggle in (see conftest.py).
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def parse(page: str) -> ET.Element:
    """Parse strictly: html5lib raises on any parse error, so this also checks validity."""
    parser = html5lib.HTMLParser(
        strict=True, tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False
    )
    root = parser.parse(page)
    assert isinstance(root, ET.Element)
    return root


def text_of(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def test_page_is_valid_html5_with_language_charset_viewport_and_title(report: Report) -> None:
    page = render(report, "html")
    assert page.startswith("<!DOCTYPE html>\n")
    root = parse(page)
    assert root.get("lang") == "en"
    metas = root.findall("./head/meta")
    assert any(m.get("charset") == "utf-8" for m in metas)
    assert any(
        m.get("name") == "viewport" and "width=device-width" in (m.get("content") or "")
        for m in metas
    )
    title = root.find("./head/title")
    assert (
        title is not None and title.text == "Bridgerton (2020, Netflix): will there be a season 2?"
    )


def test_page_is_self_contained(report: Report) -> None:
    root = parse(render(report, "html"))
    source_urls = {s.url for s in report.sources}
    assert root.findall(".//script") == []
    assert root.findall(".//link") == []  # no stylesheets or fonts to fetch
    assert root.find("./head/style") is not None  # the CSS is inline
    for element in root.iter():
        assert element.get("src") is None, element.tag
        href = element.get("href")
        if href is not None:
            # In-page links, or a source's own page in the Sources section.
            assert href.startswith("#") or href in source_urls, href


def test_every_in_page_link_has_a_target(report: Report) -> None:
    root = parse(render(report, "html"))
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    targets = {e.get("href", "")[1:] for e in root.iter("a") if e.get("href", "").startswith("#")}
    assert targets and targets <= ids


def test_each_section_is_a_section_element_with_a_heading(report: Report) -> None:
    root = parse(render(report, "html"))
    found = {s.get("id"): s for s in root.iter("section")}
    assert list(found) == [
        "overview",
        "status",
        "seasons",
        "where-to-watch",
        "interest",
        "buzz",
        "outlook",
        "next-season",
        "characters",
        "crew",
        "similar",
        "sources",
    ]
    for section in found.values():
        assert section.find("h2") is not None


def test_hostile_summaries_are_text_never_tags(report: Report) -> None:
    page = render(report, "html")
    root = parse(page)
    assert root.findall(".//script") == [] and root.findall(".//img") == []
    assert "<script" not in page and "<img" not in page
    assert "onerror=" not in [a for e in root.iter() for a in e.attrib]
    # The reader sees the literal characters, escaped.
    body = text_of(root)
    assert SCRIPT in body
    assert IMG in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_overview_facts_link_to_their_source(report: Report) -> None:
    root = parse(render(report, "html"))
    overview = next(s for s in root.iter("section") if s.get("id") == "overview")
    for dd in overview.iter("dd"):
        if "tt8740790" in text_of(dd):
            continue  # external ids are identifiers, not sourced facts
        links = [a.get("href") for a in dd.iter("a")]
        assert links and all(h and h.startswith("#source-") for h in links), text_of(dd)
        assert "20" in text_of(dd)  # and the as-of date


def test_sources_list_name_link_licence_and_retrieval(report: Report) -> None:
    root = parse(render(report, "html"))
    rows = {tr.get("id"): tr for tr in root.iter("tr") if tr.get("id")}
    tvmaze = rows["source-tvmaze"]
    assert [a.get("href") for a in tvmaze.iter("a")] == [
        "https://www.tvmaze.com/shows/42966/bridgerton"
    ]
    assert "Data from TVmaze, licensed CC BY-SA 4.0" in text_of(tvmaze)
    assert "2021-01-05" in text_of(tvmaze)


def test_stale_sources_are_marked(catalog_report_years_later: Report) -> None:
    root = parse(render(catalog_report_years_later, "html"))
    stale = [e for e in root.iter("span") if e.get("class") == "stale"]
    assert len(stale) == len(catalog_report_years_later.sources)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi", " http://x y"])
def test_source_links_are_only_http(report: Report, url: str) -> None:
    hostile = report.model_copy(
        update={"sources": [report.sources[0].model_copy(update={"url": url})]}
    )
    root = parse(render(hostile, "html"))
    assert all((a.get("href") or "").startswith(("#", "http")) for a in root.iter("a"))
    assert "javascript:" not in [a.get("href") for a in root.iter("a")]


def test_control_characters_in_data_do_not_break_the_page(report: Report) -> None:
    overview = report.overview.model_copy(update={"title": "Bell\x07 and escape \x1b[31m red"})
    show = report.show.model_copy(update={"title": "Bell\x07 \x00 escape \x1b[31m red"})
    parse(render(report.model_copy(update={"overview": overview, "show": show}), "html"))


def test_long_episode_lists_start_folded(report: Report) -> None:
    many = report.seasons.episodes * 5
    seasons = report.seasons.model_copy(update={"episodes": many})
    root = parse(render(report.model_copy(update={"seasons": seasons}), "html"))
    details = next(root.iter("details"))
    assert details.get("open") is None
    summary = details.find("summary")
    assert summary is not None and text_of(summary) == "Episodes (40)"
    assert len(details.findall(".//tbody/tr")) == 40

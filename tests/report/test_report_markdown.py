"""The Markdown report: data shows as written, never as HTML, links or broken tables."""

from __future__ import annotations

import re

from nextseason.model import Report
from nextseason.report.render import render
from nextseason.report.render_md import md

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def tables(doc: str) -> list[list[str]]:
    """Each GFM table in the document as its list of lines."""
    found: list[list[str]] = []
    current: list[str] = []
    for line in [*doc.splitlines(), ""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            found.append(current)
            current = []
    return found


def test_tables_stay_intact_when_data_contains_pipes(report: Report) -> None:
    doc = render(report, "md")
    found = tables(doc)
    assert len(found) >= 6  # readings, seasons, episodes, where, interest, cast, crew, ...
    for table in found:
        header, separator, *rows = table
        columns = len(UNESCAPED_PIPE.findall(header))
        assert re.fullmatch(r"\|(---\|)+", separator)
        assert rows
        for row in rows:
            assert len(UNESCAPED_PIPE.findall(row)) == columns, row
    # The pipes are still there for the reader, escaped.
    assert r"After the Rain \| Part 2" in doc
    assert r"Lady Whistledown \| &lt;img src=x onerror=alert(1)&gt;" in doc


def test_markup_in_data_is_never_raw_html(report: Report) -> None:
    doc = render(report, "md")
    assert "<script" not in doc and "<img" not in doc
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in doc
    assert "<" not in doc  # the renderer itself writes no HTML either


def test_emphasis_and_links_in_data_are_escaped() -> None:
    assert md("*really*") == r"\*really\*"
    assert md("[click](javascript:alert(1))") == r"\[click\](javascript:alert(1))"
    assert md("a | b") == r"a \| b"
    assert md("line one\n\n# line two") == "line one # line two"  # one line: no heading
    assert md("# heading") == r"\# heading"
    assert md("1. not a list") == r"1\. not a list"
    assert md("0.41") == "0.41"


def test_every_section_is_a_level_two_heading(report: Report) -> None:
    doc = render(report, "md")
    headings = [line[3:] for line in doc.splitlines() if line.startswith("## ")]
    assert headings[0] == "Overview" and headings[-1] == "Sources"
    assert len(headings) == 12
    assert doc.startswith("# Bridgerton (2020, Netflix): will there be a season 2?\n")


def test_facts_link_to_sources_and_sources_link_out(report: Report) -> None:
    doc = render(report, "md")
    assert "- **Platform:** Netflix ([TVmaze](#sources), 2021-01-05)" in doc
    assert "[TVmaze](https://www.tvmaze.com/shows/42966/bridgerton)" in doc


def test_empty_section_says_why_under_its_heading(sparse_report: Report) -> None:
    doc = render(sparse_report, "md")
    characters = doc.split("## Characters\n", 1)[1].split("\n## ", 1)[0]
    assert characters.strip() == "_No cast credits for this show in the catalog._"

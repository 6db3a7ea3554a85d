"""The Atom feed of changes: valid, stable, safe with hostile titles, written atomically."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from nextseason.errors import UsageError
from nextseason.watch.feed import ATOM_NS, SHOW_SCHEME, FeedEntry, atom_feed, write_feed

A = f"{{{ATOM_NS}}}"
FEED_ID = "urn:nextseason:feed:watchlist"

RENEWED = FeedEntry(
    id="urn:nextseason:change:42:verdict-2026-11-20",
    title="Dark Matter: renewed for a second season",
    summary="Apple TV+ announced a second season on 20 November 2026.",
    updated=datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
    show_title="Dark Matter",
    show_id=42,
    link="https://www.tvmaze.com/shows/42/dark-matter",
    category="verdict",
)
DATED = FeedEntry(
    id="urn:nextseason:change:7:season-3-dated",
    title="Severance: season 3 dated",
    summary="Season 3 premieres on 2027-01-15.",
    updated=datetime(2026, 11, 25, 18, 0, tzinfo=UTC),
    show_title="Severance",
    show_id=7,
    category="season dated",
)
EPISODES = FeedEntry(
    id="urn:nextseason:change:9:episodes-2026-11-01",
    title="Slow Horses: 2 new episodes",
    summary="S05E05 and S05E06 aired.",
    updated=datetime(2026, 11, 1, 6, 0, tzinfo=UTC),
    show_title="Slow Horses",
    show_id=9,
    category="new episodes",
)


def render(
    *entries: FeedEntry, updated: datetime | None = None, self_link: str | None = None
) -> str:
    return atom_feed(
        entries,
        title="nextseason: watched shows",
        feed_id=FEED_ID,
        updated=updated,
        self_link=self_link,
    )


def parse(xml: str) -> ET.Element:
    return ET.fromstring(xml.encode("utf-8"))


def text_of(element: ET.Element, name: str) -> str:
    found = element.find(A + name)
    assert found is not None, f"no <{name}> in <{element.tag}>"
    return found.text or ""


def test_the_feed_is_atom_with_its_id_title_author_and_newest_update() -> None:
    feed = parse(render(RENEWED, DATED, EPISODES, self_link="https://example.org/shows.atom"))
    assert feed.tag == A + "feed"
    assert text_of(feed, "id") == FEED_ID
    assert text_of(feed, "title") == "nextseason: watched shows"
    assert text_of(feed, "updated") == "2026-11-25T18:00:00Z"  # the newest entry's
    author = feed.find(A + "author")
    assert author is not None and text_of(author, "name") == "nextseason"
    link = feed.find(A + "link")
    assert link is not None
    assert link.attrib == {
        "rel": "self",
        "href": "https://example.org/shows.atom",
        "type": "application/atom+xml",
    }


def test_the_document_is_utf8_with_an_xml_declaration() -> None:
    xml = render(RENEWED)
    assert xml.startswith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="')
    assert f'xmlns="{ATOM_NS}"' in xml  # the default namespace, no ns0: prefixes
    assert "ns0:" not in xml


def test_each_change_is_an_entry_with_id_title_updated_summary_link_and_kind() -> None:
    feed = parse(render(RENEWED))
    [entry] = feed.findall(A + "entry")
    assert text_of(entry, "id") == RENEWED.id
    assert text_of(entry, "title") == RENEWED.title
    assert text_of(entry, "updated") == "2026-11-20T09:30:00Z"
    summary = entry.find(A + "summary")
    assert summary is not None and summary.get("type") == "text"
    assert summary.text == RENEWED.summary
    link = entry.find(A + "link")
    assert link is not None and link.get("rel") == "alternate"
    assert link.get("href") == RENEWED.link
    categories = {c.get("term"): c.attrib for c in entry.findall(A + "category")}
    assert "verdict" in categories
    assert categories["42"] == {"term": "42", "scheme": SHOW_SCHEME, "label": "Dark Matter"}


def test_an_entry_without_a_link_carries_its_text_as_content() -> None:
    # RFC 4287 4.1.2: no alternate link means the entry must have content.
    [entry] = parse(render(DATED)).findall(A + "entry")
    assert entry.find(A + "link") is None
    assert text_of(entry, "content") == DATED.summary


def test_a_javascript_link_from_a_source_is_left_out() -> None:
    hostile = replace(RENEWED, link="javascript:alert(1)")
    xml = render(hostile)
    assert "javascript" not in xml
    [entry] = parse(xml).findall(A + "entry")
    assert entry.find(A + "link") is None


def test_entries_are_newest_first() -> None:
    feed = parse(render(EPISODES, RENEWED, DATED))
    ids = [text_of(e, "id") for e in feed.findall(A + "entry")]
    assert ids == [DATED.id, RENEWED.id, EPISODES.id]


def test_the_same_changes_render_the_same_feed_with_the_same_ids() -> None:
    first = render(RENEWED, DATED, EPISODES)
    again = render(EPISODES, DATED, RENEWED)  # another order, as a later check may list them
    assert first == again
    ids = [text_of(e, "id") for e in parse(first).findall(A + "entry")]
    assert sorted(ids) == sorted(e.id for e in (RENEWED, DATED, EPISODES))


def test_a_given_update_time_is_the_feeds_and_times_are_shown_in_utc() -> None:
    checked = datetime(2026, 11, 27, 12, 0, tzinfo=timezone(timedelta(hours=1)))
    feed = parse(render(RENEWED, updated=checked))
    assert text_of(feed, "updated") == "2026-11-27T11:00:00Z"


def test_an_empty_feed_is_still_valid_atom() -> None:
    when = datetime(2026, 11, 27, tzinfo=UTC)
    feed = parse(render(updated=when))
    assert text_of(feed, "updated") == "2026-11-27T00:00:00Z"
    assert feed.findall(A + "entry") == []


def test_a_hostile_title_round_trips_as_plain_text() -> None:
    hostile = FeedEntry(
        id="urn:nextseason:change:13:verdict-1",
        title='Tom & Jerry <script>alert("x")</script>\x07 "renewed"',
        summary="Bell\x07 and NUL\x00 are not XML; tab\tstays. <b>bold</b> & more",
        updated=datetime(2026, 11, 26, tzinfo=UTC),
        show_title="Tom & Jerry <i>\x1b[31m",
        show_id=13,
        category="verdict\x0b",
    )
    xml = render(hostile)
    assert "<script>" not in xml and "<b>" not in xml and "<i>" not in xml
    assert "\x07" not in xml and "\x00" not in xml and "\x1b" not in xml
    [entry] = parse(xml).findall(A + "entry")
    assert text_of(entry, "title") == 'Tom & Jerry <script>alert("x")</script> "renewed"'
    assert text_of(entry, "summary") == ("Bell and NUL are not XML; tab\tstays. <b>bold</b> & more")
    labels = [c.get("label") for c in entry.findall(A + "category")]
    assert "Tom & Jerry <i>[31m" in labels


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        replace(RENEWED, updated=datetime(2026, 11, 20, 9, 30))


# -- writing ------------------------------------------------------------------------------


def test_write_feed_writes_utf8_that_parses(tmp_path: Path) -> None:
    target = tmp_path / "shows.atom"
    squid = replace(DATED, title="오징어 게임 — season 3 dated")
    write_feed(target, render(squid))
    feed = ET.parse(target).getroot()
    [entry] = feed.findall(A + "entry")
    assert text_of(entry, "title") == "오징어 게임 — season 3 dated"
    assert target.read_bytes().startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert os.listdir(tmp_path) == ["shows.atom"]  # no temporary file left behind


def test_write_feed_replaces_the_old_feed_and_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "shows.atom"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    write_feed(target, render(RENEWED))
    assert RENEWED.id in target.read_text(encoding="utf-8")
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_missing_folder_is_a_usage_error_naming_the_path(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "shows.atom"
    with pytest.raises(UsageError) as caught:
        write_feed(target, render(RENEWED))
    message = str(caught.value)
    assert str(target) in message and "does not exist" in message
    assert "\n" not in message
    assert not target.parent.exists()


def test_a_folder_in_place_of_the_feed_is_a_usage_error_and_stays_as_it_was(
    tmp_path: Path,
) -> None:
    target = tmp_path / "shows.atom"
    target.mkdir()
    (target / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError, match="is a folder"):
        write_feed(target, render(RENEWED))
    assert (target / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(os.listdir(tmp_path)) == ["shows.atom"]


def test_a_file_in_place_of_the_folder_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "feeds").write_text("not a folder", encoding="utf-8")
    with pytest.raises(UsageError, match="is not a folder"):
        write_feed(tmp_path / "feeds" / "shows.atom", render(RENEWED))


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_an_unwritable_folder_is_a_usage_error_and_the_old_feed_is_untouched(
    tmp_path: Path,
) -> None:
    target = tmp_path / "shows.atom"
    target.write_text("old feed", encoding="utf-8")
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(UsageError, match="permission denied"):
            write_feed(target, render(RENEWED))
    finally:
        tmp_path.chmod(0o755)
    assert target.read_text(encoding="utf-8") == "old feed"


def test_a_failed_replace_leaves_the_old_feed_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "shows.atom"
    target.write_text("old feed", encoding="utf-8")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(UsageError) as caught:
        write_feed(target, render(RENEWED))
    assert str(caught.value) == f"cannot write the feed to {target}: permission denied"
    assert target.read_text(encoding="utf-8") == "old feed"
    assert os.listdir(tmp_path) == ["shows.atom"]

"""Pages of TVmaze's show index (``GET /shows?page=N``), built from recorded show objects.

No recording of an index page was found. A page of the index is a JSON list of the same
show objects ``GET /shows/{id}`` returns, without embeds (TVmaze's documentation): the pages
here hold the 24 distinct show objects recorded in ``tests/fixtures/tvmaze`` (search
results, schedule entries and show answers; see that folder's README), unchanged, grouped
into pages. :func:`synthetic_pages` gives the benchmark 300 full pages: copies of the
recorded objects, each with its own id, name and external ids.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from tests.support.replay import ReplayServer, Reply

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "tvmaze"
_SEARCHES = ("search_shows_a.json", "search_shows_girls.json")
_SHOWS = (
    "shows_40019.from-schedule-web-2020-12-04.json",
    "shows_55919.from-schedule-web-2020-12-02.json",
    "shows_55199.from-schedule-web-2020-12-24.json",
    "lookup_shows_imdb.schema-built.json",
    "singlesearch_shows_girls.schema-built.json",
)
PAGE_SIZE = 250


def recorded_shows() -> list[dict[str, Any]]:
    """Every distinct recorded show object, by id (24 shows, all four TVmaze statuses)."""
    shows: dict[int, dict[str, Any]] = {}
    for name in _SEARCHES:
        for hit in json.loads((FIXTURES / name).read_text(encoding="utf-8")):
            shows[hit["show"]["id"]] = hit["show"]
    for name in _SHOWS:
        show = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
        show.pop("_embedded", None)
        shows[show["id"]] = show
    return [shows[i] for i in sorted(shows)]


def recorded_pages(per_page: int = 8) -> list[list[dict[str, Any]]]:
    """The recorded shows, ``per_page`` to a page, in id order."""
    shows = recorded_shows()
    return [shows[i : i + per_page] for i in range(0, len(shows), per_page)]


def serve_index(
    server: ReplayServer,
    pages: list[list[dict[str, Any]]] | dict[int, Any],
    *,
    prefix: str = "",
) -> None:
    """Answer ``GET {prefix}/shows?page=N`` with each page (a list of shows, or a Reply or
    list of Replies for faults); the page after the last answers 404, as TVmaze does."""
    numbered = dict(enumerate(pages)) if isinstance(pages, list) else dict(pages)
    for number, page in numbered.items():
        replies = page
        if isinstance(page, list) and (not page or isinstance(page[0], dict)):
            replies = Reply.json(page)
        server.add("GET", f"{prefix}/shows", replies, query={"page": str(number)})
    end = max(numbered, default=-1) + 1
    server.add(
        "GET",
        f"{prefix}/shows",
        Reply.json({"name": "Not Found", "status": 404}, status=404),
        query={"page": str(end)},
    )


def synthetic_pages(pages: int, per_page: int = PAGE_SIZE) -> list[bytes]:
    """``pages`` full pages of the index: the recorded show objects, copied with ids that
    follow the index's order (page N holds ids 250 N ...), their own names and ids."""
    templates = recorded_shows()
    out: list[bytes] = []
    for number in range(pages):
        page = []
        for i in range(per_page):
            show_id = number * PAGE_SIZE + i + 1
            show = copy.deepcopy(templates[show_id % len(templates)])
            show["id"] = show_id
            show["name"] = f"{show['name']} {show_id}"
            show["url"] = f"https://www.tvmaze.com/shows/{show_id}"
            show["externals"] = {
                "tvrage": None,
                "thetvdb": 1_000_000 + show_id,
                "imdb": f"tt9{show_id:07d}",
            }
            page.append(show)
        out.append(json.dumps(page).encode("utf-8"))
    return out

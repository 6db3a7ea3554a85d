"""A loopback fake of every live source, answering for a few shows, with faults on demand.

Built on :class:`~tests.support.replay.ReplayServer`. Healthy answers are the recorded (or
schema-built) answers of ``tests/fixtures``, re-keyed per show: TVmaze's and TMDB's Game of
Thrones with each show's ids and title, Wikidata's item with the show's ids and article,
pageviews built to the API's documented schema for whatever article is asked, a Wikipedia
``missingtitle`` (no article: the source says nothing), Google Trends' recorded pytrends
session, and Reddit's recorded search listing.

    fake = FakeSources(SHOWS)
    fake.inject("wikidata", "trickle")           # every Wikidata answer now trickles
    with fake:
        settings = Settings(..., source_urls=fake.urls(), ...)

:data:`FAULTS` are the twelve of issue 18. ``same id`` answers for the asked show with the
identity of another (:attr:`FakeSources.other`): its ids where the source gives ids, its item
or article where it names one.

``python -m tests.support.fake_sources --port N`` serves the healthy fake on its own (for
the served app that schemathesis drives in ``.ci/run``).
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import re
import signal
import socket
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from tests.support.replay import Recorded, ReplayServer, Reply

__all__ = ["FAULTS", "PREFIXES", "SHOWS", "FakeShow", "FakeSources"]

FIXTURES = Path(__file__).parent.parent / "fixtures"
JSON = "application/json; charset=utf-8"

#: The path each source is served under, by source key (its base URL is the server's + it).
PREFIXES: dict[str, str] = {
    "tvmaze": "/tvmaze",
    "tmdb": "/tmdb",
    "wikidata": "/sparql",
    "wikipedia_pageviews": "/pageviews",
    "wikipedia": "/wikipedia/w/api.php",
    "google_trends": "/trends",
    "reddit": "/reddit",
}

FAULTS = (
    "slow answer",
    "trickle",
    "connection refused",
    "429 short Retry-After",
    "429 long Retry-After",
    "500",
    "truncated JSON",
    "connection cut short",
    "HTML page with 200",
    "missing fields",
    "wrong types",
    "huge body",
    "same id",
)


@dataclass(frozen=True)
class FakeShow:
    """A show the fake knows: its ids at every source and its title."""

    tvmaze: int
    title: str
    imdb: str
    thetvdb: int
    tmdb: int
    qid: str
    premiered: str

    @property
    def article(self) -> str:
        return self.title


#: Game of Thrones (its real ids), House of the Dragon (its real ids), and a third show made
#: up for the fake.
SHOWS = (
    FakeShow(82, "Game of Thrones", "tt0944947", 121361, 1399, "Q23572", "2011-04-17"),
    FakeShow(83, "House of the Dragon", "tt11198330", 371572, 94997, "Q65052394", "2022-08-21"),
    FakeShow(84, "The Lantern Watch", "tt9000084", 900084, 900084, "Q90000084", "2024-03-01"),
)


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _recorded_session(name: str) -> dict[str, bytes]:
    session = _read_json(FIXTURES / "google_trends" / name)
    bodies: dict[str, bytes] = {}
    for interaction in session:
        path = "/" + interaction["uri"].split("://", 1)[1].split("/", 1)[1].split("?")[0]
        bodies[path] = interaction["body"].encode("utf-8")
    return bodies


class _Templates:
    """The recorded answers, read once, with their longest lists cut (the faults are what
    the fake is for; a show of 84 episodes and 785 credits only makes every run slower)."""

    def __init__(self) -> None:
        self.tvmaze = _read_json(
            FIXTURES / "tvmaze" / "shows_82_embed_seasons_cast_crew_episodes.composed.json"
        )
        embedded = self.tvmaze["_embedded"]
        embedded["episodes"] = [e for e in embedded["episodes"] if e.get("season") in (1, 8)]
        embedded["cast"], embedded["crew"] = embedded["cast"][:12], embedded["crew"][:8]
        self.tmdb = _read_json(FIXTURES / "tmdb" / "tv_1399_append.composed.json")
        credits = self.tmdb["aggregate_credits"]
        credits["cast"], credits["crew"] = credits["cast"][:12], credits["crew"][:8]
        self.sparql = _read_json(FIXTURES / "wikidata" / "sparql_game_of_thrones.schema-built.json")
        self.missing = _read_json(FIXTURES / "wikipedia" / "error_missingtitle.written.json")
        trends = _recorded_session("interest_over_time_pizza_bagel_5y.json")
        self.explore = trends["/trends/api/explore"]
        self.multiline = trends["/trends/api/widgetdata/multiline"]
        cassette = _read_json(FIXTURES / "reddit" / "praw_TestSubreddit.test_search.json")
        self.reddit = cassette["interactions"][1]["response"]["body"]["string"].encode("utf-8")


_TEMPLATES: list[_Templates] = []


def _templates() -> _Templates:
    if not _TEMPLATES:
        _TEMPLATES.append(_Templates())
    return _TEMPLATES[0]


# -- healthy answers ------------------------------------------------------------------------


def tvmaze_show(show: FakeShow, ids_of: FakeShow | None = None) -> dict[str, Any]:
    body: dict[str, Any] = copy.deepcopy(_templates().tvmaze)
    who = ids_of or show
    body.update(
        id=show.tvmaze,
        name=show.title,
        premiered=show.premiered,
        url=f"https://www.tvmaze.com/shows/{show.tvmaze}",
        externals={"tvrage": None, "thetvdb": who.thetvdb, "imdb": who.imdb},
    )
    return body


def _tmdb_show(show: FakeShow) -> dict[str, Any]:
    body: dict[str, Any] = copy.deepcopy(_templates().tmdb)
    body.update(id=show.tmdb, name=show.title, original_name=show.title)
    for part in body.values():
        if isinstance(part, dict) and part.get("id") == 1399:
            part["id"] = show.tmdb
    body["external_ids"].update(imdb_id=show.imdb, tvdb_id=show.thetvdb, wikidata_id=show.qid)
    return body


_ID_KINDS = {"imdb": "imdb", "tmdb": "tmdb", "tvmaze": "tvmaze", "thetvdb": "thetvdb"}


def _sparql(show: FakeShow, *, with_ids: bool = True) -> dict[str, Any]:
    answer: dict[str, Any] = copy.deepcopy(_templates().sparql)
    ids = {"imdb": show.imdb, "tmdb": str(show.tmdb), "tvmaze": str(show.tvmaze)}
    ids["thetvdb"] = str(show.thetvdb)
    kept = []
    for binding in answer["results"]["bindings"]:
        binding["item"]["value"] = f"http://www.wikidata.org/entity/{show.qid}"
        binding["itemLabel"]["value"] = show.title
        kind = binding["kind"]["value"]
        if kind in _ID_KINDS:
            if not with_ids:
                continue
            binding["value"]["value"] = ids[kind]
        elif kind == "enwiki":
            binding["value"]["value"] = show.article
        elif kind == "season":
            number = binding["valueLabel"]["value"].rsplit(" ", 1)[-1].rstrip(")")
            label = f"{show.title} (season {number})"
            binding["valueLabel"]["value"] = label
            binding["article"]["value"] = label
        kept.append(binding)
    answer["results"]["bindings"] = kept
    return answer


def _pageviews(article: str, start: str, end: str) -> dict[str, Any]:
    """Daily views of ``article``, built to the documented per-article schema."""
    first = date(int(start[:4]), int(start[4:6]), int(start[6:8]))
    last = date(int(end[:4]), int(end[4:6]), int(end[6:8]))
    first = max(first, last - timedelta(days=59))
    items = []
    day = first
    while day <= last:
        items.append(
            {
                "project": "en.wikipedia",
                "article": article,
                "granularity": "daily",
                "timestamp": day.strftime("%Y%m%d00"),
                "access": "all-access",
                "agent": "user",
                "views": 1000 + (day.toordinal() * 37) % 500,
            }
        )
        day += timedelta(days=1)
    return {"items": items}


# -- faults -----------------------------------------------------------------------------------

HTML_PAGE = (
    "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
    "<body><h1>Bad Gateway</h1><p>The server returned an invalid response.</p></body></html>"
)


def _missing_fields(value: Any) -> Any:
    """The answer's shape with its fields gone: an object without its keys, a list of such."""
    if isinstance(value, dict):
        return {}
    if isinstance(value, list):
        return [{}]
    return {}


def _wrong_types(value: Any, depth: int = 0) -> Any:
    """The same answer with every value of another type (strings for numbers, numbers for
    strings, objects for lists...)."""
    if depth > 12:
        return None
    if isinstance(value, dict):
        return {k: _wrong_types(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return {"0": _wrong_types(value[0], depth + 1)} if value else {}
    if isinstance(value, bool):
        return "yes"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return 12345
    return [None]


def _json_reply(body: bytes, transform: Callable[[Any], Any]) -> Reply:
    """``body`` transformed as JSON, keeping an anti-hijacking prefix like Trends' ``)]}'``."""
    text = body.decode("utf-8")
    start = min((i for i in (text.find("{"), text.find("[")) if i >= 0), default=0)
    prefix, payload = text[:start], json.loads(text[start:])
    return Reply.raw((prefix + json.dumps(transform(payload))).encode("utf-8"), JSON)


def fault_reply(fault: str, healthy: Reply, *, cap: int, timeout: float) -> Reply:
    """``healthy`` with ``fault`` (all but "same id", which needs another show's answer)."""
    if fault == "slow answer":
        return healthy.delayed(timeout * 20)
    if fault == "trickle":
        # A byte every so often: each read gets one in time, only a deadline ends it.
        return Reply.raw(b" " * 4000 + healthy.body, JSON).trickled(timeout / 5)
    if fault == "429 short Retry-After":
        return Reply.rate_limited(1)
    if fault == "429 long Retry-After":
        return Reply.rate_limited(3600)
    if fault == "500":
        return Reply.error(500)
    if fault == "truncated JSON":
        return Reply.raw(healthy.body[: max(1, len(healthy.body) // 2)], JSON)
    if fault == "connection cut short":
        return healthy.truncated(max(1, len(healthy.body) // 3))
    if fault == "HTML page with 200":
        return Reply.html(HTML_PAGE)
    if fault == "missing fields":
        return _json_reply(healthy.body, _missing_fields)
    if fault == "wrong types":
        return _json_reply(healthy.body, _wrong_types)
    if fault == "huge body":
        return Reply.raw(b'{"padding": "' + b"x" * (cap + 1024) + b'"}', JSON)
    raise ValueError(fault)


# -- the server -------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class FakeSources:
    """Every live source on one loopback server; :meth:`inject` a fault into one of them."""

    shows: Iterable[FakeShow] = SHOWS
    timeout: float = 0.5  # the client's, so that slow faults are slow enough
    faults: dict[str, str] = field(default_factory=dict)  # source -> fault
    other: FakeShow = SHOWS[0]  # whose identity "same id" answers with
    caps: dict[str, int] = field(default_factory=dict)  # source -> its size cap
    _server: ReplayServer | None = None
    _refused: int = 0

    def __post_init__(self) -> None:
        self.shows = tuple(self.shows)
        if not self.caps:
            from nextseason.sources.registry import POLICIES

            self.caps = {key: policy.max_bytes for key, policy in POLICIES.items()}
        self._refused = _free_port()

    def inject(self, source: str, fault: str) -> None:
        if source not in PREFIXES:
            raise ValueError(f"no fake for source {source!r}")
        if fault not in FAULTS:
            raise ValueError(fault)
        self.faults[source] = fault

    # -- lifecycle ---------------------------------------------------------------------

    def __enter__(self) -> FakeSources:
        self._server = ReplayServer(fallback=self._answer).start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None

    @property
    def server(self) -> ReplayServer:
        assert self._server is not None, "the fake is not running"
        return self._server

    def urls(self) -> dict[str, str]:
        """Each source's base URL setting (NEXTSEASON_<NAME>_URL -> URL)."""
        from nextseason.sources.registry import POLICIES

        urls = {}
        for key, prefix in PREFIXES.items():
            base = f"{self.server.url}{prefix}"
            if self.faults.get(key) == "connection refused":
                base = f"http://127.0.0.1:{self._refused}{prefix}"
            urls[POLICIES[key].url_env] = base
        return urls

    # -- answering ---------------------------------------------------------------------

    def _show(self, **match: object) -> FakeShow | None:
        return next(
            (s for s in self.shows if all(getattr(s, k) == v for k, v in match.items())), None
        )

    def _answer(self, request: Recorded) -> Reply | None:
        source = next((k for k, p in PREFIXES.items() if request.path.startswith(p)), None)
        if source is None:
            return None
        fault = self.faults.get(source)
        if fault == "same id":
            return self._healthy(source, request, impostor=self.other)
        healthy = self._healthy(source, request)
        if fault is None or healthy is None or healthy.status >= 400:
            return healthy
        return fault_reply(fault, healthy, cap=self.caps[source], timeout=self.timeout)

    def _healthy(
        self, source: str, request: Recorded, impostor: FakeShow | None = None
    ) -> Reply | None:
        rest = request.path[len(PREFIXES[source]) :]
        answer = getattr(self, "_" + source)
        reply: Reply | None = answer(rest, request, impostor)
        return reply

    def _tvmaze(self, rest: str, request: Recorded, impostor: FakeShow | None) -> Reply | None:
        if found := re.fullmatch(r"/shows/(\d+)", rest):
            show = self._show(tvmaze=int(found.group(1)))
            if show is None:
                return Reply.json({"name": "Not Found", "status": 404}, status=404)
            return Reply.json(tvmaze_show(show, ids_of=impostor))
        if rest == "/search/shows":
            wanted = (request.param("q") or "").casefold()
            hits = [s for s in self.shows if s.title.casefold() == wanted]
            bare = [
                {k: v for k, v in tvmaze_show(s, ids_of=impostor).items() if k != "_embedded"}
                for s in hits
            ]
            return Reply.json([{"score": 0.9, "show": b} for b in bare])
        return Reply.json({"name": "Not Found", "status": 404}, status=404)

    def _tmdb(self, rest: str, request: Recorded, impostor: FakeShow | None) -> Reply | None:
        if found := re.fullmatch(r"/find/(tt\d+)", rest):
            show = self._show(imdb=found.group(1))
            results = [{"id": (impostor or show).tmdb, "name": show.title}] if show else []
            empty: list[object] = []
            return Reply.json(
                {"movie_results": empty, "person_results": empty, "tv_results": results}
            )
        if found := re.fullmatch(r"/tv/(\d+)", rest):
            show = self._show(tmdb=int(found.group(1)))
            if show is None:
                return Reply.json({"status_code": 34, "success": False}, status=404)
            return Reply.json(_tmdb_show(show))
        return Reply.json({"status_code": 34, "success": False}, status=404)

    def _wikidata(self, rest: str, request: Recorded, impostor: FakeShow | None) -> Reply | None:
        query = request.param("query") or ""
        found = re.search(r'wdt:P8600 "(\d+)"', query)
        show = self._show(tvmaze=int(found.group(1))) if found else None
        if show is None:
            return Reply.json({"head": {"vars": []}, "results": {"bindings": []}})
        if impostor is not None:  # another show's item, with no id to tell them apart
            return Reply.json(_sparql(impostor, with_ids=False))
        return Reply.json(_sparql(show))

    def _wikipedia_pageviews(
        self, rest: str, request: Recorded, impostor: FakeShow | None
    ) -> Reply | None:
        found = re.fullmatch(r"/per-article/[^/]+/all-access/user/(.+)/daily/(\d{8})/(\d{8})", rest)
        if found is None:
            return Reply.json({"type": "not_found", "title": "Not found."}, status=404)
        article = unquote(found.group(1)).replace("_", " ")
        if impostor is not None:
            article = impostor.article
        return Reply.json(_pageviews(article.replace(" ", "_"), found.group(2), found.group(3)))

    def _wikipedia(self, rest: str, request: Recorded, impostor: FakeShow | None) -> Reply | None:
        if impostor is not None:
            page = {"title": impostor.article, "pageid": 1, "revid": 1, "text": "<p>x</p>"}
            return Reply.json({"parse": page})
        return Reply.json(_templates().missing)

    def _google_trends(
        self, rest: str, request: Recorded, impostor: FakeShow | None
    ) -> Reply | None:
        if rest == "/api/explore":
            return Reply.raw(_templates().explore, JSON)
        if rest == "/api/widgetdata/multiline":
            return Reply.raw(_templates().multiline, JSON)
        return Reply.html(status=404)

    def _reddit(self, rest: str, request: Recorded, impostor: FakeShow | None) -> Reply | None:
        if rest == "/search.json":
            return Reply.raw(_templates().reddit, JSON)
        return Reply.json({"message": "Not Found", "error": 404}, status=404)


def main(argv: list[str] | None = None) -> None:
    """Serve the healthy fake on a port until interrupted, printing each source's URL."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    fake = FakeSources()
    fake._server = ReplayServer(fallback=fake._answer, port=args.port).start()
    for env, url in fake.urls().items():
        print(f"{env}={url}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with contextlib.suppress(KeyboardInterrupt):
        stop.wait()
    fake.__exit__()


if __name__ == "__main__":
    main()

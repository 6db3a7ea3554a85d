"""End to end in a real headless Chromium against a real uvicorn server on loopback:
search a title, open the show, see the verdict and the chart, watch it, see it listed.

Uses Debian's chromium (``apt-get install chromium``; `.ci/run` installs it) through
Playwright's Python client; skipped, saying why, only when that browser is missing.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from tests.web.conftest import Site, copy_of_bundled, make_site

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(bundled_db: Path, tmp_path: Path) -> Iterator[tuple[Site, str]]:
    site = make_site(copy_of_bundled(bundled_db, tmp_path))
    port = _free_port()
    config = uvicorn.Config(
        site.app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield site, f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        site.catalog.close()


def test_search_open_see_verdict_and_chart_then_watch_it(served: tuple[Site, str]) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    site, base = served
    problems: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            page = browser.new_page()
            page.on(
                "console",
                lambda msg: problems.append(msg.text) if msg.type == "error" else None,
            )
            page.on("pageerror", lambda exc: problems.append(str(exc)))
            page.on(
                "response",
                lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None,
            )

            # Sign in once with an API token (what `nextseason token create` printed).
            page.goto(f"{base}/watchlist")
            page.fill("#token", site.token)
            page.click("form[action='/session'] button")
            page.wait_for_url(f"{base}/watchlist")

            # Search a title from the home page and open the show.
            page.goto(base)
            page.fill("#home-q", "Bridgerton")
            page.press("#home-q", "Enter")
            page.wait_for_url("**/search?q=Bridgerton")
            page.get_by_role("link", name="Bridgerton", exact=True).first.click()
            page.wait_for_url("**/shows/*")

            verdict = page.locator("#verdict .verdict-line")
            assert verdict.is_visible()
            assert verdict.inner_text().startswith("Season ")
            chart = page.locator("figure.chart svg").first
            chart.scroll_into_view_if_needed()
            assert chart.is_visible()
            box = chart.bounding_box()
            assert box is not None
            assert box["width"] > 200
            assert box["height"] > 100

            # The season selector works without a button (the one script on the site).
            page.select_option("#season", "2")
            page.wait_for_url("**?season=2")
            assert "Status of season 2" in page.content()

            # Watch it, and find it on the watchlist.
            page.click("#watch-button")
            page.wait_for_url(f"{base}/watchlist")
            row = page.locator("#watchlist tbody tr", has_text="Bridgerton")
            assert row.count() == 1
            assert row.is_visible()
        finally:
            browser.close()
    assert problems == []  # no script errors, no Content-Security-Policy violations

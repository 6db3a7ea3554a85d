"""Every page in a real headless Chromium, on a phone (390x844) and a desktop (1280x800):
no horizontal scroll, no serious or critical accessibility violation (axe-core), and a
screenshot of each saved for review; the show page's first desktop screen holds the answer.

Screenshots go to ``NEXTSEASON_SCREENSHOTS`` when set, else to ``screens/`` in pytest's
temporary folder for this run (its path is printed). axe-core is the copy that the
``axe-playwright-python`` package ships (a test dependency), injected into each page.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from nextseason.catalog import watchlist as watch_store
from tests.web.conftest import Site, copy_of_bundled, make_site, show_id
from tests.web.test_browser import CHROMIUM, LAUNCH_ARGS, _free_port

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)",
)

VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 800)}
#: A draft about a show of the bundled catalog: one supported claim, one contradicted.
ARTICLE = (
    "# Tiny Pretty Things\n\n"
    "Netflix renewed *Tiny Pretty Things* for a second season, the streamer said.\n\n"
    "The ballet drama premiered on Netflix in 2020 and its first season has ten episodes."
)


@pytest.fixture(scope="module")
def served(
    bundled_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Site, str]]:
    site = make_site(copy_of_bundled(bundled_db, tmp_path_factory.mktemp("layout")))
    with site.catalog.transaction() as conn:  # a watched show, so the watchlist has a row
        sid = show_id(site.catalog, "Bridgerton")
        watch_store.add(conn, sid, {"verdict": "running", "season": 5}, datetime.now(UTC))
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


@pytest.fixture(scope="module")
def screens(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("NEXTSEASON_SCREENSHOTS") or tmp_path_factory.mktemp("screens"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"screenshots in {folder}")
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def axe() -> Any:
    return pytest.importorskip("axe_playwright_python.sync_playwright").Axe()


def _open(page: Any, base: str, name: str, site: Site) -> None:
    """Go to the page called ``name`` as a visitor would reach it."""
    paths = {
        "home": "/",
        "search": "/search?q=bridgerton",
        "show-bridgerton": f"/shows/{show_id(site.catalog, 'Bridgerton')}",
        "show-stranger-things": f"/shows/{show_id(site.catalog, 'Stranger Things')}",
        "watchlist": "/watchlist",
        "factcheck": "/factcheck",
        "docs": "/docs",
        "error": "/shows/99999999",
    }
    response = page.goto(base + paths[name])
    assert response is not None
    assert response.status == (404 if name == "error" else 200)
    if name == "factcheck":
        page.fill("#text", ARTICLE)
        page.click("form[action='/factcheck'] button[type=submit]")
        page.wait_for_selector("#article")


PAGES = [
    "home",
    "search",
    "show-bridgerton",
    "show-stranger-things",
    "watchlist",
    "factcheck",
    "docs",
    "error",
]


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", PAGES)
def test_page_fits_the_screen_and_has_no_serious_accessibility_problem(
    served: tuple[Site, str], browser: Any, axe: Any, screens: Path, name: str, viewport: str
) -> None:
    site, base = served
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    problems: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda exc: problems.append(str(exc)))
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        _open(page, base, name, site)
        page.screenshot(path=str(screens / f"{name}-{viewport}.png"), full_page=True)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        inner = page.evaluate("window.innerWidth")
        assert scroll <= inner, f"{name} scrolls sideways at {width}px: {scroll} > {inner}"
        results = axe.run(page)
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']}; e.g. {v['nodes'][0]['target']}"
            for v in results.response["violations"]
            if v.get("impact") in ("serious", "critical")
        ]
        assert bad == [], f"{name} at {width}px"
    finally:
        context.close()
    # The 404 page's own request is the only failure a visitor meets here.
    assert [p for p in problems if "404" not in p] == []


def test_the_show_pages_first_desktop_screen_holds_title_verdict_and_reason(
    served: tuple[Site, str], browser: Any
) -> None:
    site, base = served
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        _open(page, base, "show-bridgerton", site)
        for selector in ("h1#show-title", "#verdict .verdict-word", "#verdict .verdict-reason"):
            box = page.locator(selector).bounding_box()
            assert box is not None, selector
            assert box["y"] >= 0 and box["y"] + box["height"] <= 800, selector
        assert page.locator("h1#show-title").inner_text() == "Bridgerton"
        assert page.locator("#verdict .verdict-reason").inner_text().strip()
        # Offline, no poster was fetched: a placeholder, never a broken image.
        assert page.locator(".poster-none").count() == 1
        assert page.locator(".poster img").count() == 0
        # An anonymous visitor is told how to sign in instead of meeting a failing button.
        assert page.locator("#watch-button").count() == 0
        assert "Sign in with a token" in page.locator(".show-head").inner_text()
    finally:
        context.close()


def test_a_claims_evidence_shows_on_keyboard_focus(served: tuple[Site, str], browser: Any) -> None:
    site, base = served
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        _open(page, base, "factcheck", site)
        mark = page.locator("mark.claim.contradicted").first
        evidence = mark.locator(".evidence")
        assert (evidence.bounding_box() or {"width": 0})["width"] <= 1  # hidden until asked
        mark.focus()
        box = evidence.bounding_box()
        assert box is not None and box["width"] > 100
        assert "Ended" in evidence.inner_text() or "cancel" in evidence.inner_text().lower()
    finally:
        context.close()

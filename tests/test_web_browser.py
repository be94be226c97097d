"""The web UI in a real browser: Debian's Chromium driven by Playwright, against a store built
from the bundled corpus, with every request that would leave the machine blocked and recorded.

Screenshots go to ``test-artifacts/screenshots/`` for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"
TABS = ["Ask", "Lineage", "Explore", "Compare", "SPARQL", "Documents", "Export"]
# Answers come from the graph or, for the first passage question, after the embedding model
# loads; a build after an upload re-indexes the corpus: both are slow on a small CI machine.
SLOW_MS = 240_000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def store(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session's corpus store: the upload test writes into it."""
    if not CHROMIUM.exists():
        reason = "Debian's chromium is not installed at /usr/bin/chromium"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: CI must run the browser tests")
        pytest.skip(reason)
    path = tmp_path_factory.mktemp("web") / "store"
    shutil.copytree(corpus_store, path)
    return path


@pytest.fixture(scope="session")
def server(store: Path) -> Iterator[str]:
    from partnership_kg.ui import web

    port = _free_port()
    app = web.launch(store, host="127.0.0.1", port=port, block=False)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        app.close()


@pytest.fixture(scope="session")
def browser_page(server: str) -> Iterator[tuple[Any, list[str]]]:
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    leaked: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(60_000)

        def only_local(route: Any) -> None:
            if route.request.url.startswith(server) or route.request.url.startswith("data:"):
                route.continue_()
            else:  # the UI must work offline: anything else is recorded and refused
                leaked.append(route.request.url)
                route.abort()

        page.route("**/*", only_local)
        page.goto(server)
        page.wait_for_selector("#ask-question textarea")
        try:
            yield page, leaked
        finally:
            browser.close()


def _tab(page: Any, name: str) -> None:
    page.get_by_role("tab", name=name, exact=True).click()


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_first_screen_has_the_contract_tabs_and_suggestions(browser_page: Any) -> None:
    page, _ = browser_page
    names = [page.get_by_role("tab", name=name, exact=True).inner_text().strip()
             for name in TABS]
    assert names == TABS
    assert page.locator("#headline").inner_text().count("document") >= 1
    _shot(page, "01-first-screen")


def test_ask_shows_the_answer_with_its_sources_and_pages(store: Path,
                                                        browser_page: Any) -> None:
    from partnership_kg.workspace import Workspace

    page, _ = browser_page
    question = "How did ASB become Neighbourhood Crime & ASB?"
    expected = Workspace(store).ask(question)
    assert expected["citations"], expected
    _tab(page, "Ask")
    page.fill("#ask-question textarea", question)
    page.press("#ask-question textarea", "Enter")  # Enter submits
    page.wait_for_selector("#ask-answer mark", timeout=SLOW_MS)
    shown = page.locator("#ask-answer").inner_text()
    first = expected["citations"][0]
    assert first["source"] in shown
    if first["page"] is not None:
        assert f"page {first['page']}" in shown
    _shot(page, "02-ask")


def test_lineage_of_an_acronym_shows_its_history(browser_page: Any) -> None:
    page, _ = browser_page
    _tab(page, "Lineage")
    page.fill("#lineage-name textarea", "ASB")
    page.click("#lineage-show")
    page.wait_for_selector("#lineage-sankey .js-plotly-plot", timeout=SLOW_MS)
    summary = page.locator("#lineage-summary").inner_text()
    events = page.locator("#lineage-events").inner_text()
    assert "Preventing Neighbourhood Crime & ASB" in summary + events
    assert "2022" in events
    _shot(page, "03-lineage")


# Open defect: since the partnership picker came in, the page-load event that draws the
# whole-partnership Sankey leaves the plot empty (drawn fine when called directly).
@pytest.mark.xfail(reason="whole-partnership Sankey not drawn on page load (open defect)")
def test_the_whole_partnership_sankey_is_drawn_on_page_load(browser_page: Any) -> None:
    page, _ = browser_page
    _tab(page, "Lineage")
    page.wait_for_selector("#partnership-sankey .js-plotly-plot", timeout=20_000)


def test_explore_draws_a_neighbourhood_and_moves_on_click(browser_page: Any) -> None:
    page, _ = browser_page
    _tab(page, "Explore")
    page.click("#explore-centre input")
    page.locator("ul[role=listbox] li").first.click()
    page.wait_for_selector("#explore-network .js-plotly-plot", timeout=SLOW_MS)
    first_centre = page.locator("#explore-centre input").input_value()
    rows = page.locator("#explore-neighbours [role=row].virtual-row")
    assert rows.count() >= 1
    rows.first.locator("[role=gridcell]").first.click()
    page.wait_for_function(
        "v => document.querySelector('#explore-centre input').value !== v", arg=first_centre)
    _shot(page, "04-explore")


def test_compare_two_agreements(browser_page: Any) -> None:
    page, _ = browser_page
    _tab(page, "Compare")
    page.click("#compare-run")
    page.wait_for_selector("#compare-added :text('Added')", timeout=SLOW_MS)
    assert "Removed" in page.locator("#compare-removed").inner_text()
    _shot(page, "05-compare")


def test_sparql_shows_rows_and_refuses_updates(browser_page: Any) -> None:
    page, _ = browser_page
    _tab(page, "SPARQL")
    page.fill("#sparql-query textarea", "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 5")
    page.click("#sparql-run")
    page.wait_for_selector("#sparql-message :text('5 row(s)')")
    assert page.locator("#sparql-results [role=row].virtual-row").count() == 5
    _shot(page, "06-sparql")
    page.fill("#sparql-query textarea", "DELETE WHERE { ?s ?p ?o }")
    page.click("#sparql-run")
    page.wait_for_selector("#sparql-message :text('refused')")


def test_export_offers_the_graph_for_download(browser_page: Any) -> None:
    page, _ = browser_page
    _tab(page, "Export")
    page.click("#export-run")
    page.wait_for_selector("#export-file a", timeout=SLOW_MS)
    assert ".ttl" in page.locator("#export-file").inner_text()
    _shot(page, "07-export")


@pytest.mark.xfail(reason="whole-partnership Sankey not drawn on page load (open defect)")
def test_export_saves_the_whole_partnership_picture(browser_page: Any) -> None:
    page, _ = browser_page
    _tab(page, "Export")
    page.click("#export-picture")  # the whole-partnership Sankey, drawn when the page loaded
    page.wait_for_selector("#export-picture-file a", timeout=20_000)


def test_uploaded_file_is_listed_in_documents(browser_page: Any, tmp_path: Path) -> None:
    page, leaked = browser_page
    upload = tmp_path / "uploaded_minutes_note.txt"
    upload.write_text("Minutes of the partnership meeting\n\nThe meeting noted the report on "
                      "community safety and agreed the next steps.\n", encoding="utf-8")
    _tab(page, "Documents")
    page.set_input_files("#documents-upload input[type=file]", str(upload))
    page.wait_for_selector(f"#documents-upload :text('{upload.name}')")
    page.click("#documents-add")
    page.wait_for_selector("#documents-report :text('added')", timeout=SLOW_MS)
    page.locator("#documents-table [role=gridcell]", has_text=upload.name).first.wait_for()
    page.wait_for_selector("#headline :text('6 document(s)')")  # the headline follows the store
    _shot(page, "08-documents")
    assert not leaked, f"the page tried to reach the network: {leaked[:5]}"


"""The Partnerships tab in a real browser (Debian's Chromium via Playwright): the heatmap of
partnerships x topics, a hovered cell showing its label and quote, a table row opening the
lineage. Served from the topics store (the corpus and three invented partnerships)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, free_port

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def topics_page(topics_store: Path) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    from partnership_kg.ui import web

    port = free_port()
    app = web.launch(topics_store, host="127.0.0.1", port=port, block=False)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                 args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            page.set_default_timeout(120_000)
            page.goto(f"http://127.0.0.1:{port}")
            page.get_by_role("tab", name="Partnerships", exact=True).click()
            page.wait_for_selector("#topics-heatmap .nsewdrag")
            yield page
            browser.close()
    finally:
        app.close()


def test_hovering_a_cell_shows_the_partnerships_label_and_its_quote(
        topics_store: Path, topics_page: Any) -> None:
    from partnership_kg.workspace import Workspace

    matrix = Workspace(topics_store).topics()
    row = matrix["partnerships"].index("Eastvale Community Safety Partnership")
    column = [t["topic"] for t in matrix["topics"]].index("Hate crime")
    box = topics_page.locator("#topics-heatmap .nsewdrag").first.bounding_box()
    x = box["x"] + (column + 0.5) * box["width"] / len(matrix["topics"])
    y = box["y"] + (row + 0.5) * box["height"] / len(matrix["partnerships"])
    topics_page.mouse.move(x, y)
    hover = topics_page.locator("#topics-heatmap .hoverlayer .hovertext").first
    hover.wait_for()
    lines = hover.evaluate("box => Array.from(box.querySelectorAll('tspan.line'))"
                           ".map(line => line.textContent)")
    text = " ".join(" ".join(lines).split())
    assert "Tackling Hate Crime" in text
    assert "The priorities for Eastvale are: Road Safety; Tackling Hate Crime" in text
    topics_page.screenshot(path=str(SCREENSHOTS / "partnerships-heatmap.png"), full_page=True)


def test_clicking_a_row_of_the_cells_opens_its_lineage(topics_page: Any) -> None:
    rows = topics_page.locator("#topics-cells [role=row].virtual-row")
    rows.first.locator("[role=gridcell]").nth(2).click()
    note = topics_page.locator("#topics-lineage")
    note.get_by_text("change event").wait_for()
    assert "Eastvale Community Safety Partnership" in note.inner_text()

"""The Partnerships tab in a real browser (Debian's Chromium via Playwright): the heatmap of
partnerships x topics, a hovered cell showing its label and quote, a clicked cell and a table
row opening the lineage. Served from the topics store (the corpus and three invented
partnerships)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import SCREENSHOTS, free_port

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def topics_page(topics_store: Path, chromium: Any) -> Iterator[Any]:
    from partnership_kg.ui import web

    port = free_port()
    app = web.launch(topics_store, host="127.0.0.1", port=port, block=False)
    page = chromium.new_page(viewport={"width": 1366, "height": 900})
    try:
        page.set_default_timeout(120_000)
        page.goto(f"http://127.0.0.1:{port}")
        page.get_by_role("tab", name="Partnerships", exact=True).click()
        page.wait_for_selector("#topics-heatmap .nsewdrag")
        yield page
    finally:
        page.close()
        app.close()


def _cell_centre(page: Any, store: Path, partnership: str, topic: str) -> tuple[float, float]:
    """Where a cell of the heatmap is drawn: rows partnerships, columns topics, equal sizes."""
    from partnership_kg.workspace import Workspace

    matrix = Workspace(store).topics()
    row = matrix["partnerships"].index(partnership)
    column = [t["topic"] for t in matrix["topics"]].index(topic)
    box = page.locator("#topics-heatmap .nsewdrag").first.bounding_box()
    return (box["x"] + (column + 0.5) * box["width"] / len(matrix["topics"]),
            box["y"] + (row + 0.5) * box["height"] / len(matrix["partnerships"]))


def _lineage_nodes(page: Any) -> list[str]:
    return page.evaluate("""() => {
        const gd = document.querySelector('#topics-lineage-sankey .js-plotly-plot');
        return gd ? gd.data.flatMap(t => (t.node && t.node.label) || []) : [];
    }""")


def test_hovering_a_cell_shows_the_partnerships_label_and_its_quote(
        topics_store: Path, topics_page: Any) -> None:
    topics_page.mouse.move(*_cell_centre(topics_page, topics_store,
                                         "Eastvale Community Safety Partnership", "Hate crime"))
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
    first = [cell.strip() for cell in rows.first.locator("[role=gridcell]").all_inner_texts()]
    rows.first.locator("[role=gridcell]").nth(2).click()
    note = topics_page.locator("#topics-lineage")
    note.get_by_text("change event").wait_for()
    assert f"{first[0]}: “{first[2]}”" in " ".join(note.inner_text().split())
    topics_page.wait_for_function(  # drawn as a Sankey or a swimlane: in the chart's data
        "label => { const gd = document.querySelector('#topics-lineage-sankey .js-plotly-plot');"
        " return gd && JSON.stringify(gd.data).includes(label); }", arg=first[2])


def test_clicking_a_heatmap_cell_opens_its_lineage_and_again_after_a_row_click(
        topics_store: Path, topics_page: Any) -> None:
    cell = _cell_centre(topics_page, topics_store, "Eastvale Community Safety Partnership",
                        "Hate crime")
    note = topics_page.locator("#topics-lineage")
    shown = ("Eastvale Community Safety Partnership: “Tackling Hate Crime”, "
             "0 change events.")
    for _ in range(2):  # the same cell a second time, after a row has shown another lineage
        topics_page.mouse.click(*cell)
        topics_page.wait_for_function(
            "text => document.querySelector('#topics-lineage').innerText.includes(text)",
            arg=shown)
        topics_page.wait_for_function(
            "() => { const gd = document.querySelector('#topics-lineage-sankey .js-plotly-plot');"
            " return gd && JSON.stringify(gd.data).includes('Tackling Hate Crime'); }")
        assert _lineage_nodes(topics_page) == ["Tackling Hate Crime (2015-18)",
                                               "Tackling Hate Crime (2018-21)"]
        topics_page.locator("#topics-cells [role=row].virtual-row").first.locator(
            "[role=gridcell]").nth(2).click()
        topics_page.wait_for_function(
            "text => !document.querySelector('#topics-lineage').innerText.includes(text)",
            arg=shown)
    assert "Tackling Hate Crime" not in note.inner_text()


def test_clicking_an_empty_heatmap_cell_says_the_partnership_has_nothing_there(
        topics_store: Path, topics_page: Any) -> None:
    topics_page.mouse.click(*_cell_centre(topics_page, topics_store,
                                          "Eastvale Community Safety Partnership",
                                          "Fraud and scams"))
    said = ("Eastvale Community Safety Partnership has no priority or theme on "
            "Fraud and scams.")
    topics_page.wait_for_function(
        "text => document.querySelector('#topics-lineage').innerText.trim() === text", arg=said)
    assert _lineage_nodes(topics_page) == []

"""The Partnerships tab in a real browser (Debian's Chromium via Playwright): the heatmap of
partnerships x topics, a hovered cell showing its label and quote, a clicked cell and a table
row opening the lineage, the PNG download, the year list after an upload, and 30 partnerships x
60 topics at 1366 px. Served from the topics store (the corpus and three invented partnerships);
each test has its own page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import SCREENSHOTS, SLOW_MS, Visit, copy_store, free_port, serve

pytestmark = pytest.mark.slow

# A partnership none of the documents names, with a plan for years none of them covers.
MARSHFIELD = "Marshfield Community Safety Partnership"
MARSHFIELD_PLAN = f"""Marshfield Community Safety Agreement 2026-29

Foreword

As Chair of the {MARSHFIELD} I am pleased to present the Marshfield Community Safety Agreement
for 2026-29, which sets out how partners across the borough will work together.

1. Introduction

1.1. This agreement sets out the priorities of the {MARSHFIELD} for 2026-29.

2. Priorities 2026-29

2.1. The priorities for Marshfield are: Road Safety; and Tackling Domestic Abuse.
"""


@pytest.fixture(scope="module")
def topics_server(topics_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    app, url = serve(copy_store(topics_store, tmp_path_factory.mktemp("topics-web")))
    try:
        yield url
    finally:
        app.close()


def _open_tab(visit: Visit) -> Any:
    visit.tab("Partnerships")
    visit.page.wait_for_selector("#topics-heatmap .nsewdrag")
    return visit.page


@pytest.fixture
def topics_visit(topics_server: str, chromium: Any) -> Iterator[Visit]:
    visit = Visit(chromium, topics_server)
    try:
        visit.page.set_default_timeout(120_000)
        _open_tab(visit)
        yield visit
    finally:
        visit.close()


@pytest.fixture
def topics_page(topics_visit: Visit) -> Any:
    return topics_visit.page


def _cell_centre(page: Any, store: Path, partnership: str, topic: str) -> tuple[float, float]:
    """Where a cell of the heatmap is drawn: rows partnerships, columns topics, equal sizes."""
    from partnership_kg.workspace import Workspace

    matrix = Workspace(store).topics()
    row = matrix["partnerships"].index(partnership)
    column = [t["topic"] for t in matrix["topics"]].index(topic)
    drag = page.locator("#topics-heatmap .nsewdrag").first
    drag.scroll_into_view_if_needed()
    box = drag.bounding_box()
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
    note = topics_page.locator("#topics-lineage")
    shown = ("Eastvale Community Safety Partnership: “Tackling Hate Crime”, "
             "0 change events.")
    for _ in range(2):  # the same cell a second time, after a row has shown another lineage
        # Where the cell is now: clicking a row scrolls the page.
        topics_page.mouse.click(*_cell_centre(topics_page, topics_store,
                                              "Eastvale Community Safety Partnership",
                                              "Hate crime"))
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


def _rows_drawn(page: Any) -> list[str]:
    return page.evaluate("() => document.querySelector('#topics-heatmap .js-plotly-plot')"
                         ".data[0].y")


def _year_choices(page: Any) -> list[str]:
    """The year list, opened as a user opens it (it stays open)."""
    page.click("#topics-year input")
    options = page.locator("ul[role=listbox] li")
    options.first.wait_for()
    return [text.split("\n")[-1].strip() for text in options.all_inner_texts()]  # no ✓


def _png(data: bytes) -> tuple[bytes, int, int]:
    return data[:8], int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_download_png_gives_the_heatmap_as_a_picture(topics_visit: Visit) -> None:
    from PIL import Image

    page = topics_visit.page
    with page.expect_download(timeout=SLOW_MS) as download:
        page.click("#topics-png")
    assert download.value.suggested_filename == "partnership-topics-any-year.png"
    path = Path(download.value.path())
    # 1200 px wide as every picture; four partnerships' rows fit the least height, 500 px.
    assert _png(path.read_bytes()) == (b"\x89PNG\r\n\x1a\n", 1200, 500)
    colours = {colour for _, colour in Image.open(path).convert("RGB").getcolors(1 << 20)}
    assert (0x2b, 0x6c, 0xb0) in colours  # mapped cells are drawn
    assert page.locator("#topics-png-message").inner_text().strip() == ""


def test_an_upload_adds_its_years_and_partnership_to_the_tab(
        chromium: Any, topics_store: Path, tmp_path: Path) -> None:
    app, url = serve(copy_store(topics_store, tmp_path))
    visit = None
    try:
        visit = Visit(chromium, url)
        page = _open_tab(visit)
        assert "2026" not in _year_choices(page) and MARSHFIELD not in _rows_drawn(page)
        page.click("#headline")  # closes the list
        plan = tmp_path / "marshfield_csa_2026.txt"
        plan.write_text(MARSHFIELD_PLAN, encoding="utf-8")
        visit.tab("Documents")
        page.set_input_files("#documents-upload input[type=file]", str(plan))
        page.wait_for_selector(f"#documents-upload :text('{plan.name}')")
        page.click("#documents-add")
        page.wait_for_selector("#documents-report :text('added')", timeout=SLOW_MS)
        visit.tab("Partnerships")
        page.wait_for_function(
            "name => document.querySelector('#topics-heatmap .js-plotly-plot')"
            ".data[0].y.includes(name)", arg=MARSHFIELD, timeout=SLOW_MS)
        assert "2026" in _year_choices(page)
        page.locator("ul[role=listbox] li", has_text="2026").first.click()
        assert page.input_value("#topics-year input") == "2026"
        # Every plan in force in 2026: Marshfield's new one among them, its Road Safety mapped.
        mapped = page.evaluate("""([name, topic]) => {
            const trace = document.querySelector('#topics-heatmap .js-plotly-plot').data[0];
            const row = trace.y.indexOf(name), column = trace.x.indexOf(topic);
            return row < 0 || column < 0 ? null : trace.z[row][column];
        }""", [MARSHFIELD, "Road safety"])
        assert mapped == 2
    finally:
        if visit is not None:
            visit.close()
        app.close()


TICK_TEXTS = """() => {
    const gd = document.querySelector('#topics-heatmap .js-plotly-plot');
    const words = t => [...t.querySelectorAll('tspan.line')].map(l => l.textContent).join(' ')
        || t.textContent;
    const read = sel => [...gd.querySelectorAll(sel)].map(words);
    return {x: read('.xtick text'), y: read('.ytick text'), page: document.documentElement
        .scrollWidth, window: window.innerWidth,
        right: gd.getBoundingClientRect().right};
}"""


def test_thirty_partnerships_and_sixty_topics_stay_readable_at_1366_px(
        chromium: Any, topics_store: Path, tmp_path: Path) -> None:
    from heatmap_support import PARTNERSHIPS, ThirtyBySixty, topic_names

    from partnership_kg.ui import web

    port = free_port()
    app = web.serve_app(web.build_app(ThirtyBySixty(copy_store(topics_store, tmp_path))),
                        "127.0.0.1", port, False)
    visit = None
    try:
        visit = Visit(chromium, f"http://127.0.0.1:{port}", width=1366)
        _open_tab(visit)
        drawn = visit.page.evaluate(TICK_TEXTS)
        assert (len(topic_names()), len(PARTNERSHIPS)) == (60, 30)
        assert sorted(drawn["x"]) == sorted(topic_names())
        assert sorted(drawn["y"]) == sorted(PARTNERSHIPS)
        clashes = visit.label_clashes("#topics-heatmap")
        assert (clashes["cut"], clashes["overlaps"]) == ([], [])
        # The page never scrolls sideways, and the plot ends inside the window.
        assert drawn["page"] <= drawn["window"] and drawn["right"] <= drawn["window"]
        visit.shot("partnerships-30x60-1366")
    finally:
        if visit is not None:
            visit.close()
        app.close()


def test_no_chart_carries_a_label_badge_over_its_top_left(topics_visit: Visit) -> None:
    badges = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(gd => {
        const block = gd.closest('.block');
        return [...block.querySelectorAll('[data-testid=block-label]')]
            .filter(label => label.getBoundingClientRect().width > 0)
            .map(label => block.id + ': ' + label.innerText.trim());
    })"""
    topics_visit.page.wait_for_selector("#topics-heatmap .js-plotly-plot")
    assert topics_visit.page.evaluate(badges) == []
    topics_visit.tab("Lineage")  # the whole partnership's picture, drawn on page load
    topics_visit.page.wait_for_selector("#partnership-sankey .js-plotly-plot")
    assert topics_visit.page.evaluate(badges) == []

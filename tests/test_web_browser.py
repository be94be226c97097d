"""The web UI in a real browser: Debian's Chromium driven by Playwright, against the session's
corpus store. Each test has its own page; the upload test has its own store copy and server.
Expected values come from the hand-written gold data (``tests/gold/``, the dev questions), never
from the code under test. Every request the page makes is logged, and any that would leave
127.0.0.1 is refused and fails the test that made it.

Screenshots go to ``test-artifacts/screenshots/`` for a person to look at.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import (
    CORPUS_FILES,
    DEV,
    GOLD,
    GOLD_EVENTS,
    SLOW_MS,
    TABS,
    Visit,
    copy_store,
    free_port,
    norm,
    serve,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def server(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One server for the tests that only read (a store copy, so nothing touches the shared)."""
    app, url = serve(copy_store(corpus_store, tmp_path_factory.mktemp("web")))
    try:
        yield url
    finally:
        app.close()


@pytest.fixture(scope="session")
def browser(server: str, chromium: Any) -> Any:
    return chromium


@pytest.fixture
def visit(browser: Any, server: str) -> Iterator[Visit]:
    opened = Visit(browser, server)
    try:
        yield opened
    finally:
        opened.close()


def test_first_screen_counts_the_corpus_documents_and_gold_versions(visit: Visit) -> None:
    names = [visit.page.get_by_role("tab", name=name, exact=True).inner_text().strip()
             for name in TABS]
    assert names == TABS
    years = sorted(int(year) for year in GOLD["priorities"])
    headline = visit.page.locator("#headline").inner_text()
    assert (f"{len(CORPUS_FILES)} documents · {len(years)} agreement versions, "
            f"{years[0]}–{years[-1]}") in headline
    assert "(s)" not in headline and "/" not in headline  # no "document(s)", no store path
    visit.shot("01-first-screen")


def test_ask_cites_the_gold_source_by_title_and_view_source_marks_the_quote(
        visit: Visit) -> None:
    question = next(q for q in DEV if q["id"] == "dev-05")
    visit.tab("Ask")
    visit.page.fill("#ask-question textarea", question["question"])
    visit.page.press("#ask-question textarea", "Enter")  # Enter submits
    visit.page.wait_for_selector("#ask-answer mark", timeout=SLOW_MS)
    shown = visit.page.locator("#ask-answer").inner_text()
    for expected in question["expect_all"]:
        assert expected in shown
    # The title first, then the file name: "Kent ... Agreement 2014-17 · 000_....txt, page 1".
    cited = re.findall(r"^\s*(?:\d+\.\s*)?(.+?) · (\S+\.txt)", shown, re.MULTILINE)
    assert {source for _, source in cited} & set(question["sources"])
    assert all(title and not title.endswith(".txt") for title, _ in cited)
    first_quote = " ".join(visit.page.locator("#ask-answer mark").first.inner_text().split())
    visit.page.click("#ask-view-source input")
    visit.page.locator("ul[role=listbox] li").first.click()
    visit.page.wait_for_selector("#ask-source-page mark#pkg-quote")
    marked = visit.page.locator("#ask-source-page mark#pkg-quote").inner_text()
    assert " ".join(marked.split()) == first_quote
    visit.shot("02-ask")


def test_lineage_of_asb_shows_the_gold_expansion_with_labelled_nodes(visit: Visit) -> None:
    gold = next(e for e in GOLD_EVENTS["narrative"] if e["query"] == "ASB")
    visit.tab("Lineage")
    visit.page.fill("#lineage-name textarea", gold["query"])
    visit.page.click("#lineage-show")
    drawn = visit.plot("#lineage-sankey")
    labels = drawn["nodes"] + drawn["ticks"]
    assert norm(gold["to"][0]) in {norm(label) for label in labels}
    assert [label for label in labels if re.fullmatch(r"\s*\d{4}\s*", label)] == []
    rows = visit.rows("#lineage-events")
    assert [str(gold["year"]), gold["type"], gold["to"][0]] in [
        [row[0], row[1], row[3]] for row in rows]
    assert "1 change event." in visit.page.locator("#lineage-summary").inner_text()
    visit.shot("03-lineage")


def test_the_whole_partnership_picture_is_drawn_on_page_load_with_every_gold_priority(
        visit: Visit) -> None:
    visit.tab("Lineage")
    drawn = visit.plot("#partnership-sankey")
    labels = {norm(label) for label in drawn["nodes"] + drawn["ticks"]}
    gold = {norm(label) for labels_of_year in GOLD["priorities"].values()
            for label in labels_of_year}
    assert gold - labels == set()
    assert {"merged", "expanded"} <= set(drawn["names"])  # the legend names the changes


@pytest.mark.parametrize("width", [1366, 800])
def test_lineage_chart_labels_never_overlap_or_reach_outside_the_picture(
        browser: Any, server: str, width: int) -> None:
    gold = next(e for e in GOLD_EVENTS["narrative"] if e["query"] == "ASB")
    sized = Visit(browser, server, width=width)
    try:
        sized.tab("Lineage")
        whole = sized.label_clashes("#partnership-sankey")
        sized.page.fill("#lineage-name textarea", gold["query"])
        sized.page.click("#lineage-show")
        history = sized.label_clashes("#lineage-sankey")
        # Every gold priority's name is drawn, and so are the two names of the ASB history.
        assert whole["texts"] > len(GOLD["priorities"]["2014"]) and history["texts"] > 2
        assert (whole["cut"], whole["overlaps"]) == ([], [])
        assert (history["cut"], history["overlaps"]) == ([], [])
        sized.shot(f"03-lineage-labels-{width}")
    finally:
        sized.close()


def test_explore_reads_links_as_words_with_a_legend(visit: Visit) -> None:
    label = GOLD["priorities"]["2014"][3]
    visit.tab("Explore")
    visit.pick("#explore-centre", f"{label} · priority 2014")
    drawn = visit.plot("#explore-network")
    assert {"priority", "agreement version"} <= set(drawn["names"])
    rows = visit.rows("#explore-neighbours")
    links = [row[3] for row in rows]
    assert "priority in" in ", ".join(links)
    assert [link for link in links if re.search(r"[a-z][A-Z]|[→←]", link)] == []
    first_centre = visit.page.locator("#explore-centre input").input_value()
    visit.page.locator("#explore-neighbours [role=row].virtual-row").first.locator(
        "[role=gridcell]").first.click()
    visit.page.wait_for_function(
        "v => document.querySelector('#explore-centre input').value !== v", arg=first_centre)
    visit.shot("04-explore")


def _compare(visit: Visit, older: str, newer: str) -> None:
    visit.pick("#compare-a", older)
    visit.pick("#compare-b", newer)
    visit.page.click("#compare-run")


def test_compare_lists_the_gold_differences_both_ways_and_swaps_a_late_from(
        visit: Visit) -> None:
    before, after = GOLD["priorities"]["2014"], GOLD["priorities"]["2017"]
    visit.tab("Compare")
    _compare(visit, "2014-17 —", "April 2017 —")
    visit.page.wait_for_selector("#compare-added :text('Added')", timeout=SLOW_MS)
    removed = visit.page.locator("#compare-removed").inner_text()
    added = visit.page.locator("#compare-added").inner_text()
    renamed = visit.rows("#compare-renamed")
    moved_from = " ".join(row[1] for row in renamed)
    moved_to = " ".join(row[2] for row in renamed)
    kept = {norm(label) for label in before} & {norm(label) for label in after}
    for label in before:
        if norm(label) not in kept:
            assert label in removed or label in moved_from
    for label in after:
        if norm(label) not in kept:
            assert label in added or label in moved_to
        else:  # in both versions: neither added nor removed
            assert label not in added and label not in removed
    heading = visit.page.locator("#compare-header").inner_text()
    _compare(visit, "April 2017 —", "2014-17 —")
    visit.page.wait_for_selector("#compare-header :text('swapped')", timeout=SLOW_MS)
    assert visit.page.locator("#compare-header").inner_text().startswith(heading.strip())
    _compare(visit, "2014-17 —", "2014-17 —")
    visit.page.wait_for_selector("#compare-header :text('the same version')")
    visit.shot("05-compare")


def test_sparql_rows_and_csv_match_the_gold_and_an_error_empties_the_grid(visit: Visit) -> None:
    gold = sorted(GOLD["priorities"]["2014"])
    visit.tab("SPARQL")
    visit.page.fill("#sparql-query textarea", "SELECT DISTINCT ?label WHERE { ?p a csa:Priority ; "
                    "skos:prefLabel ?label ; skos:inScheme/csa:startYear 2014 } ORDER BY ?label")
    visit.page.click("#sparql-run")
    visit.page.wait_for_function(
        "n => document.querySelector('#sparql-message').innerText.trim() === n",
        arg=f"{len(gold)} rows.")
    assert [row[0] for row in visit.rows("#sparql-results")] == gold
    with visit.page.expect_download() as download:
        visit.page.click("#sparql-csv")
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
    assert [row["label"] for row in rows] == gold
    visit.shot("06-sparql")
    visit.page.fill("#sparql-query textarea", "SELECT ?s WHERE { ?s northshire:lead ?o }")
    visit.page.click("#sparql-run")
    visit.page.wait_for_selector("#sparql-message :text('not declared')")
    message = visit.page.locator("#sparql-message").inner_text()
    assert "Line 1, column" in message and "skos:" in message and "expected" not in message
    assert not visit.page.locator("#sparql-results").is_visible()
    assert visit.page.locator("#sparql-csv").is_disabled()
    visit.page.fill("#sparql-query textarea", "DELETE WHERE { ?s ?p ?o }")
    visit.page.click("#sparql-run")
    visit.page.wait_for_selector("#sparql-message :text('refused')")
    with socket.socket() as listener:  # SERVICE is refused before any connection is tried
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(0.5)
        port = listener.getsockname()[1]
        visit.page.fill("#sparql-query textarea",
                        f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/q> {{ ?s ?p ?o }} }}")
        visit.page.click("#sparql-run")
        visit.page.wait_for_selector("#sparql-message :text('SERVICE is refused')")
        with pytest.raises(TimeoutError):
            listener.accept()


def test_export_downloads_parse_and_the_picture_is_named_after_its_view(visit: Visit) -> None:
    from rdflib import Graph
    from rdflib.namespace import SKOS

    visit.tab("Export")
    visit.page.click("#export-run")
    visit.page.wait_for_selector("#export-file a", timeout=SLOW_MS)
    with visit.page.expect_download() as download:
        visit.page.locator("#export-file a").first.click()
    graph = Graph().parse(download.value.path(), format="turtle")
    labels = {norm(str(label)) for label in graph.objects(None, SKOS.prefLabel)}
    assert {norm(label) for label in GOLD["priorities"]["2014"]} - labels == set()
    visit.page.click("#export-picture")  # the whole-partnership picture, drawn on page load
    visit.page.wait_for_selector("#export-picture-file a", timeout=SLOW_MS)
    with visit.page.expect_download() as picture:
        visit.page.locator("#export-picture-file a").first.click()
    assert re.fullmatch(r"partnership-[A-Za-z-]+\.png", picture.value.suggested_filename)
    header = Path(picture.value.path()).read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(header[16:20], "big") == 1200
    visit.shot("07-export")


def test_screen_readers_hear_done_not_a_message_key(visit: Visit) -> None:
    visit.tab("SPARQL")
    visit.page.click("#sparql-run")
    visit.page.wait_for_selector("#sparql-message :text('rows')")
    visit.page.wait_for_function("() => Array.from(document.querySelectorAll('[aria-live]'))"
                                 ".some(e => e.innerText.includes('Done'))")
    assert "common." not in visit.page.locator("body").inner_text()


def test_tables_keep_words_whole_and_scroll_at_800_px(browser: Any, server: str) -> None:
    narrow = Visit(browser, server, width=800)
    try:
        narrow.tab("Documents")
        cell = "#documents-table [role=gridcell]"
        narrow.page.wait_for_selector(cell)
        # Every element of a cell and a header keeps words whole; a box around the table
        # scrolls sideways instead of squeezing it.
        styles = narrow.page.evaluate("""sel => {
            const cells = [...document.querySelectorAll(sel)];
            const breaking = cells.flatMap(c => [c, ...c.querySelectorAll('*')])
                .map(e => getComputedStyle(e))
                .filter(s => s.wordBreak !== 'normal' || s.overflowWrap !== 'normal').length;
            let box = cells[0].parentElement;
            while (box && !(box.scrollWidth > box.clientWidth
                            && ['auto', 'scroll'].includes(getComputedStyle(box).overflowX))) {
                box = box.parentElement;
            }
            return [breaking, box !== null];
        }""", f"{cell}, #documents-table [role=columnheader]")
        assert styles == [0, True]
        narrow.shot("09-documents-800")
    finally:
        narrow.close()


def test_no_request_leaves_127_0_0_1(visit: Visit) -> None:
    for name in TABS:
        visit.tab(name)
    visit.tab("Lineage")
    visit.plot("#partnership-sankey")
    assert visit.requests
    assert [url for url in visit.requests
            if not url.startswith((visit.url, "data:", "blob:"))] == []


def test_an_upload_shows_on_a_reload_and_in_a_second_tab(browser: Any, corpus_store: Path,
                                                         tmp_path: Path) -> None:
    app, url = serve(copy_store(corpus_store, tmp_path))
    first = second = None
    try:
        first = Visit(browser, url)
        upload = tmp_path / "wessex_board_minutes.txt"
        upload.write_text("Wessex Community Safety Partnership\nHeld on 12 March 2025\n\n"
                          "Present: the chair and partners.\n\nThe partnership noted the report "
                          "on rural crime and agreed the next steps.\n", encoding="utf-8")
        first.tab("Documents")
        first.page.set_input_files("#documents-upload input[type=file]", str(upload))
        first.page.wait_for_selector(f"#documents-upload :text('{upload.name}')")
        first.page.click("#documents-add")
        first.page.wait_for_selector("#documents-report :text('added')", timeout=SLOW_MS)
        assert "added: minutes, 1 page, 1 passage" in first.page.locator(
            "#documents-report").inner_text()
        # The upload list is cleared: the file is not sent again with the next one.
        first.page.wait_for_function(
            "n => !document.querySelector('#documents-upload').innerText.includes(n)",
            arg=upload.name)
        total = f"{len(CORPUS_FILES) + 1} documents"
        first.page.wait_for_selector(f"#headline :text('{total}')", timeout=SLOW_MS)
        second = Visit(browser, url)
        for page in (second, first):
            if page is first:
                page.open()  # a reload
            assert total in page.page.locator("#headline").inner_text()
            page.tab("Documents")
            row = next(r for r in page.rows("#documents-table") if upload.name in r)
            assert row[:4] == ["Wessex Community Safety Partnership", upload.name, "minutes",
                               "2025-03-12"]
        first.shot("08-documents")
    finally:
        for page in (first, second):
            if page is not None:
                page.close()
        app.close()


def test_the_server_reaches_no_network_while_a_page_is_used(browser: Any, corpus_store: Path,
                                                            tmp_path: Path) -> None:
    """``serve`` under strace: loading the page, asking, drawing the lineage and saving a
    picture make no connection beyond loopback and no name look-up."""
    from offline_support import TRACE, off_machine

    if not shutil.which("strace"):
        if os.environ.get("CI"):
            pytest.fail("strace is needed to prove the server stays offline")
        pytest.skip("strace is not installed")
    store = copy_store(corpus_store, tmp_path)
    port = free_port()
    trace = tmp_path / "trace.txt"
    server = subprocess.Popen(
        [*TRACE, "-o", str(trace), sys.executable, "-m", "partnership_kg.ui.cli", "--store",
         str(store), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    visit = None
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(600):  # the server is up when its port answers
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.5)
        visit = Visit(browser, url)
        question = next(q for q in DEV if q["id"] == "dev-05")
        visit.page.fill("#ask-question textarea", question["question"])
        visit.page.press("#ask-question textarea", "Enter")
        visit.page.wait_for_selector("#ask-answer mark", timeout=SLOW_MS)
        visit.tab("Lineage")
        visit.plot("#partnership-sankey")
        visit.tab("Export")
        visit.page.click("#export-picture")
        visit.page.wait_for_selector("#export-picture-file a", timeout=SLOW_MS)
    finally:
        if visit is not None:
            visit.close()
        # strace and the server it runs are one process group of their own: end both.
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    assert off_machine(trace.read_text(errors="replace")) == []

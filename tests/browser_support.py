"""What the browser tests share: the gold data they check against, a server on a store copy,
and ``Visit``, one page with its request log (any request leaving 127.0.0.1 is refused)."""

from __future__ import annotations

import json
import os
import shutil
import socket
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
TABS = ["Ask", "Lineage", "Explore", "Compare", "SPARQL", "Documents", "Export"]
# Answers come from the graph or, for the first passage question, after the embedding model
# loads; a build after an upload re-indexes the corpus: both are slow on a small CI machine.
SLOW_MS = 240_000

GOLD = json.loads((ROOT / "tests" / "gold" / "agreements.json").read_text("utf-8"))
GOLD_EVENTS = json.loads((ROOT / "tests" / "gold" / "lineage_events.json").read_text("utf-8"))
DEV = [json.loads(line) for line in
       (ROOT / "benchmarks" / "data" / "dev_questions.jsonl").read_text("utf-8").splitlines()
       if line.strip()]
CORPUS_FILES = sorted((ROOT / "corpus").glob("*.txt"))


def norm(label: str) -> str:
    """Gold labels match ignoring case, '&'/'and' and spacing (as the gold data says)."""
    return " ".join(label.replace("&", "and").casefold().split())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(store: Path) -> tuple[Any, str]:
    from partnership_kg.ui import web

    port = free_port()
    return web.launch(store, host="127.0.0.1", port=port, block=False), f"http://127.0.0.1:{port}"


def require_chromium() -> None:
    """Skip without Debian's Chromium; with CI set, fail: CI must run the browser tests."""
    if not CHROMIUM.exists():
        reason = "Debian's chromium is not installed at /usr/bin/chromium"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: CI must run the browser tests")
        pytest.skip(reason)


def copy_store(corpus_store: Path, folder: Path) -> Path:
    require_chromium()
    path = folder / "store"
    shutil.copytree(corpus_store, path)
    return path


class Visit:
    """One page of one test, with every request it made and those refused as leaving."""

    def __init__(self, browser: Any, url: str, width: int = 1366) -> None:
        self.url = url
        self.context = browser.new_context(viewport={"width": width, "height": 900},
                                           accept_downloads=True)
        self.requests: list[str] = []
        self.leaked: list[str] = []
        self.page = self.context.new_page()
        self.page.set_default_timeout(60_000)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.route("**/*", self._only_local)
        self.open()

    def _only_local(self, route: Any) -> None:
        if route.request.url.startswith((self.url, "data:", "blob:")):
            route.continue_()
        else:  # the UI must work offline: anything else is recorded and refused
            self.leaked.append(route.request.url)
            route.abort()

    def open(self) -> None:
        self.page.goto(self.url)
        self.page.wait_for_selector("#ask-question textarea")
        # The headline is computed when the page loads: wait until it says what is stored.
        self.page.wait_for_function(
            "() => /documents? ·/.test(document.querySelector('#headline').innerText)")

    def tab(self, name: str) -> None:
        """Open a tab as a user does: from the tab bar, or from its "More tabs" menu where a
        narrow window has no room for it."""
        tab = self.page.get_by_role("tab", name=name, exact=True)
        if tab.count() and tab.is_visible():
            tab.click()
            return
        self.page.get_by_role("button", name="More tabs").click()
        self.page.locator(".overflow-dropdown button", has_text=name).first.click()

    def rows(self, selector: str) -> list[list[str]]:
        rows = self.page.locator(f"{selector} [role=row].virtual-row")
        return [[cell.strip() for cell in row.locator("[role=gridcell]").all_inner_texts()]
                for row in rows.all()]

    def pick(self, selector: str, text: str) -> None:
        self.page.click(f"{selector} input")
        self.page.locator("ul[role=listbox] li", has_text=text).first.click()

    def plot(self, selector: str) -> dict[str, Any]:
        """What a chart draws: its traces' names and labels, and the y axis' tick labels (a
        label wrapped onto lines reads as its words)."""
        self.page.wait_for_selector(f"{selector} .js-plotly-plot", timeout=SLOW_MS)
        return self.page.evaluate("""sel => {
            const gd = document.querySelector(sel + ' .js-plotly-plot');
            return {names: gd.data.map(t => t.name || ''),
                    nodes: gd.data.flatMap(t => (t.node && t.node.label) || []),
                    ticks: ((gd.layout.yaxis && gd.layout.yaxis.ticktext) || [])
                        .map(tick => tick.replaceAll('<br>', ' '))};
        }""", selector)

    def label_clashes(self, selector: str) -> dict[str, Any]:
        """Every text a chart draws (node and lane names, versions, ticks, legend, title; not
        the hover box): how many, those that reach outside the chart's own SVG box, and each
        pair whose boxes intersect by more than half a pixel both ways."""
        self.page.wait_for_selector(f"{selector} .js-plotly-plot svg.main-svg text")
        return self.page.evaluate("""sel => {
            const gd = document.querySelector(sel + ' .js-plotly-plot');
            const frame = gd.querySelector('svg.main-svg').getBoundingClientRect();
            const boxes = [...gd.querySelectorAll('svg text')]
                .filter(t => t.textContent.trim() && !t.closest('.hoverlayer')
                        && getComputedStyle(t).display !== 'none'
                        && getComputedStyle(t).visibility !== 'hidden')
                .map(t => [t.textContent, t.getBoundingClientRect()])
                .filter(([, box]) => box.width > 0);
            const cut = boxes.filter(([, b]) => b.left < frame.left - 0.5
                || b.right > frame.right + 0.5 || b.top < frame.top - 0.5
                || b.bottom > frame.bottom + 0.5).map(([text]) => text);
            const overlaps = [];
            boxes.forEach(([one, a], i) => boxes.slice(i + 1).forEach(([other, b]) => {
                if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5
                    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5) {
                    overlaps.push([one, other]);
                }
            }));
            return {texts: boxes.length, cut, overlaps};
        }""", selector)

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def close(self) -> None:
        self.context.close()
        assert not self.leaked, f"the page tried to reach the network: {self.leaked[:5]}"

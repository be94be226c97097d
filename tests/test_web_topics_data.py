"""The Partnerships tab's heatmap, its CSV and PNG, and its year list, from an invented matrix
(no browser)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from partnership_kg.ui.web_export import chromium_ready
from partnership_kg.ui.web_partnerships import (
    QUOTE_CHARS,
    cell_rows,
    heatmap,
    heatmap_png,
    matrix_csv,
)

WESSEX, RIVERFORD = "Wessex Community Safety Partnership", "Safer Riverford Partnership"
LONG_QUOTE = "The priorities for Wessex are: " + "Road Safety; " * 30


def _entry(label: str, low: bool = False, quote: str = "") -> dict:
    return {"label": label, "version": "2019-22", "year": 2019, "method": "label",
            "confidence": 0.5 if low else 0.95, "low_confidence": low,
            "evidence": {"source": "wessex.txt", "page": 3, "quote": quote or label}}


MATRIX = {
    "year": None, "partnerships": [WESSEX, RIVERFORD],
    "topics": [{"topic": "Road safety"}, {"topic": "Victims and witnesses"}],
    "cells": [
        {"partnership": WESSEX, "topic": "Road safety", "confident": True,
         "entries": [_entry("Safer Roads", quote=LONG_QUOTE)]},
        {"partnership": RIVERFORD, "topic": "Victims and witnesses", "confident": False,
         "entries": [_entry("Brighter tomorrows", low=True)]},
    ],
}


def test_a_cell_is_dark_when_mapped_pale_when_only_low_confidence_and_blank_otherwise() -> None:
    trace = heatmap(MATRIX).data[0]
    assert [list(row) for row in trace.z] == [[2, 0], [0, 1]]
    assert list(trace.y) == [WESSEX, RIVERFORD] and list(trace.x) == ["Road safety",
                                                                       "Victims and witnesses"]


def test_a_hover_names_the_label_version_and_a_quote_cut_to_fit() -> None:
    hover = heatmap(MATRIX).data[0].customdata
    assert hover[0][0].startswith(f"<b>{WESSEX}</b> · Road safety<br>“Safer Roads” (2019-22)")
    quote = hover[0][0].split("<i>")[1].removesuffix("</i>")
    assert len(quote) <= QUOTE_CHARS < len(LONG_QUOTE) and quote.endswith("…")
    assert "(low confidence)" in hover[1][1]
    assert hover[0][1].endswith("no priority or theme on this topic")


def test_the_heatmap_grows_with_its_rows_so_thirty_partnerships_stay_readable() -> None:
    many = {**MATRIX, "partnerships": [f"Partnership {n}" for n in range(30)],
            "topics": [{"topic": f"Topic {n}"} for n in range(60)], "cells": []}
    few = {**many, "partnerships": many["partnerships"][:10]}
    assert heatmap(many).layout.height - heatmap(few).layout.height == 20 * 28
    layout = heatmap(many).layout
    assert layout.xaxis.tickfont.size == 10 and layout.yaxis.tickfont.size == 11
    assert layout.xaxis.tickangle == -90  # slanted names overlap once columns are narrow


def test_rule_a_long_partnership_name_is_drawn_on_two_lines_and_a_short_one_on_one() -> None:
    long_name = "Wychwood Marches and District Community Safety Partnership"
    drawn = heatmap({**MATRIX, "partnerships": [WESSEX, long_name, RIVERFORD]}).layout.yaxis
    assert list(drawn.tickvals) == [WESSEX, long_name, RIVERFORD]  # cells keep the full name
    assert list(drawn.ticktext) == [
        "Wessex Community Safety<br>Partnership",
        "Wychwood Marches and District<br>Community Safety Partnership",
        "Safer Riverford Partnership"]


def test_the_csv_has_a_row_per_label_with_its_quote() -> None:
    rows = list(csv.reader(io.StringIO(matrix_csv(MATRIX))))
    assert rows[0][:4] == ["partnership", "topic", "label", "version"]
    assert rows[1:] == [[str(value) for value in row] for row in cell_rows(MATRIX)]
    assert rows[2] == [RIVERFORD, "Victims and witnesses", "Brighter tomorrows", "2019-22",
                       "label", "0.5", "wessex.txt", "3", "Brighter tomorrows"]


def _png(path: Path) -> tuple[bytes, int, int]:
    data = path.read_bytes()
    return data[:8], int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@pytest.mark.skipif(not chromium_ready(), reason="PNG is drawn by a local Chromium")
def test_the_heatmap_png_is_named_after_its_year_and_shows_both_kinds_of_cell(
        tmp_path: Path) -> None:
    from PIL import Image

    out = heatmap_png({**MATRIX, "year": 2019}, tmp_path)
    assert out == tmp_path / "partnership-topics-2019.png"
    # A picture 1200 px wide, and two rows need no more than the 500 px a picture has at least.
    assert _png(out) == (b"\x89PNG\r\n\x1a\n", 1200, 500)
    colours = {colour for _, colour in Image.open(out).convert("RGB").getcolors(1 << 20)}
    assert {(0x2b, 0x6c, 0xb0), (0xf6, 0xc4, 0x8b)} <= colours  # blue mapped, orange low
    assert heatmap_png(MATRIX, tmp_path).name == "partnership-topics-any-year.png"


class _Store:
    """Stands in for a Workspace over a store whose versions' years are in ``years.json``; as
    a Workspace does, it reads the store when opened."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.years = json.loads((path / "years.json").read_text(encoding="utf-8"))

    def topics(self, year: int | None = None) -> dict:
        entries = [{**_entry("Safer Roads"), "year": y} for y in self.years]
        return {**MATRIX, "cells": [{**MATRIX["cells"][0], "entries": entries}]}


def test_rule_the_year_list_follows_the_store_after_a_build_swaps_a_new_one_in(
        tmp_path: Path) -> None:
    import gradio as gr

    from partnership_kg.ui.web_partnerships import ANY_YEAR, partnerships_tab
    from partnership_kg.ui.web_session import Session

    (tmp_path / "years.json").write_text("[2019, 2015]", encoding="utf-8")
    session = Session(_Store(tmp_path))
    with gr.Blocks():
        partnerships_tab(session)
    refresh = next(update for component, update in session.refreshers
                   if component.elem_id == "topics-year")
    assert refresh()["choices"] == [ANY_YEAR, "2015", "2019"]
    (tmp_path / "years.json").write_text("[2019, 2015, 2031]", encoding="utf-8")
    session.reopen()  # what an upload's build does, and a page load after a CLI build
    assert refresh()["choices"] == [ANY_YEAR, "2015", "2019", "2031"]

"""The Partnerships tab's heatmap and CSV, from an invented matrix (no browser)."""

from __future__ import annotations

import csv
import io

from partnership_kg.ui.web_partnerships import QUOTE_CHARS, cell_rows, heatmap, matrix_csv

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
    layout = heatmap(many).layout
    assert layout.height == 26 * 30 + 260
    assert layout.xaxis.tickfont.size == 10 and layout.yaxis.tickfont.size == 11


def test_the_csv_has_a_row_per_label_with_its_quote() -> None:
    rows = list(csv.reader(io.StringIO(matrix_csv(MATRIX))))
    assert rows[0][:4] == ["partnership", "topic", "label", "version"]
    assert rows[1:] == [[str(value) for value in row] for row in cell_rows(MATRIX)]
    assert rows[2] == [RIVERFORD, "Victims and witnesses", "Brighter tomorrows", "2019-22",
                       "label", "0.5", "wessex.txt", "3", "Brighter tomorrows"]

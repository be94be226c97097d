"""Reading invented PDFs drawn in both council styles of tests/pdf_render.py: running headers
and footers left out, wrapped lines re-joined, tables one cell per column, columns in order."""

from __future__ import annotations

import pytest
from pdf_render import render

from partnership_kg.ingest import extract

TEAMS = ["housing", "transport", "schools", "parks", "libraries", "markets", "harbours",
         "bridges", "museums", "clinics", "stations", "farms"]
STEPS = ["plans", "meets", "reports", "reviews", "listens", "acts"]
# Every line differs from every other, as in a real document (no accidental repeats).
PARAGRAPHS = [" ".join(f"The {team} team of Riverford {step} with partners on the {team} "
                       f"priority, as step {STEPS.index(step) + 1} of its year."
                       for step in STEPS) for team in TEAMS]
LEADS = [["Priority", "Lead"],
         ["Road Safety", "Chief Officer of the Riverford Fire and Rescue Service and Chair of "
                         "the Riverford Safer Roads Tactical Coordination Group"],
         ["Drugs", "Director of Public Health, Riverford Borough Council"]]
TEXT = "\n\n".join([
    "Riverford Community Safety Plan",
    *PARAGRAPHS[:6],
    "\n".join("\t".join(row) for row in LEADS),
    *PARAGRAPHS[6:],
])


@pytest.fixture(scope="module", params=["ruled", "columns"])
def plan(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> tuple[str, list]:
    path = render(TEXT, tmp_path_factory.mktemp("plan") / "plan.pdf", request.param)
    document = extract(path)
    return request.param, [block for part in document.parts for block in part.blocks]


def test_paragraphs_come_back_whole_in_reading_order(plan: tuple[str, list]) -> None:
    _, blocks = plan
    prose = [block.text for block in blocks if block.kind == "paragraph"]
    assert prose == PARAGRAPHS


def test_running_header_and_page_footers_are_left_out(plan: tuple[str, list]) -> None:
    _, blocks = plan
    texts = [block.text for block in blocks]
    assert texts[0] == "Riverford Community Safety Plan"
    assert not any("Page " in text or "Partnership" in text for text in texts)
    assert all(block.page is not None for block in blocks)
    assert max(block.page for block in blocks) >= 2


def test_table_cells_wrapped_over_lines_are_one_cell_each(plan: tuple[str, list]) -> None:
    _, blocks = plan
    (table,) = [block for block in blocks if block.kind == "table"]
    assert table.rows == LEADS

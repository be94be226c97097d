"""List shapes in a PDF (written by reportlab): the same labels per version as in text."""

from __future__ import annotations

from pathlib import Path

from shapes_support import priorities

from partnership_kg.graph.build import build_graph
from partnership_kg.ingest import extract


def _pdf(path: Path, story_lines: list[tuple[str, str]], table: list[list[str]] | None) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    story: list = [Paragraph(text, styles[style]) for style, text in story_lines]
    if table is not None:
        grid = Table(table, colWidths=[180, 270])
        grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
        story.append(grid)
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def test_priority_one_headings_in_a_pdf(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "northshire_plan.pdf", [
        ("Heading1", "Northshire Community Safety Plan 2016/2020"),
        ("BodyText", "The partnership has identified the priorities for the next four years:"),
        ("Heading2", "Priority One – Safer Roads"),
        ("BodyText", "We will reduce the number of people hurt on the roads of the county."),
        ("Heading2", "Priority Two – Protecting Children"),
        ("BodyText", "We will work with schools to keep children safe from exploitation."),
    ], None)
    document = extract(path)
    assert document.parts[0].type == "plan"
    assert priorities(build_graph([document])) == {"2016/2020": ["Protecting Children",
                                                                 "Safer Roads"]}


def test_a_priority_table_in_a_pdf(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "riverford_strategy.pdf", [
        ("Heading1", "Safer Riverford Strategy 2021-2024"),
        ("BodyText", "This strategy sets out what the partnership will do."),
    ], [["Priority", "What we will do"],
        ["Safer Streets", "More patrols at night"],
        ["Protecting Young People", "School visits and mentoring"]])
    document = extract(path)
    assert document.parts[0].type == "strategy"
    assert priorities(build_graph([document])) == {"2021-2024": ["Protecting Young People",
                                                                 "Safer Streets"]}

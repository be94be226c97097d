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


HTML = """<html><head><title>Our priorities | Northshire Council</title></head><body>
<nav><a href="/">Skip to content</a> <a href="/crime">Crime</a></nav>
<main>
<h1>Northshire Community Safety Plan 2013-2016</h1>
<p>We have identified the following community safety priorities across Northshire.</p>
<h2>Anti-social behaviour</h2>
<p>We know that if it happens to you it can have a big impact on your quality of life.</p>
<h2>Road safety</h2>
<p>We are committed to making Northshire a safer place in which to walk, ride and drive.</p>
<h2>Hate crime</h2>
<p>We will not tolerate any incidents motivated by prejudice or hate.</p>
</main></body></html>
"""


def test_headings_each_followed_by_a_paragraph_in_a_web_page(tmp_path: Path) -> None:
    path = tmp_path / "northshire_priorities.html"
    path.write_text(HTML, encoding="utf-8")
    document = extract(path)
    assert document.parts[0].type == "plan"
    assert priorities(build_graph([document])) == {"2013-2016": [
        "Anti-social behaviour", "Hate crime", "Road safety"]}


def test_a_numbered_list_with_leads_in_a_word_document(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    word.add_heading("Riverford Partnership Plan 2019/20", level=0)
    word.add_paragraph("Our key priorities are:")
    word.add_paragraph("Safer Streets (Lead: Head of Community Safety, Riverford Council)",
                       style="List Number")
    word.add_paragraph("Protecting Young People", style="List Number")
    word.add_paragraph("The board reviews the plan each quarter.")
    path = tmp_path / "riverford_plan.docx"
    word.save(str(path))
    document = extract(path)
    assert document.parts[0].type == "plan"
    dataset = build_graph([document])
    assert priorities(dataset) == {"2019/20": ["Protecting Young People", "Safer Streets"]}
    leads = {str(row[0]) for row in dataset.query(
        "SELECT ?post WHERE { ?c csa:lead/csa:post/skos:prefLabel ?post }")}
    assert leads == {"Head of Community Safety"}

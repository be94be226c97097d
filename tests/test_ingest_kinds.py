"""Council and web page types read from the text, with the date the page gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_kg.ingest import extract
from partnership_kg.ingest.kinds import parse_date


def _part(tmp_path: Path, text: str, name: str = "page.txt") -> tuple[str, str, str | None]:
    path = tmp_path / name
    path.write_text(text)
    part = extract(path).parts[0]
    return part.type, part.title, part.date


def test_issue_page(tmp_path: Path) -> None:
    text = ("Issue details\n\nNorthshire Community Safety Agreement\n\n"
            "The partnership must refresh its agreement each year.\n\n"
            "Decision type: Non-key\n\nDecision status: Recommendations Approved\n\n"
            "Notice of proposed decision first published: 01/04/2024\n\n"
            "Decision due: 9 Apr 2024 by Cabinet\n")
    # An agreement's name as the title does not make the page an agreement.
    assert _part(tmp_path, text) == (
        "issue page", "Northshire Community Safety Agreement", "2024-04-09")


def test_decision_notice_from_labels(tmp_path: Path) -> None:
    text = ("Riverford Community Safety Strategy\n\nDecision Maker: Cabinet\n\n"
            "Decision published: 14/03/2025\n\n"
            "Reasons for the decision: the strategy ends this year.\n")
    assert _part(tmp_path, text) == (
        "decision notice", "Riverford Community Safety Strategy", "2025-03-14")


def test_agenda_item(tmp_path: Path) -> None:
    text = ("Agenda item - Community Safety Partnership Annual Report\n\n"
            "Meeting: 12/03/2025 - Northshire Cabinet (Item 5.)\n\n"
            "Minutes:\n\nThe Cabinet noted the report.\n")
    assert _part(tmp_path, text) == (
        "agenda item", "Community Safety Partnership Annual Report", "2025-03-12")


def test_news_release_by_its_mark(tmp_path: Path) -> None:
    text = ("Press release\n\nRiverford Partnership Plan Approved\n\n"
            "Published 3 May 2023\n\nThe partnership approved its plan.\n")
    assert _part(tmp_path, text) == (
        "news release", "Riverford Partnership Plan Approved", "2023-05-03")


def test_news_release_by_headline_and_date(tmp_path: Path) -> None:
    text = ("Northshire partnership launches new plan to tackle crime\n\n"
            "Published: 3 May 2023\n\nThe partnership launched its plan today.\n")
    assert _part(tmp_path, text) == (
        "news release", "Northshire partnership launches new plan to tackle crime", "2023-05-03")


def test_dated_document_with_title_case_name_is_no_news(tmp_path: Path) -> None:
    text = ("Northshire Community Safety Strategy Annual Refresh\n\n"
            "Published: 3 May 2023\n\nThe strategy sets out the partnership's work.\n")
    # No news release: its title names the plan it is (typed by plan_kinds, a version).
    assert _part(tmp_path, text)[0] == "strategy"


def test_web_page_gets_published_date(tmp_path: Path) -> None:
    page = ("<html><body><main><h1>Safer Riverford Partnership</h1>"
            "<p>Last updated: 2 February 2024</p><p>About the partnership.</p></main>"
            "</body></html>")
    assert _part(tmp_path, page, "page.html") == (
        "web page", "Safer Riverford Partnership", "2024-02-02")


@pytest.mark.parametrize(("text", "expected"), [
    ("Date of decision: 12 March 2025", "2025-03-12"),
    ("Wednesday, 12th March, 2025 10.00 am", "2025-03-12"),
    ("Decision published: 12/03/2025", "2025-03-12"),
    ("October 10, 2025 Cabinet", "2025-10-10"),
    ("Decision due: 9 Sept 2014 by Cabinet", "2014-09-09"),
    ("Reference 13/14/2025 is no date", None),
])
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


def test_slides_pdf(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "briefing.pdf"
    canvas = Canvas(str(path), pagesize=landscape(A4))
    slides = [("Northshire CSP briefing", ["Board meeting", "Spring 2025"]),
              ("Our priorities", ["Violence in the town centre", "Anti-social behaviour"]),
              ("Next steps", ["Consult residents", "Publish the plan in June"])]
    for title, bullets in slides:
        canvas.setFont("Helvetica-Bold", 28)
        canvas.drawString(60, 500, title)
        canvas.setFont("Helvetica", 18)
        for index, bullet in enumerate(bullets):
            canvas.drawString(80, 420 - 40 * index, f"- {bullet}")
        canvas.showPage()
    canvas.save()
    part = extract(path).parts[0]
    assert (part.type, part.title) == ("slides", "Northshire CSP briefing")


def test_prose_pdf_is_not_slides(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "letter.pdf"
    canvas = Canvas(str(path))
    words = ["spring", "summer", "autumn", "winter", "morning", "evening"]
    for page in range(3):
        for index, word in enumerate(words):  # lines differ: none is a running header
            canvas.drawString(60, 760 - 20 * index, f"The partnership met in the {word} and "
                              f"agreed to consult residents on plan {'ABC'[page]} in full.")
        canvas.showPage()
    canvas.save()
    assert extract(path).parts[0].type == "other"

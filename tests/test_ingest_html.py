"""Saved web pages: main text only, headings with levels, numbered lists, tables, page types."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from partnership_kg import settings
from partnership_kg.ingest import Document, IngestError, extract

PLAN_PAGE = """Source: https://www.northshire.example.gov.uk/community-safety/plan
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Community Safety Plan 2025-2028 | Northshire Council</title>
<script>var banner = "Skip this";</script><style>.hidden { display: none }</style></head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<div id="cookie-banner"><p>We use cookies to make this site work. Accept all cookies</p></div>
<header class="site-header"><a href="/">Northshire Council</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/bins">Bins and recycling</a></li></ul></nav>
</header>
<nav class="breadcrumb" aria-label="Breadcrumb"><ol><li>Home</li><li>Safety</li></ol></nav>
<main id="main">
<h1>Northshire Community Safety Plan 2025-2028</h1>
<p>The Northshire Community Safety Partnership has agreed   three priorities
for the next three years.</p>
<h2>Our priorities</h2>
<ol>
<li>Reducing violence in the town centre</li>
<li>Tackling anti-social behaviour <ul><li>in parks</li><li>on buses</li></ul></li>
<li>Protecting vulnerable people</li>
</ol>
<ol type="a" start="2"><li>Second lettered point</li><li>Third lettered point</li></ol>
<h3>Who leads</h3>
<table><tr><th>Priority</th><th>Lead</th><th>Review</th></tr>
<tr><td>Reducing violence</td><td>Northshire Police</td><td>Yearly</td></tr>
<tr><td colspan="2">All priorities</td><td>Quarterly</td></tr></table>
<p>Contact us<br>safety@northshire.example</p>
</main>
<footer><p>Copyright Northshire Council 2025</p><a href="/privacy">Privacy</a></footer>
</body></html>
"""

DECISION_PAGE = """<html><head><title>Decision - Northshire Community Safety Plan</title></head>
<body><div id="modgov"><div class="mgBreadcrumb">Home &gt; Decisions</div>
<div class="mgContent">
<h1>Decision details</h1>
<h2>Northshire Community Safety Plan 2025-2028</h2>
<p><strong>Decision Maker:</strong> Cabinet</p>
<p><strong>Decision published:</strong> 14/03/2025</p>
<p><strong>Date of decision:</strong> 12 March 2025</p>
<h3>Decision:</h3>
<p>Cabinet approved the Northshire Community Safety Plan 2025-2028.</p>
<h3>Reasons for the decision:</h3>
<p>The partnership must publish a plan every three years.</p>
</div></div></body></html>
"""


def _page(tmp_path: Path, text: str, name: str = "page.html") -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract(path)


def _blocks(document: Document) -> list[tuple[str, int | None, str]]:
    return [(b.kind, b.level, b.text) for part in document.parts for b in part.blocks]


def test_main_text_only_with_headings_lists_and_table(tmp_path: Path) -> None:
    document = _page(tmp_path, PLAN_PAGE)
    assert (document.format, document.source_url) == (
        "html", "https://www.northshire.example.gov.uk/community-safety/plan")
    [part] = document.parts
    # A page whose title names a partnership plan is that plan (a version), not a bare page.
    assert (part.type, part.title, part.page_start) == (
        "plan", "Northshire Community Safety Plan 2025-2028", None)
    assert _blocks(document) == [
        ("heading", 1, "Northshire Community Safety Plan 2025-2028"),
        ("paragraph", None, "The Northshire Community Safety Partnership has agreed three "
         "priorities for the next three years."),
        ("heading", 2, "Our priorities"),
        ("list_item", None, "1. Reducing violence in the town centre"),
        ("list_item", None, "2. Tackling anti-social behaviour"),
        ("list_item", None, "in parks"),
        ("list_item", None, "on buses"),
        ("list_item", None, "3. Protecting vulnerable people"),
        ("list_item", None, "b. Second lettered point"),
        ("list_item", None, "c. Third lettered point"),
        ("heading", 3, "Who leads"),
        ("table", None, "Priority\tLead\tReview\nReducing violence\tNorthshire Police\tYearly\n"
         "All priorities\t\tQuarterly"),
        ("paragraph", None, "Contact us"),
        ("paragraph", None, "safety@northshire.example"),
    ]
    table = next(b for b in part.blocks if b.kind == "table")
    assert table.rows == [["Priority", "Lead", "Review"],
                          ["Reducing violence", "Northshire Police", "Yearly"],
                          ["All priorities", "", "Quarterly"]]  # a merged cell once, in place
    assert table.section_path == [
        "Northshire Community Safety Plan 2025-2028", "Our priorities", "Who leads"]
    assert [page.number for page in document.pages] == [None]


def test_densest_container_without_main_and_title_from_title_tag(tmp_path: Path) -> None:
    page = """<html><head><title>Safer Riverford Partnership - Riverford District Council</title>
    </head><body>
    <div class="menu"><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About</a></div>
    <div id="sidebar"><p>Related pages</p></div>
    <div class="page"><div class="content">
    <div class="cookie-consent"><p>This site uses cookies to remember your choices.</p></div>
    <a href="#text">Skip to content</a> <ul class="share"><li>Share on social media</li></ul>
    <p>The Safer Riverford Partnership brings together the council, police and fire service.</p>
    <p>Its priorities are set each year after the strategic assessment of crime.</p>
    </div><div class="footer-links"><a href="/a">A</a></div></div>
    <div id="footer">Riverford District Council, Town Hall</div>
    </body></html>"""
    document = _page(tmp_path, page)
    assert document.parts[0].title == "Safer Riverford Partnership"
    assert _blocks(document) == [
        ("heading", 1, "Safer Riverford Partnership"),
        ("paragraph", None, "The Safer Riverford Partnership brings together the council, "
         "police and fire service."),
        ("paragraph", None, "Its priorities are set each year after the strategic assessment of "
         "crime."),
    ]
    assert document.source_url is None


def test_canonical_link_is_the_source(tmp_path: Path) -> None:
    page = ('<html><head><link rel="canonical" href="https://riverford.example/csp">'
            "</head><body><h1>Safer Riverford</h1><p>Words of the page.</p></body></html>")
    assert _page(tmp_path, page).source_url == "https://riverford.example/csp"


def test_decision_notice_type_title_and_date(tmp_path: Path) -> None:
    document = _page(tmp_path, DECISION_PAGE, "decision.htm")
    [part] = document.parts
    assert (part.type, part.title, part.date) == (
        "decision notice", "Northshire Community Safety Plan 2025-2028", "2025-03-12")
    assert "Home > Decisions" not in part.text  # the breadcrumb is furniture
    assert "Decision Maker: Cabinet" in [b.text for b in part.blocks]


def test_utf8_without_charset_is_not_garbled(tmp_path: Path) -> None:
    path = tmp_path / "plain.html"
    path.write_bytes("<p>Crime fell – by 5% in Riverford’s centre.</p>".encode())
    assert _blocks(extract(path)) == [
        ("paragraph", None, "Crime fell – by 5% in Riverford’s centre.")]


def test_scripts_only_page_is_refused(tmp_path: Path) -> None:
    page = "<html><head><script>alert(1)</script></head><body><script>x()</script></body></html>"
    with pytest.raises(IngestError, match=r"^no text found$"):
        _page(tmp_path, page)


def test_html_file_without_html_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"^not a web page: no HTML tags found \(rename it to "
                       r"\.txt if it is text\)$"):
        _page(tmp_path, "Just a line of plain words.\n")


def test_malformed_html_still_reads_what_it_can(tmp_path: Path) -> None:
    page = "<html><body><h1>Northshire <b>plan</h1><p>First <i>point<p>Second point</td></table>"
    assert _blocks(_page(tmp_path, page)) == [
        ("heading", 1, "Northshire plan"),
        ("paragraph", None, "First point"),
        ("paragraph", None, "Second point"),
    ]


def test_deeply_nested_page_gives_one_line_or_text(tmp_path: Path) -> None:
    page = "<html><body>" + "<div>" * 20000 + "<p>Deep words here.</p>" + "</div>" * 20000
    try:
        document = _page(tmp_path, page)
    except IngestError as error:
        assert "\n" not in str(error)
    else:
        assert document.parts[0].blocks


def test_huge_html_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "MAX_FILE_BYTES", 1024 * 1024)
    path = tmp_path / "huge.htm"
    path.write_bytes(b"<p>word</p>" * (2 * 1024 * 1024 // 11))
    with pytest.raises(IngestError, match=r"^file too large: 2 MB \(limit 1 MB\)$"):
        extract(path)


def test_empty_html_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"^empty file$"):
        _page(tmp_path, "   \n")


def test_source_line_in_text_file_is_not_the_title(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("Source: https://northshire.example/plan\nSkip to main content\n"
                    "Home > Community safety > Plan\n\nNorthshire Community Safety Plan\n\n"
                    "The partnership agreed three priorities for 2025.\n")
    document = extract(path)
    assert document.source_url == "https://northshire.example/plan"
    assert document.parts[0].title == "Northshire Community Safety Plan"
    assert [b.text for b in document.parts[0].blocks] == [
        "Northshire Community Safety Plan", "The partnership agreed three priorities for 2025."]
    again = Document.from_json(document.to_json())
    assert again.source_url == "https://northshire.example/plan"


def test_documents_stored_without_source_url_still_load(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Northshire Plan\n\nWords of the plan for 2025.\n")
    stored = json.loads(extract(path).to_json())
    del stored["source_url"]  # as stored before the field existed
    assert Document.from_dict(stored).source_url is None


def test_source_url_is_dcterms_source_in_the_graph(tmp_path: Path) -> None:
    from rdflib import URIRef

    from partnership_kg.graph.build import build_graph
    from partnership_kg.graph.vocab import DCTERMS

    dataset = build_graph([_page(tmp_path, PLAN_PAGE)])
    url = URIRef("https://www.northshire.example.gov.uk/community-safety/plan")
    subjects = set(dataset.subjects(DCTERMS.source, url))
    assert len(subjects) == 2  # the part and its file
    assert all(dataset.value(s, DCTERMS.title) != url for s in subjects)

"""The web UI's plain-data helpers: agreement keys, example questions, citation markdown."""

from __future__ import annotations

from types import SimpleNamespace

import networkx as nx
import pytest

from partnership_kg.ingest.model import Page
from partnership_kg.ui import web_data
from partnership_kg.ui.sparql_errors import plain_sparql_error
from partnership_kg.ui.web_common import counted
from partnership_kg.ui.web_compare import ordered


def test_example_questions_use_the_given_labels_and_years_only() -> None:
    priorities = [{"label": "Alpha", "leads": []}, {"label": "Beta", "leads": ["Head of B"]},
                  {"label": "Gamma", "leads": []}]
    questions = web_data.example_questions(priorities, [2001, 2005])
    assert questions == ["How has Alpha changed over time?", "Who leads Beta?",
                         "What were the priorities in 2005?", "Which plans are linked to Gamma?",
                         "What changed between 2001 and 2005?"]
    assert web_data.example_questions([], []) == ["What are the current priorities?"]


def test_answer_markdown_shows_source_page_and_highlighted_quote() -> None:
    text = web_data.answer_markdown({"answer": "A <b>fact</b>.", "method": "graph", "citations": [
        {"source": "x.txt", "title": "T", "page": 4, "quote": "the   quoted\ntext"}]})
    assert "**T** · x.txt, page 4" in text  # the title first, the file name second
    assert "<mark>the quoted text</mark>" in text
    assert "&lt;b&gt;" in text  # answer text is escaped, never rendered as HTML


def test_neighbourhood_keeps_centre_neighbours_and_names_links() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("p", label="P", type="priority")
    graph.add_node("a", label="A", type="act")
    graph.add_node("far", label="Far", type="plan")
    graph.add_edge("p", "a", label="http://purl.org/dc/terms/references")
    graph.add_edge("a", "far", label="x")
    around = web_data.neighbourhood(graph, "p")
    assert set(around.nodes) == {"p", "a"}
    assert web_data.neighbour_rows(around, "p") == [("a", ["A", "act", "", "refers to"])]


def test_rows_to_csv_has_a_header() -> None:
    assert web_data.rows_to_csv([{"a": 1, "b": "x"}]).splitlines() == ["a,b", "1,x"]


@pytest.mark.parametrize(("predicate", "outgoing", "words"), [
    ("inScheme", True, "priority in"), ("inScheme", False, "has priority"),
    ("leadPost", False, "lead of"), ("linksToPlan", True, "links to plan"),
    ("narratedBy", True, "narrated by"), ("hasTopConcept", True, "has priority"),
    ("servesWard", True, "serves ward"), ("servesWard", False, "serves ward (reverse)"),
])
def test_rule_links_read_as_words_from_the_centre(predicate: str, outgoing: bool,
                                                  words: str) -> None:
    assert web_data.link_words(predicate, outgoing) == words


def test_rule_a_citation_is_named_by_its_title_then_file_and_page() -> None:
    assert web_data.citation_name(2, {"title": "Riverford Safety Plan 2020-23",
                                      "source": "a1b2.pdf", "page": 7}) == (
        "2. Riverford Safety Plan 2020-23 (a1b2.pdf, page 7)")
    assert web_data.citation_name(1, {"title": "", "source": "n.txt", "page": None}) == (
        "1. n.txt")


RIVERFORD = SimpleNamespace(source="riverford.txt", pages=[
    Page(1, "Riverford Community Safety Plan\nForeword by the chair."),
    Page(2, "The partnership agreed that Rural Crime\nwould become a priority."),
])


def test_rule_view_source_opens_the_cited_page_with_the_quote_marked() -> None:
    shown = web_data.source_page_html({"riverford.txt": RIVERFORD}, {
        "source": "riverford.txt", "title": "Riverford Plan", "page": 2,
        "quote": "Rural Crime would become a priority"})
    assert '<mark id="pkg-quote">Rural Crime\nwould become a priority</mark>' in shown
    assert "riverford.txt, page 2" in shown
    assert "Foreword" not in shown  # the cited page only


def test_rule_view_source_without_a_page_finds_the_page_holding_the_quote() -> None:
    shown = web_data.source_page_html({"riverford.txt": RIVERFORD}, {
        "source": "riverford.txt", "title": "", "page": None, "quote": "Foreword by the chair."})
    assert '<mark id="pkg-quote">Foreword by the chair.</mark>' in shown
    assert "riverford.txt, page 1" in shown


def test_rule_an_undeclared_prefix_names_the_prefixes_that_exist() -> None:
    query = "SELECT ?s WHERE { ?s wessex:lead ?o }"
    message = "SPARQL syntax error: error at 1:34: expected one of Prefix not found, ['%']"
    assert plain_sparql_error(query, message, {"skos": "", "csa": ""}) == (
        "Line 1, column 34: the prefix “wessex:” is not declared. Prefixes you can use: csa:, "
        "skos: (or declare it: PREFIX wessex: <http://...>).")


def test_rule_a_sparql_syntax_error_gives_line_column_and_the_words_there() -> None:
    query = "SELECT ?s WHERE {\n  ?s a csa:Priority .\n  FILTR(?s) }"
    message = "SPARQL syntax error: error at 3:3: expected one of BIND, FILTER, [_]"
    assert plain_sparql_error(query, message, {}) == (
        "Line 3, column 3: the query cannot be read near “FILTR(?s) }” (check the spelling of "
        "keywords and the brackets).")
    unclosed = "SELECT ?s WHERE { ?s ?p ?o"
    assert plain_sparql_error(unclosed, "error at 1:27: expected one of \".\"", {}) == (
        "Line 1, column 27: “{” is not closed (1 opened, 0 closed).")


def test_rule_compare_swaps_from_later_than_to_and_says_so() -> None:
    versions = [{"key": "2014"}, {"key": "2017"}, {"key": "riverford-2017b.txt"}]
    older, newer, note = ordered("riverford-2017b.txt", "2014", versions)
    assert (older, newer) == ("2014", "riverford-2017b.txt")
    assert note.startswith("From was later than To, so they are swapped")
    assert ordered("2014", "2017", versions) == ("2014", "2017", "")


def test_rule_counts_are_written_in_words_not_with_an_s_in_brackets() -> None:
    assert [counted(n, "document") for n in (0, 1, 5)] == [
        "0 documents", "1 document", "5 documents"]
    assert counted(1, "priority or theme", "priorities and themes") == "1 priority or theme"

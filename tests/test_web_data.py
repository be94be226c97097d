"""The web UI's plain-data helpers: agreement keys, example questions, citation markdown."""

from __future__ import annotations

import networkx as nx

from partnership_kg.ui import web_data


def _summary(source: str, *periods: str) -> dict:
    return {"source": source, "parts": [
        {"type": "agreement", "title": f"Agreement {p}", "period": p, "date": None}
        for p in periods]}


def test_agreements_are_keyed_by_year_unless_two_share_it() -> None:
    found = web_data.agreements([
        _summary("b.txt", "2017"), _summary("a.txt", "2014-17"),
        _summary("c.txt", "2020"), _summary("d.txt", "2020"),
        {"source": "m.txt", "parts": [{"type": "minutes", "title": "Minutes", "period": None}]},
    ])
    assert [a["key"] for a in found] == ["2014", "2017", "c.txt", "d.txt"]


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
    assert "**x.txt** — T, page 4" in text
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
    assert web_data.neighbour_rows(around, "p") == [("a", ["A", "act", "", "→ references"])]


def test_rows_to_csv_has_a_header() -> None:
    assert web_data.rows_to_csv([{"a": 1, "b": "x"}]).splitlines() == ["a,b", "1,x"]

"""A priority maps to the topics of what the text says it includes ("X including hate crimes",
"X includes: A, B"), method ``scope``, quoted where the item is named; the label stays as read."""

from __future__ import annotations

from pathlib import Path

import pytest

import partnership_kg
from partnership_kg.graph.build import build_graph
from partnership_kg.graph.validate import validate
from partnership_kg.graph.vocab import CSA
from partnership_kg.ingest import extract

ARTICLE = """\
Source: https://fenwick.example/news/safer-streets

Partnership names what matters

Protecting older people, cleaner parks and tackling repeat anti-social behaviour \
including hate crimes are the key priorities to make Fenwick safer, the Fenwick Community \
Safety Partnership said.
"""

AGREEMENT = """\
Dunmere Community Safety Agreement 2031-34

The Dunmere Community Safety Partnership agreed this agreement.

The priorities for Dunmere are: Keeping People Safe; Road Safety.

• Keeping People Safe includes: Fraud, Stalking and Missing Persons.
"""

# A page of no year of its own whose list's intro dates the list: a version of that period.
DATED_LIST = """\
Harrowgate Community Safety Partnership

Our priorities for 2033-34

Cleaner parks, safer lanes and tackling exploitation including county lines are the key \
priorities to make Harrowgate safer.
"""

MAPPED = """SELECT ?label ?topic ?method ?matched WHERE {
  ?m a csa:TopicMapping ; csa:concept/skos:prefLabel ?label ; csa:topic ?topic ;
     csa:method ?method ; csa:matchedText ?matched . FILTER(?method = "scope") }"""
TOPIC = "https://w3id.org/partnership-kg/topic/"


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> partnership_kg.Workspace:
    folder = tmp_path_factory.mktemp("scope")
    (folder / "docs").mkdir()
    for name, text in {"fenwick-news.txt": ARTICLE, "dunmere-csa.txt": AGREEMENT,
                       "harrowgate.txt": DATED_LIST}.items():
        (folder / "docs" / name).write_text(text, encoding="utf-8")
    report = partnership_kg.build([folder / "docs"], folder / "store")
    assert not report["failed"], report["failed"]
    return partnership_kg.open(folder / "store")


def test_scope_mappings_come_from_what_the_text_says_a_priority_includes(
        ws: partnership_kg.Workspace) -> None:
    found = {(str(r["label"]), str(r["topic"]).removeprefix(TOPIC), str(r["matched"]))
             for r in ws.sparql(MAPPED)}
    assert found == {("tackling repeat anti-social behaviour", "hate-crime", "hate crimes"),
                     ("Keeping People Safe", "fraud", "Fraud"),
                     ("Keeping People Safe", "stalking", "Stalking"),
                     ("Keeping People Safe", "missing-people", "Missing Persons"),
                     ("tackling exploitation", "county-lines", "county lines")}


def test_an_undated_pages_including_clause_answers_a_topic_question(
        ws: partnership_kg.Workspace) -> None:
    result = ws.ask("Which partnerships have a hate crime priority?")
    assert result["answer"] == (
        "1 partnership had a priority or theme on Hate crime. Fenwick Community Safety "
        "Partnership: 'tackling repeat anti-social behaviour' (priority, undated, includes "
        "'hate crimes').")
    assert [c["source"] for c in result["citations"]] == ["fenwick-news.txt"]
    assert "including hate crimes" in result["citations"][0]["quote"]


def test_a_scope_lines_item_is_quoted_where_it_is_named(ws: partnership_kg.Workspace) -> None:
    result = ws.ask("Which partnerships have a fraud priority?")
    assert result["answer"] == (
        "1 partnership had a priority or theme on Fraud and scams. Dunmere Community Safety "
        "Partnership: 'Keeping People Safe' (priority, 2031-34, includes 'Fraud').")
    assert [c["quote"] for c in result["citations"]] == [
        "Keeping People Safe includes: Fraud, Stalking and Missing Persons."]


def test_scope_mappings_conform_to_the_shapes(tmp_path: Path) -> None:
    (tmp_path / "fenwick-news.txt").write_text(ARTICLE, encoding="utf-8")
    dataset = build_graph([extract(tmp_path / "fenwick-news.txt")])
    assert {str(o) for o in dataset.objects(None, CSA.method)} == {"label", "embedding", "scope"}
    conforms, report = validate(dataset)
    assert conforms, report

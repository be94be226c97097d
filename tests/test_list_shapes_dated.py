"""Pages that report a plan without a period in its title: the version's year comes from the
page's own text (the intro's sentence, a dateline, the plan's name), else the version is
undated but its list is still the page's. Invented partnerships only."""

# ruff: noqa: E501  (the documents keep their paragraphs on one line, as pages print them)

from __future__ import annotations

from pathlib import Path

import pytest
from shapes_support import build, priorities

from partnership_kg.graph.oxigraph import OxigraphStore
from partnership_kg.graph.query.history import priorities as query_priorities

LIST = "The partnership's priorities are: tackling goblin raids, keeping the towpaths safe and reducing thefts from moored boats."
LABELS = ["keeping the towpaths safe", "reducing thefts from moored boats", "tackling goblin raids"]

UNDATED_SCHEMES = """SELECT ?scheme ?label WHERE {
  ?scheme a skos:ConceptScheme ; dct:source ?part . FILTER NOT EXISTS { ?scheme csa:startYear ?y }
  ?c skos:inScheme ?scheme ; skos:prefLabel ?label }"""


@pytest.mark.parametrize(("dateline", "period"), [
    ("Published: 12 March 2039", "2039"),
    ("Posted on 3 June 2037", "2037"),
    ("Last updated 5 July 2038", "2038"),
])
def test_a_dateline_dates_the_list_of_a_page_typed_other(tmp_path: Path, dateline: str,
                                                         period: str) -> None:
    # "Northshire news" is no sentence-case headline: the page stays "other", its dateline counts.
    document, dataset = build(tmp_path, "news.txt", f"Northshire news\n\n{dateline}\n\n{LIST}\n")
    assert document.parts[0].type == "other"
    assert priorities(dataset) == {period: LABELS}


def test_a_year_in_the_intros_own_sentence_dates_the_list(tmp_path: Path) -> None:
    text = ("Wessex partnership news\n\nAdopted in 2033, the plan identified five priorities: goblin raids, "
            "bridge thefts, towpath safety, troll crime and boat thefts.\n")
    _, dataset = build(tmp_path, "adopted.txt", text)
    assert priorities(dataset) == {"2033": [
        "boat thefts", "bridge thefts", "goblin raids", "towpath safety", "troll crime"]}


def test_the_plan_of_another_body_is_still_not_the_pages_list(tmp_path: Path) -> None:
    text = ("Wessex partnership news\n\nAdopted in 2033, the Police and Crime Plan identified five priorities: "
            "goblin raids, bridge thefts, towpath safety, troll crime and boat thefts.\n")
    _, dataset = build(tmp_path, "adopted_pcc.txt", text)
    assert priorities(dataset) == {}
    assert list(dataset.query(UNDATED_SCHEMES)) == []


def test_a_period_for_the_year_in_the_intro_dates_the_list(tmp_path: Path) -> None:
    text = ("Northshire news\n\nThe partnership's priorities for 2039/40 are: tackling goblin raids, "
            "keeping the towpaths safe and reducing thefts from moored boats.\n")
    _, dataset = build(tmp_path, "for_year.txt", text)
    assert priorities(dataset) == {"2039/40": LABELS}


def test_the_plans_name_with_its_period_dates_the_list(tmp_path: Path) -> None:
    text = f"Northshire news\n\nThe Northshire Community Safety Plan 2034-2037 sets out what matters.\n\n{LIST}\n"
    _, dataset = build(tmp_path, "named.txt", text)
    assert priorities(dataset) == {"2034-2037": LABELS}


def test_a_page_stating_no_year_gives_an_undated_version_of_its_own(tmp_path: Path) -> None:
    _, dataset = build(tmp_path, "undated.txt", f"Northshire news\n\n{LIST}\n")
    assert priorities(dataset) == {}  # no dated version: no year's question reads it
    assert sorted(str(row.label) for row in dataset.query(UNDATED_SCHEMES)) == LABELS
    store = OxigraphStore.create(tmp_path / "graph", dataset)
    result = query_priorities(store, document="undated.txt")
    assert result["agreement"] == {"source": "undated.txt", "title": "Northshire news",
                                   "period": None, "undated": True}
    assert [entry["label"] for entry in result["priorities"]] == LABELS
    assert result["priorities"][2]["evidence"]["quote"] == (
        "The partnership's priorities are: tackling goblin raids")
    assert query_priorities(store, year=2039)["agreement"] is None

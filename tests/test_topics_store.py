"""Questions across partnerships and the topics matrix, on the bundled corpus with three
invented partnerships (Northshire, Riverford, and Eastvale, which drops Road Safety)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import partnership_kg
from partnership_kg.graph.names import normalise
from partnership_kg.graph.resolve import acronym
from partnership_kg.ui.cli import cli

KENT = "Kent Community Safety Partnership"
NORTHSHIRE = "Northshire Community Safety Partnership"
RIVERFORD = "Safer Riverford Partnership"
EASTVALE = "Eastvale Community Safety Partnership"


@pytest.fixture(scope="module")
def ws(topics_store: Path) -> partnership_kg.Workspace:
    return partnership_kg.open(topics_store)


def _quoted(result: dict) -> set[str]:
    return {normalise(c["quote"]) for c in result["citations"]}


@pytest.mark.parametrize("question,expected", [
    ("Which partnerships have a domestic abuse priority?", {KENT, NORTHSHIRE, EASTVALE}),
    ("Which partnerships have a priority on hate crime?", {KENT, EASTVALE}),
    ("Which partnerships have a reoffending priority?", {KENT, EASTVALE}),
    ("Which partnerships have a road safety priority?", {KENT, NORTHSHIRE, RIVERFORD,
                                                         EASTVALE}),
    ("Which partnerships have a VAWG priority?", {KENT, EASTVALE}),
])
def test_a_topic_question_names_every_partnership_whose_text_supports_it_and_no_other(
        ws: partnership_kg.Workspace, question: str, expected: set[str]) -> None:
    result = ws.ask(question)
    assert result["method"] == "graph"
    groups = {group["partnership"]: group["labels"] for group in result["by_partnership"]}
    assert set(groups) == expected
    quoted = _quoted(result)
    for partnership, labels in groups.items():
        assert partnership in result["answer"]
        for item in labels:  # each label with its version and a citation naming it
            assert item["version"] and item["label"] in result["answer"]
            assert normalise(item["evidence"]["quote"]) in quoted
            quote = normalise(item["evidence"]["quote"])  # the label, or its acronym
            assert normalise(item["label"]) in quote or f" {acronym(item['label']).lower()} " \
                in f" {quote} "


def test_a_topic_question_in_a_year_reads_the_versions_then_in_force(
        ws: partnership_kg.Workspace) -> None:
    result = ws.ask("Which partnerships prioritised reoffending in 2019?")
    assert [(g["partnership"], [(i["label"], i["version"]) for i in g["labels"]])
            for g in result["by_partnership"]] == [(EASTVALE, [("Reducing Reoffending",
                                                                 "2018-21")])]
    assert result["answer"].startswith("1 partnership had a priority or theme on Reoffending "
                                       "in 2019. ")


def test_a_narrower_topic_counts_and_says_so(ws: partnership_kg.Workspace) -> None:
    result = ws.ask("Which partnerships have a serious violence priority?")
    riverford = next(g for g in result["by_partnership"] if g["partnership"] == RIVERFORD)
    assert [(i["label"], i.get("via_narrower_topic")) for i in riverford["labels"]] == [
        ("Knife Crime", "Knife and weapon crime")]


def test_a_dropped_topic_names_the_partnership_the_versions_and_both_quotes(
        ws: partnership_kg.Workspace) -> None:
    result = ws.ask("Which partnerships dropped road safety, and when?")
    assert [(d["partnership"], d["labels"], d["last_version"], d["dropped_in"], d["year"])
            for d in result["dropped"]] == [(EASTVALE, ["Road Safety"], "2015-18", "2018-21",
                                             2018)]
    assert result["dropped"][0]["then_listed"] == [
        "Protecting people from harm", "Reducing Reoffending",
        "Serious violence, drugs and exploitation", "Tackling Hate Crime"]
    sources = [e["source"] for e in result["dropped"][0]["evidence"]]
    assert sources == ["eastvale_csa_2015.txt"] + ["eastvale_csa_2018.txt"] * 4


def test_no_partnership_with_a_topic_is_said_plainly(ws: partnership_kg.Workspace) -> None:
    result = ws.ask("Which partnerships have a water safety priority?")
    assert result["by_partnership"] == [] and result["citations"] == []
    assert result["answer"].startswith("No partnership in this store had a priority or theme "
                                       "on Water safety")


def test_compare_two_partnerships_lines_up_their_latest_priorities_by_topic(
        ws: partnership_kg.Workspace) -> None:
    result = ws.ask("Compare the priorities of Northshire and Riverford")
    assert result["compared"] == [NORTHSHIRE, RIVERFORD]
    assert [s["topic"] for s in result["shared"]] == ["Road safety"]
    assert result["only"] == {
        NORTHSHIRE: [{"topic": "Domestic abuse", "label": "Domestic Abuse"},
                     {"topic": "Fraud and scams", "label": "Fraud and Scams"},
                     {"topic": "Rural and wildlife crime", "label": "Rural Crime"}],
        RIVERFORD: [{"topic": "Anti-social behaviour", "label": "Anti-Social Behaviour"},
                    {"topic": "Knife and weapon crime", "label": "Knife Crime"}]}
    assert {c["source"] for c in result["citations"]} == {"northshire_csa_2019.txt",
                                                          "riverford_plan.txt"}


def test_topics_json_cells_hold_each_partnerships_own_labels_version_and_quote(
        topics_store: Path) -> None:
    result = CliRunner().invoke(cli, ["--store", str(topics_store), "topics", "--year", "2019",
                                      "--partnership", "Northshire", "--partnership",
                                      "Safer Riverford", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["year"] == 2019 and data["partnerships"] == [NORTHSHIRE, RIVERFORD]
    cells = {(c["partnership"], c["topic"]): [(e["label"], e["version"], e["method"])
                                              for e in c["entries"]] for c in data["cells"]}
    assert cells == {
        (NORTHSHIRE, "Domestic abuse"): [("Domestic Abuse", "2019-22", "label")],
        (NORTHSHIRE, "Fraud and scams"): [("Fraud and Scams", "2019-22", "label")],
        (NORTHSHIRE, "Road safety"): [("Road Safety", "2019-22", "label")],
        (NORTHSHIRE, "Rural and wildlife crime"): [("Rural Crime", "2019-22", "label")],
        (RIVERFORD, "Anti-social behaviour"): [("Anti-Social Behaviour", "2018-21", "label")],
        (RIVERFORD, "Knife and weapon crime"): [("Knife Crime", "2018-21", "label")],
        (RIVERFORD, "Road safety"): [("Road Safety", "2018-21", "label")],
    }
    entry = data["cells"][0]["entries"][0]
    assert entry["evidence"]["source"] == "northshire_csa_2019.txt"
    assert normalise(entry["label"]) in normalise(entry["evidence"]["quote"])


def test_topics_with_an_unknown_partnership_is_one_line_and_exit_2(topics_store: Path) -> None:
    result = CliRunner().invoke(cli, ["--store", str(topics_store), "topics", "--partnership",
                                      "Atlantis"])
    assert result.exit_code == 2
    assert "no partnership 'Atlantis' in the store" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_mapping_never_changes_the_priority_label_and_records_its_method(
        ws: partnership_kg.Workspace) -> None:
    rows = ws.sparql("""SELECT ?label ?topic ?method ?low WHERE {
        ?m a csa:TopicMapping ; csa:concept ?c ; csa:topic ?t ; csa:method ?method ;
           csa:lowConfidence ?low .
        ?c skos:prefLabel ?label . ?t skos:prefLabel ?topic .
        FILTER (CONTAINS(?label, "Eastvale") || ?label IN ("Protecting people from harm",
                "Domestic & sexual violence and abuse and other VAWG")) }
        ORDER BY ?label ?topic""")
    assert [(r["label"], str(r["topic"]), r["method"], r["low"]) for r in rows] == [
        ("Domestic & sexual violence and abuse and other VAWG", "Domestic abuse", "label", False),
        ("Domestic & sexual violence and abuse and other VAWG",
         "Violence against women and girls", "acronym", False),
        ("Protecting people from harm", "Safeguarding vulnerable people", "embedding", False),
    ]


def test_the_readme_and_sparql_tab_topic_examples_run(ws: partnership_kg.Workspace) -> None:
    from partnership_kg.ui.web_data import SPARQL_EXAMPLES

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sparql\n(.*?)```", readme, re.S).group(1)
    queries = [q for q in re.split(r"\n(?=# )", block) if q.strip()]
    queries += [query for name, query in SPARQL_EXAMPLES if "opic" in name]
    assert len(queries) == 4
    first = ws.sparql(queries[0])
    assert sorted({row["partnership"] for row in first}) == [EASTVALE, KENT, NORTHSHIRE]
    assert all(ws.sparql(query) for query in queries)

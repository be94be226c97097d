"""A store of three partnerships: the bundled corpus and two invented ones. Each partnership's
plans stay its own (exact lists per partnership and year), and every Kent dev question is
answered as before when the partnership is named, by option or by the question's words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import partnership_kg
from partnership_kg.evaluation import judge, load_questions
from partnership_kg.graph.query.partnerships import UnknownPartnership
from partnership_kg.ui.cli import cli

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = load_questions(ROOT / "benchmarks" / "data" / "dev_questions.jsonl")
GOLD = json.loads((ROOT / "tests" / "gold" / "agreements.json").read_text(encoding="utf-8"))
KENT = "Kent Community Safety Partnership"
NORTHSHIRE = "Northshire Community Safety Partnership"
RIVERFORD = "Safer Riverford Partnership"


@pytest.fixture(scope="module")
def ws(partnerships_store: Path) -> partnership_kg.Workspace:
    return partnership_kg.open(partnerships_store)


def _labels(result: dict) -> list[str]:
    return [entry["label"] for entry in result["priorities"]]


def test_each_document_belongs_to_its_partnership(ws: partnership_kg.Workspace) -> None:
    owners = {doc["source"]: (doc["partnership"], doc["partnership_from"])
              for doc in ws.document_summaries()}
    assert owners["northshire_csa_2016.txt"] == (NORTHSHIRE, "stated")
    assert owners["riverford_plan.txt"] == (RIVERFORD, "stated")
    kent = {owner for source, owner in owners.items() if source[:3].isdigit()}
    assert kent == {(KENT, "stated")}  # the county council's papers are the county's too
    assert [p["partnership"] for p in ws.partnerships()] == [KENT, NORTHSHIRE, RIVERFORD]


@pytest.mark.parametrize("partnership,year,expected", [
    ("Northshire", 2016, ["Domestic Abuse", "Road Safety", "Rural Crime"]),
    ("NCSP", 2018, ["Domestic Abuse", "Road Safety", "Rural Crime"]),
    ("northshire", 2020, ["Domestic Abuse", "Fraud and Scams", "Road Safety", "Rural Crime"]),
    ("Safer Riverford", 2019, ["Anti-Social Behaviour", "Knife Crime", "Road Safety"]),
    ("Riverford", 2015, []),  # before its first plan
])
def test_priorities_per_partnership_and_year(ws: partnership_kg.Workspace, partnership: str,
                                             year: int, expected: list[str]) -> None:
    result = ws.priorities(year=year, partnership=partnership)
    assert _labels(result) == expected


@pytest.mark.parametrize("year", ["2011", "2014", "2017", "2024"])
def test_kent_priorities_are_kents_alone(ws: partnership_kg.Workspace, year: str) -> None:
    result = ws.priorities(year=int(year), partnership="Kent")
    assert result["partnership"] == KENT
    assert sorted(map(str.lower, _labels(result))) == sorted(map(str.lower,
                                                                GOLD["priorities"][year]))


def test_without_a_partnership_answers_are_grouped_never_merged(
        ws: partnership_kg.Workspace) -> None:
    result = ws.priorities(year=2019)
    groups = {group["partnership"]: _labels(group) for group in result["partnerships"]}
    assert set(groups) == {KENT, NORTHSHIRE, RIVERFORD}
    assert groups[NORTHSHIRE] == ["Domestic Abuse", "Fraud and Scams", "Road Safety",
                                  "Rural Crime"]
    assert groups[RIVERFORD] == ["Anti-Social Behaviour", "Knife Crime", "Road Safety"]
    assert "Knife Crime" not in groups[KENT] and "Rural Crime" not in groups[KENT]


def test_lineage_within_one_partnership(ws: partnership_kg.Workspace) -> None:
    northshire = ws.lineage("Road Safety", partnership="Northshire")
    assert [(t["period"], t["source"]) for t in northshire["timeline"]] == [
        ("2016-19", "northshire_csa_2016.txt"), ("2019-22", "northshire_csa_2019.txt")]
    fraud = ws.lineage("Fraud and Scams", partnership="Northshire")
    assert [(e["year"], e["type"]) for e in fraud["events"]] == [(2019, "introduced")]
    knife = ws.lineage("Knife Crime")  # only Riverford has it: only Riverford answers
    assert [(g["partnership"], g["concept"]) for g in knife["partnerships"]] == [
        (RIVERFORD, "Knife Crime")]
    kent = ws.lineage("Road Safety", partnership="Kent")
    assert {t["source"] for t in kent["timeline"]} <= {f"00{i}" for i in range(5)} | {
        t["source"] for t in kent["timeline"] if t["source"][:3].isdigit()}
    assert not any("northshire" in t["source"] or "riverford" in t["source"]
                   for t in kent["timeline"])


def test_diff_within_one_partnership(ws: partnership_kg.Workspace) -> None:
    result = ws.diff("2016", "2019", partnership="Northshire")
    assert [entry["label"] for entry in result["added"]] == ["Fraud and Scams"]
    assert result["removed"] == [] and result["renamed"] == []


def test_unknown_partnership_is_one_line_exit_2(ws: partnership_kg.Workspace,
                                                partnerships_store: Path) -> None:
    with pytest.raises(UnknownPartnership):
        ws.priorities(partnership="Wessex")
    result = CliRunner().invoke(cli, ["--store", str(partnerships_store), "lineage", "ASB",
                                      "--partnership", "Wessex"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"Error: no partnership 'Wessex' in the store; it holds: {KENT}; {NORTHSHIRE}; "
        f"{RIVERFORD}"]


def test_ask_reads_the_partnership_from_the_question(ws: partnership_kg.Workspace) -> None:
    answer = ws.ask("What were the priorities in Northshire in 2017?")
    assert answer["answer"] == ("The priorities of the 2016-19 agreement are: Domestic Abuse; "
                                "Road Safety; Rural Crime.")
    assert {c["source"] for c in answer["citations"]} == {"northshire_csa_2016.txt"}
    answer = ws.ask("Who leads Road Safety for the Safer Riverford Partnership?")
    assert {c["source"] for c in answer["citations"]} == {"riverford_plan.txt"}


def test_ask_naming_no_partnership_answers_for_each(ws: partnership_kg.Workspace) -> None:
    answer = ws.ask("What are the priorities?")["answer"]
    for name in (KENT, NORTHSHIRE, RIVERFORD):
        assert f"{name}: The priorities of" in answer


@pytest.mark.parametrize("question", QUESTIONS, ids=[q["id"] for q in QUESTIONS])
def test_kent_dev_questions_by_option_and_by_words(ws: partnership_kg.Workspace,
                                                   question: dict) -> None:
    for answer in (ws.ask(question["question"], partnership="Kent"),
                   ws.ask(question["question"].rstrip("?") + " in Kent?")):
        if question["kind"] != "passage":
            assert answer["method"] == "graph", answer
        passed, why = judge(question, answer)
        assert passed, (why, answer["answer"])


def test_web_views_follow_the_partnership_picker(ws: partnership_kg.Workspace) -> None:
    from partnership_kg.ui.web_session import Session

    session = Session(ws)
    assert session.partnerships() == [KENT, NORTHSHIRE, RIVERFORD]
    assert [name for name, _ in session.agreement_choices(NORTHSHIRE)] == [
        "2016-19 — Northshire Community Safety Agreement 2016-19",
        "2019-22 — Northshire Community Safety Agreement 2019-22"]
    concepts, _ = session.partnership_flows(RIVERFORD)
    assert sorted({c["label"] for c in concepts}) == ["Anti-Social Behaviour", "Knife Crime",
                                                      "Road Safety"]
    centres = [name for name, _ in session.node_choices(RIVERFORD)]
    assert any(name.startswith("Knife Crime") for name in centres)
    assert not any(name.startswith(("Rural Crime", "Fraud and Scams")) for name in centres)


def test_export_view_of_one_partnership(ws: partnership_kg.Workspace, tmp_path: Path) -> None:
    out = ws.export("nq", tmp_path / "view.nq", "priority:Road Safety", partnership="Riverford")
    text = out.read_text(encoding="utf-8")
    assert "/id/concept/riverford/2018/road-safety>" in text
    assert "/id/concept/northshire/" not in text and "/id/concept/kent/" not in text


def test_a_partnerships_model_is_read_from_its_own_graphs_alone(
        ws: partnership_kg.Workspace) -> None:
    from partnership_kg.graph.query.model import model_of
    from partnership_kg.graph.query.partnerships import partnership_model, partnerships

    whole = model_of(ws.graph)
    part_graphs = {str(row["g"]): str(row["source"]) for row in ws.graph.select(
        "SELECT ?g ?source WHERE { GRAPH ?g { ?part a csa:DocumentPart ; csa:sourceFile "
        "?source } }")}
    for partnership in partnerships(ws.graph):
        own, scoped = partnership_model(ws.graph, partnership.iri), whole.scoped(partnership.iri)
        read = {part_graphs[graph] for graph in own.store.named_graphs()}
        assert read == ws.partnership_sources(partnership.label)
        assert (own.versions, own.concepts, own.events) == (
            scoped.versions, scoped.concepts, scoped.events)
        assert (own.replaces, own.replaced_by) == (scoped.replaces, scoped.replaced_by)
        nodes = [*own.concepts, *(e.iri for e in own.events), *(v.scheme for v in own.versions)]
        assert [own._evidence.get(iri) for iri in nodes] == [
            scoped._evidence.get(iri) for iri in nodes]
        assert [own.leads.get(iri) for iri in own.concepts] == [
            scoped.leads.get(iri) for iri in own.concepts]


def test_evidence_of_a_few_nodes_is_the_models_evidence_of_them(
        ws: partnership_kg.Workspace) -> None:
    from partnership_kg.graph.query.model import first_evidence, model_of

    whole = model_of(ws.graph)
    nodes = sorted(whole.concepts)[:40] + [e.iri for e in whole.events][:10]
    found = first_evidence(ws.graph, nodes)
    assert found == {node: whole.evidence(node) for node in nodes if whole.evidence(node)}
    assert first_evidence(ws.graph, []) == {}


def test_a_partnerships_view_queries_its_own_graphs_alone(ws: partnership_kg.Workspace) -> None:
    from partnership_kg.graph.query.partnerships import Scoped

    query = "SELECT DISTINCT ?source WHERE { ?part a csa:DocumentPart ; csa:sourceFile ?source }"
    seen = {str(row["source"]) for row in Scoped(ws.graph, "Riverford").select(query)}
    assert seen == ws.partnership_sources(RIVERFORD) == {"riverford_plan.txt"}


def test_a_citation_reads_its_own_document_alone(partnerships_store: Path) -> None:
    fresh = partnership_kg.open(partnerships_store)
    document = fresh.document("riverford_plan.txt")
    assert document is not None and document.source == "riverford_plan.txt"
    assert fresh.document("no_such_file.txt") is None
    assert "documents" not in fresh.__dict__  # the store's other documents were never read

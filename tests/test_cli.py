"""The command line as users and scripts use it: documented, JSON-shaped, never a traceback."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from partnership_kg import settings
from partnership_kg.ui.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CORPUS = ROOT / "corpus"


def run(*args: str, store: Path | None = None):
    prefix = ["--store", str(store)] if store else []
    return CliRunner().invoke(cli, [*prefix, *args])


def test_every_command_is_documented_in_the_readme() -> None:
    undocumented = [name for name in cli.commands if f"partnership-kg {name}" not in README]
    assert undocumented == []


def test_every_setting_is_documented_in_the_readme() -> None:
    source = (ROOT / "partnership_kg" / "settings.py").read_text(encoding="utf-8")
    variables = set(re.findall(r"PARTNERSHIP_KG_[A-Z_]+", source))
    assert variables == {"PARTNERSHIP_KG_STORE", "PARTNERSHIP_KG_MODEL",
                         "PARTNERSHIP_KG_MAX_FILE_MB", "PARTNERSHIP_KG_ACTS",
                         "PARTNERSHIP_KG_TOPICS", "PARTNERSHIP_KG_TOPICS_MODE",
                         "PARTNERSHIP_KG_SPARQL_USER", "PARTNERSHIP_KG_SPARQL_PASSWORD"}
    assert [name for name in variables if f"`{name}`" not in README] == []


def test_help_lists_every_command() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for name in cli.commands:
        assert name in result.output


@pytest.mark.parametrize("args", [["ask", "Who leads Road Safety?"], ["lineage", "ASB"],
                                  ["documents"], ["sparql", "SELECT * WHERE { ?s ?p ?o }"]])
def test_a_missing_store_is_one_line_and_exit_2(tmp_path: Path, args: list[str]) -> None:
    result = run(*args, store=tmp_path / "nowhere")
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert "no store at" in result.output
    assert "Traceback" not in result.output


def test_store_defaults_to_the_environment_then_the_working_folder(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARTNERSHIP_KG_STORE", raising=False)
    assert settings.store_path() == Path(".partnership-kg")
    monkeypatch.setenv("PARTNERSHIP_KG_STORE", "/data/kg")
    assert settings.store_path() == Path("/data/kg")
    assert settings.store_path("explicit") == Path("explicit")


def test_documents_json_lists_every_file_with_its_parts(corpus_store: Path) -> None:
    result = run("documents", "--json", store=corpus_store)
    assert result.exit_code == 0
    documents = {doc["source"]: doc for doc in json.loads(result.output)}
    assert sorted(documents) == sorted(path.name for path in CORPUS.glob("*.txt"))
    assert documents["000_f5529d35632452d3.txt"]["type"] == "agreement"
    assert documents["000_f5529d35632452d3.txt"]["period"] == "2014-17"
    # One named graph per document part, each holding what was extracted from it.
    assert [doc["named_graphs"] for doc in documents.values()] == [
        len(doc["parts"]) for doc in documents.values()]
    assert all(doc["triples"] > 100 for doc in documents.values())
    agreements = {(part["type"], part["period"]) for doc in documents.values()
                  for part in doc["parts"] if part["type"] == "agreement"}
    assert agreements == {("agreement", "2014-17"), ("agreement", "April 2017"),
                          ("agreement", "April 2024")}


def test_a_second_build_of_an_unchanged_corpus_does_no_work(corpus_store: Path,
                                                          tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(corpus_store, store)
    before = (store / "manifest.json").stat().st_mtime_ns
    result = run("build", str(CORPUS), "--json", store=store)
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert report["ingested"] == [] and report["failed"] == []
    assert sorted(entry["source"] for entry in report["unchanged"]) == sorted(
        path.name for path in CORPUS.glob("*.txt"))
    assert (store / "manifest.json").stat().st_mtime_ns == before


def test_build_keeps_going_past_bad_files_and_exits_1(corpus_store: Path,
                                                      tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(corpus_store, store)
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    (incoming / "empty.txt").write_bytes(b"")
    (incoming / "fake.pdf").write_text("this is not a PDF", encoding="utf-8")
    (incoming / "notes.txt").write_text(
        "Wessex Community Safety Partnership\n\nMinutes of the meeting held on 3 March 2021.\n\n"
        "1. Apologies\n\nThe partnership noted the apologies.\n", encoding="utf-8")
    result = run("build", str(incoming), "--json", store=store)
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert [entry["source"] for entry in report["ingested"]] == ["notes.txt"]
    assert {entry["source"] for entry in report["failed"]} == {"empty.txt", "fake.pdf"}
    assert all("\n" not in entry["error"] for entry in report["failed"])
    listed = json.loads(run("documents", "--json", store=store).output)
    assert len(listed) == 6  # the five already there are kept


def test_sparql_update_is_refused_with_exit_2(corpus_store: Path) -> None:
    result = run("sparql", "DELETE WHERE { ?s ?p ?o }", store=corpus_store)
    assert result.exit_code == 2
    assert "read-only" in result.output
    count = run("sparql", "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a csa:Priority }",
                "--format", "json", store=corpus_store)
    # The gold tables' 26 priorities of the four agreements, and the four that the 2024
    # agreement narrates as taking effect in 2018, 2020 and 2022 (two).
    assert json.loads(count.output)[0]["n"] == 30


def test_ask_json_has_the_contract_shape(corpus_store: Path) -> None:
    result = run("ask", "Who leads Substance Misuse in the 2017 agreement?", "--json",
                 store=corpus_store)
    assert result.exit_code == 0
    answer = json.loads(result.output)
    assert set(answer) >= {"question", "answer", "method", "citations"}
    assert answer["method"] == "graph"
    assert "Kent County Council" in answer["answer"]
    assert answer["citations"][0]["source"] == "002_abc655fc9b68b694.txt"
    assert set(answer["citations"][0]) >= {"source", "title", "page", "quote"}


def test_a_question_without_a_command_is_asked(corpus_store: Path) -> None:
    result = run("What is Themis?", "--json", store=corpus_store)
    assert result.exit_code == 0
    assert json.loads(result.output)["question"] == "What is Themis?"


def test_search_json_has_the_contract_shape(corpus_store: Path) -> None:
    result = run("search", "Community Trigger criteria", "-k", "3", "--json", store=corpus_store)
    data = json.loads(result.output)
    assert data["query"] == "Community Trigger criteria"
    assert len(data["results"]) == 3
    assert set(data["results"][0]) >= {"source", "page", "text", "score"}


def test_years_before_any_agreement_are_said_plainly(corpus_store: Path) -> None:
    result = run("diff", "1990", "2014", store=corpus_store)
    assert result.exit_code == 2
    assert "no agreement in force for '1990'" in result.output
    assert run("priorities", "--year", "1990", store=corpus_store).output == (
        "No agreement in the store was in force in 1990.\n")


def test_lineage_prints_each_change_with_its_quote(corpus_store: Path) -> None:
    result = run("lineage", "ASB", store=corpus_store)
    assert result.exit_code == 0
    assert ("In 2022 'Anti-social Behaviour' was expanded to become 'Preventing Neighbourhood "
            "Crime & ASB'.") in result.output
    assert "[004_368897f9bdd4d4d8.txt, p. 33]" in result.output


def test_store_may_follow_the_command(corpus_store: Path) -> None:
    result = CliRunner().invoke(cli, ["documents", "--json", "--store", str(corpus_store)])
    assert result.exit_code == 0
    assert len(json.loads(result.output)) == 5

"""Every question of the shipped dev set, asked through the CLI with --json, passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from partnership_kg.evaluation import judge, load_questions
from partnership_kg.ui.cli import cli

QUESTIONS = load_questions(
    Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "dev_questions.jsonl")


@pytest.mark.parametrize("question", QUESTIONS, ids=[q["id"] for q in QUESTIONS])
def test_dev_question(corpus_store: Path, question: dict) -> None:
    result = CliRunner().invoke(cli, ["--store", str(corpus_store), "ask", question["question"],
                                      "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert set(answer) == {"question", "answer", "method", "citations"}
    if question["kind"] != "passage":  # graph and lineage questions are read from the graph
        assert answer["method"] == "graph"
    passed, why = judge(question, answer)
    assert passed, why


def test_judge_fails_an_answer_without_the_fact_or_the_file() -> None:
    question = {"expect_all": ["2022"], "sources": ["a.txt"]}
    cited = [{"source": "a.txt"}]
    assert judge(question, {"answer": "It changed in 2022.", "citations": cited}) == (True, "")
    assert judge(question, {"answer": "It changed.", "citations": cited}) == (
        False, "missing '2022'")
    assert judge(question, {"answer": "In 2022.", "citations": [{"source": "b.txt"}]}) == (
        False, "cites ['b.txt']")

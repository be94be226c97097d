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


def test_judge_does_not_take_a_label_inside_a_longer_name() -> None:
    question = {"expect_all": ["Domestic Abuse"], "sources": ["a.txt"]}
    cited = [{"source": "a.txt"}]
    inside = "The Chair of the Wessex Domestic Abuse Strategy Group leads 'Road Safety'."
    assert judge(question, {"answer": inside, "citations": cited}) == (
        False, "missing 'Domestic Abuse'")
    stated = "The Chair of the Wessex Domestic Abuse Strategy Group leads 'Domestic Abuse'."
    assert judge(question, {"answer": stated, "citations": cited}) == (True, "")


def test_judge_does_not_take_the_total_of_a_share_as_the_count() -> None:
    question = {"expect_all": ["11"], "sources": ["a.txt"]}
    cited = [{"source": "a.txt"}]
    assert judge(question, {"answer": "3 of the 11 partnerships selected it.",
                            "citations": cited}) == (False, "missing '11'")
    assert judge(question, {"answer": "11 of the 11 partnerships selected it.",
                            "citations": cited}) == (True, "")


def test_judge_checks_the_answer_method() -> None:
    cited = [{"source": "a.txt"}]
    graph_question = {"kind": "graph", "expect_all": ["2022"], "sources": ["a.txt"]}
    assert judge(graph_question, {"answer": "In 2022.", "method": "passages",
                                  "citations": cited}) == (
        False, "method 'passages', not 'graph'")
    passage_question = {"kind": "passage", "method": "passages", "expect_all": ["2022"],
                        "sources": ["a.txt"]}
    assert judge(passage_question, {"answer": "In 2022.", "method": "passages",
                                    "citations": cited}) == (True, "")
    assert judge({"kind": "passage", "expect_all": [], "sources": ["a.txt"]},
                 {"answer": "Nothing in the documents answers this.", "method": "none",
                  "citations": cited}) == (False, "answered that nothing supports an answer")


def test_judge_takes_a_year_at_the_start_of_a_period_and_a_description_inside_a_name() -> None:
    cited = [{"source": "a.txt"}]
    year = {"expect_all": ["2011"], "sources": ["a.txt"]}
    assert judge(year, {"answer": "From 2011-14 to 2024.", "citations": cited}) == (True, "")
    assert judge(year, {"answer": "From 12011 on.", "citations": cited}) == (
        False, "missing '2011'")
    description = {"expect_all": ["case management"], "sources": ["a.txt"]}
    assert judge(description, {"answer": "the ASB Case Management system (Themis)",
                               "citations": cited}) == (True, "")

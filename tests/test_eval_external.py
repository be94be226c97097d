"""The development-set benchmark's scoring, on invented labels and a stand-in workspace (no
store is built: the benchmark itself builds one and is run by hand)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from partnership_kg.evaluation import (
    judge_by_file_name,
    labels_match,
    micro_average,
    score_labels,
)

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "eval_external.py"
EXAMPLE = SCRIPT.parent / "external_example"


def _load_script() -> Any:
    spec = importlib.util.spec_from_file_location("eval_external", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


eval_external = _load_script()


def test_labels_match_after_normalising_and_as_whole_words() -> None:
    assert labels_match("Goblin Raids & Troll Crime", "goblin raids and troll crime")
    assert labels_match("Tackling goblin raids, focussing on bridges", "Tackling Goblin Raids")
    assert not labels_match("Troll Crime", "Troll Crimes Unit")
    assert not labels_match("Raids", "")


def test_score_prefers_exact_matches_and_uses_each_label_once() -> None:
    score = score_labels(["Bridge Safety", "Bridge Safety at Night", "Goblin Raids"],
                         ["Bridge Safety at Night", "Bridge Safety", "Towpath Thefts"])
    assert score.matched == [("Bridge Safety", "Bridge Safety"),
                             ("Bridge Safety at Night", "Bridge Safety at Night")]
    assert score.missed == ["Goblin Raids"]
    assert score.extra == ["Towpath Thefts"]
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(2 / 3)


def test_precision_is_undefined_when_nothing_is_read() -> None:
    score = score_labels(["Goblin Raids"], [])
    assert score.precision is None and score.recall == 0.0
    assert score_labels([], []).recall is None


def test_micro_average_pools_labels_across_documents() -> None:
    first = score_labels(["A one", "B two"], ["A one"])            # 1 hit, 1 missed
    second = score_labels(["C three"], ["C three", "D four", "E"])  # 1 hit, 2 extra
    assert micro_average([first, second]) == (pytest.approx(2 / 4), pytest.approx(2 / 3))


def test_judge_compares_file_names_whatever_the_folder() -> None:
    question = {"expect_all": ["Goblin Raids"], "sources": ["riverford/plan.txt"]}
    result = {"answer": "The priorities were Goblin Raids.",
              "citations": [{"source": "plan.txt", "page": None, "quote": "..."}]}
    assert judge_by_file_name(question, result) == (True, "")
    result["citations"][0]["source"] = "other.txt"
    assert judge_by_file_name(question, result)[0] is False


class StandInWorkspace:
    """Answers like a store holding one Riverford plan (agreement.txt) and a news page that
    it reads no version from; ``priorities(document=unknown)`` falls back to the latest."""

    latest = {"source": "agreement.txt", "title": "Riverford Plan", "period": "2041-44"}

    def __init__(self, with_partnership: bool) -> None:
        self.calls: list[dict] = []
        if with_partnership:
            self.priorities = self._priorities_by_partnership

    def document_summaries(self) -> list[dict]:
        return [{"source": "agreement.txt", "type": "plan", "title": "Riverford Plan"},
                {"source": "news.txt", "type": "other", "title": "Source: https://x"}]

    def priorities(self, year: int | None = None, document: str | None = None) -> dict:
        self.calls.append({"year": year, "document": document})
        return {"agreement": self.latest,
                "priorities": [{"label": "Goblin Raids"}, {"label": "Bridge Safety"}]}

    def _priorities_by_partnership(self, year: int | None = None, document: str | None = None,
                                   partnership: str | None = None) -> dict:
        self.calls.append({"year": year, "document": document, "partnership": partnership})
        return {"agreement": self.latest, "priorities": [{"label": "Goblin Raids"}]}

    def ask(self, question: str) -> dict:
        return {"answer": "Goblin Raids and Bridge Safety", "method": "graph",
                "citations": [{"source": "agreement.txt"}]}


ROWS = [
    {"file": "riverford/agreement.txt", "partnership": "Riverford", "year": 2041,
     "priorities": ["Goblin Raids", "Bridge Safety", "Towpath Thefts"],
     "questions": [{"question": "What were the priorities?", "expect_all": ["Goblin Raids"]}]},
    {"file": "riverford/news.txt", "partnership": "Riverford", "year": None,
     "priorities": ["Troll Crime"], "other_lists": {"key crime issues": ["Bridge Safety"]},
     "questions": [{"question": "What are the priorities?", "expect_all": ["Troll Crime"]}]},
]


def test_evaluate_reads_each_document_and_version() -> None:
    report = eval_external.evaluate(StandInWorkspace(with_partnership=False), ROWS)
    plan, news = report["documents"]
    assert plan["doc"]["matched"] == [("Goblin Raids", "Goblin Raids"),
                                      ("Bridge Safety", "Bridge Safety")]
    assert plan["doc"]["missed"] == ["Towpath Thefts"]
    assert plan["version_query"] == "store-wide year (no partnership option)"
    # The news page has no version of its own: the latest agreement's list is not its reading.
    assert news["doc"]["extra"] == [] and news["doc"]["missed"] == ["Troll Crime"]
    assert news["version"] is None and news["version_query"] == "no year stated"
    assert [q["passed"] for q in plan["questions"] + news["questions"]] == [True, False]
    assert report["totals"]["right_with_citation"] == 1
    assert report["totals"]["doc_recall"] == pytest.approx(2 / 4)
    assert eval_external.failing(plan) and eval_external.failing(news)


def test_evaluate_asks_by_partnership_when_the_store_takes_one() -> None:
    workspace = StandInWorkspace(with_partnership=True)
    report = eval_external.evaluate(workspace, ROWS[:1])
    assert report["partnership_option"] is True
    assert report["documents"][0]["version_query"] == "partnership+year"
    assert {"year": 2041, "document": None, "partnership": "Riverford"} in workspace.calls
    assert report["documents"][0]["version"]["matched"] == [("Goblin Raids", "Goblin Raids")]


def test_other_kinds_of_list_listed_as_priorities_are_named() -> None:
    rows = [{**ROWS[1], "file": "riverford/agreement.txt"}]
    document = eval_external.evaluate(StandInWorkspace(False), rows)["documents"][0]
    assert document["other_kinds_listed"] == ["Bridge Safety"]


def test_the_example_expected_file_is_valid() -> None:
    rows = eval_external.load_expected(EXAMPLE / "expected.jsonl")
    assert {row["partnership"] for row in rows} == {"Riverford"}
    for row in rows:
        text = " ".join((EXAMPLE / row["file"]).read_text(encoding="utf-8").split())
        assert all(label in text for label in row["priorities"])


def test_a_malformed_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "expected.jsonl"
    path.write_text(json.dumps({"file": "a.txt", "partnership": "Riverford",
                                "priorities": "Goblin Raids", "questions": []}) + "\n")
    with pytest.raises(ValueError, match="line 1: 'priorities' must be a list"):
        eval_external.load_expected(path)


@pytest.mark.parametrize("make", ["missing folder", "no expected file"])
def test_unusable_data_exits_2_in_one_line(tmp_path: Path, make: str) -> None:
    data = tmp_path / "data"
    if make == "no expected file":
        data.mkdir()
    result = subprocess.run([sys.executable, str(SCRIPT), "--data", str(data)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1

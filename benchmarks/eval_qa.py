"""Question-answering evaluation: does each answer state the expected facts and cite a right file?

Also compares retrieval modes on every question: Recall@5 and MRR of an expected source file
for hybrid, bm25 and dense side by side.

    python benchmarks/eval_qa.py [--store STORE] [--questions FILE.jsonl]

Builds the bundled corpus into a temporary store when --store is not given. Exit code 1 when a
question fails.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import partnership_kg

QUESTIONS = Path(__file__).parent / "data" / "dev_questions.jsonl"
MODES = ("hybrid", "bm25", "dense")


def load_questions(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def judge(question: dict, result: dict) -> tuple[bool, str]:
    """Pass when the answer states every expected fact (and one of ``expect_any``) and cites
    at least one expected file."""
    answer = result["answer"].lower()
    missing = [fact for fact in question.get("expect_all", []) if fact.lower() not in answer]
    any_facts = question.get("expect_any") or []
    if any_facts and not any(fact.lower() in answer for fact in any_facts):
        missing.append(" | ".join(any_facts))
    cited = {citation["source"] for citation in result["citations"]}
    cites_right_file = bool(cited & set(question["sources"]))
    reasons = []
    if missing:
        reasons.append("missing " + ", ".join(repr(fact) for fact in missing))
    if not cites_right_file:
        reasons.append(f"cites {sorted(cited) or 'nothing'}")
    return not reasons, "; ".join(reasons)


def retrieval_scores(searcher: Any, questions: list[dict], mode: str, k: int = 5,
                     depth: int = 20) -> tuple[float, float]:
    """(Recall@k, MRR) of the first passage from an expected source file; ``searcher`` is a
    workspace or a search index (anything with ``search(query, k, mode)``)."""
    recalls, reciprocal_ranks = [], []
    for question in questions:
        results = searcher.search(question["question"], k=depth, mode=mode)
        ranks = [rank for rank, result in enumerate(results, 1)
                 if result["source"] in question["sources"]]
        recalls.append(1.0 if ranks and ranks[0] <= k else 0.0)
        reciprocal_ranks.append(1.0 / ranks[0] if ranks else 0.0)
    return statistics.mean(recalls), statistics.mean(reciprocal_ranks)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path)
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    args = parser.parse_args()
    questions = load_questions(args.questions)
    store = args.store
    if store is None:
        store = Path(tempfile.mkdtemp()) / "store"
        partnership_kg.build(None, store)
    workspace = partnership_kg.open(store)

    failures = 0
    print(f"{'id':<8} {'kind':<8} {'method':<9} {'ms':>6}  result")
    for question in questions:
        started = time.perf_counter()
        result = workspace.ask(question["question"])
        elapsed = (time.perf_counter() - started) * 1000
        passed, why = judge(question, result)
        failures += not passed
        print(f"{question['id']:<8} {question['kind']:<8} {result['method']:<9} {elapsed:6.0f}  "
              f"{'PASS' if passed else 'FAIL ' + why}")
    print(f"\n{len(questions) - failures}/{len(questions)} questions pass")

    passage_questions = [q for q in questions if q["kind"] == "passage"]
    for label, subset in (("all questions", questions), ("passage questions", passage_questions)):
        print(f"\nretrieval over {label} ({len(subset)}): mode    Recall@5    MRR")
        for mode in MODES:
            recall, mrr = retrieval_scores(workspace, subset, mode)
            print(f"{'':>{len(label) + 22}}{mode:<8}{recall:8.3f}{mrr:9.3f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

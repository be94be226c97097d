"""Question-answering evaluation: does each answer state the expected facts and cite a right file?

Also compares retrieval modes on every question: Recall@5 and MRR of an expected source file
for hybrid, bm25 and dense side by side.

    python benchmarks/eval_qa.py [--store STORE] [--questions FILE.jsonl]

Builds the bundled corpus into a temporary store when --store is not given. Exit code 1 when a
question fails.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import partnership_kg
from partnership_kg.evaluation import judge, load_questions, retrieval_scores

QUESTIONS = Path(__file__).parent / "data" / "dev_questions.jsonl"
MODES = ("hybrid", "bm25", "dense")


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

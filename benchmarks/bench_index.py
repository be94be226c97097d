"""Retrieval and extractive-answer quality on the dev questions, and index build timings.

    python benchmarks/bench_index.py [--corpus DIR] [--questions FILE] [--tune]

Prints Recall@5 and MRR (of the first passage from an expected source file) for hybrid, BM25
and dense search over all dev questions, and whether the extractive answers to the ``passage``
questions contain their expected strings. ``--tune`` also sweeps the fusion weight, constant
and candidate depth. Build timings are in ``bench_build.py``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from partnership_kg.evaluation import load_questions, retrieval_scores

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_QUESTIONS = ROOT / "benchmarks" / "data" / "dev_questions.jsonl"
DEFAULT_CORPUS = ROOT / "corpus"
MODES = ("hybrid", "bm25", "dense")


def load_documents(corpus: Path) -> list[Any]:
    """The corpus through the real ingestion stage."""
    from partnership_kg.ingest import discover, extract

    return [extract(path) for path in discover([corpus])]


def extractive_check(index: Any, questions: list[dict[str, Any]]) -> list[tuple[str, bool, str]]:
    from partnership_kg.answer.extractive import answer_from_passages

    rows = []
    for question in questions:
        results = index.search(question["question"], k=10)
        answer = answer_from_passages(question["question"], results)
        text = answer["answer"] if answer else ""
        expected = question.get("expect_all") or []
        ok = bool(answer) and all(item.lower() in text.lower() for item in expected)
        rows.append((question["id"], ok, text))
    return rows


def tune(index: Any, questions: list[dict[str, Any]]) -> None:
    defaults = (index.rrf_k, index.candidates, index.dense_weight)
    print("\nfusion sweep: Recall@5 / MRR")
    for weight in (0.3, 0.5, 0.7, 1.0):
        for rrf_k in (2, 5, 10, 30, 60):
            for depth in (10, 20, 50):
                index.rrf_k, index.candidates, index.dense_weight = rrf_k, depth, weight
                recall, mrr = retrieval_scores(index, questions, "hybrid")
                print(f"  dense_weight={weight:<4} k_rrf={rrf_k:<3} depth={depth:<3} "
                      f"{recall:.3f} / {mrr:.3f}")
    index.rrf_k, index.candidates, index.dense_weight = defaults


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--tune", action="store_true", help="sweep the fusion settings too")
    args = parser.parse_args(argv)

    from partnership_kg.search.index import SearchIndex, build_index

    questions = load_questions(args.questions)
    documents = load_documents(args.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        build_index(documents, work / "fresh", progress=False)
        index = SearchIndex(work / "fresh")
        print(f"{len(questions)} questions, {len(index.chunks)} passages\n")
        print(f"{'mode':<8} {'Recall@5':>9} {'MRR':>7}")
        for mode in MODES:
            recall, mrr = retrieval_scores(index, questions, mode)
            print(f"{mode:<8} {recall:>9.3f} {mrr:>7.3f}")
        passage = [q for q in questions if q["kind"] == "passage"]
        if passage:
            recall, mrr = retrieval_scores(index, passage, "hybrid")
            print(f"(passage questions only, hybrid: {recall:.3f} / {mrr:.3f})")
        if args.tune:
            tune(index, questions)

        print("\nextractive answers (passage questions): expected strings present")
        rows = extractive_check(index, passage)
        for qid, ok, text in rows:
            print(f"  {qid} {'ok  ' if ok else 'MISS'} {text[:150]!r}")
        print(f"  {sum(ok for _, ok, _ in rows)}/{len(rows)} answered with every expected string")

    return 0


if __name__ == "__main__":
    sys.exit(main())

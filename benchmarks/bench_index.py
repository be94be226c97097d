"""Retrieval and extractive-answer quality on the dev questions, and index build timings.

    python benchmarks/bench_index.py [--corpus DIR] [--questions FILE] [--tune]

Prints Recall@5 and MRR (of the first passage from an expected source file) for hybrid, BM25
and dense search over all dev questions; whether the extractive answers to the ``passage``
questions contain their expected strings; and the time to build the corpus index from
scratch, to encode the same passages with the bare model, and to rebuild with the cache.
``--tune`` also sweeps the fusion constant and candidate depth.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_QUESTIONS = ROOT / "benchmarks" / "data" / "dev_questions.jsonl"
DEFAULT_CORPUS = ROOT / "corpus"
MODES = ("hybrid", "bm25", "dense")
K = 5


def load_questions(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def load_documents(corpus: Path) -> list[Any]:
    """The corpus through the real ingestion stage."""
    from partnership_kg.ingest import extract

    documents: list[Any] = []
    for path in sorted(corpus.iterdir()):
        if path.suffix.lower() not in (".txt", ".pdf") or path.name.startswith("_"):
            continue
        extracted = extract(path)
        documents.extend(extracted if isinstance(extracted, list) else [extracted])
    return documents


def retrieval_scores(
    index: Any, questions: list[dict[str, Any]], mode: str, k: int = K
) -> tuple[float, float]:
    """(Recall@k, MRR) of an expected source among the ranked passages' sources."""
    hits = reciprocal = 0.0
    for question in questions:
        expected = set(question["sources"])
        results = index.search(question["question"], k=max(k, 20), mode=mode)
        rank = next(
            (i for i, result in enumerate(results, start=1) if result["source"] in expected),
            None,
        )
        if rank is not None:
            reciprocal += 1.0 / rank
            hits += rank <= k
    return hits / len(questions), reciprocal / len(questions)


def extractive_check(index: Any, questions: list[dict[str, Any]]) -> list[tuple[str, bool, str]]:
    from partnership_kg.search.extractive import answer_from_passages

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


def timings(documents: list[Any], work: Path) -> dict[str, float]:
    """Seconds for: the bare model (import, load, encode the passages), a build from scratch
    (the same encoding plus chunking and both indexes) and a rebuild from the cache."""
    from partnership_kg.search.chunk import chunk
    from partnership_kg.search.embed import BATCH_SIZE, Embedder
    from partnership_kg.search.index import build_index

    result: dict[str, float] = {}
    texts = [c.indexed_text for document in documents for c in chunk(document)]
    embedder = Embedder()
    started = time.perf_counter()
    embedder.model  # noqa: B018 - imports PyTorch and loads the weights
    result["bare model: import + load"] = time.perf_counter() - started
    embedder.model.encode(texts[:BATCH_SIZE])  # warm-up: the first call pays one-off costs
    started = time.perf_counter()
    embedder.model.encode(texts, batch_size=BATCH_SIZE, normalize_embeddings=True)
    result[f"bare model: encode {len(texts)} passages"] = time.perf_counter() - started

    started = time.perf_counter()
    build_index(documents, work / "fresh", progress=False)
    result["build_index from scratch (model load + encode + indexes)"] = (
        time.perf_counter() - started
    )
    meta = json.loads((work / "fresh" / "meta.json").read_text(encoding="utf-8"))
    result["  of which encoding"] = meta["embed_seconds"]

    started = time.perf_counter()
    build_index(documents, work / "rebuild", previous=work / "fresh", progress=False)
    result["build_index again, reusing the cache"] = time.perf_counter() - started
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--tune", action="store_true", help="sweep the fusion settings too")
    parser.add_argument("--no-timings", action="store_true")
    args = parser.parse_args(argv)

    from partnership_kg.search.index import SearchIndex

    questions = load_questions(args.questions)
    documents = load_documents(args.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        times = {} if args.no_timings else timings(documents, work)
        if args.no_timings:
            from partnership_kg.search.index import build_index

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

        if times:
            print("\nbuild timings (seconds)")
            for name, seconds in times.items():
                print(f"  {name:<58} {seconds:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Judging answers against a question set (JSON lines: question, expect_all, expect_any,
sources), shared by the evaluation harness in ``benchmarks/`` and the tests."""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any


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

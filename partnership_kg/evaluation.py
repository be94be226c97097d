"""Judging answers against a question set (JSON lines: question, expect_all, expect_any,
sources), shared by the evaluation harness in ``benchmarks/`` and the tests; and scoring the
priorities read from a development set against the lists its documents state."""

from __future__ import annotations

import json
import re
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partnership_kg.graph.names import normalise


def load_questions(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


# Words that may stand just before a name without being part of it: sentence openers,
# prepositions and a person's title.
_NOT_NAME_WORDS = {"the", "a", "an", "in", "on", "for", "of", "and", "to", "by", "from", "with",
                   "was", "is", "were", "are", "mr", "mrs", "ms", "miss", "dr", "cllr",
                   "councillor", "sir", "dame"}
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'’-]*)\s+$")
_WORD_AFTER = re.compile(r"^\s+([A-Za-z][\w'’-]*)")
_DENOMINATOR = re.compile(r"\b(?:of|out of)(?:\s+the)?\s+$", re.I)


def states(answer: str, fact: str) -> bool:
    """Does ``answer`` state ``fact`` as a fact of its own?

    The fact must stand as whole words, not inside a longer name (an expected "Domestic Abuse"
    is not stated by "the Chair of the Wessex Domestic Abuse Strategy Group"; a lower-case fact
    such as "case management" is a description, not a name), and an expected number must not be
    the total of a share ("3 of the 11" does not state 11; "2011-14" does state 2011).
    """
    number = fact.strip().isdigit()
    edge = r"\d" if number else r"[\w-]"
    pattern = re.compile(rf"(?<!{edge}){re.escape(fact)}(?!{edge})", re.I)
    for match in pattern.finditer(answer):
        before, after = answer[: match.start()], answer[match.end():]
        if number:
            if not _DENOMINATOR.search(before):
                return True
            continue
        if fact[:1].isupper() and _part_of_longer_name(before, after):
            continue
        return True
    return False


def _part_of_longer_name(before: str, after: str) -> bool:
    previous, following = _WORD_BEFORE.search(before), _WORD_AFTER.match(after)
    return any(word and word.group(1)[0].isupper()
               and word.group(1).lower().strip("'’") not in _NOT_NAME_WORDS
               for word in (previous, following))


def judge(question: dict, result: dict) -> tuple[bool, str]:
    """Pass when the answer states every expected fact (and one of ``expect_any``), cites at
    least one expected file and, for graph and lineage questions, comes from the graph."""
    answer = result["answer"]
    missing = [fact for fact in question.get("expect_all", []) if not states(answer, fact)]
    any_facts = question.get("expect_any") or []
    if any_facts and not any(states(answer, fact) for fact in any_facts):
        missing.append(" | ".join(any_facts))
    cited = {citation["source"] for citation in result["citations"]}
    cites_right_file = bool(cited & set(question["sources"]))
    reasons = []
    expected_method = question.get("method") or (
        "graph" if question.get("kind") in {"graph", "lineage"} else None)
    if expected_method and result.get("method") != expected_method:
        reasons.append(f"method {result.get('method')!r}, not {expected_method!r}")
    if result.get("method") == "none":
        reasons.append("answered that nothing supports an answer")
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


# Scoring a development set of other partnerships' documents (benchmarks/eval_external.py).

@dataclass(frozen=True)
class ListScore:
    """How a list the tool read compares with the list a document states."""

    matched: list[tuple[str, str]]  # (expected label, label found)
    missed: list[str]               # expected, not found
    extra: list[str]                # found, not expected

    @property
    def precision(self) -> float | None:
        found = len(self.matched) + len(self.extra)
        return len(self.matched) / found if found else None

    @property
    def recall(self) -> float | None:
        expected = len(self.matched) + len(self.missed)
        return len(self.matched) / expected if expected else None


def labels_match(expected: str, found: str) -> bool:
    """Same label once normalised, or one contains the other as whole words: a document's
    "Priority One – Tackling gangs, focussing on X" and the label "Tackling gangs" agree."""
    a, b = f" {normalise(expected)} ", f" {normalise(found)} "
    if not a.strip() or not b.strip():
        return False
    return a in b or b in a


def score_labels(expected: list[str], found: list[str]) -> ListScore:
    """One-to-one matching (exact matches first, then containment), each label used once."""
    matched: list[tuple[str, str]] = []
    missed, unused = list(expected), list(found)
    for exact in (True, False):
        for label in list(missed):
            for candidate in unused:
                if (normalise(label) == normalise(candidate)) if exact else \
                        labels_match(label, candidate):
                    matched.append((label, candidate))
                    missed.remove(label)
                    unused.remove(candidate)
                    break
    return ListScore(matched, missed, unused)


def micro_average(scores: list[ListScore]) -> tuple[float | None, float | None]:
    """(precision, recall) over all labels of all scores together."""
    hits = sum(len(score.matched) for score in scores)
    found = hits + sum(len(score.extra) for score in scores)
    expected = hits + sum(len(score.missed) for score in scores)
    return (hits / found if found else None, hits / expected if expected else None)


def judge_by_file_name(question: dict, result: dict) -> tuple[bool, str]:
    """``judge`` comparing file names only, whether a store names sources by file name or by
    their path under the data folder."""
    named = {**question, "sources": [Path(source).name for source in question["sources"]]}
    cited = {**result, "citations": [{**citation, "source": Path(citation["source"]).name}
                                     for citation in result.get("citations", [])]}
    return judge(named, cited)

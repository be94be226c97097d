"""What every graph answer shares: its types, and the small phrasing and matching helpers."""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz

from partnership_kg.graph.names import normalise
from partnership_kg.graph.resolve import core

Evidence = dict[str, Any]
GraphAnswer = tuple[str, list[Evidence]]

_STOP = {"the", "a", "an", "of", "and", "to", "in", "on", "for", "by", "as", "at", "with",
         "which", "what", "who", "was", "were", "is", "are", "did", "does", "how", "many",
         "act", "acts", "that", "this", "their", "its"}


def content_words(text: str) -> set[str]:
    return {word for word in normalise(text).split() if word not in _STOP and len(word) > 2}


def quoted_list(labels: list[str]) -> str:
    return "; ".join(labels)


def version_name(agreement: dict[str, Any] | None, fallback: str) -> str:
    if not agreement:
        return fallback
    return f"the {agreement.get('period') or ''} agreement".replace("  ", " ")


def noted(note: str | None, answer: str) -> str:
    """The answer, after a note saying how a name in the question was read."""
    return f"{note} {answer}" if note else answer


def closeness(labels: list[str], name: str) -> float:
    """How well the best of ``labels`` matches ``name`` (0..100)."""
    return max((fuzz.token_sort_ratio(core(name), core(label)) for label in labels), default=0.0)

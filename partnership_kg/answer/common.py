"""What every graph answer shares: its types, and the small phrasing and matching helpers."""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz

from partnership_kg.graph.names import normalise
from partnership_kg.graph.resolve import core
from partnership_kg.ingest.plan_kinds import plan_kind

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
    """A version named as its text names it: "the Northshire Community Safety Plan 2013-2016",
    "the Wessex Strategic Assessment (2041/42)"; an agreement, or a version whose title names
    no kind of plan (a report or a page quoting it, a narrated one), as "the 2014-17 agreement"."""
    if not agreement:
        return fallback
    period = agreement.get("period") or ""
    title = (agreement.get("title") or "").strip()
    kind = plan_kind(title) if title else None
    if kind is not None and kind != "agreement":
        return f"the {title}" if not period or period in title else f"the {title} ({period})"
    if not period and agreement.get("undated"):
        return f"the undated list of {title}" if title else "an undated list"
    return f"the {period} agreement".replace("  ", " ")


def noted(note: str | None, answer: str) -> str:
    """The answer, after a note saying how a name in the question was read."""
    return f"{note} {answer}" if note else answer


def closeness(labels: list[str], name: str) -> float:
    """How well the best of ``labels`` matches ``name`` (0..100)."""
    return max((fuzz.token_sort_ratio(core(name), core(label)) for label in labels), default=0.0)

"""Which kind of partnership plan a part is, from its title: agreement, plan, strategy or
strategic assessment, with its period as written.

A partnership's own plan goes by many names: "Community Safety Plan", "Partnership Plan",
"Annual Partnership Plan", "Safer Northshire Plan", "Community Safety Strategy", "Our annual
priorities", a strategic assessment. Another body's plan ("Police and Crime Plan") and an
action plan are not versions of the partnership's plan.
"""

from __future__ import annotations

import re

from partnership_kg.ingest.model import Block, PartType
from partnership_kg.ingest.periods import PERIOD_TEXT, find_period

_NOT_OURS = re.compile(r"police\s+and\s+crime|\baction\s+plan|\bdelivery\s+plan|commissioner",
                       re.IGNORECASE)
_KINDS: list[tuple[PartType, re.Pattern[str]]] = [
    ("strategic assessment", re.compile(r"\bstrategic\s+(?:needs\s+)?assessment\b", re.I)),
    ("agreement", re.compile(r"\bcommunity\s+safety\s+agreement\b", re.I)),
    ("strategy", re.compile(
        r"\b(?:community\s+safety|partnership|crime\s+(?:and|&)\s+disorder(?:\s+reduction)?"
        r"|crime\s+reduction|safer\s+[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,2})\s+strategy\b",
        re.I)),
    ("plan", re.compile(
        r"\b(?:community\s+safety|(?:annual\s+)?partnership|crime\s+(?:and|&)\s+disorder"
        r"(?:\s+reduction)?|crime\s+reduction|safer\s+[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,2})"
        r"\s+plan\b|\b(?:our\s+)?(?:annual|key)\s+priorities\b|\bour\s+priorities\b", re.I)),
]


def plan_kind(title: str) -> PartType | None:
    """The kind of plan a title names, or None for any other document."""
    if _NOT_OURS.search(title):
        return None
    for kind, pattern in _KINDS:
        if pattern.search(title):
            return kind
    return None


def plan_period(title: str, blocks: list[Block]) -> str | None:
    """The period as written: in the title ("22-27" there too), else the first one the opening
    blocks name."""
    period = find_period(title, short_years=True)
    if period:
        return period
    for block in blocks[:12]:
        match = PERIOD_TEXT.search(block.text)
        if match:
            return match.group().strip()
    return None

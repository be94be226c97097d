"""Plan and strategy titles: the period in a title, a key that ignores how the period is written,
and finding a known plan's title verbatim in a block of text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from partnership_kg.graph.labels import clean_item, split_parenthesis
from partnership_kg.graph.names import normalise, parse_period

_PERIOD = re.compile(
    r"[\s,(–—-]*\b(?:19|20)\d\d(?:\s*(?:[-/–—]|\bto\b)\s*(?:19|20)?\d\d|\s+(?:19|20)\d\d)?\b\)?"
)
_PERIOD_AFTER = re.compile(r"^[\s,(]*((?:19|20)\d\d(?:\s*(?:[-/–—]|\bto\b)\s*(?:19|20)?\d\d"
                           r"|\s+(?:19|20)\d\d)?)")


@dataclass(frozen=True)
class PlanTitle:
    title: str  # as written, without a trailing explanation in parentheses
    alternative: str | None  # that explanation: "(Police and Crime Plan)"
    start: int | None
    end: int | None

    @property
    def base(self) -> str:
        """The title with its period taken out: "Wessex Alcohol Strategy"."""
        base = re.sub(r"\s+", " ", _PERIOD.sub(" ", self.title))
        return re.sub(r"\s+([:,])", r"\1", base).strip(" ,:–—-")

    @property
    def key(self) -> str:
        """One key per edition: the base title and the period, however the period is written."""
        period = f"{self.start}-{self.end or ''}" if self.start else ""
        return f"{normalise(self.base)} {period}".strip()

    @property
    def period(self) -> str | None:
        if self.start is None:
            return None
        return f"{self.start}-{self.end}" if self.end else str(self.start)


def parse_title(item: str) -> PlanTitle:
    text = clean_item(item)
    title, inner = split_parenthesis(text)
    if inner and re.fullmatch(r"(?:19|20)\d\d.*", inner):  # "(2022 - 2025)" is the period
        title, inner = text, None
    start, end = parse_period(title)
    return PlanTitle(title, inner, start, end)


def find_title(text: str, plan: PlanTitle) -> str | None:
    """The verbatim words of ``text`` that name ``plan`` (same edition where a period follows)."""
    words = re.findall(r"[A-Za-z0-9]+", plan.base.replace("&", " and "))
    if len(words) < 2:
        return None
    joins = []
    for word in words:
        joins.append(r"(?:and|&)" if word.lower() == "and" else re.escape(word))
    # Punctuation between words may differ ("Vision Zero – Road ..." / "Vision Zero The Road").
    pattern = re.compile(r"\b" + r"[\W_]+(?:the[\W_]+)?".join(joins) + r"\b", re.IGNORECASE)
    for match in pattern.finditer(text):
        token_start = text.rfind(" ", 0, match.start()) + 1
        if re.match(r"\S*(?:://|www\.)", text[token_start:]):
            continue  # a web address spelling the title as a slug is not a mention
        after = _PERIOD_AFTER.match(text[match.end():])
        if after:
            start, end = parse_period(after.group(1))
            if plan.start is not None and (start, end or plan.end) != (plan.start, plan.end):
                continue  # another edition of the same-named plan
            return text[match.start(): match.end() + after.end()]
        if plan.start is None or len(words) >= 3:
            return match.group(0)
    return None

"""Answers about meetings: a meeting's agenda items, and what it noted, agreed or resolved."""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz

from partnership_kg.answer.common import GraphAnswer, content_words
from partnership_kg.answer.intent import MONTHS, Question
from partnership_kg.graph import queries
from partnership_kg.graph.names import normalise

_DECISION_WORDS = re.compile(r"\b(resolv\w*|resolutions?|agree[sd]?|agreeing|decid\w*|decisions?|"
                             r"not(?:e|ed|es|ing)|consider(?:s|ed|ing)?)\b", re.I)
_MEETING_WORDS = {"meeting", "agenda", "minutes", "items", "item", "resolved", "resolve",
                  "agreed", "agree", "decided", "decide", "decision", "decisions", "noted", "note",
                  "consider", "considered", "resolution", "discussed", "committee",
                  "partnership", "board", "held", *MONTHS}


def _meeting_fit(meeting: dict[str, Any], question: Question) -> float:
    """0 when the meeting's date contradicts the question; more for a body and date it names."""
    date = meeting["date"] or ""
    asked = normalise(question.text)
    score = 0.0
    if question.year is not None:
        if not date.startswith(str(question.year)):
            return 0.0
        score += 1
    month = next((m for m in MONTHS if m in asked.split()), None)
    if month is not None:
        if not date or int(date[5:7]) != MONTHS.index(month) + 1:
            return 0.0
        score += 1
    if fuzz.partial_ratio(normalise(meeting["body"]), asked) >= 90:
        score += 1
    return score


def meeting(ws: Any, question: Question) -> GraphAnswer | None:
    """Items on a meeting's agenda, or what it noted, agreed or resolved (about a topic)."""
    scored = [(_meeting_fit(m, question), m) for m in queries.meetings(ws.graph)]
    scored = [(score, m) for score, m in scored if score > 0]
    if not scored:
        return None
    best_score = max(score for score, _ in scored)
    chosen = [m for score, m in scored if score == best_score]
    if len(chosen) != 1:
        return None  # the question does not single out one meeting
    found = chosen[0]
    name = f"the {found['body']} meeting of {found['date']}"
    if _DECISION_WORDS.search(question.text):
        topic = {word for word in content_words(question.text) - content_words(found["body"])
                 - _MEETING_WORDS if not word.isdigit()}  # the date already chose the meeting
        decisions = [(item, d) for item in found["items"] for d in item["decisions"]
                     if d.get("evidence")]
        if topic:
            decisions = [(item, d) for item, d in decisions
                         if topic & content_words(f"{item['title']} {d['text']}")]
        if not decisions:
            return None
        # One decision a line, each cited by its own quote (the citations follow the lines).
        lines = "\n".join(f"- {item['number']}. {item['title']}: {d['text'].rstrip('.')}."
                           for item, d in decisions)
        return f"At {name}:\n{lines}", [d["evidence"] for _, d in decisions]
    items = [item for item in found["items"] if item.get("evidence")]
    if not items:
        return None
    lines = "; ".join(f"{item['number']} {item['title']}" for item in items)
    return f"The items of {name} were: {lines}.", [item["evidence"] for item in items]

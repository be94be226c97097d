"""Answers about change: how a priority became another, its history, what changed in a year."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from partnership_kg.answer.common import Evidence, GraphAnswer, closeness, noted
from partnership_kg.answer.intent import Question
from partnership_kg.answer.linking import link
from partnership_kg.graph import queries

_EVENT_PHRASES: dict[str, Callable[[dict[str, Any]], str]] = {
    "introduced": lambda e: f"'{_join(e['to'])}' was introduced"
    + (f" (previously part of '{_join(e['from'])}')" if e["from"] else ""),
    "renamed": lambda e: f"'{_join(e['from'])}' was renamed '{_join(e['to'])}'",
    "expanded": lambda e: f"'{_join(e['from'])}' was expanded to become '{_join(e['to'])}'",
    "merged": lambda e: (f"{_join(e['from'], ' and ')} were absorbed into '{_join(e['to'])}' "
                         "(its scope list names them)" if e.get("how") == "scope list" else
                         f"{_join(e['from'], ' and ')} were merged into '{_join(e['to'])}'"),
    "split": lambda e: f"'{_join(e['from'])}' was split into {_join(e['to'], ' and ')}",
    "retired": lambda e: f"'{_join(e['from'])}' was retired",
}


def _join(labels: list[str], sep: str = "' + '") -> str:
    return sep.join(labels)


def describe_event(event: dict[str, Any]) -> str:
    """One sentence; an inferred change is dated between its two versions, never to a year."""
    return f"{queries.event_when(event)} {_EVENT_PHRASES[event['type']](event)}."


def _quotes(events: list[dict[str, Any]]) -> list[Evidence]:
    return [quote for event in events for quote in queries.event_quotes(event)]


def lineage(ws: Any, question: Question) -> GraphAnswer | None:
    if not question.names:
        return None
    name, note = link(ws, question.names[0])
    result = queries.lineage(ws.graph, name)
    events = [event for event in result["events"] if event.get("evidence")]
    if not result.get("concept") or not events:
        return None
    text = question.text.lower()
    if len(question.names) > 1:  # "how did X become Y": the step that best arrives at Y
        best = max(closeness(e["to"], question.names[-1]) for e in events)
        chosen = [e for e in events if closeness(e["to"], question.names[-1]) == best]
    elif re.search(r"\b(added|introduced)\b", text):  # the introduction of X itself
        introduced = [e for e in events if e["type"] == "introduced"] or events
        best = max(closeness(e["to"], question.names[0]) for e in introduced)
        chosen = [e for e in introduced if closeness(e["to"], question.names[0]) == best]
    else:
        chosen = events
    chosen = chosen or events
    return noted(note, " ".join(describe_event(event) for event in chosen)), _quotes(chosen)


def history(ws: Any, question: Question) -> GraphAnswer | None:
    if not question.names:
        return None
    name, note = link(ws, question.names[0])
    result = queries.lineage(ws.graph, name)
    timeline = result.get("timeline") or []
    if not result.get("concept") or not timeline:
        return None
    steps = ", ".join(f"{entry['period']}: '{entry['label']}'" for entry in timeline
                      if not entry.get("carried"))
    sentences = [f"'{result['concept']}' appears in the agreements from {timeline[0]['period']}"
                 f" to {timeline[-1]['period']} ({steps})."]
    evidence = []
    for entry in (timeline[0], timeline[-1]):
        found = _priority_evidence(ws, entry)
        if found and found not in evidence:
            evidence.append(found)
    for event in result["events"]:
        if event.get("evidence"):
            sentences.append(describe_event(event))
            evidence += queries.event_quotes(event)
    return noted(note, " ".join(sentences)), evidence


def _priority_evidence(ws: Any, entry: dict[str, Any]) -> Evidence | None:
    """The quote that states a timeline entry's label in its version."""
    state = queries.priorities(ws.graph, document=entry["source"]) if entry.get("source") else {}
    for item in state.get("priorities", []) + state.get("themes", []):
        if item["label"] == entry["label"] and item.get("evidence"):
            return item["evidence"]
    return None


def changes_in(ws: Any, question: Question) -> GraphAnswer | None:
    """"Which priorities were added in 2022?": every change that took effect that year."""
    if question.year is None:
        return None
    events = queries.changes_in(ws.graph, question.year)["events"]
    if re.search(r"\b(added|introduced)\b", question.text, re.I):
        events = [event for event in events if event["type"] == "introduced"] or events
    if not events:
        return None
    return " ".join(describe_event(event) for event in events), _quotes(events)

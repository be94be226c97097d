"""Answers read from the knowledge graph, one function per kind of question.

Each takes the open workspace and the parsed question and returns ``(answer, evidence list)`` or
None when the graph holds nothing that answers it (the caller then reads passages). The answer
sentence only restates what the cited evidence says.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from rapidfuzz import fuzz

from partnership_kg.answer.changes import changes_in, describe_event, history, lineage
from partnership_kg.answer.common import (
    Evidence,
    GraphAnswer,
    content_words,
    noted,
    quoted_list,
    version_name,
)
from partnership_kg.answer.intent import Question
from partnership_kg.answer.linking import link
from partnership_kg.answer.meetings import meeting
from partnership_kg.graph import queries
from partnership_kg.graph.evidence import EVIDENCE_QUERY, page_from_selector
from partnership_kg.graph.names import normalise
from partnership_kg.graph.query.model import rows_of
from partnership_kg.graph.resolve import best_matches, core

# -- priorities, themes, scope ------------------------------------------------------------------

def _listing(result: dict[str, Any], key: str, what: str, question: Question,
             tense: str) -> GraphAnswer | None:
    """"The priorities of the 2014-17 agreement are: A; B." with each item's evidence."""
    items = result.get(key) or []
    if not items:
        return None
    name = version_name(result.get("agreement"), str(question.year or "the latest"))
    labels = [item["label"] for item in items]
    return (f"The {what} of {name} {tense}: {quoted_list(labels)}.",
            [item["evidence"] for item in items if item.get("evidence")])


def priorities(ws: Any, question: Question) -> GraphAnswer | None:
    result = queries.priorities(ws.graph, year=question.year)
    return _amended(_listing(result, "priorities", "priorities", question, "are"), result,
                    "priorities")


def themes(ws: Any, question: Question) -> GraphAnswer | None:
    result = queries.themes(ws.graph, question.period or question.year)
    return _listing(result, "themes", "cross-cutting themes", question, "were")


def _amended(answer: GraphAnswer | None, result: dict[str, Any], key: str) -> GraphAnswer | None:
    """In force in a year after the base version: the list is the base version's with each
    change made since, and each change is named with its quote (what was added in 2018 is not
    a priority "of the 2017 agreement")."""
    listed = {normalise(item["label"]) for item in result.get(key) or []}
    others = {normalise(item["label"]) for other in ("priorities", "themes") if other != key
              for item in result.get(other) or []}
    changes = [event for event in result.get("amended_by") or []
               if {normalise(label) for label in event["to"]} & listed
               or (event["type"] == "retired"
                   and not {normalise(label) for label in event["from"]} & others)]
    if answer is None or not changes:
        return answer
    text, evidence = answer
    text = text.replace(" are: ", " as amended since are: ", 1)
    made = " ".join(describe_event(event) for event in changes)
    quotes = [quote for event in changes for quote in queries.event_quotes(event)]
    return f"{text} Changes made since the agreement: {made}", [*evidence, *quotes]


def scope(ws: Any, question: Question) -> GraphAnswer | None:
    if not question.names:
        return None
    name = re.sub(r"\binclude\w*\b", "", question.names[0]).strip()
    rows = rows_of(ws.graph, """SELECT DISTINCT ?concept ?label ?item WHERE {
        ?concept csa:includes ?item ; skos:prefLabel ?label }""")
    labels = [str(row["label"]) for row in rows]
    matches = best_matches(name, labels) if name else []
    if not matches:
        return None
    chosen = [row for row in rows if str(row["label"]) == matches[0]]
    items = list(dict.fromkeys(str(row["item"]) for row in chosen))
    evidence = _evidence_naming_most(ws, str(chosen[0]["concept"]), items)
    if not evidence:
        return None
    return f"'{matches[0]}' includes: {quoted_list(_in_quote_order(items, evidence))}.", [
        evidence]


def _in_quote_order(items: list[str], evidence: Evidence) -> list[str]:
    """Items in the order the quote names them (those it does not name last, by name): the
    same answer whatever order the store returns its rows in."""
    quote = normalise(str(evidence["quote"]))

    def place(item: str) -> tuple[int, str]:
        at = quote.find(normalise(item))
        return (at if at >= 0 else len(quote) + 1, item)

    return sorted(items, key=place)


def _evidence_naming_most(ws: Any, node: str, texts: list[str]) -> Evidence | None:
    """The evidence of ``node`` whose quote names most of ``texts``."""
    rows = rows_of(ws.graph, EVIDENCE_QUERY.replace("?claim", f"<{node}>"))
    found = [{"source": str(row["source"]), "page": page_from_selector(str(row["pageValue"])),
              "quote": str(row["quote"])} for row in rows]
    return max(found, default=None, key=lambda evidence: sum(
        normalise(text) in normalise(evidence["quote"]) for text in texts))


# -- leads --------------------------------------------------------------------------------------

def lead_of(ws: Any, question: Question) -> GraphAnswer | None:
    if not question.names:
        return None
    name, note = link(ws, question.names[0])
    result = queries.leads_of(ws.graph, name, question.year)
    rows = [row for row in result["results"] if row.get("evidence")]
    if not rows:
        return None
    sentences = [f"In {version_name(row.get('agreement'), row['period'])} the lead for "
                 f"'{row['label']}' was {' and '.join(row['leads'])}." for row in rows]
    return noted(note, " ".join(sentences)), [row["evidence"] for row in rows]


_POST_IN_QUESTION = re.compile(
    r"\b(?:is|was|are|were)\s+(?:the\s+)?(?P<post>.+?)\s+(?:the\s+)?(?:lead|leads|responsible)",
    re.I)


def led_by_post(ws: Any, question: Question) -> GraphAnswer | None:
    match = _POST_IN_QUESTION.search(question.text)
    post = match.group("post") if match else (question.names[0] if question.names else "")
    if not post:
        return None
    rows = [row for row in queries.lead_for_post(ws.graph, post)["results"]
            if row.get("evidence")]
    if not rows:
        return None
    by_priority: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_priority.setdefault(row["priority"], []).append(row)
    sentences = [f"The {rows[0]['lead']} is the lead for '{label}' ("
                 f"{', '.join(str(r['period']) for r in group)})."
                 for label, group in by_priority.items()]
    return " ".join(sentences), [row["evidence"] for row in rows]


_CHAIR_VERB = re.compile(r"\bchair(?:ed|s|man|woman|person)?\b(?:\s+of)?", re.I)


def holder(ws: Any, question: Question) -> GraphAnswer | None:
    """"Who chaired the X Partnership in 2024?" -> the person a document names in that post."""
    post = re.sub(r"^\s*who\s+(?:was|is|were|are)?\s*(?:the\s+)?", "", question.text, flags=re.I)
    post = re.sub(r"\b(?:in|during)\s+(?:the\s+)?(?:year\s+)?(?:19|20)\d{2}.*$|\?", "", post)
    post = _CHAIR_VERB.sub("Chair ", post).strip()
    rows = [row for row in queries.post_holders(ws.graph, post, question.year)["results"]
            if row.get("evidence")]
    if not rows:
        return None
    best = rows[0]
    when = f"In {best['year']} the" if best.get("year") else "The"
    return f"{when} {best['post']} was {best['person']}.", [best["evidence"]]


# -- plans, Acts, counts, diff ------------------------------------------------------------------

def plans(ws: Any, question: Question) -> GraphAnswer | None:
    subject: int | str | None = question.names[0] if question.names else question.year
    if subject is None:
        return None
    result = queries.plans_linked(ws.graph, subject)
    found = [plan for plan in result["plans"] if plan.get("evidence")]
    if not found and question.year is not None and subject != question.year:
        found = [p for p in queries.plans_linked(ws.graph, question.year)["plans"]
                 if p.get("evidence")]
        subject = question.year
    if not found:
        return None
    what = f"the {question.period or subject} agreement" if isinstance(subject, int) else (
        f"'{subject}'")
    titles = [plan["title"] for plan in found]
    return (f"{what[0].upper()}{what[1:]} links to these plans and strategies: "
            f"{quoted_list(titles)}.", [plan["evidence"] for plan in found])


def acts(ws: Any, question: Question) -> GraphAnswer | None:
    """The Act whose quoted claim best matches the question, words weighted by rarity among
    all claims: "introduced" says little, "Commissioners" or "reoffending" says which Act."""
    claims = [(act["title"], claim) for act in queries.acts(ws.graph)["acts"]
              for claim in act.get("did", []) if claim.get("evidence")]
    words = [content_words(f"{title} {claim['claim']}") for title, claim in claims]
    frequency = Counter(word for claim_words in words for word in claim_words)
    wanted = content_words(question.text)
    weight = {word: math.log((len(claims) + 1) / (frequency[word] + 0.5)) for word in wanted}
    total = sum(weight.values())
    scored = [(sum(weight[word] for word in wanted & claim_words) / total, index)
              for index, claim_words in enumerate(words)] if total > 0 else []
    if not scored:
        return None
    score, index = max(scored)
    if score < 0.5:
        return None
    title, claim = claims[index]
    return f"The {title} {claim['claim']}.", [claim["evidence"]]


def count(ws: Any, question: Question) -> GraphAnswer | None:
    result = queries.assessment_counts(ws.graph, None, question.period)
    rows = [row for row in result["results"] if row.get("evidence")]
    asked = f" {normalise(question.text)} "
    scored = []
    for row in rows:
        key = normalise(core(row["issue"]))
        score = 100.0 if f" {key} " in asked else fuzz.partial_ratio(key, asked)
        scored.append((score, len(key), row))
    if not scored:
        return None
    score, _, row = max(scored, key=lambda item: (item[0], item[1]))
    if score < 85:
        return None
    out_of = f" of the {row['out_of']}" if row.get("out_of") else ""
    return (f"In the {row['round']} strategic assessments, {row['partnerships']}{out_of} "
            f"community safety partnerships selected '{row['issue']}'.", [row["evidence"]])


def diff(ws: Any, question: Question) -> GraphAnswer | None:
    years = re.findall(r"\b(?:19|20)\d{2}\b", question.text)
    if len(years) < 2:
        return None
    result = queries.diff(ws.graph, years[0], years[1])
    sentences, evidence = [], []
    for key, verb in (("added", "added"), ("removed", "removed")):
        labels = [item["label"] if isinstance(item, dict) else item for item in result[key]]
        if labels:
            sentences.append(f"{verb.capitalize()}: {quoted_list(labels)}.")
        evidence += [item["evidence"] for item in result[key]
                     if isinstance(item, dict) and item.get("evidence")]
    for item in result["renamed"]:
        sentences.append(f"'{item['from']}' {item['type']} to '{item['to']}'.")
        if item.get("evidence"):
            evidence.append(item["evidence"])
    if not sentences or not evidence:
        return None
    return f"Between {years[0]} and {years[1]}: " + " ".join(sentences), evidence


HANDLERS: dict[str, Callable[[Any, Question], GraphAnswer | None]] = {
    "meeting": meeting, "changes_in": changes_in, "lineage": lineage, "history": history,
    "scope": scope, "holder": holder, "lead_of": lead_of, "led_by_post": led_by_post,
    "plans": plans, "acts": acts, "count": count, "themes": themes, "priorities": priorities,
    "diff": diff,
}

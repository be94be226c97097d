"""``ask``: graph first, then passages, and a plain "not found" when neither supports an answer.

The answer always states the fact, and every fact stated is in a cited, verbatim quote.
"""

from __future__ import annotations

from typing import Any

from partnership_kg.answer.intent import parse
from partnership_kg.graph.names import normalise

NOT_FOUND = ("The documents in this store do not answer that: neither the knowledge graph nor "
             "any passage supports an answer, so none is given.")


def answer(ws: Any, text: str) -> dict[str, Any]:
    """The contract's ``ask`` dict for question ``text`` over the open workspace ``ws``."""
    from partnership_kg.answer.graph_answers import HANDLERS

    question = parse(text)
    handler = HANDLERS.get(question.intent)
    found = handler(ws, question) if handler else None
    if found:
        sentence, evidence = found
        return {"question": text, "answer": sentence, "method": "graph",
                "citations": [cite(ws, item) for item in _unique(evidence)]}

    from partnership_kg.search.extractive import answer_from_passages

    passages = answer_from_passages(text, ws.search(text, k=8, mode="hybrid"))
    if passages:
        return {"question": text, "answer": passages["answer"], "method": "passages",
                "citations": passages["citations"]}
    return {"question": text, "answer": NOT_FOUND, "method": "none", "citations": []}


def _unique(evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen, unique = set(), []
    for item in evidence:
        key = (item["source"], item.get("page"), item["quote"])
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


def cite(ws: Any, evidence: dict[str, Any]) -> dict[str, Any]:
    """A citation: the evidence plus the title of the document part that holds the quote."""
    return {"source": evidence["source"], "title": part_title(ws, evidence),
            "page": evidence.get("page"), "quote": evidence["quote"]}


def part_title(ws: Any, evidence: dict[str, Any]) -> str:
    parts = [part for doc in ws.documents if doc.source == evidence["source"]
             for part in doc.parts]
    if not parts:
        return evidence["source"]
    quote = normalise(evidence["quote"])
    holding = [part for part in parts if quote and quote in ws.normalised_part_text(part)]
    page = evidence.get("page")
    on_page = [part for part in holding or parts
               if page and part.page_start and part.page_start <= page <= (part.page_end or page)]
    return (on_page or holding or parts)[0].title

"""``ask``: graph first, then passages, and a plain "not found" when neither supports an answer.

The answer always states the fact, and every fact stated is in a cited, verbatim quote.
"""

from __future__ import annotations

from typing import Any

from partnership_kg.answer.intent import parse
from partnership_kg.graph.names import normalise

NOT_FOUND = ("The documents in this store do not answer that: neither the knowledge graph nor "
             "any passage supports an answer, so none is given.")


def answer(ws: Any, text: str, partnership: str | None = None) -> dict[str, Any]:
    """The contract's ``ask`` dict for question ``text`` over the open workspace ``ws``.

    On a store of several partnerships the question is answered for the one it names (or
    ``partnership``); naming none, each partnership's answer is given under its name.
    """
    from partnership_kg.answer.partnership import View, named_in
    from partnership_kg.graph import queries

    known = queries.partnerships(ws.graph)
    chosen = queries.match(ws.graph, partnership) if partnership else None
    if chosen is None:
        across = _across(ws, text, known)
        if across is not None:
            return across
    if len(known) <= 1:
        return _answer(ws, text, text)
    if chosen is None:
        chosen, plain = named_in(text, known)
    else:
        plain = named_in(text, [chosen])[1]
    if chosen is not None:
        return _answer(View(ws, chosen), text, plain)
    return _answer_each(ws, text, [View(ws, entry) for entry in known])


def _across(ws: Any, text: str, known: list[Any]) -> dict[str, Any] | None:
    """A question across partnerships ("Which partnerships ...", "Compare A and B"), answered
    from the topic mappings, each partnership named with its label, version and quote."""
    from partnership_kg.answer.across import across

    found = across(ws, text, known)
    if found is None:
        return None
    sentence, evidence, extra = found
    return {"question": text, "answer": sentence, "method": "graph",
            "citations": [cite(ws, item) for item in _unique(evidence)], **extra}


def _answer(ws: Any, text: str, plain: str) -> dict[str, Any]:
    """``text`` answered from the graph, else from passages; ``plain`` is the question as
    parsed (without the words naming its partnership)."""
    found = _from_graph(ws, plain)
    if found:
        sentence, evidence = found
        return {"question": text, "answer": sentence, "method": "graph",
                "citations": [cite(ws, item) for item in _unique(evidence)]}
    return _from_passages(ws, text, plain)


def _from_graph(ws: Any, plain: str) -> tuple[str, list[dict[str, Any]]] | None:
    from partnership_kg.answer.graph_answers import HANDLERS

    question = parse(plain)
    handler = HANDLERS.get(question.intent)
    return handler(ws, question) if handler else None


def _from_passages(ws: Any, text: str, plain: str) -> dict[str, Any]:
    from partnership_kg.answer.extractive import answer_from_passages

    if hasattr(ws, "partnership"):  # one partnership's documents only
        mine = ws.partnership_sources(ws.partnership.label)
        hits = [hit for hit in ws.search(plain, k=8, mode="hybrid") if hit["source"] in mine]
        if len(hits) < 8:  # others' passages ranked high: look further down for its own
            hits = [hit for hit in ws.search(plain, k=32, mode="hybrid")
                    if hit["source"] in mine][:8]
        passages = answer_from_passages(plain, hits)
    else:
        passages = answer_from_passages(text, ws.search(text, k=8, mode="hybrid"))
    if passages:
        return {"question": text, "answer": passages["answer"], "method": "passages",
                "citations": passages["citations"]}
    return {"question": text, "answer": NOT_FOUND, "method": "none", "citations": []}


def _answer_each(ws: Any, text: str, views: list[Any]) -> dict[str, Any]:
    """No partnership named: each partnership's graph answer under its name, never merged;
    where the graph answers for none, passages from all the documents."""
    sentences, evidence = [], []
    for view in views:
        found = _from_graph(view, text)
        if found:
            sentences.append(f"{view.partnership.label}: {found[0]}")
            evidence += found[1]
    if not sentences:
        return _from_passages(ws, text, text)
    names = "; ".join(view.partnership.label for view in views)
    lead = (f"The store holds several partnerships ({names}); name one to ask about it alone. "
            if len(sentences) > 1 else "")
    return {"question": text, "answer": lead + " ".join(sentences), "method": "graph",
            "citations": [cite(ws, item) for item in _unique(evidence)]}


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
    document = ws.document(evidence["source"])
    parts = document.parts if document else []
    if not parts:
        return evidence["source"]
    quote = normalise(evidence["quote"])
    holding = [part for part in parts if quote and quote in ws.normalised_part_text(part)]
    page = evidence.get("page")
    on_page = [part for part in holding or parts
               if page and part.page_start and part.page_start <= page <= (part.page_end or page)]
    return (on_page or holding or parts)[0].title

"""Partnerships x shared topics: which partnership's priorities and themes map to which topic.

Read from the mappings ``graph/topics.py`` wrote. An entry is one concept of one version
mapped to one topic, with the partnership's own label, the version's period and the quote
naming the label. ``year`` keeps the concepts in force that year (the version then in force,
amended by the changes the text narrates); without it every version's concepts count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rdflib import Graph

from partnership_kg.graph.list_schemes import OTHER_KINDS
from partnership_kg.graph.query.model import Concept, Model, Version, first_evidence, model_of
from partnership_kg.graph.query.partnerships import match, partnership_model, partnerships
from partnership_kg.graph.resolve import GraphStore
from partnership_kg.graph.topic_scheme import TopicScheme, _topics

_TOPICS_GRAPH = "https://w3id.org/partnership-kg/id/graph/topics"
_Q_SCHEME = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{_TOPICS_GRAPH}> {{ ?s ?p ?o }} }}"
_Q_MAPPINGS = """
SELECT DISTINCT ?m ?concept ?topic ?relation ?method ?confidence ?low ?score ?matched WHERE {
  ?m a csa:TopicMapping ; csa:concept ?concept ; csa:topic ?topic ; csa:matchType ?relation ;
     csa:method ?method ; csa:confidence ?confidence ; csa:lowConfidence ?low .
  OPTIONAL { ?m csa:score ?score }
  OPTIONAL { ?m csa:matchedText ?matched }
}"""
_Q_LIST_KINDS = """
SELECT DISTINCT ?concept ?kind WHERE { ?concept csa:listKind ?kind }"""
_NO_PARTNERSHIP = "(documents of no named partnership)"
UNDATED = "undated"  # the version of a page's list that states no year


@dataclass
class TopicEntry:
    partnership: str
    topic: str  # topic IRI
    label: str  # the partnership's own label
    kind: str  # "priority" or "theme"
    period: str
    year: int | None  # None for a page's undated list
    source: str | None
    relation: str  # "closeMatch" or "broadMatch"
    method: str
    confidence: float
    low_confidence: bool
    score: float | None
    concept: str  # concept IRI
    evidence: dict[str, Any] | None
    scope: str | None = None  # what the text says the concept includes, naming the topic

    def as_dict(self) -> dict[str, Any]:
        entry = {"label": self.label, "kind": self.kind, "version": self.period,
                 "year": self.year, "source": self.source, "relation": self.relation,
                 "method": self.method, "confidence": self.confidence,
                 "low_confidence": self.low_confidence, "evidence": self.evidence}
        if self.score is not None:
            entry["score"] = self.score
        if self.scope is not None:
            entry["scope"] = self.scope
        return entry


def scheme_of(store: GraphStore) -> TopicScheme:
    """The topic scheme the store was mapped to, as it was written at build time."""
    base = getattr(store, "scoped_base", store)
    graph = base.construct(_Q_SCHEME) if hasattr(base, "construct") else Graph()
    return TopicScheme(graph, _topics(graph))


def _mappings(store: GraphStore) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for row in store.select(_Q_MAPPINGS):
        found.setdefault(str(row["concept"]), []).append(row)
    return found


def _scoped_models(store: GraphStore, names: list[str] | None) -> list[tuple[str, Model]]:
    """(partnership label, its model) for the named partnerships, else every one: each read
    from its own graphs, never the whole store's model where the store has partnerships."""
    store = getattr(store, "scoped_base", store)
    known = partnerships(store)
    if names:
        known = list({p.iri: p for p in (match(store, name) for name in names)}.values())
    elif not known:
        return [(_NO_PARTNERSHIP, model_of(store))]
    return [(p.label, partnership_model(store, p.iri)) for p in known]


def _concepts(model: Model, year: int | None, in_force: bool) -> list[Concept]:
    if year is None and not in_force:
        return sorted(model.concepts.values(), key=lambda c: c.label)
    _base, concepts, _events = model.state(year)
    return concepts


def entries(store: GraphStore, year: int | None = None,
            partnership_names: list[str] | None = None,
            in_force: bool = False) -> list[TopicEntry]:
    """Every mapped concept of the chosen partnerships: in force in ``year`` where given (in
    the latest version where ``in_force`` and no year), else of every version."""
    found: list[TopicEntry] = []
    for label, model in _scoped_models(store, partnership_names):
        mapped = _mappings(model.store)  # a concept's mappings are in its own part's graph
        # A scope mapping's quote is the one naming the included item, not the label's.
        scoped = first_evidence(model.store, [str(row["m"]) for rows in mapped.values()
                                              for row in rows if str(row["method"]) == "scope"])
        # Any year: a page's undated list of the plan's priorities counts too (its words are
        # the partnership's), never another kind of list such as key crime issues.
        undated = _undated_priorities(model) if year is None and not in_force else {}
        for concept in _concepts(model, year, in_force):
            version = model.version_of(concept.scheme) or undated.get(concept.iri)
            if version is None:
                continue
            agreement = version.agreement(model)
            for row in mapped.get(concept.iri, []):
                scope = str(row["matched"]) if str(row["method"]) == "scope" else None
                found.append(TopicEntry(
                    partnership=label, topic=str(row["topic"]), label=concept.label,
                    kind=concept.kind, period=version.period or UNDATED,
                    year=version.year or None,
                    source=agreement.get("source"),
                    relation=str(row["relation"]).rsplit("#", 1)[-1], method=str(row["method"]),
                    confidence=float(row["confidence"]),
                    low_confidence=str(row["low"]).lower() == "true",
                    score=float(row["score"]) if row.get("score") is not None else None,
                    concept=concept.iri,
                    evidence=scoped.get(str(row["m"])) if scope else model.evidence(concept.iri),
                    scope=scope))
    found.sort(key=lambda e: (e.partnership, e.year or 0, e.label, e.topic))
    return found


def _undated_priorities(model: Model) -> dict[str, Version]:
    """Concept IRI -> its undated list, for the concepts of pages' lists that state no year
    and are lists of priorities (``graph/list_schemes.py``)."""
    lists = {v.scheme: v for v in model.lists if not v.period}
    if not lists:
        return {}
    other = {str(row["concept"]) for row in model.store.select(_Q_LIST_KINDS)
             if str(row["kind"]) in OTHER_KINDS}
    return {c.iri: lists[c.scheme] for c in model.concepts.values()
            if c.scheme in lists and c.iri not in other}


def matrix(store: GraphStore, year: int | None = None,
           partnership_names: list[str] | None = None) -> dict[str, Any]:
    """What ``topics --json`` prints: the partnerships, the topics any of them maps to, and a
    cell for each (partnership, topic) pair that has entries."""
    scheme = scheme_of(store)
    chosen = [label for label, _ in _scoped_models(store, partnership_names)]
    found = entries(store, year, partnership_names)
    cells: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for entry in found:
        cells.setdefault((entry.partnership, entry.topic), []).append(entry.as_dict())
    used = {topic for _, topic in cells}
    topics = sorted((scheme.topics[iri] for iri in used if iri in scheme.topics),
                    key=lambda t: t.label.lower())
    return {
        "year": year,
        "partnerships": chosen,
        "topics": [{"topic": t.label, "iri": t.iri, "definition": t.definition,
                    "broader": sorted(scheme.topics[b].label for b in t.broader
                                      if b in scheme.topics)} for t in topics],
        "cells": [{"partnership": partnership, "topic": scheme.topics[topic].label,
                   "topic_iri": topic,
                   "confident": any(not e["low_confidence"] for e in items),
                   "entries": items}
                  for (partnership, topic), items in sorted(
                      cells.items(), key=lambda kv: (chosen.index(kv[0][0]),
                                                     scheme.topics[kv[0][1]].label.lower()))
                  if topic in scheme.topics],
    }

"""Names in a question to the graph's priority and theme labels.

The graph's own rules come first (labels, past labels, acronyms, partial and fuzzy matches: no
model needed). Only a name they cannot place is compared by meaning with every label, using the
embedding model ("drugs and alcohol" -> "Substance Misuse"), and the answer then says which
label it took the name to mean.
"""

from __future__ import annotations

from typing import Any

from partnership_kg.graph.resolve import resolve_concepts

# Cosine similarity a label must reach, and its lead over the runner-up, to be taken as meant.
MIN_SIMILARITY = 0.5
MIN_LEAD = 0.05

LABELS_QUERY = """SELECT DISTINCT ?label WHERE {
  ?concept a ?kind ; skos:prefLabel ?label .
  VALUES ?kind { csa:Priority csa:CrossCuttingTheme } }"""


def link(ws: Any, name: str) -> tuple[str, str | None]:
    """(the name to query the graph with, a note for the answer when it was read by meaning)."""
    if resolve_concepts(ws.graph, name):
        return name, None
    labels, vectors = ws.concept_label_vectors
    if not labels:
        return name, None
    scores = vectors @ ws.index.embedder.encode_query(name)
    ranked = sorted(zip(scores.tolist(), labels, strict=True), reverse=True)
    best, label = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
    if best < MIN_SIMILARITY or best - runner_up < MIN_LEAD:
        return name, None
    return label, f"Reading '{name}' as '{label}'."

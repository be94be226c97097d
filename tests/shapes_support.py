"""Helpers for the list-shape tests: an invented document through ingestion and graph build."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from partnership_kg.graph.build import build_graph
from partnership_kg.ingest import extract
from partnership_kg.ingest.model import Document

VERSIONS = """
SELECT ?period ?start ?end ?label ?kind ?quote WHERE {
  ?c a csa:Priority ; skos:prefLabel ?label ; skos:inScheme ?s ; csa:listKind ?kind ;
     prov:wasDerivedFrom/oa:hasSelector/oa:refinedBy/oa:exact ?quote .
  ?s csa:period ?period ; dct:temporal ?t .
  ?t dcat:startDate ?start .
  OPTIONAL { ?t dcat:endDate ?end }
}"""


def build(folder: Path, name: str, text: str) -> tuple[Document, Dataset]:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    document = extract(path)
    return document, build_graph([document])


def priorities(dataset: Dataset) -> dict[str, list[str]]:
    """Priority labels per version period, in sorted order."""
    found: dict[str, set[str]] = {}
    for row in dataset.query(VERSIONS):
        found.setdefault(str(row.period), set()).add(str(row.label))
    return {period: sorted(labels) for period, labels in found.items()}


def years(dataset: Dataset) -> dict[str, tuple[int, int | None]]:
    return {str(row.period): (int(str(row.start)), int(str(row.end)) if row.end else None)
            for row in dataset.query(VERSIONS)}


def kinds(dataset: Dataset) -> dict[str, set[str]]:
    """List kinds per label."""
    found: dict[str, set[str]] = {}
    for row in dataset.query(VERSIONS):
        found.setdefault(str(row.label), set()).add(str(row.kind))
    return found


def quotes(dataset: Dataset) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for row in dataset.query(VERSIONS):
        found.setdefault(str(row.label), set()).add(str(row.quote))
    return found

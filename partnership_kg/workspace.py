"""``Workspace``: one opened store, the object behind the Python API, the CLI and the web UI.

Opening is cheap: the graph store, the search index and the embedding model are each loaded on
first use, so a graph-answerable question never waits for PyTorch to import.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

from partnership_kg import storage
from partnership_kg.ingest.model import Document, Part

_Q_PART_PARTNERSHIPS = """SELECT DISTINCT ?part ?label ?from WHERE {
  ?part csa:partnership ?p ; csa:partnershipFrom ?from . ?p skos:prefLabel ?label }"""


class Workspace:
    def __init__(self, store: str | Path) -> None:
        self.path = Path(store)
        storage.require(self.path)

    # -- loaded lazily ------------------------------------------------------------------------
    @cached_property
    def graph(self):  # -> partnership_kg.graph.base.GraphStore
        """The embedded store, or the SPARQL server the build wrote the graph to."""
        server = storage.graph_server(self.path)
        if server is not None:
            from partnership_kg.graph.sparql_endpoint import (
                SparqlEndpointStore,
                endpoint_from_manifest,
            )

            return SparqlEndpointStore(*endpoint_from_manifest(server))
        from partnership_kg.graph.oxigraph import OxigraphStore

        return OxigraphStore.open(self.path / "graph", read_only=True)

    @cached_property
    def index(self):  # -> partnership_kg.search.index.SearchIndex
        from partnership_kg.search.index import SearchIndex

        return SearchIndex(self.path / "index")

    @cached_property
    def documents(self) -> list[Document]:
        return storage.load_documents(self.path)

    @cached_property
    def concept_label_vectors(self):  # -> tuple[list[str], numpy.ndarray]
        """Every priority and theme label with its embedding (for linking names by meaning)."""
        from partnership_kg.answer.linking import LABELS_QUERY

        labels = sorted({str(row["label"]) for row in self.graph.select(LABELS_QUERY)})
        return labels, self.index.embedder.encode(labels)

    def document(self, source: str) -> Document | None:
        """The document read from ``source``, read alone (a citation needs only its own
        document, not the store's thousands); None where the store holds no such file."""
        if "documents" in self.__dict__:
            return next((doc for doc in self.documents if doc.source == source), None)
        if source not in self._documents_read:
            self._documents_read[source] = storage.load_document(self.path, source)
        return self._documents_read[source]

    @cached_property
    def _documents_read(self) -> dict[str, Document | None]:
        return {}

    @cached_property
    def _part_texts(self) -> dict[int, tuple[Part, str]]:
        return {}

    def normalised_part_text(self, part: Part) -> str:
        """A part's text folded for matching quotes (computed once per part; the part is kept
        beside it so its id stays its own)."""
        from partnership_kg.graph.names import normalise

        if id(part) not in self._part_texts:
            self._part_texts[id(part)] = (part, normalise(part.text))
        return self._part_texts[id(part)][1]

    # -- the contract's API ---------------------------------------------------------------------
    def ask(self, question: str, partnership: str | None = None) -> dict[str, Any]:
        from partnership_kg.answer import answer

        return answer(self, question, partnership=partnership)

    def search(self, query: str, k: int = 10, mode: str = "hybrid") -> list[dict[str, Any]]:
        return self.index.search(query, k=k, mode=mode)

    # ``partnership=`` names whose plans (label, acronym, area or part of a name); without it a
    # store of several partnerships answers for each, grouped (see ``graph.query.partnerships``).
    def lineage(self, name: str, partnership: str | None = None) -> dict[str, Any]:
        from partnership_kg.graph import queries

        return queries.lineage(self.graph, name, partnership=partnership)

    def priorities(self, year: int | None = None, document: str | None = None,
                   partnership: str | None = None) -> dict[str, Any]:
        from partnership_kg.graph import queries

        return queries.priorities(self.graph, year=year, document=document,
                                  partnership=partnership)

    def diff(self, a: str, b: str, partnership: str | None = None) -> dict[str, Any]:
        from partnership_kg.graph import queries

        return queries.diff(self.graph, a, b, partnership=partnership)

    def topics(self, year: int | None = None,
               partnerships: list[str] | None = None) -> dict[str, Any]:
        """The partnerships x shared topics matrix (``topics --json``): each cell the
        partnership's own labels mapped to the topic, with version and evidence."""
        from partnership_kg.graph.query.topics import matrix

        return matrix(self.graph, year=year, partnership_names=partnerships)

    @cached_property
    def _owners(self) -> dict[str, set[str]]:
        return {}

    def partnership_sources(self, label: str) -> set[str]:
        """The source files holding a part of the partnership named ``label`` (read for that
        partnership alone, once)."""
        from partnership_kg.graph import queries

        if label not in self._owners:
            self._owners[label] = {
                str(row["source"]) for partnership in queries.partnerships(self.graph)
                if partnership.label == label for row in self.graph.select(
                    f"SELECT DISTINCT ?source WHERE {{ ?part csa:partnership "
                    f"<{partnership.iri}> ; csa:sourceFile ?source }}")}
        return self._owners[label]

    def partnerships(self) -> list[dict[str, Any]]:
        """The store's partnerships: name, area and every other name the text gives."""
        from partnership_kg.graph import queries

        return [{"partnership": p.label, "area": p.area,
                 "names": sorted(p.names - {p.label, p.area})}
                for p in queries.partnerships(self.graph)]

    def sparql(self, query: str) -> list[dict[str, Any]]:
        """Rows of a read-only SELECT/ASK/CONSTRUCT; an update raises ``UpdateRefused``."""
        return self.graph.select(query)

    def export(self, fmt: str, out: str | Path, view: str | None = None,
               partnership: str | None = None) -> Path:
        from partnership_kg.graph import export

        return export.export(self.graph, fmt, Path(out), view, partnership=partnership)

    def document_summaries(self) -> list[dict[str, Any]]:
        """What ``documents --json`` prints: one entry per file with its parts."""
        from partnership_kg.graph.names import graph_iri, part_iri

        manifest = storage.read_manifest(self.path)["documents"]
        triples = {str(row["g"]): int(row["n"]) for row in self.graph.select(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
        owners = {str(row["part"]): (str(row["label"]), str(row["from"]))
                  for row in self.graph.select(_Q_PART_PARTNERSHIPS)}
        summaries = []
        for document in self.documents:
            parts = [owners.get(str(part_iri(document.source, part.index)), (None, None))
                     for part in document.parts]
            graphs = [str(graph_iri(document.source, part.index)) for part in document.parts]
            summaries.append({
                "source": document.source,
                "type": document.type,
                "title": document.parts[0].title if document.parts else document.source,
                "date": document.parts[0].date if document.parts else None,
                "period": document.parts[0].period if document.parts else None,
                "pages": document.page_count,
                "chunks": manifest.get(document.source, {}).get("chunks", 0),
                "triples": sum(triples.get(graph, 0) for graph in graphs),
                "named_graphs": sum(graph in triples for graph in graphs),
                "partnership": parts[0][0] if parts else None,
                "partnership_from": parts[0][1] if parts else None,
                "warnings": document.warnings,
                "parts": [
                    {"index": part.index, "type": part.type, "title": part.title,
                     "date": part.date, "period": part.period,
                     "page_start": part.page_start, "page_end": part.page_end,
                     "partnership": owner, "partnership_from": decided}
                    for part, (owner, decided) in zip(document.parts, parts, strict=True)
                ],
            })
        return summaries


def open(store: str | Path) -> Workspace:  # noqa: A001 - the contract's name
    return Workspace(store)

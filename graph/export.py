"""Export the graph, or a view of it, for other tools.

RDF formats keep the named graphs where the format can (TriG, N-Quads, JSON-LD; Turtle gets the
union). GraphML and GEXF come from the networkx projection (``graph.project``), so Gephi shows
labels and types rather than provenance scaffolding; CSV is that projection's edge list.

Views (``--view``): ``document:SOURCE`` (the named graphs of one file), ``priority:NAME`` (the
concepts the name resolves to, with their neighbourhood and evidence) and ``lineage:NAME`` (the
same, followed across versions through lineage associations and mappings).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef

from partnership_kg.graph.base import PREFIXES, GraphStore
from partnership_kg.graph.project import project_networkx
from partnership_kg.graph.vocab import (
    CSA,
    DCTERMS,
    OA,
    PROV,
    RDF,
    SKOS,
    XKOS,
    bind_prefixes,
)

RDF_FORMATS = {"ttl": "turtle", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}
FORMATS = (*RDF_FORMATS, "graphml", "gexf", "csv")


class ExportError(ValueError):
    """A format or view that cannot be exported; the message is fit to show a user."""


# Followed from a node to bring its provenance and descriptions along with it.
_DETAIL = {PROV.wasDerivedFrom, OA.hasSelector, OA.refinedBy, DCTERMS.temporal}
# Links between concepts that make one lineage.
_LINEAGE_LINKS = (SKOS.exactMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.closeMatch,
                  SKOS.relatedMatch, DCTERMS.replaces, DCTERMS.isReplacedBy)
_DESCRIBING = {RDF.type, SKOS.prefLabel, SKOS.altLabel, DCTERMS.title, CSA.period,
               CSA.startYear, CSA.sourceFile}


def export(store: GraphStore, fmt: str, out: Path, view: str | None = None,
           partnership: str | None = None) -> Path:
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    data = select_view(store, view, partnership) if view else _copy(store.dataset())
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt in RDF_FORMATS:
        target: Graph = data if fmt != "ttl" else _union(data)
        # JSON-LD gets the prefixes as its context, so its keys read "skos:prefLabel".
        options = {"context": PREFIXES, "auto_compact": True} if fmt == "jsonld" else {}
        target.serialize(destination=str(out), format=RDF_FORMATS[fmt], **options)
    elif fmt == "csv":
        write_csv(project_networkx(data), out)
    else:
        projection = _simple_attributes(project_networkx(data))
        writer = nx.write_graphml if fmt == "graphml" else nx.write_gexf
        writer(projection, str(out))
    return out


def select_view(store: GraphStore, view: str, partnership: str | None = None) -> Dataset:
    """The view's nodes; a priority or lineage view of one partnership's versions where
    ``partnership`` names one."""
    kind, _, name = view.partition(":")
    name = name.strip()
    if not name or kind not in ("document", "priority", "lineage"):
        raise ExportError(f"unknown view {view!r}: use document:SOURCE, priority:NAME or "
                          "lineage:NAME")
    source = store.dataset()
    if kind == "document":
        graphs = [context for context in source.contexts()
                  if (None, CSA.sourceFile, Literal(name)) in context]
        if not graphs:
            raise ExportError(f"no document {name!r} in the store")
        result = _new_dataset()
        for context in graphs:
            target = result.graph(context.identifier)
            for triple in context:
                target.add(triple)
        return result
    concepts = resolve(store, name)
    if partnership is not None:
        concepts = _of_partnership(store, source, concepts, partnership)
    if not concepts:
        raise ExportError(f"no priority or theme matches {name!r}")
    if kind == "lineage":
        concepts = _lineage_closure(source, concepts)
    return neighbourhood(source, concepts)


def _of_partnership(store: GraphStore, source: Dataset, concepts: list[URIRef],
                    partnership: str) -> list[URIRef]:
    from partnership_kg.graph.query.partnerships import match

    wanted = URIRef(match(store, partnership).iri)
    return [concept for concept in concepts
            if source.value(source.value(concept, SKOS.inScheme), CSA.partnership) == wanted]


def resolve(store: GraphStore, name: str) -> list[URIRef]:
    """Concepts a name means: graph B's resolver (labels, acronyms, past labels, fuzzy)."""
    from partnership_kg.graph.resolve import resolve_concepts

    return [URIRef(iri) for iri in resolve_concepts(store, name)]


def _lineage_closure(source: Dataset, start: Iterable[URIRef]) -> list[URIRef]:
    """Every concept reachable through lineage associations and version mappings."""
    seen, todo = set(start), list(start)
    while todo:
        node = todo.pop()
        linked: set[object] = set()
        for predicate in _LINEAGE_LINKS:
            linked |= set(source.objects(node, predicate)) | set(source.subjects(predicate, node))
        for role, other in ((XKOS.sourceConcept, XKOS.targetConcept),
                            (XKOS.targetConcept, XKOS.sourceConcept)):
            for association in source.subjects(role, node):
                linked |= set(source.objects(association, other))
        for other in linked:
            if isinstance(other, URIRef) and other not in seen and \
                    (other, RDF.type, SKOS.Concept) in source:
                seen.add(other)
                todo.append(other)
    return sorted(seen)


def neighbourhood(source: Dataset, nodes: Iterable[URIRef]) -> Dataset:
    """The nodes' own statements (in their named graphs), the statements pointing at them, the
    description of every neighbour, and the evidence of all of it."""
    result = _new_dataset()
    centre = set(nodes)
    described: set[object] = set()
    detail: set[object] = set()
    for s, p, o, g in _quads_about(source, centre):
        _add(result, s, p, o, g)
        for other in (s, o):
            if isinstance(other, URIRef) and other not in centre:
                described.add(other)
        if p in _DETAIL:
            detail.add(o)
    # Reified statements about the nodes carry the evidence of links.
    for node in list(centre):
        for statement in source.subjects(RDF.subject, node):
            detail.add(statement)
        for statement in source.subjects(RDF.object, node):
            detail.add(statement)
    for node in described:
        for predicate in _DESCRIBING:
            for s, p, o, g in source.quads((node, predicate, None, None)):
                _add(result, s, p, o, g)
    _add_closure(source, result, detail | {o for n in centre | described
                                           for o in source.objects(n, PROV.wasDerivedFrom)})
    return result


def _quads_about(source: Dataset, nodes: set[URIRef]) -> list[tuple]:
    quads = []
    for node in nodes:
        quads += list(source.quads((node, None, None, None)))
        quads += list(source.quads((None, None, node, None)))
    return quads


def _add_closure(source: Dataset, result: Dataset, start: set[object]) -> None:
    """The nodes' statements, following evidence, selectors and periods down to the quotes."""
    todo, seen = list(start), set(start)
    while todo:
        node = todo.pop()
        for s, p, o, g in source.quads((node, None, None, None)):
            _add(result, s, p, o, g)
            if p in _DETAIL and o not in seen:
                seen.add(o)
                todo.append(o)


def write_csv(projection: nx.MultiDiGraph, out: Path) -> None:
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["subject_label", "predicate", "object_label", "subject", "object",
                         "source"])
        for s, o, data in projection.edges(data=True):
            writer.writerow([projection.nodes[s]["label"], data["predicate"],
                             projection.nodes[o]["label"], s, o, data["sources"]])


def _simple_attributes(projection: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """GEXF/GraphML writers want plain str/int attributes and string edge keys."""
    for _, data in projection.nodes(data=True):
        for key, value in list(data.items()):
            data[key] = value if isinstance(value, int | str) else str(value)
    return projection


def _new_dataset() -> Dataset:
    dataset = Dataset()
    bind_prefixes(dataset)
    return dataset


def _add(result: Dataset, s: object, p: object, o: object, g: object) -> None:
    identifier = g.identifier if isinstance(g, Graph) else g
    result.graph(identifier).add((s, p, o))


def _copy(source: Dataset) -> Dataset:
    result = _new_dataset()
    for s, p, o, g in source.quads((None, None, None, None)):
        _add(result, s, p, o, g)
    return result


def _union(data: Dataset) -> Graph:
    graph = Graph()
    bind_prefixes(graph)
    for s, p, o, _ in data.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph

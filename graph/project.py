"""A readable networkx projection of the RDF graph, for Gephi (GraphML/GEXF), CSV and the UI.

Nodes are the IRIs of things (documents, schemes, priorities, posts, plans, Acts ...) with a
label, a short type name, a year and the source files that evidence them. Provenance machinery
(evidence targets, selectors, reified statements, periods) is folded into those attributes
instead of being drawn, and literals become attributes, so the picture shows the domain.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from partnership_kg.graph.vocab import CSA, DCTERMS, OA, PROV, RDF, RDFS, SKOS, XSD

LABEL_PREDICATES = (SKOS.prefLabel, DCTERMS.title, RDFS.label)
YEAR_PREDICATES = (CSA.startYear, CSA.effectiveYear, DCTERMS.date)
# Classes whose instances are provenance or modelling scaffolding, not things to draw.
HIDDEN_TYPES = {OA.SpecificResource, OA.FragmentSelector, OA.TextQuoteSelector, RDF.Statement,
                DCTERMS.PeriodOfTime}
_PREFIXES = {
    str(CSA._NS): "csa", str(SKOS): "skos", str(DCTERMS): "dct", str(RDF): "rdf",
    str(RDFS): "rdfs", str(PROV): "prov", str(OA): "oa",
    "http://www.w3.org/ns/org#": "org", "http://rdf-vocabulary.ddialliance.org/xkos#": "xkos",
    "http://data.europa.eu/eli/ontology#": "eli", "http://www.w3.org/2002/07/owl#": "owl",
    "http://www.w3.org/ns/dcat#": "dcat",
}


def short_name(iri: object) -> str:
    """ "http://www.w3.org/2004/02/skos/core#inScheme" -> "skos:inScheme"."""
    text = str(iri)
    for namespace, prefix in _PREFIXES.items():
        if text.startswith(namespace):
            return f"{prefix}:{text[len(namespace):]}"
    return text


def _quads(data: Dataset | Graph) -> list[tuple[object, object, object, object]]:
    if isinstance(data, Dataset):
        return [(s, p, o, g) for s, p, o, g in data.quads((None, None, None, None))]
    return [(s, p, o, None) for s, p, o in data]


def project_networkx(data: Dataset | Graph) -> nx.MultiDiGraph:
    quads = _quads(data)
    types: dict[object, set[object]] = defaultdict(set)
    graph_sources: dict[object, str] = {}
    for s, p, o, g in quads:
        if p == RDF.type:
            types[s].add(o)
        if p == CSA.sourceFile and isinstance(o, Literal) and g is not None:
            graph_sources.setdefault(g, str(o))
    hidden = {node for node, classes in types.items() if classes & HIDDEN_TYPES}

    labels: dict[object, str] = {}
    label_rank: dict[object, int] = {}
    years: dict[object, int] = {}
    sources: dict[object, set[str]] = defaultdict(set)
    evidence_source: dict[object, str] = {}
    for s, p, o, _ in quads:
        if p == CSA.sourceFile and s in hidden:
            evidence_source[s] = str(o)
    for s, p, o, _ in quads:
        if p in LABEL_PREDICATES and isinstance(o, Literal):
            # skos:prefLabel first, then a title, then any label.
            rank = LABEL_PREDICATES.index(p)
            if rank < label_rank.get(s, len(LABEL_PREDICATES)):
                labels[s], label_rank[s] = str(o), rank
        elif p in YEAR_PREDICATES and isinstance(o, Literal):
            year = _year(o)
            if year is not None:
                years.setdefault(s, year)
        elif p == PROV.wasDerivedFrom and o in evidence_source:
            sources[s].add(evidence_source[o])

    projection = nx.MultiDiGraph()

    def add_node(node: object) -> None:
        if node in projection:
            return
        classes = sorted(types.get(node, ()), key=lambda c: (not str(c).startswith(
            str(CSA._NS)), str(c)))
        projection.add_node(
            str(node), label=labels.get(node, _tail(node)),
            type=short_name(classes[0]).split(":")[-1] if classes else "",
            year=years.get(node, 0),  # 0: no year (GraphML/GEXF attributes cannot be empty)
            sources=", ".join(sorted(sources.get(node, ()))))

    edges: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for s, p, o, g in quads:
        if p == RDF.type or not isinstance(o, URIRef) or s in hidden or o in hidden:
            continue
        if not isinstance(s, URIRef):
            continue
        add_node(s)
        add_node(o)
        source = graph_sources.get(g, "") if g not in (None, DATASET_DEFAULT_GRAPH_ID) else ""
        edges[(str(s), short_name(p), str(o))].add(source)
    for (s, predicate, o), edge_sources in edges.items():
        projection.add_edge(s, o, key=predicate, predicate=predicate,
                            label=predicate.split(":")[-1],
                            sources=", ".join(sorted(x for x in edge_sources if x)))
    for s in {s for s, _, _, _ in quads if isinstance(s, URIRef) and s not in hidden}:
        add_node(s)
    return projection


def _year(value: Literal) -> int | None:
    text = str(value)
    if value.datatype in (XSD.integer, XSD.int, XSD.gYear) or text[:4].isdigit():
        return int(text[:4]) if text[:4].isdigit() else None
    return None


def _tail(node: object) -> str:
    text = str(node).rstrip("/")
    return text.rsplit("/", 1)[-1].rsplit("#", 1)[-1]

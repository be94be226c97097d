"""Export: RDF round trips, Gephi formats with labels, CSV edge list, views."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from partnership_kg.graph.build import build_graph
from partnership_kg.graph.export import ExportError, export
from partnership_kg.graph.oxigraph import OxigraphStore
from partnership_kg.graph.project import project_networkx
from partnership_kg.graph.vocab import CSA, RDF, SKOS, XKOS
from partnership_kg.ingest import discover, extract

ROOT = Path(__file__).resolve().parent.parent
OX_FORMATS = {"ttl": pyoxigraph.RdfFormat.TURTLE, "trig": pyoxigraph.RdfFormat.TRIG,
              "nq": pyoxigraph.RdfFormat.N_QUADS, "jsonld": pyoxigraph.RdfFormat.JSON_LD}
RDFLIB_FORMATS = {"ttl": "turtle", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Dataset, OxigraphStore]:
    documents = [extract(path) for path in sorted(discover([ROOT / "corpus"]))]
    dataset = build_graph(documents)
    path = tmp_path_factory.mktemp("export") / "graph"
    OxigraphStore.create(path, dataset)
    return dataset, OxigraphStore.open(path)


def _graphs(dataset: Dataset) -> dict[str, Graph]:
    found: dict[str, Graph] = {}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = str(g.identifier if isinstance(g, Graph) else g)
        found.setdefault(name, Graph()).add((s, p, o))
    return found


@pytest.mark.parametrize("fmt", ["ttl", "trig", "nq", "jsonld"])
def test_rdf_exports_round_trip(built: tuple[Dataset, OxigraphStore], fmt: str,
                                tmp_path: Path) -> None:
    dataset, store = built
    out = export(store, fmt, tmp_path / f"graph.{fmt}")
    if fmt == "ttl":
        union = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        assert isomorphic(Graph().parse(out, format="turtle"), union)
    else:
        reread = Dataset()
        reread.parse(out, format=RDFLIB_FORMATS[fmt])
        expected, got = _graphs(dataset), _graphs(reread)
        assert set(got) == set(expected)
        for name, graph in expected.items():
            assert isomorphic(got[name], graph), name
    quads = list(pyoxigraph.parse(path=str(out), format=OX_FORMATS[fmt]))
    assert len(quads) == (len({(s, p, o) for s, p, o, _ in dataset.quads()})
                          if fmt == "ttl" else store.triples_count())


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_gephi_formats_have_labels_and_types(built: tuple[Dataset, OxigraphStore], fmt: str,
                                             tmp_path: Path) -> None:
    _, store = built
    out = export(store, fmt, tmp_path / f"graph.{fmt}")
    graph = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    labels = {data.get("label") for _, data in graph.nodes(data=True)}
    types = {data.get("type") for _, data in graph.nodes(data=True)}
    assert "Violence Against Women and Girls" in labels
    assert {"Priority", "CrossCuttingTheme", "Post", "Plan", "Agreement"} <= types
    assert graph.number_of_edges() > 100
    # Provenance scaffolding is folded into attributes, not drawn.
    assert "SpecificResource" not in types and "TextQuoteSelector" not in types


def test_csv_is_an_edge_list_with_labels_and_sources(built: tuple[Dataset, OxigraphStore],
                                                     tmp_path: Path) -> None:
    _, store = built
    out = export(store, "csv", tmp_path / "edges.csv")
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["subject_label", "predicate", "object_label", "subject", "object",
                             "source"]
    lead_rows = [row for row in rows if row["predicate"] == "csa:leadPost"]
    assert any(row["object_label"] == "Director Operations" and row["source"] for row in lead_rows)


def test_views(built: tuple[Dataset, OxigraphStore], tmp_path: Path) -> None:
    _, store = built
    document = export(store, "trig", tmp_path / "doc.trig", "document:001_0483db27e68d7cbd.txt")
    reread = Dataset()
    reread.parse(document, format="trig")
    assert {str(name) for name in _graphs(reread)} == {
        "https://w3id.org/partnership-kg/id/graph/001-0483db27e68d7cbd-txt/0"}
    priority = export(store, "ttl", tmp_path / "vawg.ttl", "priority:VAWG")
    text = priority.read_text(encoding="utf-8")
    assert "Violence Against Women and Girls" in text and "oa:exact" in text
    lineage = Graph().parse(export(store, "ttl", tmp_path / "asb.ttl", "lineage:ASB"))
    single = Graph().parse(export(store, "ttl", tmp_path / "asb1.ttl", "priority:ASB"))
    asb = {"Anti-Social Behaviour", "Anti-social Behaviour",
           "Preventing Neighbourhood Crime & ASB"}
    for view in (lineage, single):
        concepts = set(view.subjects(RDF.type, CSA.Priority))
        assert {str(label) for c in concepts for label in view.objects(c, SKOS.prefLabel)} == asb
        # The 2022 expansion, the lineage's one event, comes with its evidence.
        assert len(set(view.subjects(RDF.type, XKOS.ConceptAssociation))) == 1
    with pytest.raises(ExportError):
        export(store, "ttl", tmp_path / "x.ttl", "priority:no such thing at all qqq")
    with pytest.raises(ExportError):
        export(store, "ttl", tmp_path / "x.ttl", "colour:blue")
    with pytest.raises(ExportError):
        export(store, "xlsx", tmp_path / "x.xlsx")


def test_projection_of_a_plain_graph() -> None:
    graph = Graph().parse(data="""
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix csa: <https://w3id.org/partnership-kg/csa#> .
        <urn:a> a csa:Priority ; skos:prefLabel "A" ; skos:inScheme <urn:s> .
        <urn:s> a skos:ConceptScheme ; skos:prefLabel "S" ; csa:startYear 2030 .
    """, format="turtle")
    projection = project_networkx(graph)
    assert projection.nodes["urn:a"]["label"] == "A"
    assert projection.nodes["urn:s"]["year"] == 2030
    assert [data["predicate"] for _, _, data in projection.edges(data=True)] == ["skos:inScheme"]

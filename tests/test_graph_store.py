"""The on-disk Oxigraph store: bulk load, read-only queries, refused updates."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from partnership_kg.graph.base import QueryError, UpdateRefused, is_update
from partnership_kg.graph.build import build_graph
from partnership_kg.graph.oxigraph import OxigraphStore
from partnership_kg.ingest.model import EXAMPLE_DOCUMENT


@pytest.fixture(scope="module")
def example_store(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    path = tmp_path_factory.mktemp("store") / "graph"
    OxigraphStore.create(path, build_graph([EXAMPLE_DOCUMENT]))
    return OxigraphStore.open(path, read_only=True)


def test_select_with_predeclared_prefixes_over_the_union(example_store: OxigraphStore) -> None:
    rows = example_store.select(
        "SELECT ?label WHERE { ?p a csa:Priority ; skos:prefLabel ?label } ORDER BY ?label")
    assert [row["label"] for row in rows] == [
        "Acquisitive Crime", "Anti-Social Behaviour", "Road Safety"]


def test_values_come_back_as_python_values(example_store: OxigraphStore) -> None:
    rows = example_store.select(
        "SELECT ?year ?missing WHERE { ?s a skos:ConceptScheme ; csa:startYear ?year "
        "OPTIONAL { ?s csa:noSuchTerm ?missing } }")
    assert rows == [{"year": 2014, "missing": None}]
    assert example_store.select("ASK { ?s a csa:Agreement }") == [{"ask": True}]
    assert example_store.select("ASK { ?s a csa:Meeting }") == [{"ask": False}]


def test_construct_and_dataset_views(example_store: OxigraphStore) -> None:
    graph = example_store.construct(
        "CONSTRUCT { ?p skos:prefLabel ?l } WHERE { ?p a csa:Priority ; skos:prefLabel ?l }")
    assert isinstance(graph, Graph) and len(graph) == 3
    dataset = example_store.dataset()
    assert isinstance(dataset, Dataset)
    assert len(list(dataset.quads((None, None, None, None)))) == example_store.triples_count()
    assert example_store.named_graphs() == [  # the part's graph, and the topic scheme's
        "https://w3id.org/partnership-kg/id/graph/topics",
        "https://w3id.org/partnership-kg/id/graph/wessex-csa-txt/0"]


@pytest.mark.parametrize("update", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "PREFIX ex: <urn:x#>\nDELETE { ?s ?p ?o } INSERT { ?s ex:q ?o } WHERE { ?s ?p ?o }",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <urn:g>",
    "CREATE GRAPH <urn:g>",
    "ADD <urn:a> TO <urn:b>",
    "MOVE DEFAULT TO <urn:b>",
    "COPY <urn:a> TO <urn:b>",
    "# a comment\n  insert data { <urn:a> <urn:b> 'x' }",
    "SELECT * WHERE { ?s ?p ?o } ; DELETE WHERE { ?s ?p ?o }",
])
def test_updates_are_refused(example_store: OxigraphStore, update: str) -> None:
    before = example_store.triples_count()
    with pytest.raises(UpdateRefused, match="read-only: SPARQL updates are refused"):
        example_store.select(update)
    assert example_store.triples_count() == before


def test_queries_mentioning_update_words_are_not_refused(example_store: OxigraphStore) -> None:
    assert not is_update('SELECT ?s WHERE { ?s rdfs:label "DELETE WHERE" } # INSERT')
    assert not is_update("SELECT ?s WHERE { ?s <urn:x#delete> ?o }")
    assert example_store.select('SELECT ?s WHERE { ?s skos:prefLabel "INSERT DATA" }') == []


def test_a_bad_query_is_a_query_error(example_store: OxigraphStore) -> None:
    with pytest.raises(QueryError):
        example_store.select("SELECT WHERE {")


def test_store_opened_read_only_cannot_be_written(example_store: OxigraphStore) -> None:
    # pyoxigraph refuses any write on a read-only handle (RuntimeError or OSError by version).
    with pytest.raises((RuntimeError, OSError)):
        example_store.store.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises((RuntimeError, OSError)):
        example_store.store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("urn:a"),
                                                pyoxigraph.NamedNode("urn:b"),
                                                pyoxigraph.Literal("c")))


def test_create_refuses_a_folder_holding_something(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(FileExistsError):
        OxigraphStore.create(tmp_path, Dataset())


def test_round_trip_of_terms_through_a_cold_open(tmp_path: Path) -> None:
    dataset = Dataset()
    graph = dataset.graph(URIRef("urn:g"))
    graph.add((URIRef("urn:s"), URIRef("urn:p"), Literal("plain")))
    graph.add((URIRef("urn:s"), URIRef("urn:p"), Literal("en", lang="en")))
    graph.add((URIRef("urn:s"), URIRef("urn:p"), Literal(7)))
    OxigraphStore.create(tmp_path / "g", dataset)
    store = OxigraphStore.open(tmp_path / "g")
    rows = store.select("SELECT ?o WHERE { ?s ?p ?o } ORDER BY STR(?o)")
    assert sorted(str(row["o"]) for row in rows) == ["7", "en", "plain"]
    reread = set(store.dataset().quads((None, None, None, None)))
    assert {(s, p, o) for s, p, o, _ in reread} == set(graph)

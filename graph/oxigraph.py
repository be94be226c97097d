"""The embedded store: an on-disk Oxigraph (RocksDB) store, opened read-only for queries.

Queries go to pyoxigraph directly (its SPARQL engine is fast and takes default prefixes and the
union-of-graphs flag); ``dataset()`` gives the same store through rdflib via oxrdflib.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from oxrdflib import OxigraphStore as OxrdflibStore
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD
from rdflib.term import Node

from partnership_kg.graph.base import (
    PREFIXES,
    GraphStore,
    QueryError,
    Row,
    check_local_query,
    literal_value,
)
from partnership_kg.graph.vocab import bind_prefixes


def to_ox(term: Node | None) -> Any:
    if term is None or term == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    if isinstance(term, Graph):
        return to_ox(term.identifier)
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = ox.NamedNode(str(term.datatype)) if term.datatype else None
        return ox.Literal(str(term), datatype=datatype)
    raise ValueError(f"not an RDF term: {term!r}")


def from_ox(term: Any) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    # Oxigraph types plain literals xsd:string; rdflib keeps them untyped, and the two are
    # different terms to rdflib, so a round trip must drop it to stay isomorphic.
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == str(XSD.string) else datatype)


def python_value(term: Any) -> object:
    """A SPARQL result term as a plain value: IRIs and strings as str, numbers as numbers."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return literal_value(term.value, term.datatype.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


class _RdflibView(OxrdflibStore):
    """oxrdflib's rdflib store, handing back plain literals as rdflib makes them (untyped, not
    ``xsd:string``) so that what is read equals what was written."""

    def triples(self, triple_pattern: Any, context: Any = None) -> Iterator[Any]:
        s, p, o = (to_ox(term) if term is not None else None for term in triple_pattern)
        graph = to_ox(context) if context is not None else None
        for quad in self._inner.quads_for_pattern(s, p, o, graph):
            name = quad.graph_name
            identifier = DATASET_DEFAULT_GRAPH_ID if isinstance(name, ox.DefaultGraph) \
                else from_ox(name)
            yield ((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)),
                   iter((Graph(store=self, identifier=identifier),)))


class OxigraphStore(GraphStore):
    def __init__(self, path: Path, read_only: bool = True) -> None:
        self.path = Path(path)
        self.read_only = read_only
        # Opened on first use: a store handed back by ``create`` may be renamed into place
        # before it is read (see ``partnership_kg.storage.staging``).
        self._store: ox.Store | None = None

    @classmethod
    def create(cls, path: Path, dataset: Dataset) -> OxigraphStore:
        """Write ``dataset`` into a new on-disk store at ``path`` (which must not hold one)."""
        path = Path(path)
        if path.exists() and any(path.iterdir()):
            raise FileExistsError(f"{path} is not empty")
        store = ox.Store(str(path))
        store.bulk_extend(
            ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g))
            for s, p, o, g in dataset.quads((None, None, None, None))
        )
        store.optimize()
        del store  # closes RocksDB and releases its lock before anyone reopens the folder
        return cls(path, read_only=True)

    @classmethod
    def open(cls, path: Path, read_only: bool = True) -> OxigraphStore:
        path = Path(path)
        if not path.is_dir():
            raise FileNotFoundError(f"no graph store at {path}")
        return cls(path, read_only=read_only)

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            self._store = (ox.Store.read_only(str(self.path)) if self.read_only
                           else ox.Store(str(self.path)))
        return self._store

    @classmethod
    def in_memory(cls, quads: Iterable[ox.Quad]) -> OxigraphStore:
        """A store in memory holding ``quads`` (a part of another store, read once)."""
        view = cls(Path(), read_only=True)
        view._store = ox.Store()
        view._store.bulk_extend(quads)
        return view

    def within(self, graphs: list[str]) -> OxigraphStore:
        # Copied into memory: Oxigraph evaluates a query whose dataset lists graphs graph by
        # graph, many times slower than over one store holding just those graphs.
        return OxigraphStore.in_memory(
            quad for graph in graphs
            for quad in self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def _query(self, query: str) -> Any:
        check_local_query(query)
        try:
            return self.store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
        except SyntaxError as error:
            raise QueryError(f"SPARQL syntax error: {error}") from error
        except OSError as error:
            raise QueryError(f"query failed: {error}") from error

    def select(self, query: str) -> list[Row]:
        result = self._query(query)
        if isinstance(result, ox.QueryBoolean):
            return [{"ask": bool(result)}]
        if isinstance(result, ox.QueryTriples):
            return [{"subject": python_value(t.subject), "predicate": python_value(t.predicate),
                     "object": python_value(t.object)} for t in result]
        names = [variable.value for variable in result.variables]
        return [{name: python_value(solution[name]) for name in names} for solution in result]

    def construct(self, query: str) -> Graph:
        result = self._query(query)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("not a CONSTRUCT or DESCRIBE query")
        graph = Graph()
        bind_prefixes(graph)
        for triple in result:
            graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
        return graph

    def dataset(self) -> Dataset:
        dataset = Dataset(store=_RdflibView(store=self.store), default_union=True)
        bind_prefixes(dataset)
        return dataset

    def triples_count(self) -> int:
        return len(self.store)

    def named_graphs(self) -> list[str]:
        return sorted(graph.value for graph in self.store.named_graphs())

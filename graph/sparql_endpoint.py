"""A graph store on any SPARQL 1.1 server (Oxigraph server, Virtuoso, Fuseki, GraphDB, Neptune).

Reads go to the query URL (SPARQL 1.1 Protocol, POST form), writes to the update URL (SPARQL 1.1
Update ``INSERT DATA`` and ``DROP SILENT GRAPH``). The server may hold other stores' graphs and
other tools' data, so every build writes its parts' named graphs under fresh names of its own
(``urn:partnership-kg:build:<id>:<n>``), plus one graph holding their union
(``...:<id>:union``), and every read names this store's graphs as its dataset: the union graph
as the default graph, the part graphs as the named graphs, whatever the server's own default.
(A dataset whose default graph lists the part graphs would do the same, but servers evaluate it
graph by graph: Oxigraph server took 187 s for a query that takes 0.6 s on one graph.) The
store's manifest maps those names back to the part graphs' IRIs, which is what queries return;
switching the manifest switches the graphs, so a failed rebuild leaves the old ones answering.

Credentials (HTTP Basic) come from ``settings.sparql_credentials`` when a store is opened and
are never written anywhere.
"""

from __future__ import annotations

import base64
import contextlib
import json
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from partnership_kg import settings
from partnership_kg.graph.base import (
    PREFIXES,
    GraphStore,
    QueryError,
    Row,
    check_local_query,
    literal_value,
    names_graphs,
)
from partnership_kg.graph.oxigraph import OxigraphStore, to_ox
from partnership_kg.graph.vocab import bind_prefixes

TIMEOUT_S = 120
_JSON_RESULTS = "application/sparql-results+json"
# Triples per INSERT DATA request: Virtuoso's SPARQL compiler runs out of memory near 5000.
_BATCH = 1000


class GraphServerError(QueryError):
    """The SPARQL server cannot be reached or refused a request; one line fit to show a user."""


@dataclass(frozen=True)
class Endpoint:
    """Where a store's graph lives: the two URLs (never credentials)."""

    query_url: str
    update_url: str

    def as_manifest(self, graphs: dict[str, str], union: str) -> dict[str, Any]:
        return {"backend": "sparql", "query": self.query_url, "update": self.update_url,
                "union": union, "graphs": graphs}


def endpoint_from_manifest(entry: dict[str, Any]) -> tuple[Endpoint, dict[str, str], str]:
    return (Endpoint(str(entry["query"]), str(entry["update"])), dict(entry["graphs"]),
            str(entry["union"]))


def _sparql_prologue() -> str:
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]


@dataclass
class _Client:
    endpoint: Endpoint
    timeout_s: float = TIMEOUT_S
    _auth: str | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        credentials = settings.sparql_credentials()
        if credentials:
            token = base64.b64encode(":".join(credentials).encode()).decode()
            self._auth = f"Basic {token}"

    def post(self, url: str, fields: list[tuple[str, str]], accept: str) -> bytes:
        body = urllib.parse.urlencode(fields).encode("utf-8")
        request = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
            "Accept": accept})
        if self._auth:
            request.add_header("Authorization", self._auth)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            detail = _one_line(error.read().decode("utf-8", "replace"))
            raise GraphServerError(f"SPARQL server {url} answered {error.code} "
                                   f"{error.reason}: {detail}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError):
                raise GraphServerError(f"SPARQL server {url} did not answer within "
                                       f"{self.timeout_s:g} s") from None
            raise GraphServerError(f"SPARQL server {url} cannot be reached: {reason}") from None

    def update(self, text: str) -> None:
        self.post(self.endpoint.update_url, [("update", text)], "*/*")


def _statements(graph: Graph) -> list[str]:
    """A graph's triples as SPARQL/N-Triples statements. The build mints IRIs for every node
    (no blank nodes), so a graph may be sent in several requests."""
    return [f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in graph]


def _term(binding: dict[str, Any]) -> Node:
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if binding.get("xml:lang"):
        return Literal(value, lang=binding["xml:lang"])
    datatype = binding.get("datatype")
    plain = datatype in (None, "http://www.w3.org/2001/XMLSchema#string")
    return Literal(value, datatype=None if plain else datatype)


def _value(binding: dict[str, Any] | None) -> object:
    if binding is None:
        return None
    if binding["type"] == "bnode":
        return f"_:{binding['value']}"
    if binding["type"] == "uri":
        return binding["value"]
    return literal_value(binding["value"], binding.get("datatype"))


_NO_GRAPH = "urn:partnership-kg:no-graph"


class SparqlEndpointStore(GraphStore):
    """This store's graphs on a SPARQL server. ``graphs`` maps server graph names to the part
    graphs' IRIs (as the embedded store names them); ``union`` is the server graph holding all
    their triples."""

    def __init__(self, endpoint: Endpoint, graphs: dict[str, str], union: str = _NO_GRAPH
                 ) -> None:
        self.endpoint = endpoint
        self.graphs = graphs
        self.union = union
        self._client = _Client(endpoint)

    def as_manifest(self) -> dict[str, Any]:
        return self.endpoint.as_manifest(self.graphs, self.union)

    # -- writing ----------------------------------------------------------------------------
    @classmethod
    def create(cls, endpoint: Endpoint, dataset: Dataset) -> SparqlEndpointStore:
        """Write ``dataset``'s named graphs to the server under this build's own names. On
        failure the graphs written so far are dropped (best effort) and the error raised."""
        build = f"urn:partnership-kg:build:{uuid.uuid4().hex}"
        parts = sorted((graph for graph in dataset.graphs()
                        if isinstance(graph.identifier, URIRef) and len(graph)),
                       key=lambda graph: str(graph.identifier))
        graphs = {f"{build}:{n}": str(graph.identifier) for n, graph in enumerate(parts)}
        store = cls(endpoint, graphs, union=f"{build}:union")
        try:
            union: set[str] = set()
            for server_graph, graph in zip(graphs, parts, strict=True):
                triples = _statements(graph)
                union.update(triples)
                store._insert(server_graph, triples)
            store._insert(store.union, sorted(union))
        except BaseException:
            store.drop()
            raise
        return store

    def _insert(self, server_graph: str, triples: list[str]) -> None:
        for start in range(0, len(triples), _BATCH):
            body = "\n".join(triples[start:start + _BATCH])
            self._client.update(f"INSERT DATA {{ GRAPH <{server_graph}> {{\n{body}\n}} }}")

    def drop(self) -> None:
        """Remove this store's graphs from the server (nobody else's)."""
        names = [*self.graphs, self.union]
        operations = " ;\n".join(f"DROP SILENT GRAPH <{name}>" for name in names)
        # Left behind on a failing server they are harmless: no manifest names them.
        with contextlib.suppress(GraphServerError):
            self._client.update(operations)

    def check(self) -> None:
        """Raise ``GraphServerError`` unless the server answers a query."""
        self._request("ASK { }", _JSON_RESULTS)

    # -- reading ----------------------------------------------------------------------------
    def within(self, graphs: list[str]) -> OxigraphStore:
        """The given part graphs (by their IRIs), read from the server once into memory."""
        wanted = set(graphs)
        named = [server for server, logical in self.graphs.items() if logical in wanted]
        rows = self._results("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                             named=named)["results"]["bindings"]
        return OxigraphStore.in_memory(
            ox.Quad(to_ox(_term(row["s"])), to_ox(_term(row["p"])), to_ox(_term(row["o"])),
                    ox.NamedNode(self.graphs[row["g"]["value"]])) for row in rows)

    def _request(self, query: str, accept: str, named: list[str] | None = None) -> bytes:
        check_local_query(query)
        # Always name the dataset: none named would read the server's whole default graph. The
        # part graphs are listed only for a query that reads them: a list of thousands of
        # graphs costs the server time to read on every request.
        if named is None:
            named = list(self.graphs) if names_graphs(query) else []
        fields = [("query", _sparql_prologue() + query), ("default-graph-uri", self.union)]
        fields += [("named-graph-uri", name) for name in named or [_NO_GRAPH]]
        return self._client.post(self.endpoint.query_url, fields, accept)

    def _results(self, query: str, named: list[str] | None = None) -> dict[str, Any]:
        raw = self._request(query, _JSON_RESULTS, named)
        try:
            return json.loads(raw)
        except ValueError:
            raise GraphServerError(f"SPARQL server {self.endpoint.query_url} did not answer "
                                   "with SPARQL JSON results") from None

    def _logical_value(self, value: object) -> object:
        return self.graphs.get(value, value) if isinstance(value, str) else value

    def select(self, query: str) -> list[Row]:
        data = self._results(query)
        if "boolean" in data:
            return [{"ask": bool(data["boolean"])}]
        names = data["head"].get("vars", [])
        return [{name: self._logical_value(_value(row.get(name))) for name in names}
                for row in data["results"]["bindings"]]

    def construct(self, query: str) -> Graph:
        raw = self._request(query, "application/n-triples, text/turtle;q=0.9, "
                                   "text/plain;q=0.8")
        graph = Graph()
        bind_prefixes(graph)
        text = raw.decode("utf-8")
        try:
            graph.parse(data=text, format="turtle")  # N-Triples is Turtle too
        except Exception as error:  # noqa: BLE001 - rdflib raises many kinds on bad input
            raise QueryError(f"not a CONSTRUCT or DESCRIBE query, or an unreadable answer: "
                             f"{_one_line(str(error))}") from None
        return graph

    def _quads(self) -> list[dict[str, Any]]:
        return self._results("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")[
            "results"]["bindings"]

    def dataset(self) -> Dataset:
        dataset = Dataset(default_union=True)
        bind_prefixes(dataset)
        for row in self._quads():
            name = self.graphs.get(row["g"]["value"], row["g"]["value"])
            dataset.graph(URIRef(name)).add((_term(row["s"]), _term(row["p"]), _term(row["o"])))
        return dataset

    def triples_count(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"]) if rows else 0

    def named_graphs(self) -> list[str]:
        return sorted(self.graphs.values())

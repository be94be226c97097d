"""The graph store interface: what the rest of the code needs from a triple store.

The embedded default is ``graph.oxigraph.OxigraphStore``; ``graph.sparql_endpoint`` implements
the same few methods on any SPARQL 1.1 server, for a user who outgrows one machine.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod

from rdflib import Dataset, Graph

from partnership_kg.graph.vocab import (
    CSA,
    DCAT,
    DCTERMS,
    ELI,
    ID,
    OA,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XKOS,
    XSD,
)

# Declared for every query, so users can write ``?p a csa:Priority`` without PREFIX lines.
PREFIXES: dict[str, str] = {
    "csa": str(CSA._NS), "skos": str(SKOS), "dct": str(DCTERMS), "org": str(ORG),
    "prov": str(PROV), "oa": str(OA), "xkos": str(XKOS), "eli": str(ELI), "owl": str(OWL),
    "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD), "dcat": str(DCAT), "id": str(ID),
}

Row = dict[str, object]


_INTEGERS = {str(XSD[name]) for name in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort",
    "unsignedByte")}
_FLOATS = {str(XSD.decimal), str(XSD.double), str(XSD.float)}


def literal_value(lexical: str, datatype: str | None) -> object:
    """A literal as a plain value: numbers as numbers, booleans as bool, the rest as written."""
    try:
        if datatype in _INTEGERS:
            return int(lexical)
        if datatype in _FLOATS:
            return float(lexical)
    except ValueError:  # an ill-typed literal: show it as written
        return lexical
    if datatype == str(XSD.boolean):
        return lexical in ("true", "1")
    return lexical


class QueryRefused(Exception):
    """A SPARQL request this tool will not run; the message is one line fit to show a user."""


class UpdateRefused(QueryRefused):
    """A SPARQL update sent where only queries are allowed."""

    def __init__(self, message: str = "read-only: SPARQL updates are refused") -> None:
        super().__init__(message)


class FederationRefused(QueryRefused):
    """A query that would make this machine fetch another endpoint (SPARQL ``SERVICE``)."""

    def __init__(self, message: str = "SERVICE is refused: queries run on the local graph "
                                      "only and never reach the network") -> None:
        super().__init__(message)


class QueryError(ValueError):
    """A query that does not parse or cannot run; the message is fit to show a user."""


_UPDATE_VERBS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY",
                 "WITH")
# Comments, strings and IRIs are removed before looking for update verbs, so a query that
# merely mentions "DELETE" in a literal or IRI is not refused.
_NOISE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"'
                    r"|'(?:\\.|[^'\\\n])*'|<[^<>\s]*>|#[^\n]*")
_PROLOGUE = re.compile(r"^\s*(?:(?:PREFIX\s+[\w.-]*:|BASE)\s*)+", re.IGNORECASE)
_OPERATION_START = re.compile(r"(?:^|;)\s*(" + "|".join(_UPDATE_VERBS) + r")\b", re.IGNORECASE)


# The SERVICE keyword, not a variable (?service), a prefixed name (x:service) or a prefix.
_SERVICE = re.compile(r"(?<![\w?$:-])SERVICE\b(?!\s*:)", re.IGNORECASE)


# The GRAPH keyword (``GRAPH ?g { }``), not a variable or prefixed name.
_GRAPH = re.compile(r"(?<![\w?$:-])GRAPH\b(?!\s*:)", re.IGNORECASE)


def names_graphs(query: str) -> bool:
    """True when the query reads named graphs (``GRAPH``), not the default graph alone."""
    return bool(_GRAPH.search(_NOISE.sub(" ", query)))


def is_update(query: str) -> bool:
    """True when the text is a SPARQL update (one operation or several joined by ';')."""
    text = _PROLOGUE.sub("", _NOISE.sub(" ", query))
    return bool(_OPERATION_START.search(text))


def is_federated(query: str) -> bool:
    """True when the query asks another endpoint for data (``SERVICE``, ``SERVICE SILENT``)."""
    return bool(_SERVICE.search(_NOISE.sub(" ", query)))


def check_local_query(query: str) -> None:
    """Refuse what a read-only, offline endpoint must not run: updates and federation."""
    if is_update(query):
        raise UpdateRefused()
    if is_federated(query):
        raise FederationRefused()


class GraphStore(ABC):
    @abstractmethod
    def select(self, query: str) -> list[Row]:
        """Rows of a SELECT as plain python values (str, int, float, bool, None);
        an ASK gives ``[{"ask": bool}]``. Updates raise ``UpdateRefused``."""

    @abstractmethod
    def construct(self, query: str) -> Graph:
        """The triples of a CONSTRUCT or DESCRIBE query."""

    @abstractmethod
    def dataset(self) -> Dataset:
        """The whole store as an rdflib Dataset (named graph per document part)."""

    @abstractmethod
    def triples_count(self) -> int:
        """Quads in all graphs."""

    @abstractmethod
    def named_graphs(self) -> list[str]:
        """IRIs of the named graphs."""

    @abstractmethod
    def within(self, graphs: list[str]) -> GraphStore:
        """A store holding just the given named graphs (read once, into memory), their union
        the default graph: a question about one partnership then costs what its own graphs
        cost, not the whole store."""

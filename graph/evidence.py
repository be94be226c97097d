"""Provenance: every extracted claim points to the document part, page and verbatim quote.

A claim node gets ``prov:wasDerivedFrom`` an ``oa:SpecificResource`` whose source is the document
part, with an ``oa:FragmentSelector`` ("page=N") refined by an ``oa:TextQuoteSelector``
(``oa:exact`` the quote). ``read_evidence`` turns that back into the contract's evidence dict.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef

from partnership_kg.graph.vocab import CSA, OA, PROV, RDF, mint


@dataclass(frozen=True)
class Evidence:
    source: str  # file name as ingested
    page: int | None
    quote: str  # verbatim source text

    def as_dict(self) -> dict[str, object]:
        return {"source": self.source, "page": self.page, "quote": self.quote}


def cite(graph: Graph, claim: URIRef | BNode, part: URIRef, evidence: Evidence) -> URIRef:
    """Attach ``evidence`` to ``claim``; returns the SpecificResource node."""
    digest = hashlib.sha1(f"{part}|{evidence.page}|{evidence.quote}".encode()).hexdigest()[:16]
    target = mint("evidence", digest)
    graph.add((claim, PROV.wasDerivedFrom, target))
    graph.add((target, RDF.type, OA.SpecificResource))
    graph.add((target, OA.hasSource, part))
    graph.add((target, CSA.sourceFile, Literal(evidence.source)))
    page_selector = mint("evidence", digest, "page")
    graph.add((target, OA.hasSelector, page_selector))
    graph.add((page_selector, RDF.type, OA.FragmentSelector))
    graph.add((page_selector, RDF.value, Literal(f"page={evidence.page}" if evidence.page
                                                 else "page=")))
    quote_selector = mint("evidence", digest, "quote")
    graph.add((page_selector, OA.refinedBy, quote_selector))
    graph.add((quote_selector, RDF.type, OA.TextQuoteSelector))
    graph.add((quote_selector, OA.exact, Literal(evidence.quote)))
    return target


EVIDENCE_QUERY = """
SELECT ?source ?pageValue ?quote WHERE {
  ?claim prov:wasDerivedFrom ?target .
  ?target csa:sourceFile ?source ; oa:hasSelector ?pageSel .
  ?pageSel rdf:value ?pageValue ; oa:refinedBy ?quoteSel .
  ?quoteSel oa:exact ?quote .
}
"""


def page_from_selector(value: str) -> int | None:
    number = value.removeprefix("page=")
    return int(number) if number.isdigit() else None

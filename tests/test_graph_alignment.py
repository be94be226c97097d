"""Alignment's choice of evidence, on an invented version stated by two sources."""

from __future__ import annotations

from rdflib import Dataset, URIRef

from partnership_kg.graph.alignment import Concept, Version, _list_evidence
from partnership_kg.graph.evidence import Evidence, cite
from partnership_kg.graph.vocab import CSA, mint

_LIST = "Our priorities are Harbour Crime and Storm Recovery"


def _version_stated_twice(pack_page: int, agreement_page: int) -> tuple[Dataset, Version]:
    """Wessex's priorities, one list reprinted: in the agreement and in a later-named pack."""
    dataset = Dataset(default_union=True)
    graph = dataset.graph(URIRef("urn:test:graph"))
    scheme = mint("scheme", "wessex-2020")
    concepts = [Concept(mint("concept", name), label, "priority", scheme, 2020)
                for name, label in (("harbour", "Harbour Crime"), ("storm", "Storm Recovery"))]
    for concept in concepts:
        cite(graph, concept.iri, mint("part", "agreement"),
             Evidence("010_wessex_agreement.pdf", agreement_page, _LIST))
        cite(graph, concept.iri, mint("part", "pack"),
             Evidence("020_wessex_pack.pdf", pack_page, _LIST))
        cite(graph, concept.iri, mint("part", "pack"),
             Evidence("020_wessex_pack.pdf", pack_page + 1, f"{concept.label} is led locally"))
    return dataset, Version(scheme, 2020, True, concepts=concepts)


def test_list_evidence_of_a_reprinted_list_is_the_later_named_sources_whatever_its_page() -> None:
    # The pages (and with them the evidence nodes' hashes) differ between a text and a PDF of
    # the same documents; the source chosen must not.
    for pack_page, agreement_page in ((3, 40), (40, 3), (7, 7), (12, 1)):
        dataset, version = _version_stated_twice(pack_page, agreement_page)
        chosen = _list_evidence(dataset, version, "priority")
        assert [str(dataset.value(target, CSA.sourceFile)) for target in chosen] == [
            "020_wessex_pack.pdf"], (pack_page, agreement_page)

"""Undated versions: a page (a news release, a web page, any part typed ``other``) that states
the partnership's priorities but gives no year at all, not in the list's intro, the plan's name,
a dateline or its title.

Its list is still the plan's list as that page gives it: one ``skos:ConceptScheme`` per part,
with ``dct:source`` the part and no ``csa:period``, ``csa:startYear`` or ``dct:temporal``. No
year's question reads it (it is in force in no year known) and lineage aligns only dated
versions; ``priorities --document`` lists it and says it is undated.
"""

from __future__ import annotations

from rdflib import Dataset, Literal

from partnership_kg.graph import names
from partnership_kg.graph.agreement_reading import UNDATED
from partnership_kg.graph.agreements import KEY, Concept, Scheme, preferred_label, write_concept
from partnership_kg.graph.context import PartContext
from partnership_kg.graph.labels import defined_acronyms
from partnership_kg.graph.vocab import CSA, DCTERMS, RDF, SKOS


def corpus_pass(dataset: Dataset, contexts: list[PartContext]) -> None:
    for context in contexts:
        mentions = [m for m in context.findings[KEY].concepts if m.period == UNDATED]
        if not mentions:
            continue
        acronyms = defined_acronyms(context.part.text)
        # Keyed by the part: two undated pages are never taken for one version.
        key = f"{UNDATED} {context.part_iri}"
        scheme = Scheme(None, key, names.scheme_iri(key, context.partnership_key),
                        context.partnership_key, [context])
        for mention in sorted(mentions, key=lambda m: m.rank):
            concept = scheme.find(mention.label, acronyms, mention.kind)
            if concept is None:
                concept = Concept(mention.kind, preferred_label(mention.label))
                concept.iri = names.concept_iri(key, concept.label, context.partnership_key)
                scheme.concepts.append(concept)
            concept.mentions.append((context, mention))
        _write(context, scheme, acronyms)


def _write(context: PartContext, scheme: Scheme, acronyms: dict[str, str]) -> None:
    graph = context.graph
    graph.add((scheme.iri, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme.iri, SKOS.prefLabel, Literal(context.part.title)))
    graph.add((scheme.iri, DCTERMS.source, context.part_iri))
    graph.add((scheme.iri, DCTERMS.isVersionOf, names.agreement_work(scheme.partnership)))
    if context.partnership is not None:
        graph.add((scheme.iri, CSA.partnership, context.partnership.iri))
    said = context.findings[KEY].period_evidence.get(UNDATED)
    if said is not None:
        context.cite(scheme.iri, *said)  # the list's intro: the page's own words for the plan
    for concept in scheme.concepts:
        for _, mention in concept.mentions:
            write_concept(context, scheme, concept, mention, acronyms)

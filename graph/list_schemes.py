"""Lists that are no dated version of the partnership's plan, each a scheme of its own part.

- An undated list: a page (a news release, a web page, any part typed ``other``) states the
  partnership's priorities but gives no year at all, not in the list's intro, the plan's name,
  a dateline or its title. It is still the plan's list as that page gives it.
- Another kind of list ("key crime issues", "key risks and threats", a control strategy,
  delivery priorities) where the partnership's documents also state priorities proper: a
  strategic assessment's issues are not the partnership's latest priorities. Kept with their
  own words (``csa:listKind``) and period.

Each is a ``skos:ConceptScheme`` per part and list, ``dct:source`` the part, with its period as
written where it has one but no ``csa:startYear``: no year's question reads it as the plan in
force, and lineage aligns only versions; ``priorities --document`` lists it. This pass runs
before ``agreements`` and takes these mentions out of the findings it reads.
"""

from __future__ import annotations

import hashlib

from rdflib import Dataset, Literal

from partnership_kg.graph import names
from partnership_kg.graph.agreement_reading import PRIORITY, UNDATED, ConceptMention
from partnership_kg.graph.agreements import (
    KEY,
    Concept,
    Scheme,
    preferred_label,
    write_concept,
    write_scopes,
    write_temporal,
)
from partnership_kg.graph.context import PartContext
from partnership_kg.graph.labels import defined_acronyms
from partnership_kg.graph.vocab import CSA, DCTERMS, RDF, SKOS, mint

# Lists of issues or of work, not of the plan's priorities.
OTHER_KINDS = frozenset({"key crime issues", "key risks and threats", "control strategy",
                         "delivery priorities"})


def corpus_pass(dataset: Dataset, contexts: list[PartContext]) -> None:
    proper: set[str | None] = {
        context.partnership_key for context in contexts
        for m in context.findings[KEY].concepts
        if m.period and m.period != UNDATED and m.kind == PRIORITY
        and m.list_kind not in OTHER_KINDS}
    for context in contexts:
        findings = context.findings[KEY]
        aside = [m for m in findings.concepts if m.period == UNDATED or m.period
                 and m.list_kind in OTHER_KINDS and context.partnership_key in proper]
        if not aside:
            continue
        findings.concepts = [m for m in findings.concepts if m not in aside]
        findings.aside = not findings.concepts
        lists: dict[tuple[str, str], list[ConceptMention]] = {}
        for mention in aside:
            lists.setdefault((str(mention.period), mention.list_kind), []).append(mention)
        for (period, list_kind), mentions in lists.items():
            _write(context, None if period == UNDATED else period, list_kind, mentions)


def _write(context: PartContext, period: str | None, list_kind: str,
           mentions: list[ConceptMention]) -> None:
    acronyms = defined_acronyms(context.part.text)
    # Keyed by the part and the list: two pages' lists are never taken for one, nor for a
    # version of the same years (whose IRIs ``names`` keys by the start year alone).
    digest = hashlib.sha1(f"{context.part_iri} {list_kind} {period}".encode()).hexdigest()[:12]
    key = (*filter(None, [context.partnership_key]), "list", digest)
    scheme = Scheme(None, period or UNDATED, mint("scheme", *key), context.partnership_key,
                    [context])
    for mention in sorted(mentions, key=lambda m: m.rank):
        concept = scheme.find(mention.label, acronyms, mention.kind)
        if concept is None:
            concept = Concept(mention.kind, preferred_label(mention.label))
            concept.iri = mint("concept", *key, names.normalise(concept.label))
            scheme.concepts.append(concept)
        concept.mentions.append((context, mention))
    graph = context.graph
    graph.add((scheme.iri, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme.iri, SKOS.prefLabel, Literal(context.part.title)))
    graph.add((scheme.iri, DCTERMS.source, context.part_iri))
    if context.partnership is not None:
        graph.add((scheme.iri, CSA.partnership, context.partnership.iri))
    if period is not None:
        _period(context, scheme, period)
    said = context.findings[KEY].period_evidence.get(period or UNDATED)
    if said is not None:
        context.cite(scheme.iri, *said)  # the page's own words for the list
    for concept in scheme.concepts:
        for _, mention in concept.mentions:
            write_concept(context, scheme, concept, mention, acronyms)
    # "X including Y" within such a list: Y is in X's scope as in a version's list.
    write_scopes(context, scheme, context.findings[KEY], acronyms)


def _period(context: PartContext, scheme: Scheme, period: str) -> None:
    graph = context.graph
    graph.add((scheme.iri, CSA.period, Literal(period)))
    start, end = names.parse_period(period)
    if start is not None:
        write_temporal(graph, scheme.iri, start, end)

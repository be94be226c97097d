"""The lineage corpus pass: narrated mentions resolved, then versions aligned.

Runs once every part is read (``extract_part`` in ``lineage`` wrote the narrated events, with the
concept each starts from only a ``csa:Mention``). Per partnership: narrated duplicates meet,
mentions become the concept in force before the event's year, and consecutive versions stated in
the corpus are aligned (``alignment``) with the narrated changes between them applied.
"""

from __future__ import annotations

from rdflib import Dataset, Graph, Literal, URIRef

from partnership_kg.graph import names
from partnership_kg.graph.alignment import (
    Comparison,
    Concept,
    Version,
    Writer,
    align,
    shortcuts,
)
from partnership_kg.graph.context import PartContext
from partnership_kg.graph.lineage import CLASS_EVENT, KIND_CLASS, UNCHANGED, scope
from partnership_kg.graph.resolve import same_concept, similarity
from partnership_kg.graph.vocab import CSA, DCTERMS, PROV, RDF, SKOS, XKOS, mint


def _versions(graph: Graph, partnership: URIRef | None | bool = False) -> list[Version]:
    """Every version (``partnership`` False), or one partnership's (None: those of none)."""
    versions: dict[URIRef, Version] = {}
    for scheme in set(graph.subjects(RDF.type, SKOS.ConceptScheme)):
        year = graph.value(scheme, CSA.startYear)
        if year is None or (partnership is not False
                            and graph.value(scheme, CSA.partnership) != partnership):
            continue
        sources = list(graph.objects(scheme, DCTERMS.source))
        narrators = list(graph.objects(scheme, CSA.narratedBy))
        owner = graph.value(scheme, CSA.partnership)
        versions[scheme] = Version(scheme, int(year), _is_real(graph, sources, narrators),
                                   owner, sources=sources or narrators)
    for kind, cls in KIND_CLASS.items():
        for concept in set(graph.subjects(RDF.type, cls)):
            scheme = graph.value(concept, SKOS.inScheme)
            label = graph.value(concept, SKOS.prefLabel)
            if scheme in versions and label is not None:
                version = versions[scheme]
                version.concepts.append(Concept(concept, str(label), kind, scheme, version.year))
    for version in versions.values():
        version.concepts.sort(key=lambda concept: concept.label)
    return sorted(versions.values(), key=lambda version: version.year)


def _is_real(graph: Graph, sources: list[URIRef], narrators: list[URIRef]) -> bool:
    """A version is stated in the corpus when an agreement part states it, or when some part
    lists it and no agreement's version history speaks for that year (a report listing the
    2011-14 priorities counts; a strategy's own priorities in a narrated year do not)."""
    if any((part, RDF.type, CSA.Agreement) in graph for part in sources):
        return True
    return bool(sources) and not any((part, RDF.type, CSA.Agreement) in graph
                                     for part in narrators)


def _find(label: str, concepts: list[Concept], kind: str | None = None) -> Concept | None:
    """The concept ``label`` names among ``concepts``: same spelling/acronym, then fuzzy."""
    pool = [c for c in concepts if kind is None or c.kind == kind] or concepts
    for concept in pool:
        if same_concept(label, concept.label):
            return concept
    scored = sorted(((similarity(label, c.label), c.label, c) for c in pool), reverse=True,
                    key=lambda item: item[:2])
    if scored and scored[0][0] >= 90:
        return scored[0][2]
    return None


def _resolve_mentions(dataset: Dataset, versions: list[Version], writer: Writer) -> None:
    """Each ``csa:Mention`` becomes the concept in force just before the event's year."""
    partnership = versions[0].partnership if versions else None
    for mention in list(dataset.subjects(RDF.type, CSA.Mention)):
        if dataset.value(mention, CSA.partnership) != partnership:
            continue  # another partnership's mention: resolved against its own versions
        label = str(dataset.value(mention, SKOS.prefLabel))
        kind = str(dataset.value(mention, DCTERMS.type) or "priority")
        for event in list(dataset.subjects(XKOS.sourceConcept, mention)):
            year = int(dataset.value(event, CSA.effectiveYear))
            found = None
            for version in reversed([v for v in versions if v.year < year]):
                found = _find(label, version.concepts, kind)
                if found:
                    break
            graph = writer.graph_for(event)
            for _, _, _, context in list(dataset.quads((event, XKOS.sourceConcept, mention,
                                                          None))):
                dataset.graph(context).remove((event, XKOS.sourceConcept, mention))
            if found is None:
                # Named before any version in the corpus: a plain skos:Concept (no version
                # holds it), evidenced by the narrating text.
                concept = mint("concept", *scope(partnership), "before", year,
                               names.normalise(label))
                graph.add((concept, RDF.type, SKOS.Concept))
                graph.add((concept, SKOS.prefLabel, Literal(label)))
                graph.add((concept, DCTERMS.type, Literal(kind)))
                for evidence in dataset.objects(event, PROV.wasDerivedFrom):
                    graph.add((concept, PROV.wasDerivedFrom, evidence))
                target_iri = concept
            else:
                target_iri = found.iri
            graph.add((event, XKOS.sourceConcept, target_iri))
            shortcuts(graph, dataset, event)
        for _, _, _, context in list(dataset.quads((mention, None, None, None))):
            for triple in list(dataset.graph(context).triples((mention, None, None))):
                dataset.graph(context).remove(triple)


def _narrated_events(dataset: Dataset, partnership: URIRef | None
                     ) -> list[tuple[int, URIRef, str, list[URIRef], list[URIRef]]]:
    events = []
    for event in set(dataset.subjects(CSA.foundBy, Literal("narrative"))):
        if dataset.value(event, CSA.partnership) != partnership:
            continue
        year = int(dataset.value(event, CSA.effectiveYear))
        types = [CLASS_EVENT[c] for c in dataset.objects(event, RDF.type) if c in CLASS_EVENT]
        events.append((year, event, types[0] if types else "renamed",
                       list(dataset.objects(event, XKOS.sourceConcept)),
                       list(dataset.objects(event, XKOS.targetConcept))))
    return sorted(events, key=lambda item: (item[0], str(item[1])))


def _rename_node(dataset: Dataset, old: URIRef, new: URIRef) -> None:
    """Every quad naming ``old`` now names ``new``, in the same named graph."""
    for s, p, o, context in list(dataset.quads((old, None, None, None))):
        graph = dataset.graph(context)
        graph.remove((s, p, o))
        graph.add((new, p, o))
    for s, p, o, context in list(dataset.quads((None, None, old, None))):
        graph = dataset.graph(context)
        graph.remove((s, p, o))
        graph.add((s, p, new))


def _merge_narrated_duplicates(dataset: Dataset, versions: list[Version]) -> None:
    """Two texts narrating one change ("VAWG was added", "'Violence Against Women and Girls'
    (VAWG) was added") meet in one concept (the longer label; the other an altLabel) and one
    event (with both quotes)."""
    for version in versions:
        if version.real:
            continue
        concepts = sorted(version.concepts, key=lambda c: -len(c.label))
        for index, keep in enumerate(concepts):
            for other in concepts[index + 1:]:
                if other.iri != keep.iri and same_concept(keep.label, other.label):
                    stating = {ctx for _, _, _, ctx in dataset.quads((other.iri, SKOS.prefLabel,
                                                                      None, None))}
                    for graph_node in stating:
                        dataset.graph(graph_node).add((keep.iri, SKOS.altLabel,
                                                       Literal(other.label)))
                    _rename_node(dataset, other.iri, keep.iri)
                    dataset.remove((keep.iri, SKOS.prefLabel, Literal(other.label)))
                    other.iri = keep.iri
    seen: dict[tuple[object, ...], URIRef] = {}
    partnership = versions[0].partnership if versions else None
    for year, event, type_, sources, targets in _narrated_events(dataset, partnership):
        key = (year, type_, frozenset(sources), frozenset(targets))
        if key in seen and seen[key] != event:
            _rename_node(dataset, event, seen[key])
        else:
            seen[key] = event


def corpus_pass(dataset: Dataset, contexts: list[PartContext]) -> None:
    """Resolve narrative mentions, then align consecutive agreement versions."""
    writer = Writer(dataset, {context.part_iri: context.graph for context in contexts})
    # Versions of one partnership only are aligned: two partnerships' plans never meet.
    partnerships = sorted({v.partnership for v in _versions(dataset)}, key=lambda p: str(p))
    for partnership in partnerships:
        unchanged = {year for context in contexts
                     if (context.partnership.iri if context.partnership else None) == partnership
                     for year in context.findings.get(UNCHANGED, ())}
        _merge_narrated_duplicates(dataset, _versions(dataset, partnership))
        _partnership_pass(dataset, writer, _versions(dataset, partnership), unchanged)


def _partnership_pass(dataset: Dataset, writer: Writer, versions: list[Version],
                      unchanged: set[int]) -> None:
    partnership = versions[0].partnership if versions else None
    for version in versions:
        if dataset.value(version.scheme, CSA.period) is None:
            writer.graph_for(version.scheme).add((version.scheme, CSA.period,
                                                  Literal(str(version.year))))
    _resolve_mentions(dataset, versions, writer)
    narrated = _narrated_events(dataset, partnership)
    concept_of: dict[URIRef, Concept] = {c.iri: c for v in versions for c in v.concepts}
    real = [version for version in versions if version.real]
    carried: list[Concept] = real[0].concepts if real else []
    # The version that last stated each kind: what a change of that kind is inferred since.
    stating = {concept.kind: real[0] for concept in carried}
    for older, newer in zip(real, real[1:], strict=False):
        current = {concept.iri: concept for concept in carried}
        for year, _event, type_, sources, targets in narrated:
            if not older.year < year <= newer.year:
                continue
            if type_ != "introduced":
                for source in sources:
                    current.pop(source, None)
            for target in targets:
                if target in concept_of:
                    current[target] = concept_of[target]
        # A version that states no themes (they were in a diagram) says nothing of them: they
        # are carried on to the next version that does, not retired.
        stated = {concept.kind for concept in newer.concepts}
        # Years the narrative speaks for: a change it states, or none ("no changes were made").
        narrated_years = unchanged | {year for year, *_ in narrated}
        step = Comparison({kind: stating.get(kind, older) for kind in KIND_CLASS}, newer,
                          narrated_years)
        align(dataset, writer, [c for c in current.values() if c.kind in stated], step)
        carried = [*newer.concepts, *(c for c in current.values() if c.kind not in stated)]
        stating.update({kind: newer for kind in stated})

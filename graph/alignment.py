"""Alignment of consecutive agreement versions: the changes no text narrates.

The versions of one partnership, with the narrated changes between them applied, are matched by
label rules (spelling, acronym), scope lists ("X (including A, B)"), containment and fuzzy
similarity; what is left is introduced or retired. No sentence states these changes, so each is
written as inferred: ``csa:inferred true`` and ``csa:between`` the two versions compared (never
one year's change), with a quote for each end: the old label in the older version, and the new
label (for a retirement the newer version's list) in the newer one; an introduction quotes the
older version's list, which lacks it, and the new label.

Where a narrative speaks for every year between the two versions (it states that year's changes,
or says the review changed nothing: "no changes were identified"), it accounts for every change:
labels that still differ are one concept restated, and nothing is inferred.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, Literal, URIRef

from partnership_kg.graph.evidence import Evidence, cite, page_from_selector
from partnership_kg.graph.lineage import CLASS_EVENT, EVENT_CLASS, belongs, event_iri
from partnership_kg.graph.resolve import (
    contains_label,
    core,
    is_acronym,
    parentheticals,
    same_concept,
    similarity,
)
from partnership_kg.graph.vocab import CSA, DCTERMS, OA, PROV, RDF, RDFS, SKOS, XKOS

SCOPE_LIST = "scope list"  # how a merge read from "X (including A, B)" was found


@dataclass
class Concept:
    iri: URIRef
    label: str
    kind: str
    scheme: URIRef
    year: int


@dataclass
class Version:
    scheme: URIRef
    year: int
    real: bool  # stated by an agreement in the corpus (not only narrated)
    partnership: URIRef | None = None
    concepts: list[Concept] = field(default_factory=list)
    sources: list[URIRef] = field(default_factory=list)  # parts stating or narrating it


@dataclass
class Comparison:
    """Two versions compared: ``older`` per kind (the version that last stated priorities, or
    themes) and ``newer``; ``narrated`` the years a narrative speaks for."""

    older: dict[str, Version]
    newer: Version
    narrated: set[int] = field(default_factory=set)

    def narrated_unchanged(self, kind: str) -> bool:
        """Does a narrative speak for every year from the older version to the newer, so that
        nothing is left to infer for this kind?"""
        older = self.older.get(kind)
        if older is None:
            return False
        return all(year in self.narrated for year in range(older.year + 1, self.newer.year + 1))


class Writer:
    """Writes pass results into the named graph of the part holding the evidence."""

    def __init__(self, dataset: Dataset, graphs: dict[URIRef, Graph]) -> None:
        self.dataset = dataset
        self.graphs = graphs

    def graph_for(self, node: URIRef) -> Graph:
        for target in self.dataset.objects(node, PROV.wasDerivedFrom):
            part = self.dataset.value(target, OA.hasSource)
            if part in self.graphs:
                return self.graphs[part]
        return next(iter(self.graphs.values()))


def shortcuts(graph: Graph, dataset: Dataset, event: URIRef) -> None:
    """``dct:replaces`` and SKOS mapping shortcuts an event implies."""
    types = {CLASS_EVENT.get(cls) for cls in dataset.objects(event, RDF.type)}
    sources = list(dataset.objects(event, XKOS.sourceConcept))
    targets = list(dataset.objects(event, XKOS.targetConcept))
    for target in targets:
        for source in sources:
            if "introduced" in types:
                graph.add((target, SKOS.related, source))  # split out of it; it goes on
                continue
            graph.add((target, DCTERMS.replaces, source))
            if "renamed" in types:
                graph.add((source, SKOS.exactMatch, target))
            elif "expanded" in types or "merged" in types:
                graph.add((source, SKOS.broadMatch, target))
                graph.add((target, SKOS.narrowMatch, source))
            elif "split" in types:
                graph.add((source, SKOS.narrowMatch, target))
                graph.add((target, SKOS.broadMatch, source))


def _scopes(dataset: Dataset, concept: Concept, version: Version) -> list[tuple[str, URIRef]]:
    """Scope lists of a concept: ``csa:includes`` and "(including ...)" in assessment issues
    stated by the version's parts, each with the node whose evidence carries it."""
    scopes = [(str(text), concept.iri) for text in dataset.objects(concept.iri, CSA.includes)]
    for count in dataset.subjects(RDF.type, CSA.AssessmentCount):
        issue = str(dataset.value(count, CSA.issue) or "")
        inner = parentheticals(issue)
        if not inner or not same_concept(core(issue), concept.label):
            continue
        parts = {dataset.value(t, OA.hasSource) for t in dataset.objects(count,
                                                                       PROV.wasDerivedFrom)}
        if parts & set(version.sources):
            scopes.extend((text, count) for text in inner)
    return scopes


def _same(writer: Writer, old: Concept, new: Concept) -> None:
    graph = writer.graph_for(new.iri)
    graph.add((new.iri, DCTERMS.replaces, old.iri))
    graph.add((old.iri, SKOS.exactMatch, new.iri))


def align(dataset: Dataset, writer: Writer, older: list[Concept], step: Comparison) -> None:
    newer = step.newer
    left = {c.iri: c for c in older}
    right = {c.iri: c for c in newer.concepts}
    # 1. the same concept: spelling, acronym, or a narrated target restated by the agreement.
    for old in list(left.values()):
        for new in list(right.values()):
            how = same_concept(old.label, new.label)
            if how and (old.kind == new.kind or how == "exact"):
                _same(writer, old, new)
                left.pop(old.iri)
                right.pop(new.iri)
                break
    # 2. merges found in scope lists: a priority the new one's scope list names was absorbed.
    for new in list(right.values()):
        if step.narrated_unchanged(new.kind):
            continue
        for scope, holder in _scopes(dataset, new, newer):
            named = [old for old in left.values() if contains_label(scope, old.label)]
            if len(named) >= 2:
                _event(dataset, writer, step, "merged", SCOPE_LIST, named, [new], holder)
                for old in named:
                    left.pop(old.iri, None)
                right.pop(new.iri, None)
                break
    # 3. containment (the new label names the old one, or its acronym) and fuzzy renames.
    for old in list(left.values()):
        candidates = []
        for new in right.values():
            if new.kind != old.kind:
                continue
            if contains_label(new.label, old.label):
                how = "acronym" if not contains_label(core(new.label), core(old.label)) or \
                    any(is_acronym(word) for word in new.label.split()) else "fuzzy"
                candidates.append((100.0, "expanded", how, new))
            elif similarity(old.label, new.label) >= 85:
                candidates.append((similarity(old.label, new.label), "renamed", "fuzzy", new))
        if candidates:
            _score, type_, how, new = max(candidates, key=lambda item: item[0])
            if step.narrated_unchanged(old.kind):
                _same(writer, old, new)  # the text says nothing changed: one concept restated
            else:
                _event(dataset, writer, step, type_, how, [old], [new])
            left.pop(old.iri)
            right.pop(new.iri)
    # 4. what is left was retired or introduced between the versions.
    for old in left.values():
        if not step.narrated_unchanged(old.kind):
            _event(dataset, writer, step, "retired", "alignment", [old], [])
    for new in right.values():
        if not step.narrated_unchanged(new.kind):
            _event(dataset, writer, step, "introduced", "alignment", [], [new])


def _quote(dataset: Dataset, target: URIRef) -> str:
    selector = dataset.value(dataset.value(target, OA.hasSelector), OA.refinedBy)
    return str(dataset.value(selector, OA.exact) or "")


def _list_evidence(dataset: Dataset, version: Version | None, kind: str) -> list[URIRef]:
    """The quote of ``version`` that names most of its ``kind``'s labels: its list.

    Where two sources state the same list (an agreement and the pack that reprints it), the
    later-named source wins, then its first page: never the evidence node's hash, which holds
    the page and so would pick differently for the same documents as text and as PDF.
    """
    if version is None:
        return []
    labels = [c.label for c in version.concepts if c.kind == kind]
    scored = [(sum(contains_label(_quote(dataset, target), label) for label in labels),
               str(dataset.value(target, CSA.sourceFile)), -(_page(dataset, target) or 0),
               _quote(dataset, target), target)
              for concept in version.concepts if concept.kind == kind
              for target in dataset.objects(concept.iri, PROV.wasDerivedFrom)]
    return [max(scored)[-1]] if scored else []


def _page(dataset: Dataset, target: URIRef) -> int | None:
    return page_from_selector(str(dataset.value(dataset.value(target, OA.hasSelector),
                                                RDF.value) or ""))


_COUNT_CELL = re.compile(r"^(?P<cell>.*\))[\s\d]+$")


def _trimmed(dataset: Dataset, target: URIRef) -> tuple[URIRef, Evidence] | None:
    """A scope list's quote without the count cell its table row ends in ("... crime groups)
    8"): (part, evidence) at the same source and page, the row's first cell only."""
    match = _COUNT_CELL.match(_quote(dataset, target))
    if not match:
        return None
    page = _page(dataset, target)
    source = str(dataset.value(target, CSA.sourceFile))
    return dataset.value(target, OA.hasSource), Evidence(source, page, match.group("cell"))


def _event(dataset: Dataset, writer: Writer, step: Comparison, type_: str, how: str,
           sources: list[Concept], targets: list[Concept], holder: URIRef | None = None) -> None:
    """An inferred change between ``step``'s versions, with a quote for each end."""
    kind = (sources or targets)[0].kind
    older, newer = step.older.get(kind), step.newer
    evidence: list[URIRef] = []
    trimmed: list[tuple[URIRef, Evidence]] = []  # a scope list's quotes, cut to the cell
    for target in dataset.objects(holder, PROV.wasDerivedFrom) if holder is not None else ():
        cut = _trimmed(dataset, target)
        if cut is None:
            evidence.append(target)
        else:
            trimmed.append(cut)
    for concept in sources:
        evidence += list(dataset.objects(concept.iri, PROV.wasDerivedFrom))
    if not sources:
        evidence += _list_evidence(dataset, older, kind)
    for concept in targets:
        evidence += list(dataset.objects(concept.iri, PROV.wasDerivedFrom))
    if not targets:
        evidence += _list_evidence(dataset, newer, kind)
    if not evidence and not trimmed:
        return  # an association without evidence is not allowed
    # Written where the newer version is stated: its text is what the change is read from.
    stating = targets[0].iri if targets else next((c.iri for c in newer.concepts), None)
    if stating is None:
        return
    owner = newer.partnership
    node = event_iri(type_, newer.year, [c.label for c in sources], [c.label for c in targets],
                     owner)
    graph = writer.graph_for(stating)
    belongs(graph, node, owner)
    graph.add((node, RDF.type, XKOS.ConceptAssociation))
    graph.add((node, RDF.type, EVENT_CLASS[type_]))
    graph.add((node, CSA.effectiveYear, Literal(newer.year)))
    graph.add((node, CSA.foundBy, Literal(how)))
    graph.add((node, CSA.inferred, Literal(True)))
    for version in (older, newer):
        if version is not None:
            graph.add((node, CSA.between, version.scheme))
    graph.add((node, RDFS.comment, Literal(f"inferred: found by {how} alignment of versions")))
    for target in dict.fromkeys(evidence):
        graph.add((node, PROV.wasDerivedFrom, target))
    for part, quote in trimmed:
        cite(writer.graphs.get(part, graph), node, part, quote)
    for concept in sources:
        graph.add((node, XKOS.sourceConcept, concept.iri))
    for concept in targets:
        graph.add((node, XKOS.targetConcept, concept.iri))
    shortcuts(graph, dataset, node)

"""``build_graph``: documents in, one RDF dataset out (a named graph per document part).

How extraction is wired
-----------------------
For every part of every document, ``build_graph`` writes the part node (title, type, dates,
period, pages, file) into the part's named graph and then calls each function in
``PART_EXTRACTORS`` with a ``PartContext`` (``partnership_kg.graph.context``). When every part is
done it calls each function in ``CORPUS_PASSES`` with the dataset and all contexts, for work that
needs the whole corpus (lineage between agreement versions).

To register an extractor: write a module in ``graph/`` with a function
``extract_part(ctx: PartContext) -> None`` (add triples to ``ctx.graph``, cite every claim with
``ctx.cite(claim, block, quote)``) and/or ``corpus_pass(dataset, contexts) -> None`` (write into
the named graph of the part whose text is the evidence, ``context.graph``), then add it to the
two lists below. Import ``PartContext`` from ``partnership_kg.graph.context`` (not from here:
this module imports the extractors). Mint shared nodes (schemes, concepts, organisations,
posts, plans) with ``partnership_kg.graph.names`` so that extractors meet in one node.

Nodes the agreements extractor writes, for other extractors to read (query ``dataset``):
``names.scheme_iri(period)`` a ``skos:ConceptScheme`` per agreement version (``csa:period``,
``csa:startYear``, ``dct:source`` the part(s) that state it, ``dct:replaces`` the previous
version); concepts ``names.concept_iri(period, label)`` typed ``csa:Priority`` or
``csa:CrossCuttingTheme``, ``skos:inScheme``, ``skos:prefLabel``, ``skos:altLabel``; leads
(``csa:leadPost`` an ``org:Post`` ``org:postIn`` an ``org:Organization``, and an n-ary
``csa:Lead``); plans (``csa:Plan``, ``csa:linksToPlan`` from agreement parts, schemes and
priorities). A corpus pass that reads them must come after ``agreements.corpus_pass``.
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Dataset, Literal, URIRef

from partnership_kg.graph import (
    agreements,
    assessments,
    legislation,
    lineage,
    lineage_pass,
    list_schemes,
    meetings,
    names,
    organisations,
    partnerships,
    signatories,
    topics,
)
from partnership_kg.graph.context import PartContext
from partnership_kg.graph.vocab import (
    CSA,
    DCAT,
    DCTERMS,
    ORG,
    PROV,
    RDF,
    RDFS,
    XSD,
    bind_prefixes,
    mint,
)
from partnership_kg.ingest.model import VERSION_TYPES, Document, Part

PART_EXTRACTORS: list[Callable[[PartContext], None]] = [
    agreements.extract_part,
    legislation.extract_part,
    assessments.extract_part,
    meetings.extract_part,
    organisations.extract_part,
    lineage.extract_part,
    signatories.extract_part,
]
CORPUS_PASSES: list[Callable[[Dataset, list[PartContext]], None]] = [
    list_schemes.corpus_pass,  # first: takes the lists that are no dated version aside
    agreements.corpus_pass,
    lineage_pass.corpus_pass,  # after agreements: it aligns the versions they state
    legislation.corpus_pass,  # after agreements: priorities named in what an Act did
    topics.corpus_pass,  # after agreements and lineage: every concept they wrote, mapped
]


def build_graph(documents: list[Document]) -> Dataset:
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    contexts: list[PartContext] = []
    registry = partnerships.resolve(documents)
    for document in documents:
        for part in document.parts:
            graph = dataset.graph(names.graph_iri(document.source, part.index))
            context = PartContext(document, part, graph,
                                  names.part_iri(document.source, part.index))
            _belongs_to(context, registry.of(document.source, part.index))
            _describe_part(context)
            contexts.append(context)
    _link_agreement_parts(dataset, contexts)
    for context in contexts:
        for extract in PART_EXTRACTORS:
            extract(context)
    for corpus_pass in CORPUS_PASSES:
        corpus_pass(dataset, contexts)
    return dataset


def _describe_part(context: PartContext) -> None:
    part, graph, node = context.part, context.graph, context.part_iri
    source = context.document.source
    graph.add((node, RDF.type, CSA.DocumentPart))
    if part.type in VERSION_TYPES:  # any plan that is a version: csa:partType says which kind
        graph.add((node, RDF.type, CSA.Agreement))
        work = names.agreement_work(context.partnership_key)
        graph.add((node, DCTERMS.isVersionOf, work))
        graph.add((work, DCTERMS.title,
                   Literal("Community Safety Agreement (all versions)")))
    graph.add((node, DCTERMS.title, Literal(part.title)))
    graph.add((node, CSA.partType, Literal(part.type)))
    graph.add((node, CSA.sourceFile, Literal(source)))
    file_node = names.file_iri(source)
    graph.add((node, CSA.partOfFile, file_node))
    graph.add((file_node, CSA.sourceFile, Literal(source)))
    graph.add((file_node, DCTERMS.hasPart, node))
    if context.document.source_url:  # where the file was saved from ("Source: URL")
        url = URIRef(context.document.source_url)
        graph.add((node, DCTERMS.source, url))
        graph.add((file_node, DCTERMS.source, url))
    if part.date:
        graph.add((node, DCTERMS.date, Literal(part.date, datatype=XSD.date)))
    if part.period:
        graph.add((node, CSA.period, Literal(part.period)))
        _add_temporal(context, part)
    if part.year is not None:
        graph.add((node, CSA.startYear, Literal(part.year)))
    if part.page_start is not None:
        graph.add((node, CSA.pageStart, Literal(part.page_start)))
    if part.page_end is not None:
        graph.add((node, CSA.pageEnd, Literal(part.page_end)))


def _belongs_to(context: PartContext, assignment: partnerships.Assignment | None) -> None:
    """The part's partnership (node written into the part's graph, so every graph that uses a
    partnership also describes it) and how that was decided."""
    if assignment is None:
        return
    context.partnership = assignment.partnership
    graph = context.graph
    partnerships.write_partnership(graph, assignment.partnership)
    graph.add((CSA.Partnership, RDFS.subClassOf, ORG.Organization))
    graph.add((context.part_iri, CSA.partnership, assignment.partnership.iri))
    graph.add((context.part_iri, CSA.partnershipFrom, Literal(assignment.decided_from)))


def _add_temporal(context: PartContext, part: Part) -> None:
    start, end = names.parse_period(part.period)
    if start is None:
        return
    period = mint("period", start, end or "open")  # an IRI, not a blank node: stable ids
    context.graph.add((context.part_iri, DCTERMS.temporal, period))
    context.graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
    context.graph.add((period, DCAT.startDate, Literal(str(start), datatype=XSD.gYear)))
    if end is not None:
        context.graph.add((period, DCAT.endDate, Literal(str(end), datatype=XSD.gYear)))


def _link_agreement_parts(dataset: Dataset, contexts: list[PartContext]) -> None:
    """``dct:replaces``/``prov:wasRevisionOf`` from each agreement part to the previous version.

    Several parts may carry one version (an agreement and a pack reprinting it); each part of a
    version points to every part of the version before it.
    """
    by_year: dict[tuple[str, int], list[PartContext]] = {}
    for context in contexts:
        if context.part.type in VERSION_TYPES and context.part.year is not None:
            key = (context.partnership_key or "", context.part.year)
            by_year.setdefault(key, []).append(context)
    keys = sorted(by_year)
    for earlier, later in zip(keys, keys[1:], strict=False):
        if earlier[0] != later[0]:
            continue  # versions of one partnership only
        for newer in by_year[later]:
            for older in by_year[earlier]:
                newer.graph.add((newer.part_iri, DCTERMS.replaces, older.part_iri))
                newer.graph.add((newer.part_iri, PROV.wasRevisionOf, older.part_iri))


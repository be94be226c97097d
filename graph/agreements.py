"""Agreement versions as SKOS schemes: priorities, cross-cutting themes, leads and plans.

``extract_part`` reads each part (``agreement_reading``) and keeps the findings on the context;
``corpus_pass`` writes them once every part is read, because one version is often stated by
several parts (the agreement, a pack reprinting it, a report listing its priorities) that must
meet in one scheme with one concept per priority, and an action plan's leads belong to the
version it serves. Each triple goes into the named graph of the part whose text is its evidence.

Model: a version is a ``skos:ConceptScheme`` (``names.scheme_iri``) with ``csa:period``,
``csa:startYear``, ``dct:temporal``, ``dct:source`` the parts that state it and ``dct:replaces``
the version before; a priority or theme is a ``skos:Concept`` typed ``csa:Priority`` or
``csa:CrossCuttingTheme``, ``skos:inScheme`` its version. Links the text states between two
nodes (``csa:leadPost``, ``csa:linksToPlan``, ``csa:includes``) are also written as an
``rdf:Statement`` carrying the evidence, so each link can be cited on its own.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, Literal, URIRef

from partnership_kg.graph import names
from partnership_kg.graph.agreement_reading import (
    PRIORITY,
    THEME,
    ConceptMention,
    Findings,
    LeadMention,
    LooseLeadTable,
    read_part,
)
from partnership_kg.graph.context import PartContext
from partnership_kg.graph.labels import alt_labels, defined_acronyms, same_label, split_parenthesis
from partnership_kg.graph.leads import Lead, Post, parse_posts
from partnership_kg.graph.plans import PlanTitle, find_title, parse_title
from partnership_kg.graph.vocab import (
    CSA,
    DCAT,
    DCTERMS,
    ORG,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
    mint,
)
from partnership_kg.ingest.model import VERSION_TYPES, Block

KEY = "agreements"
_KIND_CLASS = {PRIORITY: CSA.Priority, THEME: CSA.CrossCuttingTheme}
# A post whose text names no organisation still needs one (every post is in an organisation).
UNSTATED_ORGANISATION = mint("org", "not-stated")
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_FOOTNOTE = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_REFERENCE = re.compile(r"^\s*(\d{1,3})[).]\s+(.+)$")


def extract_part(context: PartContext) -> None:
    context.findings[KEY] = read_part(context.part)


@dataclass
class Concept:
    kind: str
    label: str  # the preferred label: from the best-ranked mention
    mentions: list[tuple[PartContext, ConceptMention]] = field(default_factory=list)
    iri: URIRef | None = None


@dataclass
class Scheme:
    start: int | None  # None: a list that is no dated version (graph/list_schemes.py)
    period: str
    iri: URIRef
    partnership: str | None  # the partnership's key (all of a scheme's parts share it)
    contexts: list[PartContext] = field(default_factory=list)  # parts that state the version
    concepts: list[Concept] = field(default_factory=list)
    plans: list[tuple[PlanTitle, URIRef]] = field(default_factory=list)

    def find(self, label: str, acronyms: dict[str, str], kind: str | None = None) -> Concept | None:
        for concept in self.concepts:
            if kind and concept.kind != kind:
                continue
            if any(same_label(label, mention.label, acronyms) for _, mention in concept.mentions):
                return concept
        return None


def _label(context: PartContext, node: URIRef, label: str, labels: dict[URIRef, str]) -> None:
    """One preferred label per node: the first written wins, later spellings become altLabels
    ("Fire & Rescue" and "Fire and Rescue" mint one IRI)."""
    first = labels.setdefault(node, label)
    context.graph.add((node, SKOS.prefLabel, Literal(first)))
    if label != first:
        context.graph.add((node, SKOS.altLabel, Literal(label)))


def corpus_pass(dataset: Dataset, contexts: list[PartContext]) -> None:
    labels: dict[URIRef, str] = {}
    acronyms: dict[str, str] = {}
    for context in contexts:
        for acronym, expansion in defined_acronyms(context.part.text).items():
            acronyms.setdefault(acronym, expansion)
    # Each partnership's versions on their own: two partnerships' plans never meet.
    groups: dict[str | None, list[PartContext]] = {}
    for context in contexts:
        groups.setdefault(context.partnership_key, []).append(context)
    for group in groups.values():
        _partnership_pass(group, acronyms, labels)


def _partnership_pass(contexts: list[PartContext], acronyms: dict[str, str],
                      labels: dict[URIRef, str]) -> None:
    schemes = _schemes(contexts)
    _collect_concepts(schemes, contexts, acronyms)
    for scheme in schemes.values():
        _write_scheme(scheme, acronyms)
    _link_versions(schemes)
    for context in contexts:
        scheme = scheme_for_part(schemes, context, contexts)
        if scheme is None:
            continue
        findings: Findings = context.findings[KEY]
        findings.leads += [lead for table in findings.loose_tables
                           for lead in split_loose_table(table, scheme, acronyms)]
        _write_leads(context, schemes, scheme, findings, acronyms, labels)
        _write_plans(context, scheme, findings)
    for context in contexts:
        # The part's version, and any version this part lists items of: "X including Y" in a
        # list whose intro gives its own period belongs to that period's version.
        served = scheme_for_part(schemes, context, contexts)
        for scheme in schemes.values():
            if scheme is served or any(where is context for concept in scheme.concepts
                                       for where, _ in concept.mentions):
                write_scopes(context, scheme, context.findings[KEY], acronyms)
    for context in contexts:
        scheme = scheme_for_part(schemes, context, contexts)
        if scheme is not None and scheme.plans:
            _link_priority_plans(context, scheme, acronyms)


# -- versions ---------------------------------------------------------------------------------

def _schemes(contexts: list[PartContext]) -> dict[int, Scheme]:
    """One scheme per start year: agreement parts first (their period as written wins), then
    the periods that reports give for the lists they quote."""
    schemes: dict[int, Scheme] = {}

    def add(period: str, context: PartContext) -> None:
        start, _ = names.parse_period(period)
        if start is None:
            return
        scheme = schemes.setdefault(start, Scheme(start, period, names.scheme_iri(
            period, context.partnership_key), context.partnership_key))
        if context not in scheme.contexts:
            scheme.contexts.append(context)

    for context in contexts:
        if context.part.type in VERSION_TYPES and context.part.period \
                and not context.findings[KEY].aside:
            add(context.part.period, context)
    for context in contexts:
        for mention in context.findings[KEY].concepts:
            if mention.period:
                add(mention.period, context)
    return schemes


def scheme_for_part(schemes: dict[int, Scheme], context: PartContext,
                    contexts: list[PartContext]) -> Scheme | None:
    """The version a part serves: its own period's; else that of the agreement in the same file
    (an action plan bound in a pack with its agreement); else the latest version begun by the
    part's year."""
    year = context.part.year
    if year in schemes:
        return schemes[year]
    siblings = [other.part.year for other in contexts
                if other.document is context.document and other.part.type in VERSION_TYPES
                and other.part.year in schemes]
    if siblings:
        return schemes[max(y for y in siblings if y is not None)]
    earlier = [start for start in schemes if year is not None and start <= year]
    return schemes[max(earlier)] if earlier else None


def _link_versions(schemes: dict[int, Scheme]) -> None:
    ordered = [schemes[start] for start in sorted(schemes)]
    for older, newer in zip(ordered, ordered[1:], strict=False):
        graph = newer.contexts[0].graph
        graph.add((newer.iri, DCTERMS.replaces, older.iri))
        graph.add((newer.iri, PROV.wasRevisionOf, older.iri))


def _write_scheme(scheme: Scheme, acronyms: dict[str, str]) -> None:
    start, end = names.parse_period(scheme.period)
    for context in scheme.contexts:
        graph = context.graph
        graph.add((scheme.iri, RDF.type, SKOS.ConceptScheme))
        graph.add((scheme.iri, CSA.period, Literal(scheme.period)))
        graph.add((scheme.iri, CSA.startYear, Literal(scheme.start)))
        graph.add((scheme.iri, SKOS.prefLabel, Literal(_version_label(scheme))))
        graph.add((scheme.iri, DCTERMS.source, context.part_iri))
        graph.add((scheme.iri, DCTERMS.isVersionOf, names.agreement_work(scheme.partnership)))
        if context.partnership is not None:
            graph.add((scheme.iri, CSA.partnership, context.partnership.iri))
        if start is not None:
            write_temporal(graph, scheme.iri, start, end)
        said = context.findings[KEY].period_evidence
        for period, (block, quote) in said.items():
            if names.parse_period(period)[0] == scheme.start:
                context.cite(scheme.iri, block, quote)  # a report naming the version
    for concept in scheme.concepts:
        concept.iri = names.concept_iri(scheme.period, concept.label, scheme.partnership)
        for context, mention in concept.mentions:
            write_concept(context, scheme, concept, mention, acronyms)


def _version_label(scheme: Scheme) -> str:
    """The title of the plan part that states the version ("Northshire Community Safety Plan
    2013-2016"); "Agreement 2014-17" where an agreement or a report on it does; else (a plan
    reported by minutes or a web page) "Plan <period>"."""
    parts = [context.part for context in scheme.contexts]
    if any(part.type == "agreement" for part in parts) or \
            all(part.type == "report" for part in parts):
        return f"Agreement {scheme.period}"
    plans = [part for part in parts if part.type in VERSION_TYPES]
    return plans[0].title if plans else f"Plan {scheme.period}"


# -- priorities and themes --------------------------------------------------------------------

def preferred_label(label: str) -> str:
    """A label without a parenthesis that only abbreviates or spells out an acronym."""
    base, inner = split_parenthesis(label)
    return base if inner and (alt_labels(label, {}) or inner.isupper()) else label


def _collect_concepts(schemes: dict[int, Scheme], contexts: list[PartContext],
                      acronyms: dict[str, str]) -> None:
    mentions = [(context, mention) for context in contexts
                for mention in context.findings[KEY].concepts]
    # Best sources first, so the first label seen becomes the preferred one.
    mentions.sort(key=lambda item: item[1].rank)
    for context, mention in mentions:
        start, _ = names.parse_period(mention.period)
        scheme = schemes.get(start) if start is not None else None
        if scheme is None:
            continue
        concept = scheme.find(mention.label, acronyms, mention.kind)
        if concept is None:
            concept = Concept(mention.kind, preferred_label(mention.label))
            scheme.concepts.append(concept)
        concept.mentions.append((context, mention))


def write_temporal(graph: Graph, scheme: URIRef, start: int, end: int | None) -> None:
    """A scheme's years as a ``dcterms:PeriodOfTime`` (one node per span of years)."""
    node = mint("period", start, end or "open")
    graph.add((scheme, DCTERMS.temporal, node))
    graph.add((node, RDF.type, DCTERMS.PeriodOfTime))
    graph.add((node, DCAT.startDate, Literal(str(start), datatype=XSD.gYear)))
    if end is not None:
        graph.add((node, DCAT.endDate, Literal(str(end), datatype=XSD.gYear)))


def write_concept(context: PartContext, scheme: Scheme, concept: Concept,
                   mention: ConceptMention, acronyms: dict[str, str]) -> None:
    assert concept.iri is not None
    graph, node = context.graph, concept.iri
    graph.add((node, RDF.type, SKOS.Concept))
    graph.add((node, RDF.type, _KIND_CLASS[concept.kind]))
    graph.add((node, SKOS.inScheme, scheme.iri))
    graph.add((scheme.iri, SKOS.hasTopConcept, node))
    graph.add((node, SKOS.prefLabel, Literal(concept.label)))
    graph.add((node, CSA.listKind, Literal(mention.list_kind)))
    for name in [mention.label, *alt_labels(mention.label, acronyms),
                 *alt_labels(concept.label, acronyms)]:
        if names.normalise(name) != names.normalise(concept.label):
            graph.add((node, SKOS.altLabel, Literal(name)))
    context.cite(node, mention.block, mention.quote)
    if mention.listing:
        context.cite(node, *mention.listing)


# -- leads ------------------------------------------------------------------------------------

def split_loose_table(table: LooseLeadTable, scheme: Scheme,
                      acronyms: dict[str, str]) -> list[LeadMention]:
    """Rows of a loose lead table: a row starts at a fragment that opens with a priority label
    of the version; the fragments up to the next row are its lead."""
    starts: list[tuple[int, str, str]] = []  # fragment index, label as written, rest of line
    for index, block in enumerate(table.fragments):
        for concept in scheme.concepts:
            if concept.kind != PRIORITY:
                continue
            written = _label_prefix(block.text, concept, acronyms)
            if written is not None:
                starts.append((index, written, block.text[len(written):]))
                break
    found = []
    for number, (index, written, rest) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(table.fragments)
        pieces = [rest, *(block.text for block in table.fragments[index + 1: end])]
        lead_text = re.sub(r"\s+", " ", " ".join(pieces)).strip()
        # A label wrapped onto the next line: "Violence Against Women & Girls" "(VAWG)".
        wrapped = re.match(r"^\(([^()]{1,40})\)\s*", lead_text)
        if wrapped:
            lead_text = lead_text[wrapped.end():]
        posts = parse_posts(lead_text)
        if not posts:
            continue
        quote = " ".join(block.text for block in table.fragments[index:end])
        page = table.fragments[index].page
        found.append(LeadMention(written, Lead(tuple(posts), None), page, quote, table.period))
    return found


def _label_prefix(text: str, concept: Concept, acronyms: dict[str, str]) -> str | None:
    """The start of ``text`` that names ``concept`` (as any of its mentions were written)."""
    words = text.split()
    for size in range(len(words), 0, -1):
        prefix = " ".join(words[:size])
        if any(same_label(prefix, mention.label, acronyms, strict=True)
               for _, mention in concept.mentions):
            return text[: text.index(words[size - 1]) + len(words[size - 1])]
    return None


def _write_leads(context: PartContext, schemes: dict[int, Scheme], part_scheme: Scheme,
                 findings: Findings, acronyms: dict[str, str], labels: dict[URIRef, str]) -> None:
    for mention in findings.leads:
        # A lead table quoted in a report belongs to the version the report names for it.
        start, _ = names.parse_period(mention.period)
        scheme = schemes.get(start, part_scheme) if start is not None else part_scheme
        concept = scheme.find(mention.priority, acronyms, PRIORITY)
        if concept is None or concept.iri is None:
            continue
        for post in mention.lead.posts:
            post_node = _write_post(context, post, mention.block, mention.quote, labels)
            statement = _claim(context, concept.iri, CSA.leadPost, post_node, mention.block,
                               mention.quote)
            if mention.heading:
                context.cite(statement, *mention.heading)
            lead = mint("lead", *names.version_key(scheme.period, scheme.partnership),
                        names.normalise(concept.label),
                        names.normalise(post.label), names.normalise(post.organisation or ""),
                        names.normalise(mention.lead.person or ""))
            graph = context.graph
            graph.add((lead, RDF.type, CSA.Lead))
            graph.add((lead, CSA.priority, concept.iri))
            graph.add((lead, CSA.post, post_node))
            # The lead as this version words it: organisation nodes are shared across
            # spellings ("&"/"and"), but an answer should quote the version's own words.
            graph.add((lead, RDFS.label, Literal(_lead_text(post))))
            graph.add((concept.iri, CSA.lead, lead))
            if mention.lead.person:
                graph.add((lead, CSA.personName, Literal(mention.lead.person)))
            context.cite(lead, mention.block, mention.quote)
            if mention.heading:
                context.cite(lead, *mention.heading)


def _lead_text(post: Post) -> str:
    if post.organisation and post.organisation not in post.label:
        return f"{post.label}, {post.organisation}"
    return post.label


def _write_post(context: PartContext, post: Post, block: Block | int | None, quote: str,
                labels: dict[URIRef, str]) -> URIRef:
    graph = context.graph
    node = names.post_iri(post.label, post.organisation)
    graph.add((node, RDF.type, ORG.Post))
    _label(context, node, post.label, labels)
    if post.organisation:
        organisation = names.organisation_iri(post.organisation)
        _label(context, organisation, post.organisation, labels)
        context.cite(organisation, block, quote)
    else:
        organisation = UNSTATED_ORGANISATION
        _label(context, organisation, "organisation not stated", labels)
    graph.add((organisation, RDF.type, ORG.Organization))
    graph.add((node, ORG.postIn, organisation))
    context.cite(node, block, quote)
    return node


# -- plans ------------------------------------------------------------------------------------

def _write_plans(context: PartContext, scheme: Scheme, findings: Findings) -> None:
    graph = context.graph
    for mention in findings.plans:
        title = parse_title(mention.title)
        node = names.plan_iri(title.key)
        graph.add((node, RDF.type, CSA.Plan))
        graph.add((node, DCTERMS.title, Literal(title.title)))
        if title.alternative:
            graph.add((node, DCTERMS.alternative, Literal(title.alternative)))
        if title.start is not None:
            graph.add((node, CSA.startYear, Literal(title.start)))
            graph.add((node, CSA.period, Literal(title.period)))
            period = mint("period", title.start, title.end or "open")
            graph.add((node, DCTERMS.temporal, period))
            graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
            graph.add((period, DCAT.startDate, Literal(str(title.start), datatype=XSD.gYear)))
            if title.end is not None:
                graph.add((period, DCAT.endDate, Literal(str(title.end), datatype=XSD.gYear)))
        context.cite(node, mention.block, mention.quote)
        _claim(context, context.part_iri, CSA.linksToPlan, node, mention.block, mention.quote)
        graph.add((scheme.iri, CSA.linksToPlan, node))
        if all(key.key != title.key for key, _ in scheme.plans):
            scheme.plans.append((title, node))


def _link_priority_plans(context: PartContext, scheme: Scheme, acronyms: dict[str, str]) -> None:
    """Priority -> plan where a plan of the version is named inside that priority's section
    (an action plan's section, a context appendix's), or by a footnote there."""
    blocks = context.part.blocks
    references = _references(blocks)
    current: Concept | None = None
    for index, block in enumerate(blocks):
        heading = _section_label(block)
        found = scheme.find(heading, acronyms, PRIORITY) if heading is not None else None
        if found is not None:
            current = found
        elif block.kind == "heading" and block.number:
            current = None  # a numbered section or an appendix closes a priority's section
        if current is None or current.iri is None:
            continue
        for title, node in scheme.plans:
            quote = find_title(block.text, title)
            if quote:
                _claim(context, current.iri, CSA.linksToPlan, node, block, quote)
                continue
            for number in _footnotes(block.text):
                reference = references.get((number, _next_list(references, number, index)))
                if reference is not None and find_title(reference.text, title):
                    text = find_title(reference.text, title)
                    assert text is not None
                    _claim(context, current.iri, CSA.linksToPlan, node, reference, text)


def _section_label(block: Block) -> str | None:
    """The label a block opens a section with: a heading, a "Priority: X" line, a short line."""
    text = block.text.strip()
    match = re.match(r"^\W*priority\s*:\W*(.+)$", text, re.IGNORECASE)
    if match:
        return re.split(r"\s+(?:including|lead\s*:)\s*", match.group(1), maxsplit=1,
                        flags=re.IGNORECASE)[0].strip(" *")
    if block.kind == "heading" or (block.kind == "paragraph" and len(text) <= 60
                                   and "\n" not in text and not text.endswith((".", ":"))):
        return text.strip("*# ")
    return None


def _footnotes(text: str) -> list[int]:
    return [int(mark.translate(_SUPERSCRIPT)) for mark in _FOOTNOTE.findall(text)]


def _references(blocks: list[Block]) -> dict[tuple[int, int], Block]:
    """Numbered reference entries ("19) Title ..."), keyed by number and block index."""
    found: dict[tuple[int, int], Block] = {}
    for index, block in enumerate(blocks):
        match = _REFERENCE.match(block.text)
        if match:
            found[(int(match.group(1)), index)] = block
    return found


def _next_list(references: dict[tuple[int, int], Block], number: int, index: int) -> int:
    """Index of the first reference numbered ``number`` after block ``index`` (lists restart)."""
    after = sorted(at for n, at in references if n == number and at > index)
    return after[0] if after else -1


# -- scope lines ------------------------------------------------------------------------------

def write_scopes(context: PartContext, scheme: Scheme, findings: Findings,
                  acronyms: dict[str, str]) -> None:
    for mention in findings.scopes:
        concept = scheme.find(mention.label, acronyms)
        if concept is None or concept.iri is None:
            continue
        for item in mention.items:
            _claim(context, concept.iri, CSA.includes, Literal(item), mention.block, mention.quote)


def _claim(context: PartContext, subject: URIRef, predicate: URIRef, obj: URIRef | Literal,
           block: Block | int | None, quote: str) -> URIRef:
    """Add a link and a reified statement of it carrying the evidence."""
    graph = context.graph
    graph.add((subject, predicate, obj))
    digest = hashlib.sha1(f"{subject}|{predicate}|{obj}".encode()).hexdigest()[:16]
    statement = mint("statement", digest)
    graph.add((statement, RDF.type, RDF.Statement))
    graph.add((statement, RDF.subject, subject))
    graph.add((statement, RDF.predicate, predicate))
    graph.add((statement, RDF.object, obj))
    context.cite(statement, block, quote)
    return statement

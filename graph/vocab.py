"""Vocabularies: the standard ones the graph reuses and the small ``csa:`` one it adds.

``CSA`` is a closed namespace: ``CSA.Priorty`` raises AttributeError instead of minting a
misspelt term. Extend it here, in one place, when the model needs a new term.
"""

from __future__ import annotations

import re

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = [
    "CSA", "DCAT", "DCTERMS", "ELI", "ID", "OA", "ORG", "OWL", "PROV", "RDF", "RDFS", "SKOS",
    "XKOS", "XSD", "bind_prefixes", "mint",
]

OA = Namespace("http://www.w3.org/ns/oa#")
XKOS = Namespace("http://rdf-vocabulary.ddialliance.org/xkos#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
# Everything extracted is minted under this base.
ID = Namespace("https://w3id.org/partnership-kg/id/")


class CSA(DefinedNamespace):
    """Terms with no standard equivalent."""

    _NS = Namespace("https://w3id.org/partnership-kg/csa#")
    _fail = True

    # Classes
    Agreement: URIRef  # a part that is a version of the partnership's plan (agreement, plan ...)
    DocumentPart: URIRef  # one document inside a file (a pack's minutes, report, appendix ...)
    Priority: URIRef
    CrossCuttingTheme: URIRef
    Plan: URIRef  # a plan or strategy the text links to
    Lead: URIRef  # n-ary node: a post leading a priority in one agreement version
    Meeting: URIRef
    AgendaItem: URIRef
    Action: URIRef
    PostHolding: URIRef  # n-ary: a person holding a post, as a document part states it
    Decision: URIRef  # something noted, agreed or resolved at a meeting
    StrategicAssessment: URIRef  # a round of local strategic assessments (e.g. 2014-15)
    AssessmentCount: URIRef  # n-ary: how many partnerships selected an issue in a round
    Introduction: URIRef
    Rename: URIRef
    Expansion: URIRef
    Merge: URIRef
    Split: URIRef
    Retirement: URIRef
    Partnership: URIRef  # a community safety partnership (rdfs:subClassOf org:Organization)
    TopicMapping: URIRef  # n-ary: a priority or theme mapped to a shared topic, and how

    # Properties
    partType: URIRef  # "agreement", "plan", "strategy", "minutes", "decision notice" ... "other"
    period: URIRef  # the period as written, e.g. "2014-17" or "April 2024"
    startYear: URIRef
    pageStart: URIRef
    pageEnd: URIRef
    sourceFile: URIRef  # the file name as ingested
    partOfFile: URIRef
    leadPost: URIRef  # priority -> org:Post
    lead: URIRef  # priority -> csa:Lead
    post: URIRef  # csa:Lead -> org:Post
    holder: URIRef  # csa:PostHolding -> the person (prov:Person)
    documentPart: URIRef  # a claim node -> the document part that states it
    personName: URIRef  # a person named as holding a post or owning an action
    priority: URIRef  # scheme/lead/plan/action -> priority concept
    includes: URIRef  # scope line: "X includes: A, B, C"
    listKind: URIRef  # the words of the list a concept is in: "key priorities", "themes"
    linksToPlan: URIRef  # agreement or priority -> csa:Plan
    effectiveYear: URIRef  # the year a change took effect
    foundBy: URIRef  # how a change event was found: "narrative", "exact", "acronym", ...
    inferred: URIRef  # true on a change found by aligning versions: no text states it
    between: URIRef  # an inferred change -> the two versions (schemes) it was found between
    didWhat: URIRef  # what the text says an Act did, as quoted
    assessment: URIRef  # csa:AssessmentCount -> csa:StrategicAssessment
    issue: URIRef  # the issue label counted in an assessment
    partnerships: URIRef  # how many partnerships selected the issue
    outOf: URIRef  # how many partnerships there were
    body: URIRef  # the body that met
    item: URIRef  # meeting -> agenda item
    itemNumber: URIRef
    decision: URIRef  # agenda item -> csa:Decision
    decisionType: URIRef  # "noted", "agreed", "resolved"
    action: URIRef
    owner: URIRef
    chapter: URIRef  # an Act's chapter number where the text states it
    # Added by graph B (legislation, lineage, organisations)
    ActClaim: URIRef  # n-ary: what the text says an Act did, with its quote
    act: URIRef  # csa:ActClaim -> eli:LegalResource
    claim: URIRef  # eli:LegalResource -> csa:ActClaim
    Mention: URIRef  # a concept named in a narrative, before it is resolved to a version
    narratedBy: URIRef  # a narrated version (scheme) -> the part whose text narrates it
    responsibleAuthority: URIRef  # part -> org:Organization named as a responsible authority
    acronym: URIRef  # an organisation's acronym as written
    partnership: URIRef  # part, scheme, lineage node -> the csa:Partnership it belongs to
    partnershipFrom: URIRef  # how a part's partnership was decided: "stated", "folder", "given"
    area: URIRef  # a partnership's area, the place name ("Wessex")
    level: URIRef  # "county", "district" ... where a partnership's name says
    # Topic mappings (graph/topics.py)
    concept: URIRef  # csa:TopicMapping -> the partnership's priority or theme
    topic: URIRef  # csa:TopicMapping -> the shared topic (a skos:Concept of the topic scheme)
    matchType: URIRef  # csa:TopicMapping -> skos:closeMatch or skos:broadMatch
    method: URIRef  # "label", "acronym" or "embedding"
    matchedText: URIRef  # the words of the label the rule matched ("domestic abuse")
    score: URIRef  # an embedding mapping's cosine similarity
    confidence: URIRef  # 0..1: how sure the mapping is
    lowConfidence: URIRef  # true: kept for review, left out of answers


class ELI(DefinedNamespace):
    """The European Legislation Identifier terms the graph uses (closed, like ``CSA``)."""

    _NS = Namespace("http://data.europa.eu/eli/ontology#")
    _fail = True

    LegalResource: URIRef  # an Act or Regulations named in the text
    LegalResourceSubdivision: URIRef  # a section of an Act
    is_part_of: URIRef  # section -> Act
    has_part: URIRef  # Act -> section
    number: URIRef  # a section's number as legislation.gov.uk writes it ("17", "17A")


_SLUG = re.compile(r"[^a-z0-9]+")


def mint(*parts: object) -> URIRef:
    """A readable, stable IRI under ``ID`` from the given parts."""
    slugs = [_SLUG.sub("-", str(part).lower()).strip("-") or "x" for part in parts]
    return ID["/".join(slugs)]


def bind_prefixes(graph: object) -> None:
    """Bind the prefixes used in exports so Turtle stays readable."""
    for prefix, namespace in {
        "csa": CSA._NS, "id": ID, "dct": DCTERMS, "dcat": DCAT, "skos": SKOS, "xkos": XKOS,
        "org": ORG, "prov": PROV, "oa": OA, "eli": ELI._NS, "owl": OWL, "xsd": XSD,
    }.items():
        graph.bind(prefix, namespace)  # type: ignore[attr-defined]

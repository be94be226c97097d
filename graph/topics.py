"""Every priority and theme mapped to the shared topics (a corpus pass, after the agreements).

Each mapping is a ``csa:TopicMapping`` node: the concept, the topic, the relation
(``skos:closeMatch`` where the label names the topic alone, else ``skos:broadMatch``), the
method (``label`` or ``acronym`` rule, see ``topic_rules``; ``embedding`` with its cosine
``score`` where no rule matches; ``scope`` where the rules find the topic in what the text says
the priority includes, "X including hate crimes", "X includes: A, B"), a confidence, and the
evidence (the quote naming the label; a scope's quote naming its item). Confident mappings also
get the direct ``concept skos:closeMatch topic`` shortcut; a low-confidence one is kept, marked
``csa:lowConfidence true``, without it. The concept's own label is never touched. The topic
scheme is written into a named graph of its own, so SPARQL can read topic labels beside the
partnerships' concepts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from rdflib import Dataset, Graph, Literal, URIRef

from partnership_kg.graph.context import PartContext
from partnership_kg.graph.topic_rules import match_label
from partnership_kg.graph.topic_scheme import TopicScheme, load_scheme
from partnership_kg.graph.vocab import CSA, ID, PROV, RDF, SKOS, XSD, mint

TOPICS_GRAPH = ID["graph/topics"]
LOW_CONFIDENCE = 0.7  # an embedding match below this cosine is kept but marked low
_RULE_CONFIDENCE = {("label", True): 0.95, ("label", False): 0.85,
                    ("acronym", True): 0.9, ("acronym", False): 0.8}
SCOPE_CONFIDENCE = 0.8  # the text says the priority covers the topic; its label does not name it
_TOPIC_VECTORS: dict[tuple[str, tuple[str, ...]], np.ndarray] = {}


@dataclass(frozen=True)
class Mapping:
    topic: str
    close: bool
    method: str  # "label", "acronym", "embedding" or "scope"
    confidence: float
    matched: str | None = None  # the label's words a rule matched; a scope's item as written
    score: float | None = None  # an embedding match's cosine similarity

    @property
    def low(self) -> bool:
        return self.confidence < LOW_CONFIDENCE


def map_labels(labels: list[str], scheme: TopicScheme, embedder: object | None = None
               ) -> dict[str, list[Mapping]]:
    """Each distinct label's mappings: the rules', else the nearest topic by embedding (each
    label encoded once; ``embedder`` defaults to the project's encoder, loaded only if a label
    is left unmatched)."""
    mapped: dict[str, list[Mapping]] = {}
    for label in dict.fromkeys(labels):
        mapped[label] = [Mapping(m.topic, m.close, m.method,
                                 _RULE_CONFIDENCE[(m.method, m.close)], matched=m.matched)
                         for m in match_label(label, scheme)]
    unmatched = [label for label, found in mapped.items() if not found]
    if unmatched:
        for label, (topic, score) in _nearest(unmatched, scheme, embedder).items():
            mapped[label] = [Mapping(topic, False, "embedding", round(score, 3),
                                     score=round(score, 3))]
    return mapped


def _nearest(labels: list[str], scheme: TopicScheme, embedder: object | None
             ) -> dict[str, tuple[str, float]]:
    """The topic nearest each label: the best cosine over the topic's labels."""
    embedder = embedder or _default_embedder()
    texts, owners = [], []
    for topic in scheme.topics.values():
        for text in dict.fromkeys((topic.label, *topic.alt_labels)):
            texts.append(text)
            owners.append(topic.iri)
    cache_key = (str(getattr(embedder, "name", id(embedder))), tuple(texts))
    if cache_key not in _TOPIC_VECTORS:  # one encoding of the scheme per process
        _TOPIC_VECTORS[cache_key] = embedder.encode(texts)  # type: ignore[attr-defined]
    similarity = embedder.encode(labels) @ _TOPIC_VECTORS[cache_key].T  # type: ignore[attr-defined]
    nearest = {}
    for row, label in enumerate(labels):
        best = int(np.argmax(similarity[row]))
        nearest[label] = (owners[best], float(similarity[row, best]))
    return nearest


def _default_embedder() -> object:
    """The project's encoder, shared with the index build (the model loads once per process)."""
    from partnership_kg.search.embed import shared_embedder

    return shared_embedder()


def corpus_pass(dataset: Dataset, contexts: list[PartContext]) -> None:
    scheme = load_scheme()
    topic_graph = dataset.graph(TOPICS_GRAPH)
    for triple in scheme.graph:
        topic_graph.add(triple)
    concepts = _concepts(dataset, contexts)
    if not concepts:
        return
    mapped = map_labels([label for label, _ in concepts.values()], scheme)
    for concept, (label, graph) in concepts.items():
        evidence = list(dataset.objects(concept, PROV.wasDerivedFrom))
        for mapping in mapped[label]:
            write_mapping(graph, concept, mapping, evidence)
        named = {mapping.topic for mapping in mapped[label]}
        for item, item_evidence in _scope_items(dataset, concept):
            for match in match_label(item, scheme):
                if match.topic not in named:
                    named.add(match.topic)
                    write_mapping(graph, concept, Mapping(match.topic, False, "scope",
                                                          SCOPE_CONFIDENCE, matched=item),
                                  item_evidence)


def _scope_items(dataset: Dataset, concept: URIRef) -> list[tuple[str, list]]:
    """What the text says ``concept`` includes, each item with the evidence of its own
    statement (the quote naming the item, not only the label), in a stable order."""
    found = []
    for statement in dataset.subjects(RDF.subject, concept):
        if dataset.value(statement, RDF.predicate) != CSA.includes:
            continue
        item = dataset.value(statement, RDF.object)
        evidence = sorted(dataset.objects(statement, PROV.wasDerivedFrom))
        if item is not None and evidence:
            found.append((str(item), evidence))
    return sorted(dict(found).items())


def _concepts(dataset: Dataset, contexts: list[PartContext]) -> dict[URIRef, tuple[str, Graph]]:
    """Every priority and theme with its label and the first part graph that holds it."""
    found: dict[URIRef, tuple[str, Graph]] = {}
    for context in contexts:
        for kind in (CSA.Priority, CSA.CrossCuttingTheme):
            for concept in context.graph.subjects(RDF.type, kind):
                label = dataset.value(concept, SKOS.prefLabel)
                if isinstance(concept, URIRef) and label is not None and concept not in found:
                    found[concept] = (str(label), context.graph)
    return found


def _decimal(value: float) -> Literal:
    """Three places, written as the store writes it back ("0.95", "1"), so an export
    round-trips to the same literal."""
    return Literal(format(Decimal(f"{value:.3f}").normalize(), "f"), datatype=XSD.decimal)


def write_mapping(graph: Graph, concept: URIRef, mapping: Mapping, evidence: list) -> URIRef:
    node = mint("topic-mapping",
                hashlib.sha1(f"{concept}|{mapping.topic}".encode()).hexdigest()[:16])
    relation = SKOS.closeMatch if mapping.close else SKOS.broadMatch
    topic = URIRef(mapping.topic)
    graph.add((node, RDF.type, CSA.TopicMapping))
    graph.add((node, CSA.concept, concept))
    graph.add((node, CSA.topic, topic))
    graph.add((node, CSA.matchType, relation))
    graph.add((node, CSA.method, Literal(mapping.method)))
    graph.add((node, CSA.confidence, _decimal(mapping.confidence)))
    graph.add((node, CSA.lowConfidence, Literal(mapping.low)))
    if mapping.matched:
        graph.add((node, CSA.matchedText, Literal(mapping.matched)))
    if mapping.score is not None:
        graph.add((node, CSA.score, _decimal(mapping.score)))
    for target in evidence:  # the quote naming the label is the mapping's evidence too
        graph.add((node, PROV.wasDerivedFrom, target))
    if not mapping.low:
        graph.add((concept, relation, topic))
    return node

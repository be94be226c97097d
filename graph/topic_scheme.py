"""The shared topic scheme: the bundled SKOS file, replaced or extended by a user's Turtle file.

``PARTNERSHIP_KG_TOPICS`` names a user's file; ``PARTNERSHIP_KG_TOPICS_MODE`` says whether it
extends the bundled scheme (default) or replaces it. A topic is any ``skos:Concept`` with a
``skos:prefLabel``; its ``skos:altLabel``s written in capitals are acronyms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rdflib import Graph, URIRef

from partnership_kg import settings
from partnership_kg.graph.vocab import RDF, SKOS

TOPICS_ENV = "PARTNERSHIP_KG_TOPICS"
MODE_ENV = "PARTNERSHIP_KG_TOPICS_MODE"
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]*s?$")  # "ASB", "VAWG", "OCGs"


@dataclass
class Topic:
    iri: str
    label: str
    definition: str = ""
    alt_labels: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    broader: set[str] = field(default_factory=set)
    narrower: set[str] = field(default_factory=set)


@dataclass
class TopicScheme:
    graph: Graph  # the scheme's triples, written into the store as they are
    topics: dict[str, Topic]
    # Each topic's names folded into words, filled once by ``topic_rules`` (not per label).
    phrases: dict[str, list[list[str]]] = field(default_factory=dict)

    def narrower_closure(self, iri: str) -> set[str]:
        """``iri`` and every topic below it."""
        seen, stack = {iri}, [iri]
        while stack:
            for below in self.topics.get(stack.pop(), Topic("", "")).narrower:
                if below not in seen:
                    seen.add(below)
                    stack.append(below)
        return seen


def _bundled() -> Graph:
    text = resources.files("partnership_kg.graph").joinpath("data/topics.ttl").read_text("utf-8")
    return Graph().parse(data=text, format="turtle")


def _users(path: Path) -> Graph:
    try:
        return Graph().parse(str(path), format="turtle")
    except FileNotFoundError:
        raise ValueError(f"{TOPICS_ENV}: no such file: {path}") from None
    except Exception as error:  # rdflib raises many kinds for a malformed file
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ValueError(f"{TOPICS_ENV}: {path} is not valid Turtle: {first}") from None


def load_scheme(path: str | Path | None = None, mode: str | None = None) -> TopicScheme:
    """The topic scheme to map to: the bundled one, extended or replaced by ``path`` (default
    from the environment). A bad file or mode is a one-line ``ValueError``."""
    path = path if path is not None else settings.topics_path()
    mode = (mode or settings.topics_mode()).strip().lower()
    if mode not in {"extend", "replace"}:
        raise ValueError(f"{MODE_ENV} must be 'extend' or 'replace', not {mode!r}")
    graph = Graph()
    if path is None or mode == "extend":
        graph += _bundled()
    if path is not None:
        graph += _users(Path(path))
    scheme = TopicScheme(graph, _topics(graph))
    if not scheme.topics:
        raise ValueError(f"{TOPICS_ENV}: {path} holds no skos:Concept with a skos:prefLabel")
    return scheme


def _topics(graph: Graph) -> dict[str, Topic]:
    topics: dict[str, Topic] = {}
    for node in sorted(set(graph.subjects(RDF.type, SKOS.Concept)), key=str):
        label = graph.value(node, SKOS.prefLabel)
        if label is None or not isinstance(node, URIRef):
            continue
        alts = sorted({str(alt) for alt in graph.objects(node, SKOS.altLabel)})
        topics[str(node)] = Topic(
            iri=str(node), label=str(label),
            definition=str(graph.value(node, SKOS.definition) or ""),
            alt_labels=[alt for alt in alts if not _ACRONYM.match(alt)],
            acronyms=[alt for alt in alts if _ACRONYM.match(alt)])
    # Either direction stated makes both (a user's file may state only one).
    for iri, topic in topics.items():
        node = URIRef(iri)
        for above in graph.objects(node, SKOS.broader):
            if str(above) in topics:
                topic.broader.add(str(above))
                topics[str(above)].narrower.add(iri)
        for below in graph.objects(node, SKOS.narrower):
            if str(below) in topics:
                topic.narrower.add(str(below))
                topics[str(below)].broader.add(iri)
    return topics

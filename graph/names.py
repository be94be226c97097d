"""Shared IRIs and label normalisation, so every extractor mints the same node for one thing.

Use these rather than calling ``mint`` with ad-hoc keys: an organisation named by the
agreement's lead table and by a set of minutes must meet in one node.
"""

from __future__ import annotations

import re
import unicodedata

from rdflib import URIRef

from partnership_kg.graph.vocab import mint

# Re-exported: graph modules read periods through names.
from partnership_kg.ingest.periods import parse_period as parse_period

_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise(label: str) -> str:
    """A matching key: case, accents, '&'/'and', punctuation and white space folded."""
    text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ")
    return _NON_WORD.sub(" ", text).strip()


def scheme_iri(period: str) -> URIRef:
    """One agreement version (a ``skos:ConceptScheme``), keyed by its start year."""
    start, _ = parse_period(period)
    return mint("scheme", start if start else normalise(period))


def concept_iri(period: str, label: str) -> URIRef:
    """A priority or theme of one version: a new IRI per version, as the model asks."""
    start, _ = parse_period(period)
    return mint("concept", start if start else normalise(period), normalise(label))


def organisation_iri(name: str) -> URIRef:
    return mint("org", normalise(name))


def post_iri(label: str, organisation: str | None) -> URIRef:
    return mint("post", normalise(label), normalise(organisation or ""))


def plan_iri(title: str) -> URIRef:
    return mint("plan", normalise(title))


def part_iri(source: str, index: int) -> URIRef:
    """A document part (one document of a file)."""
    return mint("doc", source, index)


def graph_iri(source: str, index: int) -> URIRef:
    """The named graph holding what was extracted from one document part."""
    return mint("graph", source, index)


def file_iri(source: str) -> URIRef:
    return mint("file", source)


AGREEMENT_WORK = mint("agreement")  # the agreement as a whole: versions are dct:isVersionOf it

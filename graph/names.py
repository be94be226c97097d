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


def version_key(period: str, partnership: str | None = None) -> tuple[str, ...]:
    """What a version's IRIs are keyed by: its partnership (the area key, where one is known),
    then its start year, so two partnerships' 2014 versions never meet."""
    start, _ = parse_period(period)
    year = str(start) if start else normalise(period)
    return (partnership, year) if partnership else (year,)


def scheme_iri(period: str, partnership: str | None = None) -> URIRef:
    """One agreement version (a ``skos:ConceptScheme``) of one partnership."""
    return mint("scheme", *version_key(period, partnership))


def concept_iri(period: str, label: str, partnership: str | None = None) -> URIRef:
    """A priority or theme of one version: a new IRI per version, as the model asks."""
    return mint("concept", *version_key(period, partnership), normalise(label))


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


def agreement_work(partnership: str | None = None) -> URIRef:
    """A partnership's agreement as a whole (``AGREEMENT_WORK`` where no partnership is known)."""
    return mint("agreement", partnership) if partnership else AGREEMENT_WORK

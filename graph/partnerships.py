"""Each document part belongs to one partnership; ``resolve`` decides which, for the whole store.

The order: ``build --partnership NAME`` (given) overrides; else the name the text uses for itself
(stated; ``ingest.partnership.stated_name``); else the first folder under the build root
(folder). A part of a file takes the file's partnership unless its own opening lines name
another. A council names an area: "Northshire County Council" minutes belong to the Northshire
partnership. Partnerships meet on their area ("Safer Wessex Partnership", "the Wessex CSP" and a
folder "wessex" are one), so a county and each of its districts stay distinct.

Decided over all documents at once (cheap: a few regular expressions per part), so a folder
name or a council meets the partnership another document names in full.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from rdflib import Literal as RDFLiteral
from rdflib import URIRef

from partnership_kg.graph.vocab import CSA, ORG, RDF, SKOS, mint
from partnership_kg.ingest.model import Document, Part
from partnership_kg.ingest.partnership import StatedName, area_key, given_name, stated_name

DecidedFrom = Literal["stated", "folder", "given"]


@dataclass
class Partnership:
    key: str  # the area folded: what IRIs are minted from
    area: str
    names: Counter[str] = field(default_factory=Counter)  # full names as written, with counts
    level: str | None = None
    acronyms: set[str] = field(default_factory=set)
    from_folder: bool = False  # first known from a folder: its area is the folder's name

    @property
    def iri(self) -> URIRef:
        return mint("partnership", self.key)

    @property
    def label(self) -> str:
        """The name the documents use most, else the area alone (a folder, a council)."""
        full = [name for name in self.names if _is_partnership_name(name)]
        if not full:
            return self.area
        return max(full, key=lambda name: (self.names[name], len(name), name))


@dataclass(frozen=True)
class Assignment:
    partnership: Partnership
    decided_from: DecidedFrom


@dataclass
class Registry:
    """Every partnership of a store and the one each part belongs to."""

    partnerships: dict[str, Partnership] = field(default_factory=dict)
    parts: dict[tuple[str, int], Assignment] = field(default_factory=dict)

    def of(self, source: str, index: int) -> Assignment | None:
        return self.parts.get((source, index))

    def _get(self, name: StatedName) -> Partnership:
        partnership = self.partnerships.setdefault(name.key, Partnership(name.key, name.area))
        if name.kind == "partnership" and name.name != name.area:
            partnership.names[name.name] += 1
        if name.level and partnership.level is None and name.kind == "partnership":
            partnership.level = name.level
        return partnership


def _is_partnership_name(name: str) -> bool:
    return bool(re.search(r"partnership|\bCSP\b|\bCDRP\b", name, re.IGNORECASE))


def resolve(documents: list[Document]) -> Registry:
    registry = Registry()
    stated: dict[tuple[str, int], StatedName | None] = {
        (doc.source, part.index): stated_name(part) for doc in documents for part in doc.parts}
    # Areas named as partnerships (or given, or folders) are known; a council's area counts
    # only where a partnership of that area is known or the document names nothing else.
    for name in stated.values():
        if name is not None and name.kind == "partnership":
            registry._get(name)
    for doc in documents:
        if doc.partnership_given:
            registry._get(given_name(doc.partnership_given))
    for doc in documents:
        for part in doc.parts:
            assignment = _decide(registry, doc, part, stated)
            if assignment is not None:
                registry.parts[(doc.source, part.index)] = assignment
    _single_owner(registry, documents)
    _spell_areas(registry, stated)
    for partnership in registry.partnerships.values():
        partnership.acronyms = _acronyms(partnership, documents, registry)
    return registry


def _decide(registry: Registry, doc: Document, part: Part,
            stated: dict[tuple[str, int], StatedName | None]) -> Assignment | None:
    if doc.partnership_given:
        return Assignment(registry._get(given_name(doc.partnership_given)), "given")
    file_name = stated.get((doc.source, doc.parts[0].index)) if doc.parts else None
    own = stated.get((doc.source, part.index))
    # A later part keeps the file's partnership unless it names another partnership itself.
    name = own if own is not None and (file_name is None or own.kind == "partnership") \
        else file_name
    if name is not None and (name.kind == "partnership" or name.key in registry.partnerships
                             or not doc.folder):
        return Assignment(registry._get(name), "stated")
    if doc.folder:
        area = folder_area(doc.folder)
        known = area_key(area) in registry.partnerships
        partnership = registry._get(StatedName("partnership", area, area))
        partnership.from_folder = partnership.from_folder or not known
        return Assignment(partnership, "folder")
    return None


def folder_area(folder: str) -> str:
    """A folder's name as a place: "southampton" -> "Southampton", "brighton-hove" ->
    "Brighton Hove" (what the text spells it, where it does, replaces it: ``_spell_areas``)."""
    words = re.sub(r"[-_.]+", " ", folder).split()
    return " ".join(word if not word.islower() else word.title() for word in words) or folder


def _spell_areas(registry: Registry, stated: dict[tuple[str, int], StatedName | None]) -> None:
    """A partnership known from a folder takes its area's spelling from the text where any part
    names the place ("Brighton & Hove City Council" for the folder "brighton-hove")."""
    spellings: Counter[tuple[str, str]] = Counter(
        (name.key, name.area) for name in stated.values() if name is not None)
    for (key, area), _ in spellings.most_common():
        partnership = registry.partnerships.get(key)
        if partnership is not None and partnership.from_folder:
            partnership.area, partnership.from_folder = area, False


def _single_owner(registry: Registry, documents: list[Document]) -> None:
    """With one partnership in the store, a part that names none is that partnership's (a
    report that only says "the CSP"); with several it stays unassigned rather than guessed."""
    used = {assignment.partnership.key for assignment in registry.parts.values()}
    if len(used) != 1:
        return
    only = registry.partnerships[used.pop()]
    for doc in documents:
        for part in doc.parts:
            registry.parts.setdefault((doc.source, part.index), Assignment(only, "stated"))


def _acronyms(partnership: Partnership, documents: list[Document],
              registry: Registry) -> set[str]:
    """Initials of a full name ("WCSP") that the partnership's own parts write as a word."""
    initials = {"".join(word[0] for word in name.split() if word[0].isupper())
                for name in partnership.names}
    initials = {text for text in initials if len(text) >= 3}
    if not initials:
        return set()
    found: set[str] = set()
    for doc in documents:
        for part in doc.parts:
            assignment = registry.of(doc.source, part.index)
            if assignment is None or assignment.partnership is not partnership:
                continue
            words = set(re.findall(r"\b[A-Z]{3,}\b", part.text))
            found |= initials & words
    return found


def write_partnership(graph, partnership: Partnership) -> None:  # graph: rdflib.Graph
    """The partnership node: a ``csa:Partnership`` with its names and area."""
    node = partnership.iri
    graph.add((node, RDF.type, CSA.Partnership))
    graph.add((node, RDF.type, ORG.Organization))
    graph.add((node, SKOS.prefLabel, RDFLiteral(partnership.label)))
    graph.add((node, CSA.area, RDFLiteral(partnership.area)))
    for name in partnership.names:
        if name != partnership.label:
            graph.add((node, SKOS.altLabel, RDFLiteral(name)))
    for acronym in sorted(partnership.acronyms):
        graph.add((node, CSA.acronym, RDFLiteral(acronym)))
    if partnership.level:
        graph.add((node, CSA.level, RDFLiteral(partnership.level)))


__all__ = ["Assignment", "Partnership", "Registry", "area_key", "resolve", "write_partnership"]

"""Which partnership a command is about: the store's partnerships, matched like other names.

``NAME`` matches a partnership by its name, another name the text gives it, its acronym or its
area, case-insensitively, or by a part of its name ("Wessex" matches "Wessex Community Safety
Partnership"). ``for_partnerships`` runs a question on one partnership's model, or on each in
turn where the store holds several and none was named: answers are grouped, never merged.

A partnership's model is read from its own named graphs only (``GraphStore.within``), so what
a question costs grows with that partnership's documents, not with the store.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from partnership_kg.graph.names import normalise
from partnership_kg.graph.query.model import Model, model_of
from partnership_kg.graph.resolve import GraphStore

# One row per name, not per combination: every part's graph describes its partnership, so over
# the union of graphs each OPTIONAL would multiply the rows by the number of parts.
_Q_PARTNERSHIPS = """
SELECT DISTINCT ?p ?kind ?name WHERE {
  { SELECT DISTINCT ?p WHERE { ?p a csa:Partnership } }
  { ?p skos:prefLabel ?name BIND ("label" AS ?kind) }
  UNION { ?p csa:area ?name BIND ("area" AS ?kind) }
  UNION { ?p skos:altLabel ?name BIND ("alt" AS ?kind) }
  UNION { ?p csa:acronym ?name BIND ("acronym" AS ?kind) }
}"""
# The graphs a partnership's model reads: those that say anything is the partnership's (its parts,
# versions, events), and those of parts no partnership was found for (the same for every
# partnership, so read once per store: finding them visits every part's graph).
_Q_GRAPHS_OF = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?owned csa:partnership <%s> } }"
_Q_UNOWNED_GRAPHS = """
SELECT DISTINCT ?g WHERE {
  GRAPH ?g { ?part a csa:DocumentPart } FILTER NOT EXISTS { GRAPH ?g { ?x csa:partnership ?p } }
}"""
# Words a user adds around a partnership's name: "the Wessex CSP's".
_FILLER = {"the", "s", "partnership", "partnerships", "csp", "community", "safety", "safer",
           "crime", "and", "disorder", "reduction", "cdrp", "council", "county", "in", "of",
           "for"}


class Scoped:
    """A store seen as one partnership's: every query in this package that is given it answers
    for that partnership alone (``ask`` hands it to its graph answers), and any other query on
    it reads that partnership's own graphs (those ``partnership_model`` reads), not the store's."""

    def __init__(self, store: GraphStore, partnership: str) -> None:
        self.scoped_base = store
        self.partnership = partnership

    def select(self, query: str) -> list[dict[str, Any]]:
        own = partnership_model(self.scoped_base, match(self.scoped_base, self.partnership).iri)
        return own.store.select(query)


class UnknownPartnership(ValueError):
    """A partnership name that matches none (or several) of the store's partnerships."""


@dataclass
class PartnershipName:
    iri: str
    label: str
    area: str
    names: set[str] = field(default_factory=set)  # every name, acronym and the area


_PARTNERSHIPS: weakref.WeakKeyDictionary[Any, list[PartnershipName]] = (
    weakref.WeakKeyDictionary())


def partnerships(store: GraphStore) -> list[PartnershipName]:
    """The store's partnerships, by name (read once per opened store: a built store is never
    written again)."""
    if store not in _PARTNERSHIPS:
        names: dict[str, dict[str, set[str]]] = {}
        for row in store.select(_Q_PARTNERSHIPS):
            kinds = names.setdefault(str(row["p"]), {})
            kinds.setdefault(str(row["kind"]), set()).add(str(row["name"]))
        found = []
        for iri, kinds in names.items():
            if "label" not in kinds:
                continue  # a partnership node without a name answers no name
            label = min(kinds["label"])
            found.append(PartnershipName(iri, label, min(kinds.get("area") or {label}),
                                         set().union(*kinds.values())))
        _PARTNERSHIPS[store] = sorted(found, key=lambda p: p.label)
    return _PARTNERSHIPS[store]


def _words(text: str) -> list[str]:
    return normalise(text.replace("’", "'").replace("'s ", " ").removesuffix("'s")).split()


def match_score(query: str, partnership: PartnershipName) -> int:
    """3: a name or acronym exactly; 2: the area with filler words ("the Wessex CSP");
    1: a run of words of a name ("Safer Wessex"); 0: no match."""
    words = _words(query)
    if not words:
        return 0
    names = [_words(name) for name in partnership.names]
    if words in names:
        return 3
    core = [word for word in words if word not in _FILLER]
    if core and core == _words(partnership.area):
        return 2
    for name in names:
        for start in range(len(name) - len(words) + 1):
            if name[start:start + len(words)] == words:
                return 1
    return 0


def match(store: GraphStore, name: str) -> PartnershipName:
    """The one partnership ``name`` means; ``UnknownPartnership`` (one line) otherwise."""
    known = partnerships(store)
    scored = [(match_score(name, p), p) for p in known]
    best = max((score for score, _ in scored), default=0)
    found = [p for score, p in scored if score == best and score > 0]
    if len(found) == 1:
        return found[0]
    listing = "; ".join(p.label for p in (found or known)) or "none"
    if found:
        raise UnknownPartnership(f"partnership {name!r} is ambiguous: it could be {listing}")
    raise UnknownPartnership(f"no partnership {name!r} in the store; it holds: {listing}")


_MODELS: weakref.WeakKeyDictionary[Any, dict[str, Model]] = weakref.WeakKeyDictionary()
_UNOWNED: weakref.WeakKeyDictionary[Any, list[str]] = weakref.WeakKeyDictionary()


def partnership_model(store: GraphStore, iri: str) -> Model:
    """The model of the partnership ``iri``, read from its own graphs (once per store)."""
    models = _MODELS.setdefault(store, {})
    if iri not in models:
        if store not in _UNOWNED:
            _UNOWNED[store] = [str(row["g"]) for row in store.select(_Q_UNOWNED_GRAPHS)]
        owned = [str(row["g"]) for row in store.select(_Q_GRAPHS_OF % iri)]
        graphs = list(dict.fromkeys([*owned, *_UNOWNED[store]]))
        models[iri] = Model(store.within(graphs)).scoped(iri)
    return models[iri]


def for_partnerships(store: GraphStore, partnership: str | None,
                     question: Callable[[Model], dict[str, Any]],
                     keep: Callable[[dict[str, Any]], bool] = lambda result: True,
                     ) -> dict[str, Any]:
    """``question`` answered on the named partnership's model (the answer names it); on the
    whole store where it holds at most one partnership (today's answer, unchanged); else on each
    partnership: ``{"partnerships": [{"partnership": NAME, ...answer...}, ...]}`` with those
    whose answer ``keep`` accepts (all of them where none is kept)."""
    if isinstance(store, Scoped):
        store, partnership = store.scoped_base, partnership or store.partnership
    if partnership is not None:
        chosen = match(store, partnership)
        return {"partnership": chosen.label, **question(partnership_model(store, chosen.iri))}
    known = partnerships(store)
    if len(known) <= 1:
        return question(model_of(store))
    answers = []
    for entry in known:
        try:
            answers.append({"partnership": entry.label,
                            **question(partnership_model(store, entry.iri))})
        except ValueError:
            continue  # nothing to say for this partnership (e.g. no agreement in force)
    kept = [answer for answer in answers if keep(answer)] or answers
    if not kept:
        return question(partnership_model(store, known[0].iri))  # the first one's error
    return {"partnerships": kept}

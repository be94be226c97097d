"""Which partnership a command is about: the store's partnerships, matched like other names.

``NAME`` matches a partnership by its name, another name the text gives it, its acronym or its
area, case-insensitively, or by a part of its name ("Wessex" matches "Wessex Community Safety
Partnership"). ``for_partnerships`` runs a question on one partnership's model, or on each in
turn where the store holds several and none was named: answers are grouped, never merged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from partnership_kg.graph.names import normalise
from partnership_kg.graph.query.model import Model, model_of
from partnership_kg.graph.resolve import GraphStore

_Q_PARTNERSHIPS = """
SELECT DISTINCT ?p ?label ?area ?alt ?acronym WHERE {
  ?p a csa:Partnership ; skos:prefLabel ?label .
  OPTIONAL { ?p csa:area ?area }
  OPTIONAL { ?p skos:altLabel ?alt }
  OPTIONAL { ?p csa:acronym ?acronym }
}"""
# Words a user adds around a partnership's name: "the Wessex CSP's".
_FILLER = {"the", "s", "partnership", "partnerships", "csp", "community", "safety", "safer",
           "crime", "and", "disorder", "reduction", "cdrp", "council", "county", "in", "of",
           "for"}


class Scoped:
    """A store seen as one partnership's: every query in this package that is given it answers
    for that partnership alone (``ask`` hands it to its graph answers)."""

    def __init__(self, store: GraphStore, partnership: str) -> None:
        self.scoped_base = store
        self.partnership = partnership

    def select(self, query: str) -> list[dict[str, Any]]:
        return self.scoped_base.select(query)


class UnknownPartnership(ValueError):
    """A partnership name that matches none (or several) of the store's partnerships."""


@dataclass
class PartnershipName:
    iri: str
    label: str
    area: str
    names: set[str] = field(default_factory=set)  # every name, acronym and the area


def partnerships(store: GraphStore) -> list[PartnershipName]:
    """The store's partnerships, by name."""
    found: dict[str, PartnershipName] = {}
    for row in sorted(store.select(_Q_PARTNERSHIPS), key=lambda r: str(r["label"])):
        iri = str(row["p"])
        entry = found.setdefault(iri, PartnershipName(iri, str(row["label"]),
                                                      str(row.get("area") or row["label"])))
        entry.names |= {str(row[key]) for key in ("label", "area", "alt", "acronym")
                        if row.get(key)}
    return sorted(found.values(), key=lambda p: p.label)


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
    model = model_of(store)
    if partnership is not None:
        chosen = match(store, partnership)
        return {"partnership": chosen.label, **question(model.scoped(chosen.iri))}
    known = partnerships(store)
    if len(known) <= 1:
        return question(model)
    answers = []
    for entry in known:
        try:
            answers.append({"partnership": entry.label, **question(model.scoped(entry.iri))})
        except ValueError:
            continue  # nothing to say for this partnership (e.g. no agreement in force)
    kept = [answer for answer in answers if keep(answer)] or answers
    if not kept:
        return question(model.scoped(known[0].iri))  # the first one's error, unmerged
    return {"partnerships": kept}

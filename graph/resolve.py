"""Names to concepts: the label rules every lineage and query step shares.

A user (or a narrative sentence) names a priority the way people do: a past label, an acronym
("ASB"), a spelling variant ("Anti-social" / "Anti-Social", "&" / "and"), or part of the name.
The rules here are general language rules; no label of the corpus is written into the code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Protocol

from rapidfuzz import fuzz

from partnership_kg.graph.names import normalise

# Words left out of an acronym: "Violence Against Women and Girls" -> VAWG.
_MINOR = {"and", "of", "the", "for", "in", "on", "to", "a", "an", "from", "with", "by", "or"}
_PAREN = re.compile(r"\s*\(([^()]*)\)\s*")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,9}s?$")
_WORD = re.compile(r"[A-Za-z0-9]+")


class GraphStore(Protocol):
    def select(self, sparql: str) -> list[dict[str, Any]]: ...


_PREFIX_HYPHEN = re.compile(r"\b(re|co|pre|non)-(?=[a-z])", re.I)


def core(label: str) -> str:
    """The matching key with parentheticals dropped ("X (ASB)" and "X" meet) and a hyphenated
    prefix folded ("re-offending" and "reoffending" meet)."""
    return normalise(_PREFIX_HYPHEN.sub(r"\1", _PAREN.sub(" ", label)))


def parentheticals(label: str) -> list[str]:
    return [m.group(1).strip() for m in _PAREN.finditer(label)]


def acronym(label: str) -> str:
    """Initials of the significant words, hyphenated parts counted: "Anti-Social Behaviour"->ASB."""
    words = _WORD.findall(_PAREN.sub(" ", label).replace("&", " and "))
    return "".join(word[0].upper() for word in words if word.lower() not in _MINOR)


def is_acronym(text: str) -> bool:
    return bool(_ACRONYM.match(text.strip()))


def variants(label: str) -> set[str]:
    """Keys a label is written as: core, full, an acronym it gives in parentheses, or the label
    itself when it is an acronym ("ASB")."""
    keys = {core(label), normalise(label)}
    for inner in parentheticals(label):
        if is_acronym(inner):
            keys.add(normalise(inner))
    return {key for key in keys if key}


def initials(label: str) -> str | None:
    """The acronym a multi-word label would have, lower-cased (None for one word)."""
    letters = acronym(label)
    return letters.lower() if len(letters) >= 2 and len(core(label).split()) >= 2 else None


def tokens(label: str) -> set[str]:
    """Content words of a label, crudely stemmed, acronyms of the label kept as tokens."""
    words = {_stem(word) for word in core(label).split() if word not in _MINOR}
    return words


def _stem(word: str) -> str:
    for suffix in ("ing", "es", "s", "e"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def contains_label(container: str, label: str) -> bool:
    """Does ``container`` name ``label``, in full or by its acronym? ("... Crime & ASB" ⊇ ASB)."""
    words = f" {normalise(container)} {core(container)} "
    keys = variants(label) | ({initials(label)} if initials(label) else set())
    if any(f" {key} " in words for key in keys):
        return True
    label_tokens = tokens(label)
    return bool(label_tokens) and label_tokens <= tokens(container)


def same_concept(a: str, b: str) -> str | None:
    """How two labels name one concept: "exact" (spelling), "acronym", or None.

    An acronym matches a full label ("ASB" / "Anti-Social Behaviour"); two full labels with the
    same initials ("Serious Violence" / "Safeguarding and Vulnerability") do not.
    """
    if core(a) == core(b) or normalise(a) == normalise(b):
        return "exact"
    if variants(a) & variants(b):
        return "acronym"
    for short, full in ((a, b), (b, a)):
        if is_acronym(short) and normalise(short) == initials(full):
            return "acronym"
    return None


def similarity(a: str, b: str) -> float:
    """0..100: token-set similarity of the core labels."""
    return float(fuzz.token_set_ratio(core(a), core(b)))


def _names(name: str, label: str) -> bool:
    """Does what a user typed name ``label`` outright? Spelling variants do, and so does an
    acronym the user typed; the initials of words the user typed do not ("drugs and alcohol"
    is not "DA", "Domestic Abuse")."""
    if core(name) == core(label) or normalise(name) == normalise(label):
        return True
    return is_acronym(name) and bool(variants(name) & variants(label))


def best_matches(name: str, labels: Iterable[str], cutoff: float = 80.0) -> list[str]:
    """Labels naming ``name``: exact/acronym first, then partial names, then fuzzy ones."""
    labels = list(dict.fromkeys(labels))
    exact = [label for label in labels if _names(name, label)]
    if exact:
        return exact
    key = core(name)
    partial = [label for label in labels if key and f" {key} " in f" {core(label)} "]
    if partial:
        return partial
    # An acronym typed by the user that is inside a label: "VAWG" in "... Girls (VAWG)".
    if is_acronym(name):
        inside = [label for label in labels if contains_label(label, name)]
        if inside:
            return inside
    # Whole-label similarity (typos, dropped or reordered words), not WRatio's partial
    # matching, which pairs "drugs and alcohol" with "women and girls" on the shared "and".
    scored = sorted(((max(fuzz.ratio(key, core(label)), fuzz.token_sort_ratio(key, core(label))),
                      label) for label in labels), reverse=True)
    return [label for score, label in scored if score >= cutoff][:3]


CONCEPT_LABELS = """
SELECT DISTINCT ?concept ?label ?kind WHERE {
  ?concept a ?kind .
  VALUES ?kind { csa:Priority csa:CrossCuttingTheme }
  { ?concept skos:prefLabel ?label } UNION { ?concept skos:altLabel ?label }
}
"""


def resolve_concepts(store: GraphStore, name: str) -> list[str]:
    """IRIs of the concepts (any version) that ``name`` may mean, best first."""
    rows = store.select(CONCEPT_LABELS)
    by_label: dict[str, list[str]] = {}
    for row in rows:
        by_label.setdefault(str(row["label"]), []).append(str(row["concept"]))
    found: list[str] = []
    for label in best_matches(name, by_label):
        for iri in by_label[label]:
            if iri not in found:
                found.append(iri)
    return found

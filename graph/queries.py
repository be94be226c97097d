"""The contract's read queries: lineage, priorities in force, diff, and the ``ask`` helpers.

Every function takes a ``GraphStore`` (anything with ``.select(sparql) -> list[dict]``) and
returns plain dicts shaped as CONTRACT.md says, each fact with its evidence. The graph is small,
so ``Model`` reads versions, concepts, events and evidence in a few queries and the logic runs
in Python, where the rules (which version is in force, which narrated changes apply) are clear.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from partnership_kg.graph.evidence import page_from_selector
from partnership_kg.graph.names import normalise, parse_period
from partnership_kg.graph.resolve import GraphStore, best_matches, core, same_concept

EVENT_TYPES = {
    "Introduction": "introduced", "Rename": "renamed", "Expansion": "expanded",
    "Merge": "merged", "Split": "split", "Retirement": "retired",
}
_CSA = "https://w3id.org/partnership-kg/csa#"

_Q_VERSIONS = """
SELECT DISTINCT ?scheme ?year ?period ?part ?source ?title ?agreement ?narrator ?nsource
       ?nagreement WHERE {
  ?scheme a skos:ConceptScheme ; csa:startYear ?year .
  OPTIONAL { ?scheme csa:period ?period }
  OPTIONAL { ?scheme dct:source ?part . ?part csa:sourceFile ?source .
             OPTIONAL { ?part dct:title ?title }
             BIND (EXISTS { ?part a csa:Agreement } AS ?agreement) }
  OPTIONAL { ?scheme csa:narratedBy ?narrator . ?narrator csa:sourceFile ?nsource .
             BIND (EXISTS { ?narrator a csa:Agreement } AS ?nagreement) }
}"""
_Q_CONCEPTS = """
SELECT DISTINCT ?concept ?label ?kind ?scheme WHERE {
  ?concept skos:prefLabel ?label ; a ?kind .
  OPTIONAL { ?concept skos:inScheme ?scheme }
  VALUES ?kind { csa:Priority csa:CrossCuttingTheme }
}"""
_Q_EVENTS = """
SELECT DISTINCT ?event ?type ?year ?how ?from ?to WHERE {
  ?event a xkos:ConceptAssociation ; a ?type ; csa:effectiveYear ?year .
  FILTER (?type != xkos:ConceptAssociation)
  OPTIONAL { ?event csa:foundBy ?how }
  OPTIONAL { ?event xkos:sourceConcept ?from }
  OPTIONAL { ?event xkos:targetConcept ?to }
}"""
_Q_REPLACES = """
SELECT DISTINCT ?new ?old WHERE {
  ?new dct:replaces ?old . ?new skos:inScheme ?s . ?old skos:prefLabel ?l }
"""
_Q_EVIDENCE = """
SELECT DISTINCT ?node ?source ?pageValue ?quote WHERE {
  ?node prov:wasDerivedFrom ?target .
  ?target csa:sourceFile ?source ; oa:hasSelector ?pageSel .
  ?pageSel rdf:value ?pageValue ; oa:refinedBy ?quoteSel .
  ?quoteSel oa:exact ?quote .
}"""
_Q_LEADS = """
SELECT DISTINCT ?concept ?post ?postLabel ?orgLabel ?leadLabel WHERE {
  { ?concept csa:leadPost ?post } UNION { ?concept csa:lead ?lead . ?lead csa:post ?post .
                                           OPTIONAL { ?lead rdfs:label ?leadLabel } }
  OPTIONAL { ?post skos:prefLabel|rdfs:label|dct:title ?postLabel }
  OPTIONAL { ?post org:postIn ?org . ?org skos:prefLabel|rdfs:label|dct:title ?orgLabel }
}"""
_Q_PLANS = """
SELECT DISTINCT ?holder ?plan ?title WHERE {
  ?holder csa:linksToPlan ?plan .
  OPTIONAL { ?plan dct:title|rdfs:label|skos:prefLabel ?title }
}"""


@dataclass
class Version:
    scheme: str
    year: int
    period: str
    real: bool
    sources: list[tuple[str, str, str]] = field(default_factory=list)  # (part, source, title)
    narrators: list[str] = field(default_factory=list)  # source files narrating it

    def agreement(self, model: Model) -> dict[str, Any]:
        if self.sources:
            _part, source, title = sorted(self.sources, key=lambda s: (s[1], s[0]))[0]
            return {"source": source, "title": title, "period": self.period}
        evidence = model.evidence(self.scheme)
        return {"source": evidence["source"] if evidence else
                (self.narrators[0] if self.narrators else None),
                "title": None, "period": self.period, "narrated": True}


@dataclass
class Concept:
    iri: str
    label: str
    kind: str  # "priority" or "theme"
    scheme: str | None


@dataclass
class Event:
    iri: str
    type: str
    year: int
    how: str
    sources: list[str]
    targets: list[str]


class Model:
    """Versions, concepts, events, evidence and leads read from a store."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.versions = self._versions()
        self.concepts: dict[str, Concept] = {}
        for row in store.select(_Q_CONCEPTS):
            kind = "theme" if str(row["kind"]).endswith("CrossCuttingTheme") else "priority"
            iri = str(row["concept"])
            if iri not in self.concepts or kind == "priority":
                scheme = str(row["scheme"]) if row.get("scheme") else None
                self.concepts[iri] = Concept(iri, str(row["label"]), kind, scheme)
        self.events = self._events()
        self.replaces: dict[str, set[str]] = {}
        self.replaced_by: dict[str, set[str]] = {}
        for row in store.select(_Q_REPLACES):
            new, old = str(row["new"]), str(row["old"])
            if new in self.concepts and old in self.concepts:
                self.replaces.setdefault(new, set()).add(old)
                self.replaced_by.setdefault(old, set()).add(new)
        self._evidence: dict[str, list[dict[str, Any]]] = {}
        for row in store.select(_Q_EVIDENCE):
            self._evidence.setdefault(str(row["node"]), []).append({
                "source": row["source"], "page": page_from_selector(str(row["pageValue"])),
                "quote": row["quote"]})
        for items in self._evidence.values():
            # Within a source, the quote with most context first: "the priorities for X are:
            # A; B; C" says more than the bare label "B" (capped so no paragraph wins by size).
            items.sort(key=lambda e: (str(e["source"]), -min(len(str(e["quote"])), 300),
                                      e["page"] or 0, str(e["quote"])))
        self.leads: dict[str, list[str]] = {}
        # Leads worded by their own version first, so the version's spelling wins.
        rows = sorted(store.select(_Q_LEADS),
                      key=lambda r: (r.get("leadLabel") is None, str(r.get("postLabel"))))
        for row in rows:
            post = str(row.get("postLabel") or row["post"])
            text = str(row["leadLabel"]) if row.get("leadLabel") else (
                f"{post}, {row['orgLabel']}" if row.get("orgLabel")
                and str(row["orgLabel"]) not in post else post)
            leads = self.leads.setdefault(str(row["concept"]), [])
            if normalise(text) not in {normalise(lead) for lead in leads}:
                leads.append(text)

    def _versions(self) -> list[Version]:
        versions: dict[str, Version] = {}
        scheme_agreement: dict[str, bool] = {}
        narrated_by_agreement: dict[str, bool] = {}
        for row in self.store.select(_Q_VERSIONS):
            scheme = str(row["scheme"])
            if row.get("agreement"):
                scheme_agreement[scheme] = True
            if row.get("nagreement"):
                narrated_by_agreement[scheme] = True
            version = versions.setdefault(scheme, Version(scheme, int(row["year"]),
                                                          str(row.get("period") or row["year"]),
                                                          False))
            if row.get("period") and version.period == str(version.year):
                version.period = str(row["period"])
            if row.get("part"):
                entry = (str(row["part"]), str(row["source"]), str(row.get("title") or ""))
                if entry not in version.sources:
                    version.sources.append(entry)
            if row.get("nsource") and str(row["nsource"]) not in version.narrators:
                version.narrators.append(str(row["nsource"]))
        # Stated by an agreement, or listed by another part in a year that no agreement's
        # version history speaks for (see ``lineage._is_real``).
        for version in versions.values():
            version.real = scheme_agreement.get(version.scheme, False) or (
                bool(version.sources) and not narrated_by_agreement.get(version.scheme, False))
        return sorted(versions.values(), key=lambda v: v.year)

    def _events(self) -> list[Event]:
        events: dict[str, Event] = {}
        for row in self.store.select(_Q_EVENTS):
            kind = str(row["type"]).removeprefix(_CSA)
            if kind not in EVENT_TYPES:
                continue
            event = events.setdefault(str(row["event"]), Event(
                str(row["event"]), EVENT_TYPES[kind], int(row["year"]), str(row.get("how") or ""),
                [], []))
            for key, bucket in (("from", event.sources), ("to", event.targets)):
                if row.get(key) and str(row[key]) not in bucket:
                    bucket.append(str(row[key]))
        return sorted(events.values(), key=lambda e: (e.year, e.type, e.iri))

    # -- small accessors ------------------------------------------------------------------------
    def evidence(self, node: str) -> dict[str, Any] | None:
        items = self._evidence.get(node)
        return dict(items[0]) if items else None

    def label(self, iri: str) -> str:
        concept = self.concepts.get(iri)
        return concept.label if concept else iri

    def in_scheme(self, scheme: str) -> list[Concept]:
        return sorted((c for c in self.concepts.values() if c.scheme == scheme),
                      key=lambda c: (c.kind, c.label))

    def version_of(self, scheme: str | None) -> Version | None:
        return next((v for v in self.versions if v.scheme == scheme), None)

    def real_versions(self) -> list[Version]:
        return [v for v in self.versions if v.real]

    def narrated_events(self) -> list[Event]:
        return [e for e in self.events if e.how == "narrative"]

    # -- what was in force ------------------------------------------------------------------------
    def base_version(self, year: int | None) -> Version | None:
        real = self.real_versions()
        if not real:
            return None
        if year is None:
            return real[-1]
        before = [v for v in real if v.year <= year]
        return before[-1] if before else None  # no agreement was in force yet

    def state(self, year: int | None, base: Version | None = None
              ) -> tuple[Version | None, list[Concept], list[Event]]:
        """The base agreement of ``year`` and its concepts amended by narrated changes."""
        base = base or self.base_version(year)
        if base is None:
            return None, [], []
        target_year = base.year if year is None else max(year, base.year)
        current = {c.iri: c for c in self.in_scheme(base.scheme)}
        applied = []
        for event in self.narrated_events():
            if base.year < event.year <= target_year:
                if event.type != "introduced":
                    for source in event.sources:
                        current.pop(source, None)
                for target in event.targets:
                    if target in self.concepts:
                        current[target] = self.concepts[target]
                applied.append(event)
        return base, sorted(current.values(), key=lambda c: c.label), applied


# -- lineage ------------------------------------------------------------------------------------

_MODELS: weakref.WeakKeyDictionary[Any, Model] = weakref.WeakKeyDictionary()


def model_of(store: GraphStore) -> Model:
    """One model per opened store: a built store is never written again, so reading it once
    serves every later query (a warm ``ask`` then costs no SPARQL round trips)."""
    model = _MODELS.get(store)
    if model is None:
        model = _MODELS[store] = Model(store)
    return model


def _closure(start: set[str], edges: dict[str, set[str]]) -> set[str]:
    seen, stack = set(start), list(start)
    while stack:
        for nxt in edges.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def _seeds(model: Model, name: str) -> list[str]:
    by_label: dict[str, list[str]] = {}
    for concept in model.concepts.values():
        by_label.setdefault(concept.label, []).append(concept.iri)
    rows = model.store.select("""SELECT DISTINCT ?c ?l WHERE {
                                 ?c skos:altLabel ?l ; skos:prefLabel ?p .
                                 ?c a ?k . VALUES ?k { csa:Priority csa:CrossCuttingTheme } }""")
    for row in rows:
        by_label.setdefault(str(row["l"]), []).append(str(row["c"]))
    seeds: list[str] = []
    for label in best_matches(name, by_label):
        seeds.extend(iri for iri in by_label[label] if iri not in seeds)
    return seeds


def _event_dict(model: Model, event: Event) -> dict[str, Any]:
    return {"year": event.year, "type": event.type,
            "from": [model.label(i) for i in event.sources],
            "to": [model.label(i) for i in event.targets],
            "found_by": event.how,
            "evidence": model.evidence(event.iri)}


def lineage(store: GraphStore, name: str) -> dict[str, Any]:
    """The history of the priority or theme ``name`` across every agreement version."""
    model = model_of(store)
    seeds = _seeds(model, name)
    if not seeds:
        return {"query": name, "concept": None, "timeline": [], "events": []}
    seed_set = set(seeds)
    # Forward along "is replaced by", backward along "replaces", and across narrated events.
    forward = {**{k: set(v) for k, v in model.replaced_by.items()}}
    backward = {**{k: set(v) for k, v in model.replaces.items()}}
    for event in model.events:
        if event.type in {"introduced", "retired"}:
            continue
        for source in event.sources:
            forward.setdefault(source, set()).update(event.targets)
            for target in event.targets:
                backward.setdefault(target, set()).add(source)
    members = _closure(seed_set, forward) | _closure(seed_set, backward)
    first = min((model.concepts[s] for s in seeds),
                key=lambda c: (model.version_of(c.scheme).year if model.version_of(c.scheme)
                               else 9999))
    timeline = _timeline(model, members)
    events = [_event_dict(model, e) for e in model.events
              if set(e.sources) & members or set(e.targets) & members]
    return {"query": name, "concept": first.label, "timeline": timeline, "events": events}


def _timeline(model: Model, members: set[str]) -> list[dict[str, Any]]:
    timeline: list[dict[str, Any]] = []
    carried: list[str] = []
    retired = {s for e in model.events if e.type == "retired" for s in e.sources}
    for version in model.versions:
        here = [c for c in model.in_scheme(version.scheme) if c.iri in members]
        if here:
            carried = [c.iri for c in here if c.iri not in retired]
            for concept in here:
                evidence = model.evidence(concept.iri) or {}
                timeline.append({"period": version.period, "year": version.year,
                                 "label": concept.label, "source": evidence.get("source"),
                                 "page": evidence.get("page")})
        elif carried and not version.real:
            # A narrated version with no change to this concept: it carried on unchanged.
            evidence = model.evidence(version.scheme) or {}
            for iri in carried:
                timeline.append({"period": version.period, "year": version.year,
                                 "label": model.label(iri), "source": evidence.get("source") or (
                                     version.narrators[0] if version.narrators else None),
                                 "page": evidence.get("page"), "carried": True})
        elif version.real:
            carried = []
    return timeline


# -- priorities, themes, diff --------------------------------------------------------------------

def _concept_entry(model: Model, concept: Concept, with_leads: bool = True) -> dict[str, Any]:
    entry: dict[str, Any] = {"label": concept.label}
    if with_leads:
        entry["leads"] = model.leads.get(concept.iri, [])
    entry["evidence"] = model.evidence(concept.iri)
    return entry


def _version_for_document(model: Model, document: str) -> Version | None:
    for version in model.real_versions():
        if any(source == document or part == document for part, source, _ in version.sources):
            return version
    return None


def priorities(store: GraphStore, year: int | None = None,
               document: str | None = None) -> dict[str, Any]:
    """The priorities and themes in force in ``year`` (or stated by ``document``)."""
    model = model_of(store)
    base = _version_for_document(model, document) if document else None
    base, concepts, applied = model.state(year, base)
    if base is None:
        return {"year": year, "agreement": None, "priorities": [], "themes": []}
    return {
        "year": year if year is not None else base.year,
        "agreement": base.agreement(model),
        "priorities": [_concept_entry(model, c) for c in concepts if c.kind == "priority"],
        "themes": [_concept_entry(model, c, with_leads=False) for c in concepts
                   if c.kind == "theme"],
        "amended_by": [_event_dict(model, e) for e in applied],
    }


def themes(store: GraphStore, year_or_period: int | str | None = None) -> dict[str, Any]:
    """The cross-cutting themes in force in a year (or the version whose period is given)."""
    model = model_of(store)
    year = _as_year(year_or_period)
    base, concepts, _ = model.state(year)
    return {"year": year, "agreement": base.agreement(model) if base else None,
            "themes": [_concept_entry(model, c, with_leads=False) for c in concepts
                       if c.kind == "theme"]}


def _as_year(value: int | str | None) -> int | None:
    if value is None or isinstance(value, int):
        return value
    start, _ = parse_period(str(value))
    return start


def _state_of(model: Model, ref: int | str) -> tuple[Version | None, list[Concept], int | None]:
    text = str(ref).strip()
    version = _version_for_document(model, text)
    if version is not None:
        base, concepts, _ = model.state(version.year, version)
        return base, concepts, version.year
    year = _as_year(text)
    base, concepts, _ = model.state(year)
    return base, concepts, year


def diff(store: GraphStore, a: int | str, b: int | str) -> dict[str, Any]:
    """What changed between two agreements (years or source files)."""
    model = model_of(store)
    base_a, old, year_a = _state_of(model, a)
    base_b, new, year_b = _state_of(model, b)
    for ref, base in ((a, base_a), (b, base_b)):
        if base is None:
            known = ", ".join(v.period for v in model.real_versions())
            raise ValueError(f"no agreement in force for {ref!r}: the store holds {known}")
    lo, hi = sorted((year_a or 0, year_b or 0))
    old_ids, new_ids = {c.iri for c in old}, {c.iri for c in new}
    renamed, matched_old, matched_new = [], set(), set()
    for event in model.events:
        if not lo < event.year <= hi or event.type in {"introduced", "retired"}:
            continue
        renamed.append({"from": " + ".join(model.label(i) for i in event.sources),
                        "to": " + ".join(model.label(i) for i in event.targets),
                        "type": event.type, "year": event.year,
                        "evidence": model.evidence(event.iri)})
        matched_old.update(s for s in event.sources)
        matched_new.update(t for t in event.targets)
    pairs: list[tuple[Concept, Concept]] = []
    for concept in old:
        twin = next((c for c in new if same_concept(c.label, concept.label)), None)
        if twin:
            pairs.append((concept, twin))
            matched_old.add(concept.iri)
            matched_new.add(twin.iri)
    # A concept reached through renames counts as matched on both sides.
    forward = {}
    for event in model.events:
        for source in event.sources:
            if event.type not in {"introduced", "retired"}:
                forward.setdefault(source, set()).update(event.targets)
    for concept in old:
        reach = _closure({concept.iri}, {**forward, **{k: set(v) for k, v in
                                                       model.replaced_by.items()}})
        if reach & new_ids - {concept.iri}:
            matched_old.add(concept.iri)
            for twin in new:
                if twin.iri in reach:
                    matched_new.add(twin.iri)
                    if (concept, twin) not in pairs:
                        pairs.append((concept, twin))
    # A version whose text states no themes (a diagram) says nothing about them: compare a kind
    # only where both sides state it.
    kinds = {c.kind for c in old} & {c.kind for c in new}
    added = [_concept_entry(model, c, with_leads=False) | {"kind": c.kind} for c in new
             if c.iri not in matched_new and c.iri not in old_ids and c.kind in kinds]
    removed = [_concept_entry(model, c, with_leads=False) | {"kind": c.kind} for c in old
               if c.iri not in matched_old and c.iri not in new_ids and c.kind in kinds]
    leads_changed = []
    seen_pairs: set[tuple[str, tuple[str, ...]]] = set()
    for before, after in pairs:
        key = (after.iri, tuple(model.leads.get(before.iri, [])))
        if key in seen_pairs:
            continue
        seen_pairs.add(key)
        leads_a, leads_b = model.leads.get(before.iri, []), model.leads.get(after.iri, [])
        if leads_a and leads_b and {normalise(x) for x in leads_a} != {normalise(x)
                                                                       for x in leads_b}:
            leads_changed.append({"priority": after.label, "from": leads_a, "to": leads_b,
                                  "evidence": model.evidence(after.iri)})
    plans_a, plans_b = _plans_of_version(model, base_a), _plans_of_version(model, base_b)
    unstated = sorted({c.kind for c in [*old, *new]} - kinds)
    return {
        "from": base_a.agreement(model) if base_a else None,
        "to": base_b.agreement(model) if base_b else None,
        "added": added, "removed": removed, "renamed": renamed,
        "leads_changed": leads_changed,
        "plans_added": [plans_b[k] for k in plans_b if k not in plans_a],
        "plans_removed": [plans_a[k] for k in plans_a if k not in plans_b],
        "not_compared": [f"{kind}s: not stated in the text of both agreements"
                         for kind in unstated],
    }


def _plan_rows(model: Model) -> list[dict[str, Any]]:
    return model.store.select(_Q_PLANS)


def _plans_of_version(model: Model, version: Version | None) -> dict[str, str]:
    if version is None:
        return {}
    holders = {version.scheme, *(part for part, _, _ in version.sources)}
    holders |= {c.iri for c in model.in_scheme(version.scheme)}
    plans: dict[str, str] = {}
    for row in _plan_rows(model):
        if str(row["holder"]) in holders:
            title = str(row.get("title") or row["plan"])
            plans.setdefault(_plan_key(title), title)
    return dict(sorted(plans.items()))


def _plan_key(title: str) -> str:
    """A plan named with or without its years ("Vision for Wessex, 2012-2022") is one plan."""
    return " ".join(word for word in normalise(core(title)).split()
                    if not (word.isdigit() and len(word) in {2, 4}))


# -- helpers for ``ask`` ------------------------------------------------------------------------

def leads_of(store: GraphStore, concept_name: str, year: int | None = None) -> dict[str, Any]:
    """Who leads ``concept_name`` (in ``year``'s agreement, else in every version)."""
    model = model_of(store)
    seeds = _seeds(model, concept_name)
    results = []
    for version in model.real_versions():
        if year is not None and version is not model.base_version(year):
            continue
        for concept in model.in_scheme(version.scheme):
            if concept.iri in seeds and model.leads.get(concept.iri):
                results.append({"period": version.period, "label": concept.label,
                                "leads": model.leads[concept.iri],
                                "agreement": version.agreement(model),
                                "evidence": _lead_evidence(model, concept.iri)})
    return {"query": concept_name, "year": year, "results": results}


def _lead_evidence(model: Model, concept: str) -> dict[str, Any] | None:
    rows = model.store.select(f"""SELECT DISTINCT ?n WHERE {{
        {{ <{concept}> csa:lead ?n }} UNION {{ <{concept}> csa:leadPost ?n }} }}""")
    for row in rows:
        evidence = model.evidence(str(row["n"]))
        if evidence:
            return evidence
    return model.evidence(concept)


def lead_for_post(store: GraphStore, post_text: str) -> dict[str, Any]:
    """Which priorities a post (as the user words it) leads, per version."""
    model = model_of(store)
    results = []
    for iri, leads in model.leads.items():
        concept = model.concepts.get(iri)
        if concept is None:
            continue
        for lead in leads:
            if fuzz.partial_ratio(normalise(post_text), normalise(lead)) >= 90:
                version = model.version_of(concept.scheme)
                results.append({"priority": concept.label, "lead": lead,
                                "period": version.period if version else None,
                                "evidence": _lead_evidence(model, iri)})
    results.sort(key=lambda r: (str(r["period"]), r["priority"]))
    return {"query": post_text, "results": results}


def plans_linked(store: GraphStore, name_or_year: int | str) -> dict[str, Any]:
    """Plans linked to an agreement (by year) or to a priority (by name)."""
    model = model_of(store)
    year = _as_year(name_or_year) if str(name_or_year).strip()[:2] in {"19", "20"} else None
    holders: set[str]
    if year is not None:
        version = model.base_version(year)
        holders = {version.scheme, *(p for p, _, _ in version.sources)} if version else set()
        holders |= {c.iri for c in model.in_scheme(version.scheme)} if version else set()
    else:
        holders = set(_seeds(model, str(name_or_year)))
    results = []
    for row in _plan_rows(model):
        if str(row["holder"]) in holders:
            title = str(row.get("title") or row["plan"])
            if all(r["title"] != title for r in results):
                results.append({"title": title, "evidence": model.evidence(str(row["plan"]))})
    return {"query": name_or_year, "plans": results}


_Q_ACTS = """
SELECT DISTINCT ?act ?title ?date ?same ?claim ?did WHERE {
  ?act a eli:LegalResource ; dct:title ?title .
  OPTIONAL { ?act dct:date ?date }
  OPTIONAL { ?act owl:sameAs ?same }
  OPTIONAL { ?act csa:claim ?claim . ?claim csa:didWhat ?did }
}"""


def acts(store: GraphStore, clause_text: str | None = None) -> dict[str, Any]:
    """Acts and Regulations with what the text says they did; ``clause_text`` filters
    by Act title or by the clause ("introduced Police and Crime Commissioners")."""
    model = model_of(store)
    found: dict[str, dict[str, Any]] = {}
    rows = sorted(store.select(_Q_ACTS), key=lambda r: str(r["title"]))  # one title, stable
    for row in rows:
        act = found.setdefault(str(row["act"]), {
            "title": row["title"], "year": int(str(row["date"])[:4]) if row.get("date") else None,
            "same_as": row.get("same"), "evidence": model.evidence(str(row["act"])),
            "did": []})
        if row.get("claim") and all(d["claim"] != row["did"] for d in act["did"]):
            act["did"].append({"claim": row["did"], "evidence": model.evidence(str(row["claim"]))})
    results = sorted(found.values(), key=lambda a: (a["year"] or 0, str(a["title"])))
    if clause_text:
        key = normalise(clause_text)

        def score(act: dict[str, Any]) -> float:
            texts = [str(act["title"]), *(str(d["claim"]) for d in act["did"])]
            return max(fuzz.partial_ratio(key, normalise(t)) for t in texts)

        results = [a for a in results if score(a) >= 80]
        results.sort(key=score, reverse=True)
    return {"query": clause_text, "acts": results}


_Q_COUNTS = """
SELECT DISTINCT ?count ?issue ?n ?outOf ?round ?year WHERE {
  ?count a csa:AssessmentCount ; csa:issue ?issue ; csa:partnerships ?n ;
         csa:assessment ?a .
  ?a csa:period ?round .
  OPTIONAL { ?a csa:startYear ?year }
  OPTIONAL { ?count csa:outOf ?outOf }
}"""


def assessment_counts(store: GraphStore, issue: str | None = None,
                      round: str | int | None = None) -> dict[str, Any]:  # noqa: A002
    """How many partnerships selected an issue, per strategic assessment round."""
    model = model_of(store)
    rows = store.select(_Q_COUNTS)
    labels = [str(r["issue"]) for r in rows]
    wanted = set(best_matches(issue, labels, cutoff=85)) if issue else set(labels)
    if issue:
        # An issue "X (including ...)" counts for X: compare on the core label too.
        wanted |= {label for label in labels if same_concept(core(label), issue)
                   or core(issue) == core(label)}
    start = _as_year(round) if round is not None else None
    results = []
    for row in rows:
        if str(row["issue"]) not in wanted:
            continue
        if start is not None and row.get("year") is not None and int(row["year"]) != start:
            continue
        results.append({"issue": row["issue"], "partnerships": int(row["n"]),
                        "out_of": int(row["outOf"]) if row.get("outOf") is not None else None,
                        "round": row["round"], "evidence": model.evidence(str(row["count"]))})
    results.sort(key=lambda r: (str(r["round"]), -r["partnerships"], str(r["issue"])))
    return {"query": issue, "round": round, "results": results}


_Q_HOLDINGS = """
SELECT DISTINCT ?holding ?label ?person ?year WHERE {
  ?holding a csa:PostHolding ; rdfs:label ?label ; csa:holder ?who .
  ?who rdfs:label ?person .
  OPTIONAL { ?holding csa:startYear ?year }
}"""


def post_holders(store: GraphStore, post_text: str, year: int | None = None) -> dict[str, Any]:
    """Who held a post (as the user words it: "Chair of the X Partnership"), nearest ``year``
    first; each with the signature or cover line that says so."""
    model = model_of(store)
    wanted = normalise(post_text)
    results = []
    for row in store.select(_Q_HOLDINGS):
        score = fuzz.token_set_ratio(wanted, normalise(str(row["label"])))
        if score >= 85:
            results.append({"post": str(row["label"]), "person": str(row["person"]),
                            "year": row.get("year"), "score": score,
                            "evidence": model.evidence(str(row["holding"]))})

    def distance(result: dict[str, Any]) -> tuple[float, int, int]:
        held = result["year"]
        gap = 0 if year is None or held is None else (year - held if held <= year else 100)
        return (-result["score"], gap, -(held or 0))

    results.sort(key=distance)
    return {"query": post_text, "year": year, "results": results}


def changes_in(store: GraphStore, year: int) -> dict[str, Any]:
    """Every change event that took effect in ``year`` (introductions, renames, merges ...)."""
    model = model_of(store)
    events = [_event_dict(model, event) for event in model.events if event.year == year]
    return {"year": year, "events": [event for event in events if event["evidence"]]}


_Q_MEETINGS = """
SELECT ?meeting ?body ?date ?item ?number ?title ?decision ?kind ?text WHERE {
  ?meeting a csa:Meeting ; csa:body ?body .
  OPTIONAL { ?meeting dct:date ?date }
  OPTIONAL { ?meeting csa:item ?item . ?item csa:itemNumber ?number ; dct:title ?title .
             OPTIONAL { ?item csa:decision ?decision .
                        ?decision csa:decisionType ?kind ; rdfs:label ?text } }
}"""


def meetings(store: GraphStore) -> list[dict[str, Any]]:
    """Every meeting: body, date, and its items in order, each with its decisions (noted,
    agreed, resolved) and evidence."""
    model = model_of(store)
    found: dict[str, dict[str, Any]] = {}
    for row in store.select(_Q_MEETINGS):
        meeting = found.setdefault(str(row["meeting"]), {
            "body": str(row["body"]), "date": str(row["date"]) if row.get("date") else None,
            "evidence": model.evidence(str(row["meeting"])), "items": {}})
        if not row.get("item"):
            continue
        item = meeting["items"].setdefault(str(row["item"]), {
            "number": str(row["number"]), "title": str(row["title"]),
            "evidence": model.evidence(str(row["item"])), "decisions": []})
        if row.get("decision") and all(d["text"] != str(row["text"]) for d in item["decisions"]):
            item["decisions"].append({"type": str(row["kind"]), "text": str(row["text"]),
                                      "evidence": model.evidence(str(row["decision"]))})
    result = []
    for meeting in sorted(found.values(), key=lambda m: (m["date"] or "", m["body"])):
        items = sorted(meeting["items"].values(), key=lambda i: _item_order(i["number"]))
        result.append({**meeting, "items": items})
    return result


def _item_order(number: str) -> tuple[str, int, str]:
    """"A2" < "B1" < "B10"; "51" < "52"."""
    match = re.match(r"^([A-Za-z]*)(\d*)(.*)$", number)
    letters, digits, rest = match.groups() if match else ("", "", number)
    return letters, int(digits) if digits else 0, rest

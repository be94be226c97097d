"""The graph read into Python: versions, concepts, events, evidence and leads.

The graph is small, so ``Model`` reads it in a few queries and the rules (which version is in
force, which narrated changes apply) run in Python, where they are clear. ``Model.scoped`` is
one partnership's part of it: two partnerships' versions never meet.
"""

from __future__ import annotations

import copy
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from partnership_kg.graph.evidence import page_from_selector
from partnership_kg.graph.names import normalise, parse_period
from partnership_kg.graph.resolve import GraphStore, best_matches

EVENT_TYPES = {
    "Introduction": "introduced", "Rename": "renamed", "Expansion": "expanded",
    "Merge": "merged", "Split": "split", "Retirement": "retired",
}
_CSA = "https://w3id.org/partnership-kg/csa#"

_Q_VERSIONS = """
SELECT DISTINCT ?scheme ?year ?period ?part ?source ?title ?agreement ?narrator ?nsource
       ?nagreement ?partnership WHERE {
  ?scheme a skos:ConceptScheme ; csa:startYear ?year .
  OPTIONAL { ?scheme csa:partnership ?partnership }
  OPTIONAL { ?scheme csa:period ?period }
  OPTIONAL { ?scheme dct:source ?part . ?part csa:sourceFile ?source .
             OPTIONAL { ?part dct:title ?title }
             BIND (EXISTS { ?part a csa:Agreement } AS ?agreement) }
  OPTIONAL { ?scheme csa:narratedBy ?narrator . ?narrator csa:sourceFile ?nsource .
             BIND (EXISTS { ?narrator a csa:Agreement } AS ?nagreement) }
}"""
# A part's list that is no dated version (graph/list_schemes.py): no csa:startYear.
_Q_LISTS = """
SELECT DISTINCT ?scheme ?part ?source ?title ?partnership ?period WHERE {
  ?scheme a skos:ConceptScheme ; dct:source ?part .
  ?part csa:sourceFile ?source .
  FILTER NOT EXISTS { ?scheme csa:startYear ?year }
  OPTIONAL { ?part dct:title ?title }
  OPTIONAL { ?scheme csa:partnership ?partnership }
  OPTIONAL { ?scheme csa:period ?period }
}"""
_Q_CONCEPTS = """
SELECT DISTINCT ?concept ?label ?kind ?scheme WHERE {
  ?concept skos:prefLabel ?label ; a ?kind .
  OPTIONAL { ?concept skos:inScheme ?scheme }
  VALUES ?kind { csa:Priority csa:CrossCuttingTheme }
}"""
_Q_EVENTS = """
SELECT DISTINCT ?event ?type ?year ?how ?from ?to ?partnership ?inferred ?between WHERE {
  ?event a xkos:ConceptAssociation ; a ?type ; csa:effectiveYear ?year .
  OPTIONAL { ?event csa:partnership ?partnership }
  FILTER (?type != xkos:ConceptAssociation)
  OPTIONAL { ?event csa:foundBy ?how }
  OPTIONAL { ?event csa:inferred ?inferred }
  OPTIONAL { ?event csa:between ?between }
  OPTIONAL { ?event xkos:sourceConcept ?from }
  OPTIONAL { ?event xkos:targetConcept ?to }
}"""
_Q_REPLACES = """
SELECT DISTINCT ?new ?old WHERE {
  ?new dct:replaces ?old . ?new skos:inScheme ?s . ?old skos:prefLabel ?l }
"""
_Q_EVIDENCE = """
SELECT DISTINCT ?node ?source ?pageValue ?quote WHERE {
  {nodes}
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


def rows_of(store: GraphStore, query: str) -> list[dict[str, Any]]:
    """A query's rows in one order, whatever order the store returns them in: the embedded
    store, a server and a partnership's copy of its graphs then build the same model."""
    return sorted(store.select(query),
                  key=lambda row: [(key, str(row[key])) for key in sorted(row)
                                   if row[key] is not None])


def evidence_of(store: GraphStore, nodes: Iterable[str] | None = None
                ) -> dict[str, list[dict[str, Any]]]:
    """Each node's quotes, best first: of every node, or (one query, the filter in the SPARQL)
    of ``nodes`` alone, so a question about a few facts reads their evidence, not the store's."""
    wanted = ""
    if nodes is not None:
        listed = " ".join(f"<{node}>" for node in sorted(set(nodes)))
        if not listed:
            return {}
        wanted = f"VALUES ?node {{ {listed} }}"
    found: dict[str, list[dict[str, Any]]] = {}
    for row in store.select(_Q_EVIDENCE.replace("{nodes}", wanted)):
        found.setdefault(str(row["node"]), []).append({
            "source": row["source"], "page": page_from_selector(str(row["pageValue"])),
            "quote": row["quote"]})
    for items in found.values():
        # Within a source, the quote with most context first: "the priorities for X are:
        # A; B; C" says more than the bare label "B" (capped so no paragraph wins by size). The
        # key orders every pair of distinct quotes, so the store's row order never shows.
        items.sort(key=lambda e: (str(e["source"]), -min(len(str(e["quote"])), 300),
                                  e["page"] or 0, str(e["quote"])))
    return found


def first_evidence(store: GraphStore, nodes: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The best quote of each of ``nodes`` that has one (what ``Model.evidence`` gives)."""
    return {node: dict(items[0]) for node, items in evidence_of(store, nodes).items()}


@dataclass
class Version:
    scheme: str
    year: int  # 0 for a list that is no version (``Model.lists``): no year's question reads it
    period: str
    real: bool
    sources: list[tuple[str, str, str]] = field(default_factory=list)  # (part, source, title)
    narrators: list[str] = field(default_factory=list)  # source files narrating it
    partnership: str | None = None  # the csa:Partnership IRI

    def agreement(self, model: Model) -> dict[str, Any]:
        if self.sources:
            _part, source, title = sorted(self.sources, key=lambda s: (s[1], s[0]))[0]
            if self.year == 0:  # a part's own list, with its period as written where it has one
                return {"source": source, "title": title, "period": self.period or None} | (
                    {} if self.period else {"undated": True})
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
    partnership: str | None = None
    inferred: bool = False  # found by aligning versions: no text states it
    between: list[str] = field(default_factory=list)  # the two versions' schemes, older first


class Model:
    """Versions, concepts, events, evidence and leads read from a store."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.versions = self._versions()
        self.lists = self._lists()
        self.concepts: dict[str, Concept] = {}
        for row in rows_of(store, _Q_CONCEPTS):
            kind = "theme" if str(row["kind"]).endswith("CrossCuttingTheme") else "priority"
            iri = str(row["concept"])
            if iri not in self.concepts or kind == "priority":
                scheme = str(row["scheme"]) if row.get("scheme") else None
                self.concepts[iri] = Concept(iri, str(row["label"]), kind, scheme)
        self.events = self._events()
        self.replaces: dict[str, set[str]] = {}
        self.replaced_by: dict[str, set[str]] = {}
        for row in rows_of(store, _Q_REPLACES):
            new, old = str(row["new"]), str(row["old"])
            if new in self.concepts and old in self.concepts:
                self.replaces.setdefault(new, set()).add(old)
                self.replaced_by.setdefault(old, set()).add(new)
        self._evidence = evidence_of(store)
        self.leads: dict[str, list[str]] = {}
        # Leads worded by their own version first, so the version's spelling wins.
        rows = sorted(rows_of(store, _Q_LEADS),
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
        for row in rows_of(self.store, _Q_VERSIONS):
            scheme = str(row["scheme"])
            if row.get("agreement"):
                scheme_agreement[scheme] = True
            if row.get("nagreement"):
                narrated_by_agreement[scheme] = True
            version = versions.setdefault(scheme, Version(scheme, int(row["year"]),
                                                          str(row.get("period") or row["year"]),
                                                          False))
            if row.get("partnership"):
                version.partnership = str(row["partnership"])
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

    def _lists(self) -> list[Version]:
        versions: dict[str, Version] = {}
        for row in rows_of(self.store, _Q_LISTS):
            scheme = str(row["scheme"])
            version = versions.setdefault(scheme, Version(scheme, 0, str(row.get("period") or ""),
                                                          True))
            version.partnership = str(row["partnership"]) if row.get("partnership") else None
            entry = (str(row["part"]), str(row["source"]), str(row.get("title") or ""))
            if entry not in version.sources:
                version.sources.append(entry)
        return list(versions.values())

    def _events(self) -> list[Event]:
        events: dict[str, Event] = {}
        for row in rows_of(self.store, _Q_EVENTS):
            kind = str(row["type"]).removeprefix(_CSA)
            if kind not in EVENT_TYPES:
                continue
            event = events.setdefault(str(row["event"]), Event(
                str(row["event"]), EVENT_TYPES[kind], int(row["year"]), str(row.get("how") or ""),
                [], [], str(row["partnership"]) if row.get("partnership") else None))
            for key, bucket in (("from", event.sources), ("to", event.targets),
                                ("between", event.between)):
                if row.get(key) and str(row[key]) not in bucket:
                    bucket.append(str(row[key]))
            event.inferred = event.inferred or str(row.get("inferred")).lower() == "true"
        order = {version.scheme: version.year for version in self.versions}
        for event in events.values():
            event.between.sort(key=lambda scheme: order.get(scheme, 0))
        return sorted(events.values(), key=lambda e: (e.year, e.type, e.iri))

    def scoped(self, partnership: str) -> Model:
        """The model of one partnership (by IRI): its versions, their concepts, its events."""
        scoped = copy.copy(self)
        scoped.versions = [v for v in self.versions if v.partnership == partnership]
        scoped.lists = [v for v in self.lists if v.partnership == partnership]
        schemes = {v.scheme for v in [*scoped.versions, *scoped.lists]}
        scoped.events = [e for e in self.events if e.partnership == partnership]
        named = {iri for e in scoped.events for iri in (*e.sources, *e.targets)}
        scoped.concepts = {iri: c for iri, c in self.concepts.items()
                           if c.scheme in schemes or (c.scheme is None and iri in named)}
        scoped.replaces = {k: v for k, v in self.replaces.items() if k in scoped.concepts}
        scoped.replaced_by = {k: v for k, v in self.replaced_by.items() if k in scoped.concepts}
        return scoped

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


_MODELS: weakref.WeakKeyDictionary[Any, Model] = weakref.WeakKeyDictionary()


def model_of(store: GraphStore) -> Model:
    """One model per opened store: a built store is never written again, so reading it once
    serves every later query (a warm ``ask`` then costs no SPARQL round trips)."""
    store = getattr(store, "scoped_base", store)  # a ``Scoped`` view reads the one model
    model = _MODELS.get(store)
    if model is None:
        model = _MODELS[store] = Model(store)
    return model


def closure(start: set[str], edges: dict[str, set[str]]) -> set[str]:
    seen, stack = set(start), list(start)
    while stack:
        for nxt in edges.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def concept_seeds(model: Model, name: str) -> list[str]:
    by_label: dict[str, list[str]] = {}
    for concept in model.concepts.values():
        by_label.setdefault(concept.label, []).append(concept.iri)
    rows = rows_of(model.store, """SELECT DISTINCT ?c ?l WHERE {
                                 ?c skos:altLabel ?l ; skos:prefLabel ?p .
                                 ?c a ?k . VALUES ?k { csa:Priority csa:CrossCuttingTheme } }""")
    for row in rows:
        if str(row["c"]) in model.concepts:  # this model's partnership only
            by_label.setdefault(str(row["l"]), []).append(str(row["c"]))
    seeds: list[str] = []
    for label in best_matches(name, by_label):
        seeds.extend(iri for iri in by_label[label] if iri not in seeds)
    return seeds


def event_dict(model: Model, event: Event) -> dict[str, Any]:
    """An event as the contract gives it: a narrated one with the quote stating it; an inferred
    one with ``between`` its two versions and a list of quotes, one for each end."""
    stating = _stating_quote(model, event)
    quote = normalise(str(stating["quote"])) if stating else ""
    entry = {"year": event.year, "type": event.type,
             "from": _in_text_order([model.label(i) for i in event.sources], quote),
             "to": _in_text_order([model.label(i) for i in event.targets], quote),
             "found_by": event.how, "how": event.how, "inferred": event.inferred,
             "evidence": stating}
    if event.inferred:
        entry["between"] = [model.version_of(scheme).period for scheme in event.between
                            if model.version_of(scheme)]
        entry["evidence"] = _end_quotes(model, event)
    return entry


def _stating_quote(model: Model, event: Event) -> dict[str, Any] | None:
    """Of the texts narrating one change, the quote that names most of its labels."""
    labels = [f" {normalise(model.label(i))} " for i in (*event.sources, *event.targets)]
    quotes = model._evidence.get(event.iri, [])
    best = max(quotes, default=None, key=lambda q: sum(
        label in f" {normalise(str(q['quote']))} " for label in labels))
    return dict(best) if best else None


def _end_quotes(model: Model, event: Event) -> list[dict[str, Any]]:
    """A quote for each end of an inferred event: the old labels' quote in the older version,
    then the new labels' in the newer (a version's list where an end has no label)."""
    own = model._evidence.get(event.iri, [])
    labels = [normalise(model.label(i)) for i in (*event.sources, *event.targets)]

    old_quotes = [q for iri in event.sources for q in model._evidence.get(iri, [])]

    def best(iris: list[str], version: int) -> dict[str, Any] | None:
        pool = [q for iri in iris for q in model._evidence.get(iri, []) if q in own]
        if version and event.sources:  # a scope list naming the old ones is the new end's
            pool += [q for q in own if q not in old_quotes and q not in pool]
        if not pool:  # no label at this end: the version's list, from its own files
            scheme = event.between[version] if len(event.between) > version else None
            files = {source for v in model.versions if v.scheme == scheme
                     for _, source, _ in v.sources}
            pool = [q for q in own if q["source"] in files] or own
        return max(pool, key=lambda q: (sum(label in normalise(str(q["quote"]))
                                            for label in labels), len(str(q["quote"]))),
                   default=None)

    ends = [best(event.sources, 0), best(event.targets, 1)]
    return [dict(quote) for quote in ends if quote is not None]


def _in_text_order(labels: list[str], quote: str) -> list[str]:
    """Labels in the order the quote names them ("violent crime, acquisitive crime"), those it
    does not name after them by label: a stable order, whatever order the store returns."""
    def place(label: str) -> tuple[int, str]:
        at = quote.find(normalise(label)) if quote else -1
        return (at if at >= 0 else len(quote) + 1, label)

    return sorted(labels, key=place)


def as_year(value: int | str | None) -> int | None:
    if value is None or isinstance(value, int):
        return value
    start, _ = parse_period(str(value))
    return start


def plan_rows(model: Model) -> list[dict[str, Any]]:
    return rows_of(model.store, _Q_PLANS)

"""Lineage, priorities in force, themes and diff: the contract's history questions."""

from __future__ import annotations

from typing import Any

from partnership_kg.graph.names import normalise
from partnership_kg.graph.query.model import (
    Concept,
    Model,
    Version,
    as_year,
    closure,
    concept_seeds,
    event_dict,
    model_of,
    plan_rows,
)
from partnership_kg.graph.query.partnerships import (
    for_partnerships,
    partnership_model,
    partnerships,
)
from partnership_kg.graph.resolve import GraphStore, core, same_concept

# -- lineage ------------------------------------------------------------------------------------

def lineage(store: GraphStore, name: str,
            partnership: str | None = None) -> dict[str, Any]:
    """The history of the priority or theme ``name`` across every agreement version."""
    return for_partnerships(store, partnership, lambda model: _lineage(model, name),
                            keep=lambda r: r["concept"] is not None)


def _lineage(model: Model, name: str) -> dict[str, Any]:
    seeds = concept_seeds(model, name)
    if not seeds:
        return {"query": name, "concept": None, "timeline": [], "events": []}
    # Names over time follow one concept through restatements, renames and expansions; a merge,
    # split or introduction joins two lineages (its event is listed) but is not a step of one.
    joins = {(source, target) for event in model.events
             if event.type in {"merged", "split", "introduced"}
             for source in event.sources for target in event.targets}
    forward = {old: {new for new in news if (old, new) not in joins}
               for old, news in model.replaced_by.items()}
    backward = {new: {old for old in olds if (old, new) not in joins}
                for new, olds in model.replaces.items()}
    for event in model.events:
        if event.type not in {"renamed", "expanded"}:
            continue
        for source in event.sources:
            forward.setdefault(source, set()).update(event.targets)
            for target in event.targets:
                backward.setdefault(target, set()).add(source)

    def members_of(start: set[str]) -> set[str]:
        return closure(start, forward) | closure(start, backward)

    # A name matching two unrelated concepts ("PREVENT") follows the best match's lineage only.
    members = members_of({seeds[0]})
    for seed in seeds[1:]:
        if seed not in members and members_of({seed}) & members:
            members |= members_of({seed})
    seeds = [seed for seed in seeds if seed in members]
    first = min((model.concepts[s] for s in seeds),
                key=lambda c: (model.version_of(c.scheme).year if model.version_of(c.scheme)
                               else 9999))
    # The lineages a merge joins into this one (or a split takes out of it) are branches: in
    # the timeline, marked so, but not names this concept had.
    branches: set[str] = set()
    for event in model.events:
        if event.type == "merged" and set(event.targets) & members:
            branches |= members_of(set(event.sources))
        elif event.type == "split" and set(event.sources) & members:
            branches |= members_of(set(event.targets))
    branches -= members
    timeline = [entry | ({"branch": True} if entry["iri"] in branches else {})
                for entry in _timeline(model, members | branches)]
    for entry in timeline:
        del entry["iri"]
    # What it became: the events of the lineage it was merged into follow its own.
    onward = {iri for e in model.events if e.type == "merged" and set(e.sources) & members
              for iri in members_of(set(e.targets))}
    events = [event_dict(model, e) for e in model.events
              if set(e.sources) & members or set(e.targets) & members
              or (e.type in {"renamed", "expanded"} and set(e.sources) & onward)]
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
                                 "page": evidence.get("page"), "iri": concept.iri})
        elif carried and not version.real:
            # A narrated version with no change to this concept: it carried on unchanged.
            evidence = model.evidence(version.scheme) or {}
            for iri in carried:
                timeline.append({"period": version.period, "year": version.year,
                                 "label": model.label(iri), "source": evidence.get("source") or (
                                     version.narrators[0] if version.narrators else None),
                                 "page": evidence.get("page"), "carried": True, "iri": iri})
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
    """The version a document states, else the list it states that is no version (an undated
    page's, a strategic assessment's key crime issues)."""
    for version in [*model.real_versions(), *model.lists]:
        if any(source == document or part == document for part, source, _ in version.sources):
            return version
    return None


def priorities(store: GraphStore, year: int | None = None,
               document: str | None = None, partnership: str | None = None) -> dict[str, Any]:
    """The priorities and themes in force in ``year`` (or stated by ``document``, which says
    whose they are)."""
    if document and partnership is None and len(partnerships(store)) > 1:
        partnership = _partnership_stating(store, document)
        if partnership is None:  # no partnership's list cites it: say so once, not per partnership
            return _states_none(year, document)
    return for_partnerships(store, partnership, lambda model: _priorities(model, year, document),
                            keep=lambda r: r["agreement"] is not None)


def _states_none(year: int | None, document: str) -> dict[str, Any]:
    return {"year": year, "agreement": None, "priorities": [], "themes": [], "document": document}


_Q_VERSION_SOURCES = """SELECT DISTINCT ?p ?part ?source WHERE {
  ?scheme a skos:ConceptScheme ; csa:partnership ?p ; dct:source ?part .
  ?part csa:sourceFile ?source }"""


def _partnership_stating(store: GraphStore, document: str) -> str | None:
    """The label of the partnership whose version ``document`` (a file or part) states, read
    from the partnerships whose versions cite it, each from its own graphs (the earliest such
    version wins, as in one model of the store); None where no version of any does."""
    base = getattr(store, "scoped_base", store)
    citing = {str(row["p"]) for row in base.select(_Q_VERSION_SOURCES)
              if document in (str(row["source"]), str(row["part"]))}
    found = [(version.year, entry.label) for entry in partnerships(base) if entry.iri in citing
             for version in [_version_for_document(partnership_model(base, entry.iri), document)]
             if version is not None]
    return min(found)[1] if found else None


def _priorities(model: Model, year: int | None = None,
               document: str | None = None) -> dict[str, Any]:
    base = _version_for_document(model, document) if document else None
    if document and base is None:  # the document states no list: nothing is in force by it
        return _states_none(year, document)
    if base is not None and base.year == 0:  # in force in no year: its own list only
        concepts, applied = model.in_scheme(base.scheme), []
    else:
        base, concepts, applied = model.state(year, base)
    if base is None:
        return {"year": year, "agreement": None, "priorities": [], "themes": []}
    return {
        "year": year if year is not None or base.year == 0 else base.year,
        "agreement": base.agreement(model),
        "priorities": [_concept_entry(model, c) for c in concepts if c.kind == "priority"],
        "themes": [_concept_entry(model, c, with_leads=False) for c in concepts
                   if c.kind == "theme"],
        "amended_by": [event_dict(model, e) for e in applied],
    }


def themes(store: GraphStore, year_or_period: int | str | None = None,
           partnership: str | None = None) -> dict[str, Any]:
    """The cross-cutting themes in force in a year (or the version whose period is given)."""
    return for_partnerships(store, partnership, lambda model: _themes(model, year_or_period),
                            keep=lambda r: r["agreement"] is not None)


def _themes(model: Model, year_or_period: int | str | None = None) -> dict[str, Any]:
    year = as_year(year_or_period)
    base, concepts, _ = model.state(year)
    return {"year": year, "agreement": base.agreement(model) if base else None,
            "themes": [_concept_entry(model, c, with_leads=False) for c in concepts
                       if c.kind == "theme"]}


def _state_of(model: Model, ref: int | str) -> tuple[Version | None, list[Concept], int | None]:
    text = str(ref).strip()
    version = _version_for_document(model, text)
    if version is not None:
        base, concepts, _ = model.state(version.year, version)
        return base, concepts, version.year
    year = as_year(text)
    base, concepts, _ = model.state(year)
    return base, concepts, year


def diff(store: GraphStore, a: int | str, b: int | str,
         partnership: str | None = None) -> dict[str, Any]:
    """What changed between two agreements (years or source files)."""
    return for_partnerships(store, partnership, lambda model: _diff(model, a, b))


def _diff(model: Model, a: int | str, b: int | str) -> dict[str, Any]:
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
        reach = closure({concept.iri}, {**forward, **{k: set(v) for k, v in
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


def _plans_of_version(model: Model, version: Version | None) -> dict[str, str]:
    if version is None:
        return {}
    holders = {version.scheme, *(part for part, _, _ in version.sources)}
    holders |= {c.iri for c in model.in_scheme(version.scheme)}
    plans: dict[str, str] = {}
    for row in plan_rows(model):
        if str(row["holder"]) in holders:
            title = str(row.get("title") or row["plan"])
            plans.setdefault(_plan_key(title), title)
    return dict(sorted(plans.items()))


def _plan_key(title: str) -> str:
    """A plan named with or without its years ("Vision for Wessex, 2012-2022") is one plan."""
    return " ".join(word for word in normalise(core(title)).split()
                    if not (word.isdigit() and len(word) in {2, 4}))




# -- how events and names read ------------------------------------------------------------------

def event_quotes(event: dict[str, Any]) -> list[dict[str, Any]]:
    """An event's quotes as a list: an inferred event has one for each end, a narrated one the
    sentence stating it."""
    evidence = event.get("evidence")
    if isinstance(evidence, list):
        return [quote for quote in evidence if quote]
    return [evidence] if evidence else []


def event_when(event: dict[str, Any]) -> str:
    """"In 2022", or, for a change inferred by aligning two versions (no text dates it),
    "Between 2014-17 and April 2024 (inferred)"."""
    between = event.get("between") or []
    if event.get("inferred") and len(between) == 2:
        return f"Between {between[0]} and {between[1]} (inferred)"
    return f"In {event['year']}"


def names_over_time(result: dict[str, Any]) -> str:
    """A lineage's names in order, renames and expansions as a chain ("A → B"), and each merge
    as branches joining ("A + B ⇒ C"): a merge is not a step from one name to the next."""
    names: list[str] = []
    for entry in result.get("timeline", []):
        if entry.get("branch"):
            continue  # a lineage merged into this one: shown below as a branch joining
        if not names or normalise(names[-1]) != normalise(entry["label"]):
            names.append(entry["label"])
    text = " → ".join(dict.fromkeys(names))
    for event in result.get("events", []):
        if event["type"] == "merged":
            how = " (its scope list names them)" if event.get("how") == "scope list" else ""
            text += f"; {' + '.join(event['from'])} ⇒ {' + '.join(event['to'])}{how}"
    return text


# -- versions, not copies -----------------------------------------------------------------------

def agreement_versions(store: GraphStore) -> list[dict[str, Any]]:
    """The agreement versions the corpus states, oldest first: one each, however many files
    state it (a standalone agreement and its copy inside a meeting pack are one version with two
    sources). Each has the key ``diff`` takes: its start year where no other version of the
    store starts that year, else its first source file."""
    model = model_of(store)
    found = []
    for version in model.real_versions():
        agreement = version.agreement(model)
        found.append({"source": agreement["source"], "title": agreement["title"] or "",
                      "period": version.period, "year": version.year,
                      "sources": sorted({source for _, source, _ in version.sources}),
                      "partnership": version.partnership})
    years = [entry["year"] for entry in found]
    for entry in found:
        entry["key"] = str(entry["year"]) if years.count(entry["year"]) == 1 else entry["source"]
        entry["name"] = f"{entry['period']} — {entry['title']}"
    return found


def version_count(store: GraphStore) -> int:
    """How many agreement versions the store holds (copies of one version count once)."""
    return len(agreement_versions(store))


def concept_labels(store: GraphStore) -> list[str]:
    """Each priority and theme name once: labels that differ only in case, hyphens or "&"/"and"
    ("Anti-social Behaviour", "Anti-Social Behaviour") are one name (the first spelling, in
    alphabetical order, stands for it)."""
    rows = store.select("""SELECT DISTINCT ?label WHERE {
        VALUES ?type { csa:Priority csa:CrossCuttingTheme }
        ?concept a ?type ; skos:prefLabel ?label . }""")
    chosen: dict[str, str] = {}
    for label in sorted((str(row["label"]) for row in rows), key=lambda x: (x.lower(), x)):
        chosen.setdefault(normalise(label), label)
    return list(chosen.values())

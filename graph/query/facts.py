"""Who leads, which plans, Acts, assessment counts, post holders, changes and meetings:
the graph facts ``ask`` answers from."""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz

from partnership_kg.graph.names import normalise
from partnership_kg.graph.query.model import (
    Model,
    as_year,
    concept_seeds,
    event_dict,
    first_evidence,
    plan_rows,
    rows_of,
)
from partnership_kg.graph.query.partnerships import Scoped, for_partnerships, match
from partnership_kg.graph.resolve import GraphStore, best_matches, core, same_concept

# -- helpers for ``ask`` ------------------------------------------------------------------------

def leads_of(store: GraphStore, concept_name: str, year: int | None = None,
             partnership: str | None = None) -> dict[str, Any]:
    """Who leads ``concept_name`` (in ``year``'s agreement, else in every version)."""
    return for_partnerships(store, partnership, lambda model: _leads_of(model, concept_name, year),
                            keep=lambda r: bool(r["results"]))


def _leads_of(model: Model, concept_name: str, year: int | None = None) -> dict[str, Any]:
    seeds = concept_seeds(model, concept_name)
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
    """The quote of a lead: its row or line, which names the priority (a post node's own quotes
    may be another priority's row: one post can lead two)."""
    rows = rows_of(model.store, f"""SELECT DISTINCT ?n WHERE {{
        {{ <{concept}> csa:lead ?n }}
        UNION {{ ?n rdf:subject <{concept}> ; rdf:predicate csa:leadPost }} }}""")
    quotes = [quote for row in rows for quote in model._evidence.get(str(row["n"]), [])]
    label = f" {normalise(model.label(concept))} "
    naming = [quote for quote in quotes if label in f" {normalise(str(quote['quote']))} "]
    return dict((naming or quotes)[0]) if quotes else model.evidence(concept)


def lead_for_post(store: GraphStore, post_text: str,
                  partnership: str | None = None) -> dict[str, Any]:
    """Which priorities a post (as the user words it) leads, per version."""
    return for_partnerships(store, partnership, lambda model: _lead_for_post(model, post_text),
                            keep=lambda r: bool(r["results"]))


def _lead_for_post(model: Model, post_text: str) -> dict[str, Any]:
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


def plans_linked(store: GraphStore, name_or_year: int | str,
                 partnership: str | None = None) -> dict[str, Any]:
    """Plans linked to an agreement (by year) or to a priority (by name)."""
    return for_partnerships(store, partnership, lambda model: _plans_linked(model, name_or_year),
                            keep=lambda r: bool(r["plans"]))


def _plans_linked(model: Model, name_or_year: int | str) -> dict[str, Any]:
    year = as_year(name_or_year) if str(name_or_year).strip()[:2] in {"19", "20"} else None
    holders: set[str]
    if year is not None:
        version = model.base_version(year)
        holders = {version.scheme, *(p for p, _, _ in version.sources)} if version else set()
        holders |= {c.iri for c in model.in_scheme(version.scheme)} if version else set()
    else:
        holders = set(concept_seeds(model, str(name_or_year)))
    results = []
    for row in plan_rows(model):
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
    found: dict[str, dict[str, Any]] = {}
    # Rows in a fixed order (title, then claim), whatever order the store returns them in, so
    # an Act's claims, and which copy of a claim stated twice is cited, agree on every backend.
    rows = sorted(store.select(_Q_ACTS), key=lambda r: (str(r["title"]), str(r.get("claim", ""))))
    evidence = first_evidence(store, [str(row[key]) for row in rows for key in ("act", "claim")
                                      if row.get(key)])
    for row in rows:
        act = found.setdefault(str(row["act"]), {
            "title": row["title"], "year": int(str(row["date"])[:4]) if row.get("date") else None,
            "same_as": row.get("same"), "evidence": evidence.get(str(row["act"])),
            "did": []})
        if row.get("claim") and all(d["claim"] != row["did"] for d in act["did"]):
            act["did"].append({"claim": row["did"], "evidence": evidence.get(str(row["claim"]))})
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
    rows = store.select(_Q_COUNTS)
    labels = [str(r["issue"]) for r in rows]
    wanted = set(best_matches(issue, labels, cutoff=85)) if issue else set(labels)
    if issue:
        # An issue "X (including ...)" counts for X: compare on the core label too.
        wanted |= {label for label in labels if same_concept(core(label), issue)
                   or core(issue) == core(label)}
    start = as_year(round) if round is not None else None
    kept = [row for row in rows if str(row["issue"]) in wanted and not (
        start is not None and row.get("year") is not None and int(row["year"]) != start)]
    evidence = first_evidence(store, [str(row["count"]) for row in kept])
    results = [{"issue": row["issue"], "partnerships": int(row["n"]),
                "out_of": int(row["outOf"]) if row.get("outOf") is not None else None,
                "round": row["round"], "evidence": evidence.get(str(row["count"]))}
               for row in kept]
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
    wanted = normalise(post_text)
    results = []
    for row in store.select(_Q_HOLDINGS):
        score = fuzz.token_set_ratio(wanted, normalise(str(row["label"])))
        if score >= 85:
            results.append({"post": str(row["label"]), "person": str(row["person"]),
                            "year": row.get("year"), "score": score,
                            "evidence": str(row["holding"])})
    evidence = first_evidence(store, [result["evidence"] for result in results])
    for result in results:
        result["evidence"] = evidence.get(result["evidence"])

    def distance(result: dict[str, Any]) -> tuple[float, int, int]:
        held = result["year"]
        gap = 0 if year is None or held is None else (year - held if held <= year else 100)
        return (-result["score"], gap, -(held or 0))

    results.sort(key=distance)
    return {"query": post_text, "year": year, "results": results}


def changes_in(store: GraphStore, year: int,
               partnership: str | None = None) -> dict[str, Any]:
    """Every change event that took effect in ``year`` (introductions, renames, merges ...)."""
    return for_partnerships(store, partnership, lambda model: _changes_in(model, year),
                            keep=lambda r: bool(r["events"]))


def _changes_in(model: Model, year: int) -> dict[str, Any]:
    events = [event_dict(model, event) for event in model.events if event.year == year]
    return {"year": year, "events": [event for event in events if event["evidence"]]}


_Q_MEETINGS = """
SELECT ?meeting ?body ?date ?item ?number ?title ?decision ?kind ?text WHERE {
  ?meeting a csa:Meeting ; csa:body ?body .{partnership}
  OPTIONAL { ?meeting dct:date ?date }
  OPTIONAL { ?meeting csa:item ?item . ?item csa:itemNumber ?number ; dct:title ?title .
             OPTIONAL { ?item csa:decision ?decision .
                        ?decision csa:decisionType ?kind ; rdfs:label ?text } }
}"""


def meetings(store: GraphStore) -> list[dict[str, Any]]:
    """Every meeting: body, date, and its items in order, each with its decisions (noted,
    agreed, resolved) and evidence; on a ``Scoped`` store, that partnership's meetings only
    (filtered in the query)."""
    mine = ""
    if isinstance(store, Scoped):
        mine = f" ?meeting csa:partnership <{match(store.scoped_base, store.partnership).iri}> ."
    rows = store.select(_Q_MEETINGS.replace("{partnership}", mine))
    evidence = first_evidence(store, [str(row[key]) for row in rows
                                      for key in ("meeting", "item", "decision") if row.get(key)])
    found: dict[str, dict[str, Any]] = {}
    for row in rows:
        meeting = found.setdefault(str(row["meeting"]), {
            "body": str(row["body"]), "date": str(row["date"]) if row.get("date") else None,
            "evidence": evidence.get(str(row["meeting"])), "items": {}})
        if not row.get("item"):
            continue
        item = meeting["items"].setdefault(str(row["item"]), {
            "number": str(row["number"]), "title": str(row["title"]),
            "evidence": evidence.get(str(row["item"])), "decisions": []})
        if row.get("decision") and all(d["text"] != str(row["text"]) for d in item["decisions"]):
            item["decisions"].append({"type": str(row["kind"]), "text": str(row["text"]),
                                      "evidence": evidence.get(str(row["decision"]))})
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


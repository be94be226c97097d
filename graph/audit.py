"""The evidence audit: does every claim's quote name what the claim states?

Four kinds of claim are checked against their quotes (``prov:wasDerivedFrom`` ... ``oa:exact``):

* priority and theme memberships: a quote names the concept's label (or one of its acronyms);
* leads: one quote names both the priority and the post, or, for a lead line under the
  priority's heading ("Priority: X" ... "Lead: Y"), two quotes on one page of one file name them
  between them: one the priority, the other the post;
* plan links: a quote names the plan: its title, where a period ("2022-2025") and the word
  "the" may be left out (one plan is cited as "Vision for Wessex 2020-2025" and as "the Vision
  for Wessex");
* lineage events: a narrated event has one quote naming every label it changes from and to (a
  back-reference, "The above theme was retitled ...", is quoted from the sentence it refers to);
  an event inferred by aligning versions must say so (``csa:inferred true``, ``csa:between`` two
  versions), and has a quote naming each old and each new label.

A label is named when its words appear in the quote in order (case, accents, "&"/"and" and
punctuation folded), or one of its acronyms appears as a word.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from partnership_kg.graph.base import GraphStore
from partnership_kg.graph.names import normalise

NARRATIVE = "narrative"


@dataclass(frozen=True)
class Problem:
    kind: str  # "membership", "lead", "plan link", "lineage"
    claim: str  # the claim node's IRI
    statement: str  # what the claim says, in words
    reason: str


@dataclass
class AuditReport:
    checked: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        failed = Counter(problem.kind for problem in self.problems)
        return "; ".join(f"{kind}: {count - failed[kind]}/{count} proven"
                         for kind, count in sorted(self.checked.items()))


def names(quote: str, label: str, acronyms: tuple[str, ...] = ()) -> bool:
    """Does ``quote`` name ``label`` (or one of its ``acronyms``)?"""
    folded = f" {normalise(quote)} "
    if f" {normalise(label)} " in folded:
        return True
    return any(re.search(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", quote)
               for acronym in acronyms)


_PERIOD = re.compile(r"\b(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?\b")


def names_plan(quote: str, title: str) -> bool:
    """Does ``quote`` name the plan ``title`` (its period and "the" aside)?"""
    def words(text: str) -> str:
        kept = [w for w in normalise(_PERIOD.sub(" ", text)).split() if w != "the"]
        return f" {' '.join(kept)} "
    return bool(words(title).strip()) and words(title) in words(quote)


_QUOTES = """
  ?claim prov:wasDerivedFrom ?target .
  ?target oa:hasSelector/oa:refinedBy/oa:exact ?quote ; csa:sourceFile ?source ;
          oa:hasSelector/rdf:value ?page .
"""


def _labels(store: GraphStore) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Concept or post IRI -> (preferred label, acronyms and other labels)."""
    rows = store.select("""SELECT ?node ?label ?alt WHERE {
        { ?node skos:prefLabel ?label } UNION { ?node a org:Post ; rdfs:label ?label }
        OPTIONAL { ?node skos:altLabel ?alt } }""")
    found: dict[str, tuple[str, set[str]]] = {}
    for row in rows:
        label, alts = found.setdefault(str(row["node"]), (str(row["label"]), set()))
        if row["alt"]:
            alts.add(str(row["alt"]))
    return {node: (label, tuple(sorted(alts))) for node, (label, alts) in found.items()}


def _quotes(store: GraphStore, where: str) -> dict[str, list[str]]:
    return {claim: [quote for quote, _ in found] for claim, found in _placed(store, where).items()}


def _placed(store: GraphStore, where: str) -> dict[str, list[tuple[str, str]]]:
    """claim -> (quote, "file|page") for each of its quotes."""
    quotes: dict[str, list[tuple[str, str]]] = {}
    for row in store.select(f"SELECT ?claim ?quote ?source ?page WHERE {{ {where} {_QUOTES} }}"):
        quotes.setdefault(str(row["claim"]), []).append(
            (str(row["quote"]), f"{row['source']}|{row['page']}"))
    return quotes


def audit(store: GraphStore) -> AuditReport:
    report = AuditReport()
    labels = _labels(store)
    _audit_memberships(store, labels, report)
    _audit_leads(store, labels, report)
    _audit_plan_links(store, labels, report)
    _audit_lineage(store, labels, report)
    return report


def _audit_memberships(store: GraphStore, labels: dict, report: AuditReport) -> None:
    quotes = _quotes(store, "?claim skos:inScheme ?scheme .")
    for claim, found in quotes.items():
        label, acronyms = labels[claim]
        report.checked["membership"] += 1
        if not any(names(quote, label, acronyms) for quote in found):
            report.problems.append(Problem("membership", claim, label,
                                           f"no quote names it: {found[0]!r}"))


def _audit_leads(store: GraphStore, labels: dict, report: AuditReport) -> None:
    rows = store.select("""SELECT ?claim ?priority ?post WHERE {
        ?claim rdf:predicate csa:leadPost ; rdf:subject ?priority ; rdf:object ?post }""")
    quotes = _placed(store, "?claim rdf:predicate csa:leadPost .")
    for row in rows:
        claim = str(row["claim"])
        priority, priority_acronyms = labels[str(row["priority"])]
        post, _ = labels[str(row["post"])]
        report.checked["lead"] += 1
        found = quotes.get(claim, [])
        if not lead_proven(found, (priority, priority_acronyms), post):
            report.problems.append(Problem(
                "lead", claim, f"{post} leads {priority}",
                f"no quote names both: {(found or [('(none)', '')])[0][0]!r}"))


def lead_proven(quotes: list[tuple[str, str]], priority: tuple[str, tuple[str, ...]],
                post: str) -> bool:
    """One quote names both; or two quotes at one place ("file|page"), one naming the
    priority (its heading) and the other the post (the lead line under it)."""
    if any(names(quote, *priority) and names(quote, post) for quote, _ in quotes):
        return True
    heads = {place for quote, place in quotes if names(quote, *priority)}
    return any(place in heads and names(quote, post) for quote, place in quotes)


def _audit_plan_links(store: GraphStore, labels: dict, report: AuditReport) -> None:
    rows = store.select("""SELECT ?claim ?title WHERE {
        ?claim rdf:predicate csa:linksToPlan ; rdf:object ?plan . ?plan dct:title ?title }""")
    quotes = _quotes(store, "?claim rdf:predicate csa:linksToPlan .")
    for row in rows:
        claim, title = str(row["claim"]), str(row["title"])
        report.checked["plan link"] += 1
        if not any(names_plan(quote, title) for quote in quotes.get(claim, [])):
            report.problems.append(Problem(
                "plan link", claim, f"links to {title}",
                f"no quote names the plan: {quotes.get(claim, ['(none)'])[0]!r}"))


def _audit_lineage(store: GraphStore, labels: dict, report: AuditReport) -> None:
    rows = store.select("""SELECT ?claim ?type ?how ?end ?concept WHERE {
        ?claim a xkos:ConceptAssociation ; a ?type ; csa:foundBy ?how .
        FILTER(?type != xkos:ConceptAssociation)
        { ?claim xkos:sourceConcept ?concept BIND("from" AS ?end) }
        UNION { ?claim xkos:targetConcept ?concept BIND("to" AS ?end) } }""")
    quotes = _quotes(store, "?claim a xkos:ConceptAssociation .")
    events: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    for row in rows:
        how, ends = events.setdefault(str(row["claim"]), (str(row["how"]), []))
        ends.append((str(row["end"]), str(row["concept"])))
    inferred = {str(row["claim"]) for row in store.select(
        "SELECT ?claim WHERE { ?claim a xkos:ConceptAssociation ; csa:inferred true }")}
    for claim, (how, ends) in events.items():
        report.checked["lineage"] += 1
        found = quotes.get(claim, [])
        statement = " / ".join(f"{end} {labels[concept][0]}" for end, concept in ends)
        named = [[names(quote, *labels[concept]) for _, concept in ends] for quote in found]
        if how == NARRATIVE:
            if not any(all(row) for row in named):
                report.problems.append(Problem(
                    "lineage", claim, statement,
                    f"no quote names every label: {found[0] if found else '(none)'!r}"))
        elif claim not in inferred:
            report.problems.append(Problem("lineage", claim, statement,
                                           f"found by {how} but not marked inferred"))
        elif not all(any(row[index] for row in named) for index in range(len(ends))):
            report.problems.append(Problem("lineage", claim, statement,
                                           "an end of the inferred change has no quote"))

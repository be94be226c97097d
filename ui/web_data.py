"""What the web UI needs from a Workspace, as plain data: labels, agreements, flows, neighbourhoods.

Kept apart from the Gradio layout so it can be read (and tested) without a browser. Queries rely on
the store's default prefixes (``csa:``, ``skos:``, ``xkos:`` ...) declared by the graph store.
"""

from __future__ import annotations

import csv
import html
import io
import re
from typing import Any

import networkx as nx

from partnership_kg.graph import queries
from partnership_kg.ui.charts import first_year, kind_name

CONCEPT_TYPES = ("csa:Priority", "csa:CrossCuttingTheme")

# Every priority/theme concept of every agreement version, with the version's start year and
# period. (No pattern with an unbound predicate: one made this query take minutes.)
CONCEPTS_QUERY = """
SELECT DISTINCT ?concept ?label ?year ?period ?partnership WHERE {
  VALUES ?type { csa:Priority csa:CrossCuttingTheme }
  ?concept a ?type ; skos:prefLabel ?label .
  OPTIONAL { ?concept skos:inScheme ?scheme .
             OPTIONAL { ?scheme csa:startYear ?schemeYear }
             OPTIONAL { ?scheme csa:period ?period }
             OPTIONAL { ?scheme csa:partnership/skos:prefLabel ?partnership } }
  OPTIONAL { ?concept csa:startYear ?conceptYear }
  OPTIONAL { ?change xkos:targetConcept ?concept ; csa:effectiveYear ?changeYear }
  BIND(COALESCE(?conceptYear, ?schemeYear, ?changeYear) AS ?year)
}
"""

# Typed change events (xkos:ConceptAssociation) and same-concept continuations between versions.
CHANGES_QUERY = """
SELECT DISTINCT ?source ?target ?kind WHERE {
  {
    ?change a xkos:ConceptAssociation ; xkos:sourceConcept ?source ; xkos:targetConcept ?target .
    OPTIONAL { ?change a ?kind . FILTER(?kind != xkos:ConceptAssociation) }
  } UNION {
    ?target dct:replaces ?source .
    ?target a ?t1 . ?source a ?t2 .
    VALUES ?t1 { csa:Priority csa:CrossCuttingTheme }
    VALUES ?t2 { csa:Priority csa:CrossCuttingTheme }
  } UNION {
    ?target skos:exactMatch ?source .
  }
}
"""

KIND_NAMES = {"Introduction": "introduced", "Rename": "renamed", "Expansion": "expanded",
              "Merge": "merged", "Split": "split", "Retirement": "retired"}

SPARQL_EXAMPLES: list[tuple[str, str]] = [
    ("Priorities in each agreement version", """SELECT DISTINCT ?year ?label WHERE {
  ?priority a csa:Priority ; skos:prefLabel ?label ; skos:inScheme ?scheme .
  ?scheme csa:startYear ?year .
} ORDER BY ?year ?label LIMIT 500"""),
    ("Change events with their evidence", """SELECT ?year ?change ?fromLabel ?toLabel ?quote WHERE {
  ?event a xkos:ConceptAssociation , ?kind ;
          xkos:targetConcept ?to .
  FILTER(?kind != xkos:ConceptAssociation)
  BIND(STRAFTER(STR(?kind), "#") AS ?change)
  ?to skos:prefLabel ?toLabel .
  OPTIONAL { ?event xkos:sourceConcept/skos:prefLabel ?fromLabel }
  OPTIONAL { ?event csa:effectiveYear ?year }
  OPTIONAL { ?event prov:wasDerivedFrom/oa:hasSelector/oa:refinedBy/oa:exact ?quote }
} ORDER BY ?year LIMIT 200"""),
    ("Who leads what", """SELECT DISTINCT ?year ?priority ?post WHERE {
  ?concept skos:prefLabel ?priority ; csa:leadPost ?p .
  ?p skos:prefLabel|rdfs:label ?post .
  OPTIONAL { ?concept skos:inScheme/csa:startYear ?year }
} ORDER BY ?year ?priority LIMIT 500"""),
    ("Legislation referenced", """SELECT DISTINCT ?act ?title WHERE {
  ?act a eli:LegalResource ; dct:title|rdfs:label ?title .
} ORDER BY ?title LIMIT 200"""),
    ("Partnerships with a priority on a topic", """
SELECT DISTINCT ?partnership ?label ?period WHERE {
  ?m a csa:TopicMapping ; csa:topic ?topic ; csa:concept ?c ; csa:lowConfidence false .
  ?topic skos:prefLabel "Domestic abuse"@en .
  ?c skos:prefLabel ?label ; skos:inScheme ?scheme .
  ?scheme csa:period ?period ; csa:partnership/skos:prefLabel ?partnership .
} ORDER BY ?partnership ?period"""),
    ("Topic mappings with method and confidence", """
SELECT ?label ?topicLabel ?method ?confidence ?low WHERE {
  ?m a csa:TopicMapping ; csa:concept/skos:prefLabel ?label ;
     csa:topic/skos:prefLabel ?topicLabel ; csa:method ?method ;
     csa:confidence ?confidence ; csa:lowConfidence ?low .
} ORDER BY ?label LIMIT 500"""),
    ("Documents (named graphs) and triple counts", """SELECT ?graph (COUNT(*) AS ?triples)
WHERE { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph ORDER BY DESC(?triples)"""),
]


def _safe_select(workspace: Any, query: str) -> list[dict[str, Any]]:
    """Rows of a built-in query; an empty list where the graph lacks what it asks for."""
    try:
        return list(workspace.sparql(query))
    except Exception:  # noqa: BLE001 - a built-in view must not take the page down
        return []


def concept_labels(workspace: Any) -> list[str]:
    """Priority and theme labels in the graph, for pickers and example questions."""
    return queries.concept_labels(workspace.graph)


def example_questions(priorities: list[dict[str, Any]], years: list[int]) -> list[str]:
    """Generic questions filled in from the store's own priorities (label, leads) and years, each
    one the store can answer: "who leads" asks about a priority that has a lead."""
    labels = [priority["label"] for priority in priorities]
    led = [priority["label"] for priority in priorities if priority.get("leads")]
    questions: list[str] = []
    if labels:
        questions.append(f"How has {labels[0]} changed over time?")
    if led:
        questions.append(f"Who leads {led[len(led) // 2]}?")
    if years:
        questions.append(f"What were the priorities in {years[-1]}?")
    if len(labels) > 1:
        questions.append(f"Which plans are linked to {labels[-1]}?")
    if len(years) > 1:
        questions.append(f"What changed between {years[0]} and {years[-1]}?")
    return questions or ["What are the current priorities?"]


def agreements(workspace: Any, partnership: str | None = None) -> list[dict[str, Any]]:
    """Agreement versions in the store (of one partnership where named), oldest first, each
    with the key ``diff`` takes and a name for pickers: one per version, however many files
    state it (a standalone agreement and its copy in a meeting pack are one)."""
    # Versions carry their partnership's IRI; the picker names it by its label.
    iris = {p.iri for p in queries.partnerships(workspace.graph) if p.label == partnership}
    return [version for version in queries.agreement_versions(workspace.graph)
            if partnership is None or version.get("partnership") in iris]


def partnership_flows(workspace: Any, partnership: str | None = None
                      ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Concepts (id, label, year) and changes (source, target, type) of the whole partnership
    (of the one named, where the store holds several)."""
    concepts: dict[str, dict[str, Any]] = {}
    for row in _safe_select(workspace, CONCEPTS_QUERY):
        if partnership is not None and str(row.get("partnership")) != partnership:
            continue
        concept = str(row["concept"])
        year = first_year(row.get("year"))
        known = concepts.get(concept)
        if known is None or (known["year"] is None and year is not None):
            concepts[concept] = {"id": concept, "label": str(row["label"]), "year": year,
                                 "period": str(row["period"]) if row.get("period") else None}
    changes: list[dict[str, Any]] = []
    for row in _safe_select(workspace, CHANGES_QUERY):
        kind = str(row.get("kind") or "")
        name = KIND_NAMES.get(kind.rsplit("#", 1)[-1].rsplit("/", 1)[-1], "continued")
        source, target = str(row["source"]), str(row["target"])
        if partnership is not None and not (source in concepts and target in concepts):
            continue
        # exactMatch carries no direction: point the flow forwards in time.
        years = (concepts.get(source, {}).get("year"), concepts.get(target, {}).get("year"))
        if None not in years and years[0] > years[1]:  # type: ignore[operator]
            source, target = target, source
        changes.append({"source": source, "target": target, "type": name})
    return list(concepts.values()), changes


# -- Explore: neighbourhoods in the networkx projection ------------------------------------------

# Kinds a user starts from, in the order the picker lists them (friendly names, see charts).
EXPLORE_KINDS = ("priority", "theme", "agreement", "document", "agreement version", "plan", "act",
                 "post", "organisation", "meeting")


NODE_PARTNERSHIPS_QUERY = """
SELECT DISTINCT ?node ?label WHERE {
  { ?node csa:partnership ?p } UNION { ?node skos:inScheme/csa:partnership ?p }
  ?p skos:prefLabel ?label }"""


def node_partnerships(workspace: Any) -> dict[str, str]:
    """Node -> the name of the partnership it belongs to (parts, versions, their concepts,
    meetings, lineage events); nodes of no partnership are absent."""
    return {str(row["node"]): str(row["label"])
            for row in _safe_select(workspace, NODE_PARTNERSHIPS_QUERY)}


def node_choices(graph: nx.MultiDiGraph) -> list[tuple[str, str]]:
    """(display name, node id) of the nodes worth starting from, grouped by kind."""
    choices = []
    for node, data in graph.nodes(data=True):
        kind = kind_name(data.get("type"))
        if kind in EXPLORE_KINDS and data.get("label"):
            known = node_year(graph, node)
            year = f" {known}" if known else ""
            choices.append((EXPLORE_KINDS.index(kind), str(data["label"]).lower(),
                            known or 0, f"{data['label']} · {kind}{year}", str(node)))
    choices.sort()
    return [(name, node) for *_, name, node in choices]


def node_year(graph: nx.MultiDiGraph, node: str) -> int | None:
    """A node's year, or that of the agreement version it belongs to (a priority concept has
    none of its own: its scheme has)."""
    year = graph.nodes[node].get("year")
    if year:
        return int(year)
    for _, scheme, data in graph.out_edges(node, data=True):
        if str(data.get("label")) == "inScheme" and graph.nodes[scheme].get("year"):
            return int(graph.nodes[scheme]["year"])
    return None


def node_sources(data: dict[str, Any]) -> list[str]:
    """The source files of a projected node (a comma-joined string, or a list)."""
    sources = data.get("sources") or []
    if isinstance(sources, str):
        sources = [s.strip() for s in sources.split(",")]
    return [s for s in sources if s]


def neighbourhood(graph: nx.MultiDiGraph, centre: str, limit: int = 25) -> nx.MultiDiGraph:
    """The centre, its direct neighbours (most connected first, at most ``limit``) and the
    edges among them."""
    if centre not in graph:
        return nx.MultiDiGraph()
    neighbours = set(graph.successors(centre)) | set(graph.predecessors(centre))
    neighbours.discard(centre)
    kept = sorted(neighbours, key=lambda n: (-graph.degree(n), str(n)))[:limit]
    return graph.subgraph([centre, *kept]).copy()


def neighbour_count(graph: nx.MultiDiGraph, centre: str) -> int:
    if centre not in graph:
        return 0
    return len((set(graph.successors(centre)) | set(graph.predecessors(centre))) - {centre})


# How a link reads from the centre to a neighbour: (centre → neighbour, neighbour → centre).
# "Road Safety · priority in · Agreement 2014-17"; "Agreement 2014-17 · has priority · Road Safety".
LINK_WORDS: dict[str, tuple[str, str]] = {
    "inScheme": ("priority in", "has priority"),
    "hasTopConcept": ("has priority", "priority in"),
    "topConceptOf": ("priority in", "has priority"),
    "leadPost": ("led by", "lead of"),
    "postIn": ("post in", "has post"),
    "narratedBy": ("narrated by", "narrates"),
    "linksToPlan": ("links to plan", "plan of"),
    "lead": ("lead", "lead of"),
    "post": ("post", "post of"),
    "priority": ("about priority", "about it"),
    "responsibleAuthority": ("responsible authority", "responsible authority of"),
    "partOfFile": ("part of file", "file of"),
    "sameAs": ("same as", "same as"),
    "between": ("between", "between"),
    "references": ("refers to", "referred to by"),
    "partnership": ("of partnership", "partnership of"),
    "replaces": ("replaces", "replaced by"),
    "isReplacedBy": ("replaced by", "replaces"),
    "isVersionOf": ("version of", "has version"),
    "hasPart": ("has part", "part of"),
    "isPartOf": ("part of", "has part"),
    "sourceConcept": ("change from", "changed in"),
    "targetConcept": ("change to", "result of"),
    "exactMatch": ("same as", "same as"),
    "broadMatch": ("part of the broader", "broader than"),
    "narrowMatch": ("broader than", "part of the broader"),
    "wasDerivedFrom": ("evidenced by", "evidence for"),
    "wasRevisionOf": ("revision of", "revised by"),
}


def link_words(predicate: str, outgoing: bool) -> str:
    """A link's name in words; one not listed is split at its capitals ("hasTopic" -> "has
    topic"), with "(reverse)" where it points from the neighbour to the centre."""
    if predicate in LINK_WORDS:
        return LINK_WORDS[predicate][0 if outgoing else 1]
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", predicate).replace("_", " ").lower()
    return words if outgoing else f"{words} (reverse)"


def neighbour_rows(graph: nx.MultiDiGraph, centre: str,
                   whole: nx.MultiDiGraph | None = None) -> list[tuple[str, list[str]]]:
    """(node id, [label, kind, year, link]) for each neighbour of the centre; the link reads
    from the centre to the neighbour, in words. Years are looked up in ``whole`` where given (a
    priority's year is its version's, which a trimmed neighbourhood may leave out)."""
    rows = []
    for node in graph.nodes:
        if node == centre:
            continue
        relations = [link_words(_edge_name(d, k), True)
                     for _, _, k, d in _edges_between(graph, centre, node)]
        relations += [link_words(_edge_name(d, k), False)
                      for _, _, k, d in _edges_between(graph, node, centre)]
        data = graph.nodes[node]
        rows.append((str(node), [str(data.get("label") or node), kind_name(data.get("type")),
                                 str(node_year(whole if whole is not None else graph, node)
                                     or ""),
                                 ", ".join(dict.fromkeys(relations))]))
    rows.sort(key=lambda r: (r[1][1], r[1][0].lower()))
    return rows


def _edges_between(graph: nx.MultiDiGraph, a: str, b: str) -> list[tuple[str, str, Any, dict]]:
    data = graph.get_edge_data(a, b) or {}
    return [(a, b, key, attrs) for key, attrs in data.items()]


def _edge_name(data: dict[str, Any], key: Any) -> str:
    name = str(data.get("label") or data.get("predicate") or data.get("relation") or key)
    return re.split(r"[#/:]", name)[-1]


# -- formatting ---------------------------------------------------------------------------------

def citation_name(number: int, citation: dict[str, Any]) -> str:
    """A citation as a reader names it: its document's title first, then file and page."""
    title = str(citation.get("title") or "").strip()
    source = str(citation.get("source") or "")
    page = citation.get("page")
    where = f"{source}, page {page}" if page is not None else source
    return f"{number}. {title} ({where})" if title else f"{number}. {where}"


def quote_markdown(evidence: dict[str, Any] | None) -> str:
    """A citation as markdown: the document's title in bold, then its file and page, then the
    verbatim quote highlighted."""
    if not evidence:
        return ""
    page = evidence.get("page")
    source = html.escape(str(evidence.get("source", "")))
    title = html.escape(str(evidence.get("title") or "").strip())
    where = f"**{title}** · {source}" if title else f"**{source}**"
    where += f", page {page}" if page is not None else ", page not marked"
    quote = html.escape(" ".join(str(evidence.get("quote", "")).split()))
    return f"{where}\n\n> <mark>{quote}</mark>"


def _quote_pattern(quote: str) -> re.Pattern[str] | None:
    """The quote as a pattern that allows any white space (and line breaks) between words."""
    words = quote.split()
    return re.compile(r"\s+".join(re.escape(word) for word in words)) if words else None


def source_page_html(documents: dict[str, Any], citation: dict[str, Any]) -> str:
    """The cited page's full text with the quote highlighted (``<mark id="pkg-quote">``); the
    page holding the quote where the citation names none."""
    document = documents.get(str(citation.get("source")))
    if document is None:
        source = html.escape(str(citation.get("source")))
        return f"<p>The document {source} is not in the store.</p>"
    pattern = _quote_pattern(str(citation.get("quote") or ""))
    pages = list(document.pages)
    wanted = citation.get("page")
    page = next((p for p in pages if wanted is not None and p.number == wanted), None)
    if page is None and pattern is not None:
        page = next((p for p in pages if pattern.search(p.text)), None)
    if page is None:
        return "<p>The cited page could not be found in the stored text.</p>"
    text = page.text
    match = pattern.search(text) if pattern is not None else None
    if match is None:
        body = html.escape(text)
        note = "<p><em>The quote spans pages or was cleaned of page furniture; it is not " \
               "highlighted here.</em></p>"
    else:
        body = (html.escape(text[:match.start()]) + '<mark id="pkg-quote">'
                + html.escape(match.group(0)) + "</mark>" + html.escape(text[match.end():]))
        note = ""
    title = html.escape(str(citation.get("title") or document.source))
    where = f"{html.escape(document.source)}, page {page.number}" if page.number is not None \
        else html.escape(document.source)
    return (f"<h3>{title}</h3><p class='pkg-note'>{where}</p>{note}"
            f"<div class='pkg-page'>{body}</div>")


def answer_markdown(result: dict[str, Any]) -> str:
    method = {"graph": "from the knowledge graph",
              "passages": "read from retrieved passages"}.get(str(result.get("method")),
                                                             str(result.get("method")))
    lines = [f"### Answer\n\n{html.escape(str(result.get('answer', '')))}",
             f"*Method: {method}*"]
    citations = result.get("citations") or []
    if citations:
        lines.append(f"### Sources ({len(citations)})")
        lines += [f"{i}. {quote_markdown(c)}".replace("\n\n>", "\n\n   >")
                  for i, c in enumerate(citations, 1)]
    else:
        lines.append("*No citation: treat this answer with care.*")
    return "\n\n".join(lines)


def rows_to_csv(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()

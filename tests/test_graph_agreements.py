"""Agreement extraction against hand-written gold tables, evidence, rules and SHACL."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

from partnership_kg.graph import leads, names
from partnership_kg.graph.agreement_reading import read_part
from partnership_kg.graph.build import build_graph
from partnership_kg.graph.context import squash
from partnership_kg.graph.validate import validate
from partnership_kg.graph.vocab import CSA, ORG, PROV, RDF, SKOS, XKOS, mint
from partnership_kg.ingest import discover, extract
from partnership_kg.ingest.model import Block, Document, Page, Part

ROOT = Path(__file__).resolve().parent.parent
GOLD = json.loads((ROOT / "tests" / "gold" / "agreements.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return [extract(path) for path in sorted(discover([ROOT / "corpus"]))]


@pytest.fixture(scope="module")
def dataset(documents: list[Document]) -> Dataset:
    return build_graph(documents)


def _rows(dataset: Dataset, query: str) -> list[tuple[str, ...]]:
    return [tuple("" if value is None else str(value) for value in row)
            for row in dataset.query(query)]


def _score(name: str, gold: set, found: set) -> None:
    hits = len(gold & found)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(gold) if gold else 1.0
    print(f"{name}: precision {precision:.2f} recall {recall:.2f} ({hits}/{len(gold)} gold, "
          f"{len(found)} found); missing {sorted(gold - found)}; extra {sorted(found - gold)}")


def _key(*labels: str | None) -> tuple[str, ...]:
    return tuple(names.normalise(label or "") for label in labels)


# -- gold tables ------------------------------------------------------------------------------

CONCEPTS = """
SELECT ?year ?kind ?label ?alt WHERE {
  ?c a ?kind ; skos:prefLabel ?label ; skos:inScheme ?s .
  ?s a skos:ConceptScheme ; csa:startYear ?year ; dct:source ?part .
  ?part a csa:DocumentPart .
  VALUES ?kind { csa:Priority csa:CrossCuttingTheme }
  OPTIONAL { ?c skos:altLabel ?alt }
}"""


@pytest.mark.parametrize("table,kind", [("priorities", CSA.Priority),
                                         ("themes", CSA.CrossCuttingTheme)])
def test_priorities_and_themes_per_version(dataset: Dataset, table: str, kind: URIRef) -> None:
    found: dict[str, set] = {}
    for year, row_kind, label, _ in _rows(dataset, CONCEPTS):
        if row_kind == str(kind):
            found.setdefault(year, set()).add(_key(label))
    for year, labels in GOLD[table].items():
        gold = {_key(label) for label in labels}
        _score(f"{table} {year}", gold, found.get(year, set()))
        assert found.get(year, set()) == gold, year
    assert set(found) <= set(GOLD[table]), "a version that is not in the gold tables"


def test_acronyms_and_spelling_variants_are_alt_labels(dataset: Dataset) -> None:
    alts: dict[tuple[str, str], set[str]] = {}
    for year, _, label, alt in _rows(dataset, CONCEPTS):
        alts.setdefault((year, names.normalise(label)), set()).add(alt)
    for year, wanted in GOLD["alt_labels"].items():
        for label, expected in wanted.items():
            assert set(expected) <= alts[(year, names.normalise(label))], (year, label)


LEADS = """
SELECT ?year ?priority ?post ?organisation ?person WHERE {
  ?c a csa:Priority ; skos:prefLabel ?priority ; skos:inScheme/csa:startYear ?year ;
     csa:lead ?lead ; csa:leadPost ?p .
  ?lead csa:post ?p .
  ?p a org:Post ; skos:prefLabel ?post ; org:postIn ?o .
  OPTIONAL { ?o skos:prefLabel ?organisation
             FILTER(?o != <https://w3id.org/partnership-kg/id/org/not-stated>) }
  OPTIONAL { ?lead csa:personName ?person }
}"""


def test_leads_per_version(dataset: Dataset) -> None:
    rows = _rows(dataset, LEADS)
    for year, gold_rows in GOLD["leads"].items():
        gold = {_key(*row) for row in gold_rows}
        found = {_key(priority, post, organisation)
                 for row_year, priority, post, organisation, _ in rows if row_year == year}
        # Priorities may be written differently in the gold table ("Anti-social" / "Women &"):
        # compare through the concept's own labels.
        found = {_gold_spelling(key, gold) for key in found}
        _score(f"leads {year}", gold, found)
        assert found == gold, year


def _gold_spelling(key: tuple[str, ...], gold: set[tuple[str, ...]]) -> tuple[str, ...]:
    for candidate in gold:
        if candidate[1:] == key[1:] and (candidate[0] == key[0] or
                                         set(candidate[0].split()) <= set(key[0].split()) or
                                         set(key[0].split()) <= set(candidate[0].split())):
            return candidate
    return key


def test_people_named_with_leads(dataset: Dataset) -> None:
    rows = _rows(dataset, LEADS)
    for year, gold_rows in GOLD["lead_people"].items():
        if year.startswith("_"):
            continue
        gold = {_key(*row) for row in gold_rows}
        found = {_key(priority, person) for row_year, priority, _, _, person in rows
                 if row_year == year and person}
        _score(f"lead people {year}", gold, found)
        # Several sit in table cells the PDF text broke mid-word: recall is partial, and
        # exactly which are not read yet is pinned, so a gain or a loss both show.
        unread = {_key(*row) for row in GOLD["lead_people"]["_unread"].get(year, [])}
        assert found - gold == set(), year
        assert gold - found == unread, year


PLANS = """
SELECT ?year ?title WHERE {
  ?s a skos:ConceptScheme ; csa:startYear ?year ; csa:linksToPlan ?plan .
  ?plan a csa:Plan ; dct:title ?title .
}"""


def test_plans_per_version(dataset: Dataset) -> None:
    rows = _rows(dataset, PLANS)
    for year, titles in GOLD["plans"].items():
        gold = {_key(title) for title in titles}
        found = {_key(title) for row_year, title in rows if row_year == year}
        _score(f"plans {year}", gold, found)
        assert found == gold, year


def test_plan_periods_come_from_titles(dataset: Dataset) -> None:
    rows = _rows(dataset, """SELECT ?title ?start ?end WHERE { ?p a csa:Plan ; dct:title ?title ;
        dct:temporal ?t . ?t dcat:startDate ?start . OPTIONAL { ?t dcat:endDate ?end } }""")
    periods = {title: (int(start), int(end) if end else None) for title, start, end in rows}
    for title, (start, end) in GOLD["plan_periods"].items():
        assert periods[title] == (start, end), title


def test_plans_tied_to_priorities(dataset: Dataset) -> None:
    rows = _rows(dataset, """SELECT ?year ?label ?title WHERE {
        ?c a csa:Priority ; skos:prefLabel ?label ; skos:inScheme/csa:startYear ?year ;
           csa:linksToPlan/dct:title ?title }""")
    for year, pairs in GOLD["priority_plans"].items():
        if year.startswith("_"):
            continue
        gold = {_key(*pair) for pair in pairs}
        found = {_key(label, title) for row_year, label, title in rows if row_year == year}
        _score(f"priority plans {year}", gold, found)
        assert found == gold, year
    assert {row[0] for row in rows} == {year for year in GOLD["priority_plans"]
                                        if not year.startswith("_")}


def test_scope_lines_become_includes(dataset: Dataset) -> None:
    rows = _rows(dataset, """SELECT ?year ?label ?item WHERE { ?c skos:prefLabel ?label ;
        skos:inScheme/csa:startYear ?year ; csa:includes ?item }""")
    found: dict[tuple[str, str], set[str]] = {}
    for row_year, label, item in rows:
        found.setdefault((row_year, label), set()).add(item)
    gold = {(year, label): set(items) for year, scopes in GOLD["scope"].items()
            if not year.startswith("_") for label, items in scopes.items()}
    assert found == gold


def test_versions_replace_each_other_in_order(dataset: Dataset) -> None:
    pairs = _rows(dataset, """SELECT ?new ?old WHERE { ?n a skos:ConceptScheme ;
        csa:startYear ?new ; dct:replaces ?o . ?o a skos:ConceptScheme ; csa:startYear ?old }""")
    assert set(pairs) == {tuple(pair) for pair in GOLD["replaces"]}


# -- evidence ---------------------------------------------------------------------------------

def test_every_quote_is_verbatim_source_text(dataset: Dataset,
                                              documents: list[Document]) -> None:
    texts = {document.source: squash(" ".join(part.text for part in document.parts))
             for document in documents}
    rows = _rows(dataset, """SELECT ?source ?quote WHERE { ?target csa:sourceFile ?source ;
        oa:hasSelector/oa:refinedBy/oa:exact ?quote }""")
    assert len(rows) > 200
    missing = [(source, quote[:80]) for source, quote in rows
               if squash(quote) not in texts[source]]
    assert not missing


def test_every_agreement_claim_has_evidence(dataset: Dataset) -> None:
    for kind in (CSA.Priority, CSA.CrossCuttingTheme, CSA.Lead, ORG.Post, CSA.Plan):
        for node in set(dataset.subjects(RDF.type, kind)):
            assert (node, PROV.wasDerivedFrom, None) in dataset, node
    for statement in set(dataset.subjects(RDF.type, RDF.Statement)):
        assert (statement, PROV.wasDerivedFrom, None) in dataset, statement


def test_built_graph_conforms_to_the_shapes(dataset: Dataset) -> None:
    conforms, report = validate(dataset)
    assert conforms, report


def test_shapes_catch_violations() -> None:
    bad = Dataset()
    graph = bad.graph(URIRef("urn:g"))
    split, post = mint("test", "split"), mint("test", "post")
    graph.add((split, RDF.type, XKOS.ConceptAssociation))
    graph.add((split, RDF.type, CSA.Split))
    graph.add((split, XKOS.sourceConcept, mint("test", "a")))
    graph.add((split, XKOS.targetConcept, mint("test", "b")))
    graph.add((post, RDF.type, ORG.Post))
    graph.add((mint("test", "p"), RDF.type, CSA.Priority))
    conforms, report = validate(bad)
    assert not conforms
    for message in ("needs evidence", "two or more target", "in an organisation",
                    "one preferred label", "belongs to an agreement version"):
        assert message in report


# -- rules on renamed text (no corpus facts in the code) --------------------------------------

def _part(blocks: list[Block], kind: str = "agreement", period: str | None = "2030-33") -> Part:
    return Part(0, kind, "Wessex Agreement", None, period, 1, 2, blocks)


def _document(part: Part) -> Document:
    return Document("wessex.txt", "/tmp/wessex.txt", "0" * 64, "text",
                    [Page(1, part.text)], [part])


def test_rules_on_a_renamed_agreement() -> None:
    blocks = [
        Block("paragraph", "The priorities for Wessex are: Goblin Raids; Anti-Social Behaviour "
              "(ASB); and Dragon Safety.", 1),
        Block("paragraph", "As such the following themes will be included: Early help; "
              "and Supporting Victims.", 1),
        Block("table", "Priority\tLead\nGoblin Raids\tChair of Wessex Goblin Strategy Group\n"
              "Dragon Safety\tHead of Fire, Wessex Fire and Rescue Service", 2,
              rows=[["Priority", "Lead"],
                    ["Goblin Raids", "Chair of Wessex Goblin Strategy Group"],
                    ["Dragon Safety", "Head of Fire, Wessex Fire and Rescue Service"]]),
        Block("heading", "8. Links to Plans", 2, number="8.", level=1),
        Block("list_item", "Wessex Dragon Strategy 2030-2033", 2),
        Block("heading", "Dragon Safety", 2, level=2),
        Block("paragraph", "Partners follow the Wessex Dragon Strategy 2030/33 closely.", 2),
    ]
    dataset = build_graph([_document(_part(blocks))])
    labels = {str(label) for label in dataset.objects(None, SKOS.prefLabel)}
    assert {"Goblin Raids", "Anti-Social Behaviour", "Dragon Safety", "Early help",
            "Supporting Victims"} <= labels
    concept = names.concept_iri("2030-33", "Anti-Social Behaviour")
    assert (concept, SKOS.altLabel, Literal("ASB")) in dataset
    goblin_post = names.post_iri("Chair of Wessex Goblin Strategy Group",
                                 "Wessex Goblin Strategy Group")
    assert (goblin_post, ORG.postIn,
            names.organisation_iri("Wessex Goblin Strategy Group")) in dataset
    dragons = names.concept_iri("2030-33", "Dragon Safety")
    plan = next(dataset.subjects(RDF.type, CSA.Plan))
    assert (dragons, CSA.linksToPlan, plan) in dataset
    assert (dragons, CSA.leadPost, names.post_iri("Head of Fire",
                                                   "Wessex Fire and Rescue Service")) in dataset


def test_a_footnote_in_a_priority_section_links_its_plan() -> None:
    blocks = [
        Block("paragraph", "The priorities for Wessex are: Goblin Raids; and Troll Crime.", 1),
        Block("heading", "8. Links to Plans", 1, number="8.", level=1),
        Block("list_item", "Wessex Goblin Plan 2030-2033", 1),
        Block("heading", "Appendix B: Context", 2, number="Appendix B", level=1),
        Block("heading", "Goblin Raids", 2, level=2),
        Block("paragraph", "Goblins raided 40 farms last year¹⁹ and more this year.", 2),
        Block("heading", "Troll Crime", 2, level=2),
        Block("paragraph", "Trolls took 12 bridges.²⁰", 2),
        Block("heading", "Appendix B References:-", 3, number="Appendix B", level=1),
        Block("list_item", "19) Wessex Goblin Plan 2030-2033", 3),
        Block("list_item", "20) Bridge statistics 2031", 3),
    ]
    dataset = build_graph([_document(_part(blocks))])
    plan = next(dataset.subjects(RDF.type, CSA.Plan))
    linked = set(dataset.subjects(CSA.linksToPlan, plan))
    assert names.concept_iri("2030-33", "Goblin Raids") in linked
    assert names.concept_iri("2030-33", "Troll Crime") not in linked


def test_report_lists_belong_to_the_version_they_name() -> None:
    blocks = [
        Block("paragraph", "2.1 The Agreement outlines the priorities for 2040-43, along "
              "with the cross-cutting themes.", 1),
        Block("heading", "Priorities", 1, level=2),
        Block("list_item", "Troll Crime", 1),
        Block("list_item", "Bridge Safety", 1),
        Block("heading", "Cross Cutting Themes", 1, level=2),
        Block("list_item", "Early intervention, prevention & education", 1),
        Block("paragraph", "The above priorities resulted from the assessments of 2039/40, "
              "which were long and thorough and are not described here at all.", 1),
    ]
    findings = read_part(_part(blocks, kind="report", period=None))
    assert [(m.kind, m.label, m.period) for m in findings.concepts] == [
        ("priority", "Troll Crime", "2040-43"), ("priority", "Bridge Safety", "2040-43"),
        ("theme", "Early intervention, prevention & education", "2040-43")]


def test_someone_elses_priorities_are_not_the_agreements() -> None:
    blocks = [
        Block("paragraph", "The Chief Constable's priorities for the next four years are to:", 1),
        Block("list_item", "Put victims first", 1),
        Block("paragraph", "Making Wessex Safer – Wessex PCC’s Priorities:", 1),
        Block("paragraph", "Tackle goblins", 1),
    ]
    assert read_part(_part(blocks)).concepts == []


@pytest.mark.parametrize("text,posts,person", [
    ("Chair of Wessex & Mercia Goblin Strategy Group",
     [("Chair of Wessex & Mercia Goblin Strategy Group", "Wessex & Mercia Goblin Strategy Group")],
     None),
    ("Head of Safety, Wessex County Council / Chair of Troll Executive Group",
     [("Head of Safety", "Wessex County Council"),
      ("Chair of Troll Executive Group", "Troll Executive Group")], None),
    ("Jo Bloggs (Head of Bridges, Wessex Police)", [("Head of Bridges", "Wessex Police")],
     "Jo Bloggs"),
    ("Head of Bridges, Wessex Police (ACC Smith)", [("Head of Bridges", "Wessex Police")],
     "ACC Smith"),
])
def test_lead_text_to_posts(text: str, posts: list[tuple[str, str]], person: str | None) -> None:
    lead = leads.parse_lead(text)
    assert lead is not None
    assert [(post.label, post.organisation) for post in lead.posts] == posts
    assert lead.person == person
    assert leads.parse_lead("TBC") is None


def test_no_corpus_names_in_the_code() -> None:
    code = " ".join((ROOT / "graph" / name).read_text(encoding="utf-8") for name in (
        "agreements.py", "agreement_reading.py", "labels.py", "leads.py", "plans.py"))
    for word in ("Kent", "Medway", "Maidstone", "Substance Misuse", "Road Safety"):
        assert not re.search(rf"\b{word}\b", code), word

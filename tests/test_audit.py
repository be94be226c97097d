"""The evidence audit: every claim in the graph is checked against its quotes.

The bundled corpus and invented inputs must pass with no problems (run with -s to see the
counts); each audit rule is also tested on a tiny invented graph where it must fail.
"""

from __future__ import annotations

from pathlib import Path

from graph_b_support import built
from rdflib import Dataset, Literal, URIRef

from partnership_kg.graph.audit import audit, lead_proven, names_plan
from partnership_kg.graph.evidence import Evidence, cite
from partnership_kg.graph.lineage import narrate, unchanged_years
from partnership_kg.graph.oxigraph import OxigraphStore
from partnership_kg.graph.vocab import CSA, ORG, RDF, RDFS, SKOS, XKOS, mint

PART = mint("doc", "wessex-txt", 0)


def test_the_bundled_corpus_passes_the_audit() -> None:
    _, store = built()
    report = audit(store)
    print(report.summary())
    assert set(report.checked) == {"membership", "lead", "plan link", "lineage"}
    assert report.problems == []


def _store(tmp_path: Path, build: callable) -> OxigraphStore:
    dataset = Dataset(default_union=True)
    build(dataset.graph(mint("graph", "wessex")))
    return OxigraphStore.create(tmp_path / "graph", dataset)


def _concept(graph: object, key: str, label: str) -> URIRef:
    node = mint("concept", "wessex", key)
    graph.add((node, SKOS.prefLabel, Literal(label)))
    graph.add((node, RDF.type, CSA.Priority))
    return node


def _lead(graph: object, quote: str) -> None:
    priority = _concept(graph, "troll", "Troll Crime")
    _concept(graph, "bridge", "Bridge Safety")
    post = mint("post", "warden")
    graph.add((post, RDF.type, ORG.Post))
    graph.add((post, RDFS.label, Literal("Chief Bridge Warden")))
    claim = mint("statement", "lead")
    graph.add((claim, RDF.predicate, CSA.leadPost))
    graph.add((claim, RDF.subject, priority))
    graph.add((claim, RDF.object, post))
    cite(graph, claim, PART, Evidence("wessex.txt", 3, quote))


def test_a_lead_quoted_with_another_priority_fails(tmp_path: Path) -> None:
    store = _store(tmp_path, lambda g: _lead(g, "Bridge Safety Chief Bridge Warden"))
    report = audit(store)
    assert report.checked["lead"] == 1
    assert [problem.kind for problem in report.problems] == ["lead"]


def test_a_lead_quoted_with_its_own_row_passes(tmp_path: Path) -> None:
    store = _store(tmp_path, lambda g: _lead(g, "Troll Crime Chief Bridge Warden"))
    assert audit(store).problems == []


def test_a_lead_line_counts_with_its_heading_on_the_same_page() -> None:
    priority = ("Troll Crime", ())
    line = ("Lead: A. Smith (Chief Bridge Warden)", "wessex.txt|page=3")
    assert lead_proven([("Priority: Troll Crime", "wessex.txt|page=3"), line], priority,
                       "Chief Bridge Warden")
    assert not lead_proven([("Priority: Troll Crime", "wessex.txt|page=9"), line], priority,
                           "Chief Bridge Warden")
    assert not lead_proven([("Priority: Bridge Safety", "wessex.txt|page=3"), line], priority,
                           "Chief Bridge Warden")


def test_a_plan_is_named_without_its_period() -> None:
    assert names_plan("as set out in the Safer Wessex plan", "Safer Wessex 2030-2033")
    assert names_plan("Ogre Zero The Road Strategy for Wessex",
                      "Ogre Zero – Road Strategy for Wessex")
    assert not names_plan("the Safer Northshire plan", "Safer Wessex 2030-2033")


def _change(graph: object, inferred: bool) -> None:
    old = _concept(graph, "troll", "Troll Crime")
    new = _concept(graph, "troll-ogre", "Troll and Ogre Crime")
    event = mint("change", "wessex", "2033")
    graph.add((event, RDF.type, XKOS.ConceptAssociation))
    graph.add((event, RDF.type, CSA.Expansion))
    graph.add((event, CSA.foundBy, Literal("fuzzy")))
    graph.add((event, XKOS.sourceConcept, old))
    graph.add((event, XKOS.targetConcept, new))
    if inferred:
        graph.add((event, CSA.inferred, Literal(True)))
    cite(graph, event, PART, Evidence("wessex.txt", 2, "Priorities: Troll Crime; Bridge Safety"))
    cite(graph, event, PART, Evidence("wessex.txt", 8, "Troll and Ogre Crime"))


def test_an_inferred_event_without_the_mark_fails(tmp_path: Path) -> None:
    report = audit(_store(tmp_path, lambda g: _change(g, inferred=False)))
    assert [(p.kind, p.reason) for p in report.problems] == [
        ("lineage", "found by fuzzy but not marked inferred")]


def test_an_inferred_event_quoting_each_end_passes(tmp_path: Path) -> None:
    assert audit(_store(tmp_path, lambda g: _change(g, inferred=True))).problems == []


NARRATIVE = (
    "o 2031 – A new cross-cutting theme was added entitled ‘Recovery from the Great Flood’ to "
    "reflect the flood. o 2032 – The above cross-cutting theme was retitled as ‘Recovery from "
    "Significant Events’ to include more than floods. o 2033 – No changes were made to the "
    "priorities or cross-cutting themes."
)


def test_a_back_reference_keeps_the_sentence_it_refers_to() -> None:
    events = narrate(NARRATIVE)
    retitled = next(event for event in events if event.type == "renamed")
    assert retitled.sources == ["Recovery from the Great Flood"]
    assert retitled.antecedent is not None and "Great Flood" in retitled.antecedent
    assert retitled.quote.startswith("The above cross-cutting theme")


def test_years_a_review_changed_nothing() -> None:
    assert unchanged_years(NARRATIVE) == {2033}
    assert unchanged_years("In the review for April 2034 no changes have been identified for "
                           "the priorities.") == {2034}
    assert unchanged_years("o 2035 – No major changes were made but ...") == set()


def test_every_lineage_shows_only_events_whose_quotes_name_their_labels() -> None:
    """``lineage NAME --json`` for every priority and theme: a narrated event has a quote naming
    each label it changes; an inferred one is marked, dated between two versions, and quotes
    each end (a retirement's or introduction's missing end: that version's list)."""
    from partnership_kg.graph import queries
    from partnership_kg.graph.audit import names

    _, store = built()
    labels = {str(row["label"]) for row in store.select(
        "SELECT ?label WHERE { ?c skos:prefLabel ?label ; a ?k . "
        "VALUES ?k { csa:Priority csa:CrossCuttingTheme } }")}
    assert labels
    for label in sorted(labels):
        for event in queries.lineage(store, label)["events"]:
            quotes = [q["quote"] for q in queries.event_quotes(event)]
            if not event["inferred"]:
                assert any(all(names(q, x) for x in event["from"] + event["to"])
                           for q in quotes), (label, event)
                continue
            assert len(event["between"]) == 2 and len(quotes) == 2, (label, event)
            old, new = quotes
            assert all(names(old, x) for x in event["from"]), (label, event)
            assert all(names(new, x) for x in event["to"]), (label, event)


WESSEX_2030 = """Wessex Community Safety Agreement 2030-33

1. Introduction

1.1. This agreement sets out how partners in Wessex will work together to keep the county safe.

2. Priorities

2.1. The priorities for Wessex are: Troll Crime; Bridge Safety; Reducing Re-offending; and
Ogre Disorder.

3. Leads

Priority: Troll Crime

Lead: A. Smith (Chief Bridge Warden, Wessex Council)
"""
WESSEX_2034 = """Wessex Community Safety Agreement 2034-37

1. Introduction

1.1. This agreement sets out how partners in Wessex will work together to keep the county safe.

2. Priorities

2.1. The priorities for Wessex are: Troll and Goblin Crime; Bridge Safety; Reduce
Re-Offending; and Flood Resilience.

3. Changes

3.1. Since the agreement of 2030 the priorities have changed as follows:

o 2031 – A new priority of ‘Goblin Mischief’ was introduced to reflect new concerns.

o 2032 – The above priority was renamed as ‘Goblin Crime’ to include more than mischief.
{unchanged}
o 2034 – No changes were made to the priorities.
"""


def _wessex(tmp_path: Path, unchanged: str) -> OxigraphStore:
    folder = tmp_path / "wessex"
    folder.mkdir()
    (folder / "010_wessex_csa_2030.txt").write_text(WESSEX_2030, encoding="utf-8")
    (folder / "011_wessex_csa_2034.txt").write_text(WESSEX_2034.format(unchanged=unchanged),
                                                    encoding="utf-8")
    return built(str(folder))[1]


def test_an_invented_corpus_passes_and_marks_what_it_infers(tmp_path: Path) -> None:
    """2033 is not narrated: what the versions' lists leave unexplained is inferred, marked,
    dated between the two versions and quoted at each end."""
    from partnership_kg.graph import queries

    store = _wessex(tmp_path, "")
    report = audit(store)
    print(report.summary())
    assert report.problems == [] and report.checked["lead"] == 1
    events = queries.lineage(store, "Ogre Disorder")["events"]
    assert [(e["type"], e["inferred"], e["between"]) for e in events] == [
        ("retired", True, ["2030-33", "2034-37"])]
    assert [q["source"] for q in events[0]["evidence"]] == [
        "010_wessex_csa_2030.txt", "011_wessex_csa_2034.txt"]
    renamed = next(e for e in queries.lineage(store, "Goblin Crime")["events"]
                   if e["type"] == "renamed")
    assert renamed["inferred"] is False
    assert "Goblin Mischief" in renamed["evidence"]["quote"]  # the sentence "above" refers to


def test_nothing_is_inferred_where_the_narrative_says_nothing_changed(tmp_path: Path) -> None:
    from partnership_kg.graph import queries

    store = _wessex(tmp_path, "\no 2033 – No changes were made to the priorities.\n")
    assert audit(store).problems == []
    assert queries.lineage(store, "Ogre Disorder")["events"] == []
    timeline = queries.lineage(store, "Reducing Re-offending")["timeline"]  # one concept
    assert [(e["period"], e["label"]) for e in timeline if not e.get("carried")] == [
        ("2030-33", "Reducing Re-offending"), ("2034-37", "Reduce Re-Offending")]
    assert not [e for e in queries.lineage(store, "Reduce Re-Offending")["events"]
                if e["inferred"]]

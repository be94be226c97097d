"""Lineage: narrated and aligned change events, against hand-written gold and a renamed corpus."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from graph_b_support import CORPUS, built, corpus_files, gold

from partnership_kg.graph import queries
from partnership_kg.graph.lineage import logical_paragraphs, narrate
from partnership_kg.graph.names import normalise
from partnership_kg.ingest.model import Block


def _key(labels: list[str]) -> list[str]:
    return sorted(normalise(label) for label in labels)


# -- the narrative rules on invented text (no corpus names) -------------------------------------

def test_narrate_introduced_expanded_renamed_with_antecedent() -> None:
    text = ("o 2019 – A new priority of ‘Harbour Crime’ was introduced, which was previously "
            "included as part of the ‘Coastal Safety’ priority; In addition a new cross-cutting "
            "theme was added entitled ‘Storm Recovery’. "
            "o 2021 – The above cross-cutting theme was retitled as ‘Major Incident Recovery’; "
            "the Litter priority was expanded to become ‘Clean Streets & Litter’.")
    events = [(e.year, e.type, e.kind, e.sources, e.targets) for e in narrate(text)]
    assert events == [
        (2019, "introduced", "priority", ["Coastal Safety"], ["Harbour Crime"]),
        (2019, "introduced", "theme", [], ["Storm Recovery"]),
        (2021, "renamed", "theme", ["Storm Recovery"], ["Major Incident Recovery"]),
        (2021, "expanded", "priority", ["Litter"], ["Clean Streets & Litter"]),
    ]


def test_narrate_year_from_sentence_acronym_and_non_changes() -> None:
    events = narrate("Cycle Theft (CT) was added as a standalone priority within the agreement in "
                     "April 2016. Reducing reoffending was added to the remit of CSPs in 2009. "
                     "In 2017 no changes were made to the priorities.")
    assert [(e.year, e.type, e.targets, e.acronyms) for e in events] == [
        (2016, "introduced", ["Cycle Theft"], {"Cycle Theft": "CT"})]


def test_narrate_merge_and_retire() -> None:
    events = narrate("In 2015 the ‘Burglary’ and ‘Theft’ priorities were merged into "
                     "‘Acquisitive Crime’. In 2016 the ‘Cycling’ priority was removed.")
    assert [(e.year, e.type, e.sources, e.targets) for e in events] == [
        (2015, "merged", ["Burglary", "Theft"], ["Acquisitive Crime"]),
        (2016, "retired", ["Cycling"], []),
    ]


def test_logical_paragraphs_rejoin_a_list_item_broken_over_a_line() -> None:
    blocks = [Block("list_item", "2022 – the Litter priority was expanded to become", 3),
              Block("paragraph", "‘Clean Streets & Litter’; and more.", 3),
              Block("paragraph", "A new paragraph.", 4)]
    groups = logical_paragraphs(blocks)
    assert [text for text, _ in groups] == [
        "2022 – the Litter priority was expanded to become ‘Clean Streets & Litter’; and more.",
        "A new paragraph."]


# -- the real corpus against gold ----------------------------------------------------------------

def _all_events(store: object) -> list[dict]:
    model = queries.Model(store)  # type: ignore[arg-type]
    return [queries._event_dict(model, event) for event in model.events]


def _matches(event: dict, expected: dict) -> bool:
    return (event["year"] == expected["year"] and event["type"] == expected["type"]
            and _key(event["from"]) == _key(expected["from"])
            and _key(event["to"]) == _key(expected["to"]))


def test_narrative_events_precision_and_recall() -> None:
    _, store = built()
    expected = gold("lineage_events.json")["narrative"]
    found = [e for e in _all_events(store) if e["found_by"] == "narrative"]
    hits = [x for x in expected if any(_matches(e, x) for e in found)]
    true_found = [e for e in found if any(_matches(e, x) for x in expected)]
    recall, precision = len(hits) / len(expected), len(true_found) / max(1, len(found))
    assert (precision, recall) == (1.0, 1.0), [
        (e["year"], e["type"], e["from"], e["to"]) for e in found]


@pytest.mark.parametrize("kind", ["narrative", "alignment"])
def test_gold_events_carry_their_quote(kind: str) -> None:
    _, store = built()
    for expected in gold("lineage_events.json")[kind]:
        result = queries.lineage(store, expected["query"])
        event = next((e for e in result["events"] if _matches(e, expected)), None)
        assert event is not None, (expected, result["events"])
        # An inferred event quotes each end (a list); a narrated one the sentence stating it.
        assert event["inferred"] is (kind == "alignment")
        quotes = event["evidence"] if kind == "alignment" else [event["evidence"]]
        assert any(evidence["source"] == expected["source"]
                   and expected["quote_contains"].lower() in evidence["quote"].lower()
                   for evidence in quotes), quotes


@pytest.mark.parametrize("name", list(gold("lineage_events.json")["timelines"]))
def test_timelines_cover_every_version(name: str) -> None:
    _, store = built()
    expected = gold("lineage_events.json")["timelines"][name]
    result = queries.lineage(store, name)
    assert normalise(result["concept"]) == normalise(expected["concept_like"])
    years = [entry["year"] for entry in result["timeline"]]
    assert sorted(set(years)) == expected["periods"]
    assert years == sorted(years)
    for year, label in expected["label_from"].items():
        labels = {normalise(e["label"]) for e in result["timeline"] if e["year"] == int(year)}
        assert normalise(label) in labels, (year, labels)


def test_asb_expansion_quote_and_page() -> None:
    _, store = built()
    result = queries.lineage(store, "ASB")
    expansion = [e for e in result["events"] if e["type"] == "expanded"]
    assert len(expansion) == 1 and expansion[0]["year"] == 2022
    evidence = expansion[0]["evidence"]
    assert "Anti-Social Behaviour priority was expanded" in evidence["quote"]
    # Page footers in 004 are sparse: "Page 29" at line 1802, "Page 64" at line 3961. The
    # quote, at line 2079, lies 277 of those 2159 lines on: 29 + 35 * 277 / 2159 = page 33.
    assert evidence["page"] == 33


def test_every_association_has_evidence() -> None:
    _, store = built()
    rows = store.select("""SELECT ?e WHERE { ?e a xkos:ConceptAssociation
                           FILTER NOT EXISTS { ?e prov:wasDerivedFrom ?x } }""")
    assert rows == []
    rows = store.select("SELECT ?m WHERE { ?m a csa:Mention }")
    assert rows == [], "every narrated mention is resolved to a concept"


# -- the renamed corpus: no fact lives in code --------------------------------------------------

# Patterns match across the line breaks of hard-wrapped text (a space in a pattern is \s+).
RENAMES = [
    (r"Kent", "Wessex"),
    (r"KENT", "WESSEX"),
    (r"\bAnti-[Ss]ocial [Bb]ehaviour\b", "Nuisance Behaviour"),
    (r"\banti-social behaviour\b", "nuisance behaviour"),
    (r"\bantisocial behaviour\b", "nuisance behaviour"),
    (r"\bASB\b", "NB"),
    (r"Preventing Extremism and Hate", "Countering Radicalisation and Hostility"),
    (r"Violence Against Women and Girls", "Safety of Women and Girls"),
    (r"\bVAWG\b", "SWG"),
    (r"COVID-19 pandemic", "Influenza pandemic"),
    (r"Head of Strategic Partnerships", "Director of Joint Working"),
]


@pytest.fixture(scope="module")
def renamed_store(tmp_path_factory: pytest.TempPathFactory) -> object:
    folder = tmp_path_factory.mktemp("renamed-corpus")
    for path in corpus_files(CORPUS):
        text = path.read_text(encoding="utf-8")
        for pattern, replacement in RENAMES:
            text = re.sub(pattern.replace(" ", r"\s+"), replacement, text)
        (folder / path.name).write_text(text, encoding="utf-8")
    assert not any("Kent" in p.read_text(encoding="utf-8") for p in folder.iterdir())
    _, store = built(str(folder))
    yield store
    shutil.rmtree(Path(folder), ignore_errors=True)


def test_renamed_corpus_lineage(renamed_store: object) -> None:
    result = queries.lineage(renamed_store, "NB")  # type: ignore[arg-type]
    assert normalise(result["concept"]) == "nuisance behaviour"
    assert [(e["year"], e["type"], _key(e["from"]), _key(e["to"])) for e in result["events"]] == [
        (2022, "expanded", ["nuisance behaviour"], ["preventing neighbourhood crime and nb"])]
    assert 2011 in {e["year"] for e in result["timeline"]}
    swg = queries.lineage(renamed_store, "SWG")  # type: ignore[arg-type]
    assert normalise(swg["concept"]) == "safety of women and girls"
    assert [(e["year"], e["type"]) for e in swg["events"]] == [(2022, "introduced")]
    theme = queries.lineage(renamed_store, "Influenza")  # type: ignore[arg-type]
    assert [(e["year"], e["type"]) for e in theme["events"]] == [
        (2021, "introduced"), (2022, "renamed")]


def test_renamed_corpus_priorities_and_leads(renamed_store: object) -> None:
    result = queries.priorities(renamed_store, year=2019)  # type: ignore[arg-type]
    labels = {normalise(p["label"]) for p in result["priorities"]}
    assert "countering radicalisation and hostility" in labels
    assert "nuisance behaviour" in labels
    leads = {lead for p in result["priorities"] for lead in p["leads"]}
    assert "Director of Joint Working, Wessex Police" in leads
    counts = queries.assessment_counts(renamed_store, "Nuisance behaviour", "2014-15")  # type: ignore
    assert {r["partnerships"] for r in counts["results"]} == {11}

"""Issue 9's defects, each reproduced on the bundled corpus (or an invented input)."""

from __future__ import annotations

from graph_b_support import built

from partnership_kg.answer.changes import describe_event
from partnership_kg.graph import queries
from partnership_kg.graph.names import normalise


def test_one_agreement_in_two_files_is_one_version_with_two_sources() -> None:
    _, store = built()
    versions = queries.agreement_versions(store)
    periods = [version["period"] for version in versions]
    assert len(periods) == len(set(periods)) == queries.version_count(store)
    # The 2014-17 agreement stands alone (000) and as an appendix of the July 2014 pack (003).
    assert {version["period"]: version["sources"] for version in versions} == {
        "2011-14": ["001_0483db27e68d7cbd.txt"],
        "2014-17": ["000_f5529d35632452d3.txt", "003_99519b65ec6c09f9.txt"],
        "April 2017": ["002_abc655fc9b68b694.txt"], "April 2024": ["004_368897f9bdd4d4d8.txt"]}
    assert len({version["key"] for version in versions}) == len(versions)


def test_inferred_events_are_never_dated_to_one_year() -> None:
    event = {"year": 2040, "type": "expanded", "from": ["Troll Crime"],
             "to": ["Troll and Ogre Crime"], "inferred": True, "between": ["2030-33", "2040"],
             "evidence": []}
    assert describe_event(event) == ("Between 2030-33 and 2040 (inferred) 'Troll Crime' was "
                                      "expanded to become 'Troll and Ogre Crime'.")
    assert describe_event({**event, "inferred": False}).startswith("In 2040 ")


def test_a_scope_list_merge_says_so() -> None:
    event = {"year": 2040, "type": "merged", "from": ["Troll Crime", "Bridge Crime"],
             "to": ["Serious Crime"], "how": "scope list", "inferred": True,
             "between": ["2030-33", "2040"], "evidence": []}
    assert "absorbed into 'Serious Crime' (its scope list names them)" in describe_event(event)
    assert "were merged into" in describe_event({**event, "how": "narrative"})


def test_names_over_time_show_a_merge_as_branches_joining() -> None:
    result = {"timeline": [{"label": "Serious Crime"}, {"label": "Serious and Violent Crime"}],
              "events": [{"type": "merged", "from": ["Troll Crime", "Bridge Crime"],
                          "to": ["Serious Crime"], "how": "scope list"},
                         {"type": "expanded", "from": ["Serious Crime"],
                          "to": ["Serious and Violent Crime"]}]}
    assert queries.names_over_time(result) == (
        "Serious Crime → Serious and Violent Crime; Troll Crime + Bridge Crime ⇒ Serious Crime "
        "(its scope list names them)")


def test_names_over_time_follow_renames_and_expansions_only() -> None:
    """A merge joins lineages without making its sources one name's past; a name matching two
    unrelated priorities follows one of them."""
    _, store = built()
    merges = [event for label in _labels(store)
              for event in queries.lineage(store, label)["events"] if event["type"] == "merged"]
    assert merges
    for merge in merges:
        target = queries.lineage(store, merge["to"][0])
        names = {normalise(entry["label"]) for entry in target["timeline"]
                 if not entry.get("branch")}
        assert not names & {normalise(label) for label in merge["from"]}, target["timeline"]
        branches = {normalise(e["label"]) for e in target["timeline"] if e.get("branch")}
        assert branches == {normalise(label) for label in merge["from"]}
    for label in _labels(store):
        result = queries.lineage(store, label)
        # Every name in the timeline is the found one or linked to it by renames/expansions.
        linked = {normalise(result["concept"])} | {
            normalise(name) for event in result["events"]
            if event["type"] in {"renamed", "expanded"} for name in event["from"] + event["to"]}
        for entry in result["timeline"]:
            assert entry.get("branch") or normalise(entry["label"]) in linked, (label, entry)


def _labels(store: object) -> list[str]:
    return sorted({str(row["label"]) for row in store.select(
        "SELECT ?label WHERE { ?c skos:prefLabel ?label ; a csa:Priority }")})


def test_a_leads_quote_names_its_own_priority() -> None:
    """One post leading two priorities: each lead is quoted with its own row, not the other's."""
    from partnership_kg.graph.audit import names

    _, store = built()
    checked = 0
    for label in _labels(store):
        for row in queries.leads_of(store, label)["results"]:
            assert names(row["evidence"]["quote"], row["label"]), (label, row)
            checked += 1
    assert checked


def test_labels_differing_only_in_case_hyphens_or_and_are_one_name() -> None:
    class Rows:
        def select(self, query: str) -> list[dict[str, str]]:
            return [{"label": label} for label in (
                "Troll-crime & Disorder", "Troll Crime and Disorder", "Bridge Safety",
                "troll crime & disorder")]

    assert queries.concept_labels(Rows()) == ["Bridge Safety", "troll crime & disorder"]
    _, store = built()
    labels = queries.concept_labels(store)
    assert len({normalise(label) for label in labels}) == len(labels)

"""The contract's queries over the real corpus: resolution, priorities, diff, helpers."""

from __future__ import annotations

import pytest
from graph_b_support import built, gold

from partnership_kg.graph import queries
from partnership_kg.graph.names import normalise
from partnership_kg.graph.resolve import core, resolve_concepts, same_concept


@pytest.fixture(scope="module")
def store() -> object:
    return built()[1]


def _labels(entries: list[dict]) -> set[str]:
    return {normalise(entry["label"]) for entry in entries}


def test_label_rules() -> None:
    assert same_concept("Anti-social Behaviour", "Anti-Social Behaviour") == "exact"
    assert same_concept("Early intervention, prevention & education",
                        "Early Intervention, Prevention and Education") == "exact"
    assert same_concept("NB", "Nuisance Behaviour") == "acronym"
    assert same_concept("Serious Violence", "Safeguarding and Vulnerability") is None
    assert core("Preventing Neighbourhood Crime & NB (Nuisance Behaviour)") == \
        "preventing neighbourhood crime and nb"


def test_resolve_by_acronym_past_label_partial_and_fuzzy(store: object) -> None:
    asb = resolve_concepts(store, "ASB")  # type: ignore[arg-type]
    assert asb and all("anti-social-behaviour" in iri for iri in asb)
    assert any("/2011/" in iri for iri in asb)
    past = resolve_concepts(store, "Serious and Organised Crime")  # type: ignore[arg-type]
    assert any("/2017/" in iri for iri in past)
    assert resolve_concepts(store, "Extremism and Hate")  # type: ignore[arg-type]  # partial
    assert resolve_concepts(store, "Safegarding Vulnerable Poeple")  # type: ignore[arg-type]


def test_priorities_2019_amended_by_narrated_changes(store: object) -> None:
    result = queries.priorities(store, year=2019)  # type: ignore[arg-type]
    assert result["year"] == 2019
    assert result["agreement"]["source"] == "002_abc655fc9b68b694.txt"
    labels = _labels(result["priorities"])
    assert labels == {normalise(x) for x in [
        "Anti-social Behaviour", "Domestic Abuse", "Road Safety",
        "Safeguarding Vulnerable People", "Serious and Organised Crime", "Substance Misuse",
        "Preventing Extremism and Hate"]}
    assert "support mental health and wellbeing" in _labels(result["themes"])
    for entry in result["priorities"] + result["themes"]:
        assert entry["evidence"]["quote"], entry
    asb = next(p for p in result["priorities"] if normalise(p["label"]) == "anti social behaviour")
    assert asb["leads"] == ["Head of Strategic Partnerships, Kent Police"]
    assert [e["year"] for e in result["amended_by"]] == [2018, 2018]


def test_priorities_2022_and_document(store: object) -> None:
    result = queries.priorities(store, year=2022)  # type: ignore[arg-type]
    labels = _labels(result["priorities"])
    assert {"preventing neighbourhood crime and asb", "serious violence and organised crime",
            "violence against women and girls"} <= labels
    assert "anti social behaviour" not in labels and "serious and organised crime" not in labels
    latest = queries.priorities(store, document="004_368897f9bdd4d4d8.txt")  # type: ignore
    assert latest["agreement"]["period"] == "April 2024"
    assert len(latest["priorities"]) == 8


def test_diff_2014_2017(store: object) -> None:
    result = queries.diff(store, 2014, 2017)  # type: ignore[arg-type]
    assert result["from"]["period"] == "2014-17" and result["to"]["period"] == "April 2017"
    assert _labels(result["added"]) == {"safeguarding vulnerable people"}
    assert result["removed"] == []
    assert [(r["type"], r["to"]) for r in result["renamed"]] == [
        ("merged", "Serious and Organised Crime")]
    changed = {normalise(c["priority"]): c for c in result["leads_changed"]}
    assert changed["anti social behaviour"]["from"] == [
        "Head of Community Safety and Emergency Planning, Kent County Council"]
    assert changed["anti social behaviour"]["to"] == ["Head of Strategic Partnerships, Kent Police"]
    assert "Medway Strategic Assessment" in result["plans_removed"]
    assert "Prevent Duty Delivery Board Action Plan" in result["plans_added"]
    # "Vision for Kent, 2012-2022" and "Vision for Kent" are one plan, not a removal + addition.
    assert not any(p.startswith("Vision for Kent") for p in result["plans_added"])


def test_diff_by_source_spans_narrated_changes(store: object) -> None:
    result = queries.diff(store, "002_abc655fc9b68b694.txt",  # type: ignore[arg-type]
                          "004_368897f9bdd4d4d8.txt")
    renamed = {(r["year"], r["type"], r["from"], r["to"]) for r in result["renamed"]}
    assert (2022, "expanded", "Anti-social Behaviour", "Preventing Neighbourhood Crime & ASB") \
        in renamed
    assert _labels(result["added"]) == {"preventing extremism and hate",
                                        "violence against women and girls"}


def test_assessment_counts_gold(store: object) -> None:
    expected = gold("assessments.json")
    for round_text, table in expected["rounds"].items():
        rows = queries.assessment_counts(store, round=round_text)["results"]  # type: ignore
        found = {core(r["issue"]): r for r in rows}
        for issue, count in table["counts"].items():
            row = found.get(core(issue))
            assert row is not None, (round_text, issue, sorted(found))
            assert (row["partnerships"], row["out_of"]) == (count, table["out_of"]), issue
            assert row["evidence"]["quote"]
    for sentence in expected["sentences"]:
        rows = queries.assessment_counts(store, sentence["issue"], sentence["round"])["results"]
        assert any(r["partnerships"] == sentence["partnerships"] and
                   r["out_of"] == sentence["out_of"] for r in rows)


def test_assessment_count_headlines(store: object) -> None:
    asb = queries.assessment_counts(store, "anti-social behaviour", "2014-15")  # type: ignore
    assert {r["partnerships"] for r in asb["results"]} == {11}
    violence = queries.assessment_counts(store, "Serious Violence", 2023)  # type: ignore
    assert [(r["partnerships"], r["out_of"]) for r in violence["results"]] == [(12, 12)]


def test_leads_posts_plans_themes(store: object) -> None:
    leads = queries.leads_of(store, "ASB", year=2017)  # type: ignore[arg-type]
    assert [r["leads"] for r in leads["results"]] == [
        ["Head of Strategic Partnerships, Kent Police"]]
    assert leads["results"][0]["evidence"]["quote"]
    posts = queries.lead_for_post(store, "Head of Strategic Partnerships")  # type: ignore
    assert {normalise(r["priority"]) for r in posts["results"]} == {
        "anti social behaviour", "serious and organised crime"}
    plans = queries.plans_linked(store, 2014)  # type: ignore[arg-type]
    assert "Kent Alcohol Strategy 2014-2016" in {p["title"] for p in plans["plans"]}
    themes = queries.themes(store, "2014-17")  # type: ignore[arg-type]
    assert _labels(themes["themes"]) == {normalise(x) for x in [
        "Early intervention, prevention & education", "Reducing re-offending",
        "Safeguarding children & young people",
        "Supporting Victims, vulnerable households & individuals"]}

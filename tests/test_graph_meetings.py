"""Meetings (body, date, items, decisions, actions) and organisations (authorities, changes)."""

from __future__ import annotations

from graph_b_support import built

from partnership_kg.graph.organisations import _split_list, clean_name


def _rows(query: str) -> list[dict]:
    _, store = built()
    return store.select(query)


def test_minutes_body_date_items() -> None:
    rows = _rows("""SELECT DISTINCT ?body ?date (COUNT(DISTINCT ?item) AS ?items) WHERE {
        ?m a csa:Meeting ; csa:body ?body ; dct:date ?date ; csa:item ?item }
        GROUP BY ?body ?date ORDER BY ?date""")
    meetings = {(str(r["body"]), str(r["date"])): int(r["items"]) for r in rows}
    assert meetings[("Kent Community Safety Partnership", "2014-03-18")] >= 12
    assert meetings[("Scrutiny Committee", "2024-04-24")] == 6


def test_resolved_decisions_with_quotes() -> None:
    rows = _rows("""SELECT DISTINCT ?number ?title ?quote WHERE {
        ?m a csa:Meeting ; dct:date "2024-04-24"^^xsd:date ; csa:item ?i .
        ?i csa:itemNumber ?number ; dct:title ?title ; csa:decision ?d .
        ?d csa:decisionType "resolved" ; prov:wasDerivedFrom/oa:hasSelector/oa:refinedBy/oa:exact
           ?quote }""")
    by_item = {str(r["number"]): str(r["quote"]) for r in rows}
    assert set(by_item) == {"51", "52", "53", "54", "55", "56"}
    assert by_item["53"] == "RESOLVED that the Scrutiny Committee note the finance update provided."


def test_agreed_and_noted_and_actions() -> None:
    decisions = _rows("""SELECT DISTINCT ?number ?type WHERE {
        ?m a csa:Meeting ; dct:date "2014-03-18"^^xsd:date ; csa:item ?i .
        ?i csa:itemNumber ?number ; csa:decision/csa:decisionType ?type }""")
    assert {(str(r["number"]), str(r["type"])) for r in decisions} >= {
        ("51", "agreed"), ("51", "noted"), ("58", "noted")}
    actions = _rows("""SELECT DISTINCT ?number ?owner WHERE {
        ?i csa:itemNumber ?number ; csa:action/csa:owner ?owner }""")
    assert {(str(r["number"]), str(r["owner"])) for r in actions} >= {
        ("57", "Andy Rabey"), ("59", "Mr Hill"), ("60", "Jim Parris")}


def test_organisation_changes() -> None:
    rows = _rows("""SELECT DISTINCT ?old ?new ?year WHERE { ?e a org:ChangeEvent ;
        org:originalOrganization/skos:prefLabel ?old ;
        org:resultingOrganization/skos:prefLabel ?new .
        OPTIONAL { ?e csa:effectiveYear ?year } FILTER EXISTS { ?e prov:wasDerivedFrom ?x } }""")
    changes = {(str(r["old"]), str(r["new"]), r["year"]) for r in rows}
    assert ("Primary Care Trusts", "Clinical Commissioning Groups", 2012) in changes
    assert ("Clinical Commissioning Groups", "Integrated Care Boards", 2022) in changes


def test_responsible_authorities_list_rules() -> None:
    assert _split_list("Harbour Police, Town & Parish Councils, Coast Fire & Rescue Service "
                       "and Avon, Somerset and Dorset Probation Company (from 1st May 2015)") == [
        "Harbour Police", "Town & Parish Councils", "Coast Fire & Rescue Service",
        "Avon, Somerset and Dorset Probation Company (from 1st May 2015)"]
    assert clean_name("Local Health Groups (LHGs)") == ("Local Health Groups", "LHGs")
    rows = _rows("""SELECT DISTINCT ?name WHERE { ?p csa:responsibleAuthority ?o ;
        csa:sourceFile "000_f5529d35632452d3.txt" . ?o skos:prefLabel ?name }""")
    names = {str(r["name"]) for r in rows}
    assert {"Kent Police", "Kent County Council", "Clinical Commissioning Groups"} <= names

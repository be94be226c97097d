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
    # Items 50-63 of the March minutes, 55's long title included; A1-D2 of July's agenda.
    assert meetings == {("Kent Community Safety Partnership", "2014-03-18"): 14,
                        ("Kent Community Safety Partnership", "2014-07-08"): 12,
                        ("Scrutiny Committee", "2024-04-24"): 6}


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
    # One type per sentence: 62's "noted the progress ... and it was agreed" is agreed.
    assert {(str(r["number"]), str(r["type"])) for r in decisions} == {
        ("51", "agreed"), ("51", "noted"), ("52", "noted"), ("53", "agreed"), ("54", "noted"),
        ("55", "noted"), ("57", "noted"), ("58", "noted"), ("62", "agreed")}
    actions = _rows("""SELECT DISTINCT ?number ?owner WHERE {
        ?i csa:itemNumber ?number ; csa:action/csa:owner ?owner }""")
    assert {(str(r["number"]), str(r["owner"])) for r in actions} == {
        ("57", "Andy Rabey"), ("58", "Sean Bone-Knell"), ("59", "Mike Campbell"),
        ("59", "Mr Hill"), ("60", "Jim Parris")}


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


ITEM_15 = ("15. Independent Domestic Violence Advisers Update - Including a presentation from "
           "Jo Marsh of the Wessex Domestic Abuse Consortium on the year's referrals (Item B4)")
WESSEX_MINUTES = "\n".join([
    "MINUTES of a meeting of the Wessex Community Safety Partnership held on Tuesday, "
    "12 March 2041.", "",
    "PRESENT: Ms A Lake (Chair), Mr B Hill, Dr C Moor.", "",
    "# 14. Apologies", "",
    "Apologies were received from Mr D Vale.", "",
    f"# {ITEM_15}", "",
    "- (1) Jo Marsh presented the referral figures for the year.",
    "- (2) RESOLVED that the update be noted.", "",
    "16. The Chair reminded members that the partnership's funding bids for the coming year "
    "must be submitted by the end of April, and that late bids could not be considered.", ""])


def test_a_long_item_title_on_a_line_of_its_own_is_an_item(tmp_path) -> None:
    from partnership_kg.graph.build import build_graph
    from partnership_kg.ingest import extract

    path = tmp_path / "minutes.txt"
    path.write_text(WESSEX_MINUTES, encoding="utf-8")
    dataset = build_graph([extract(path)])
    items = {(str(number), str(title)) for number, title in dataset.query(
        "SELECT ?n ?t WHERE { ?m a csa:Meeting ; csa:item ?i . "
        "?i csa:itemNumber ?n ; dct:title ?t }")}
    # 16 is a numbered minute (a sentence), not an item title.
    assert items == {("14", "Apologies"), ("15", ITEM_15.removeprefix("15. "))}
    decisions = [str(quote) for (quote,) in dataset.query(
        "SELECT ?q WHERE { ?i csa:itemNumber '15' ; csa:decision/rdfs:label ?q }")]
    assert decisions == ["(2) RESOLVED that the update be noted."]

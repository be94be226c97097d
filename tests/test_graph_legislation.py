"""Acts and Regulations: found by the title pattern, one node per title+year, quoted claims."""

from __future__ import annotations

from graph_b_support import built, gold

from partnership_kg.graph import queries
from partnership_kg.graph.acts_table import load_table
from partnership_kg.graph.legislation import claims_of, find_acts
from partnership_kg.graph.names import normalise


def test_title_pattern_handles_quotes_commas_parentheses_and_asides() -> None:
    text = ("The ‘Harbour Safety (Amendment and Consolidation) Regulations 2019’ set out new "
            "duties. Under the Coastal Protection, Piers and Harbours Act 2003, ports were "
            "replaced. The new Litter and Refuse Act (2010) received royal assent on 1 May "
            "2010. See Section 4 of the Water Act 1989 (c. 15).")
    assert [(m.title, m.year, m.chapter) for m in find_acts(text)] == [
        ("Harbour Safety (Amendment and Consolidation) Regulations", 2019, None),
        ("Coastal Protection, Piers and Harbours Act", 2003, None),
        ("Litter and Refuse Act", 2010, None),
        ("Water Act", 1989, 15),
    ]


def test_from_is_a_title_word_but_never_starts_a_title() -> None:
    text = ("Under the Protection from Seagulls in \nHarbours Act 2031, wardens may act. Powers "
            "were moved from Harbour Act 2001 duties.")
    assert [m.title for m in find_acts(text)] == ["Protection from Seagulls in Harbours Act",
                                                  "Harbour Act"]


def test_active_and_passive_claims() -> None:
    text = ("The Harbour Act 2001 introduced harbour wardens. Cycle theft was subsequently "
            "added by the ‘Transport Act 2005’, and most recently litter was added to the remit "
            "of wardens by the ‘Streets Act 2012’.")
    mentions = find_acts(text)
    claims = []
    previous = 0
    for mention in mentions:
        claims.append([did for did, _ in claims_of(text, mention, previous)])
        previous = mention.end
    assert claims == [["introduced harbour wardens"], ["added cycle theft"],
                      ["added litter to the remit of wardens"]]


def _acts() -> list[dict]:
    _, store = built()
    return queries.acts(store)["acts"]


def _find(acts: list[dict], title: str, year: int) -> list[dict]:
    return [a for a in acts
            if normalise(a["title"]) == normalise(f"{title} {year}") and a["year"] == year]


def test_gold_acts_recall_and_claims() -> None:
    acts = _acts()
    missing, claims_missing = [], []
    for expected in gold("acts.json")["acts"]:
        found = _find(acts, expected["title"], expected["year"])
        if len(found) != 1:  # once, keyed by normalised title and year
            missing.append((expected["title"], len(found)))
            continue
        did = " | ".join(d["claim"].lower() for d in found[0]["did"])
        claims_missing += [c for c in expected["did"] if c.lower() not in did]
        assert found[0]["evidence"]["quote"]
    assert missing == [] and claims_missing == []


def test_acts_are_well_formed_titles_linked_only_through_the_verified_table() -> None:
    acts = _acts()
    table = {f"{row.title} {row.year}": row.uri for row in load_table().rows}
    assert sorted(act["title"] for act in acts) == sorted(gold("acts.json")["in_corpus"])
    for act in acts:
        title = str(act["title"])
        assert title.split()[-1] in {"Act", "Regulations"} or title.endswith(str(act["year"]))
        assert title[0].isupper()
        # The corpus states no chapter numbers: a legislation.gov.uk link comes from the
        # verified table, for the Act of that title and year, or not at all.
        if act["same_as"] is not None:
            assert str(act["same_as"]) == table[title]
    linked = {str(act["title"]) for act in acts if act["same_as"] is not None}
    assert {"Crime and Disorder Act 1998", "Policing and Crime Act 2009",
            "Anti-social Behaviour, Crime and Policing Act 2014"} <= linked


def test_the_corpus_misnaming_of_an_act_is_one_node() -> None:
    acts = _find(_acts(), "Policing and Crime Act", 2009)
    assert len(acts) == 1


def test_claim_lookup_by_clause() -> None:
    _, store = built()
    result = queries.acts(store, "introduced directly elected Police and Crime Commissioners")
    assert normalise(result["acts"][0]["title"]) == normalise(
        "Police Reform and Social Responsibility Act 2011")
    reoffending = queries.acts(store, "added reducing reoffending")["acts"][0]
    assert reoffending["year"] == 2009


def test_priorities_reference_the_act_that_put_them_in_the_remit() -> None:
    _, store = built()
    rows = store.select("""SELECT DISTINCT ?label WHERE { ?c dct:references ?act ;
        skos:prefLabel ?label . ?act dct:title ?title FILTER (STRSTARTS(?title, "Police and
        Justice Act")) }""".replace("\n        Justice", " Justice"))
    labels = {normalise(str(r["label"])) for r in rows}
    assert {"anti social behaviour", "substance misuse"} <= labels

"""List shapes found in other partnerships' minutes, decisions, news and web pages, each read from
an invented document through ingestion and the graph build: exact labels per version."""

# ruff: noqa: E501  (the documents keep their paragraphs on one line, as pages print them)

from __future__ import annotations

from pathlib import Path

from shapes_support import build, priorities

from partnership_kg.graph.labels import split_series
from partnership_kg.graph.list_intros import find_intros

# What a version cites for its period.
PERIOD_EVIDENCE = """SELECT ?quote WHERE {
  ?s a skos:ConceptScheme ; prov:wasDerivedFrom/oa:hasSelector/oa:refinedBy/oa:exact ?quote }"""

DECISION_AND_IN_LAST_ITEM = """Decision details

Annual Review of the Wessex Community Safety Partnership Plan 2031 - 2034

The five priorities for 2031-2034 were: Tackling Goblin Raids, Reducing Bridge Thefts, Improving the Towpaths, Reducing your fear of trolls and goblins and Improving your trust in the Wessex Community Safety Partnership.
"""


def test_last_item_of_a_capitalised_series_starts_at_the_capitalised_and() -> None:
    assert split_series("Tackling Raids, Reducing your fear of trolls and goblins and Improving "
                        "your trust") == ["Tackling Raids", "Reducing your fear of trolls and goblins",
                                          "Improving your trust"]
    # Items that are not capitalised keep the first "and" as the split.
    assert split_series("raids, bridges and towpaths and locks") == [
        "raids", "bridges", "towpaths and locks"]


def test_decision_series_with_and_inside_the_last_item(tmp_path: Path) -> None:
    _, dataset = build(tmp_path, "wessex_decision.txt", DECISION_AND_IN_LAST_ITEM)
    assert priorities(dataset) == {"2031 - 2034": [
        "Improving the Towpaths", "Improving your trust in the Wessex Community Safety Partnership",
        "Reducing Bridge Thefts", "Reducing your fear of trolls and goblins", "Tackling Goblin Raids"]}


UNDATED_LIST_ON_A_DATED_PAGE = """Source: https://northshire.example/news/partnership-priorities

Partnership sets out what matters most

Published: Tuesday, 4th March 2036

The Northshire Community Safety Partnership met residents in the market hall.

The partnership's priorities are: tackling goblin raids, keeping the towpaths safe and reducing thefts from moored boats.
"""


def test_saved_text_page_with_a_source_line_is_a_web_page_with_its_date(tmp_path: Path) -> None:
    text = ("Source: https://riverford.example/about\n\nAbout the Riverford Partnership\n\n"
            "Last updated: 2 February 2034\n\nThe partnership meets four times a year.\n")
    document, _ = build(tmp_path, "about.txt", text)
    assert (document.parts[0].type, document.parts[0].date) == ("web page", "2034-02-02")
    document, _ = build(tmp_path, "about_unsaved.txt", text.split("\n", 2)[2])
    assert document.parts[0].type == "other"


def test_list_with_no_period_on_a_dated_page_is_the_version_of_its_year(tmp_path: Path) -> None:
    document, dataset = build(tmp_path, "northshire_news.txt", UNDATED_LIST_ON_A_DATED_PAGE)
    assert document.parts[0].date == "2036-03-04"
    assert priorities(dataset) == {"2036": [
        "keeping the towpaths safe", "reducing thefts from moored boats", "tackling goblin raids"]}
    said = {str(row.quote) for row in dataset.query(PERIOD_EVIDENCE)}
    assert said == {"Published: Tuesday, 4th March 2036"}


def test_list_with_no_period_on_an_undated_page_gives_no_version(tmp_path: Path) -> None:
    undated = UNDATED_LIST_ON_A_DATED_PAGE.replace("Published: Tuesday, 4th March 2036\n", "")
    _, dataset = build(tmp_path, "northshire_undated.txt", undated)
    assert priorities(dataset) == {}


def test_the_partnerships_own_possessive_list_is_its_own_not_another_bodys() -> None:
    own = "The partnership's priorities are: goblin raids, towpaths and moored boats."
    other = "The Commissioner's priorities are: goblin raids, towpaths and moored boats."
    assert [intro.list_kind for intro in find_intros(own, False)] == ["priorities"]
    assert find_intros(other, False) == []


BARE_LINES_AFTER_AN_INTRO = """Northshire strategic assessment 2041/42

The key risks and threats impacting across the county include:
Goblin raids
Troll crime (includes bridge tolls and toll evasion)
Exploitation – criminal and sexual
Towpath thefts

Across Northshire, a public health approach is taken to these issues.
"""


def test_bare_lines_after_an_intro_are_each_an_item_of_the_list(tmp_path: Path) -> None:
    document, dataset = build(tmp_path, "northshire_assessment.txt", BARE_LINES_AFTER_AN_INTRO)
    assert [block.text for block in document.parts[0].blocks if block.kind == "list_item"] == [
        "Goblin raids", "Troll crime (includes bridge tolls and toll evasion)",
        "Exploitation – criminal and sexual", "Towpath thefts"]
    # A label's description in brackets is no part of it.
    assert priorities(dataset) == {"2041/42": [
        "Exploitation – criminal and sexual", "Goblin raids", "Towpath thefts", "Troll crime"]}


def test_a_line_under_a_list_item_runs_on_only_where_the_item_is_unfinished() -> None:
    from partnership_kg.ingest.blocks import _ends_list_line
    from partnership_kg.ingest.model import Block
    item = Block("list_item", "Reducing thefts from moored boats and", 1)
    assert not _ends_list_line(item, "Towpaths", True)  # the item stops mid-phrase
    assert not _ends_list_line(Block("list_item", "Goblin raids", 1), "near the bridges", True)
    assert _ends_list_line(Block("list_item", "Goblin raids", 1), "Towpath thefts", True)
    # A sentence after the last item is the paragraph after the list.
    assert _ends_list_line(Block("list_item", "Goblin raids", 1), "We’ll achieve this by:", True)
    # A form's label or an address's intro names no list: its lines run on.
    assert not _ends_list_line(Block("paragraph", "Report of:", 1), "Director of Place", False)
    assert not _ends_list_line(Block("paragraph", "For more please contact the team:", 1),
                               "Wessex Town Hall", False)


def test_an_including_piece_does_not_stop_the_capitalised_split() -> None:
    assert split_series("Tackling Raids, including bridge raids, Reducing your fear of trolls "
                        "and goblins and Improving your trust") == [
        "Tackling Raids", "including bridge raids", "Reducing your fear of trolls and goblins",
        "Improving your trust"]

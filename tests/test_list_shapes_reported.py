"""List shapes found in other partnerships' minutes, decisions, news and web pages, each read from
an invented document through ingestion and the graph build: exact labels per version."""

# ruff: noqa: E501  (the documents keep their paragraphs on one line, as pages print them)

from __future__ import annotations

from pathlib import Path

from shapes_support import build, priorities

from partnership_kg.graph.labels import split_series

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

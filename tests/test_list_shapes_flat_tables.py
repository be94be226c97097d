"""A report's or an agenda item's Priority/Lead table flattened onto one line by text
extraction: its first column is read where the cells are still apart, never guessed from a run
of single-spaced words. Invented partnerships only."""

# ruff: noqa: E501  (the documents keep their paragraphs on one line, as pages print them)

from __future__ import annotations

from pathlib import Path

from shapes_support import build, priorities

from partnership_kg.graph.flat_tables import flattened_rows

ROW = ("Priority   Lead   Measure   Goblin raids   Head of Community Safety   Number of raids   "
       "Bridge thefts   Neighbourhood Inspector   Thefts reported")
AGENDA = f"""Agenda item - Wessex Community Safety Plan 2031-2034

The partnership's plan is summarised below.

{ROW}
"""
LEADS = """SELECT ?label ?post WHERE { ?c csa:lead/csa:post/skos:prefLabel ?post ; skos:prefLabel ?label }"""


def test_a_flattened_rows_header_gives_the_tables_width() -> None:
    assert flattened_rows(ROW) == [
        ["Priority", "Lead", "Measure"], ["Goblin raids", "Head of Community Safety", "Number of raids"],
        ["Bridge thefts", "Neighbourhood Inspector", "Thefts reported"]]
    # Cells that do not fill whole rows, or one row only, give no table.
    assert flattened_rows(ROW + "   Troll crime") is None
    assert flattened_rows("Priority   Lead   Goblin raids   Head of Community Safety") is None
    # Single spaces: where one cell ends is lost.
    assert flattened_rows(ROW.replace("   ", " ")) is None
    # A first cell that names no list's column is no such header.
    assert flattened_rows(ROW.replace("Priority", "Venue", 1)) is None


def test_the_first_column_of_a_flattened_table_in_an_agenda_item(tmp_path: Path) -> None:
    document, dataset = build(tmp_path, "wessex_agenda.txt", AGENDA)
    assert document.parts[0].type == "agenda item"
    assert priorities(dataset) == {"2031-2034": ["Bridge thefts", "Goblin raids"]}
    assert {(str(row.label), str(row.post)) for row in dataset.query(LEADS)} == {
        ("Goblin raids", "Head of Community Safety"), ("Bridge thefts", "Neighbourhood Inspector")}


def test_a_table_flattened_with_single_spaces_gives_no_labels(tmp_path: Path) -> None:
    _, dataset = build(tmp_path, "wessex_agenda_single.txt", AGENDA.replace("   ", " "))
    assert priorities(dataset) == {}

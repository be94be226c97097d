"""Bullets holding a label and its description ("Reducing reoffending – working with probation
to cut ...", "Tackling hate crime: we will ..."): the label is the part before the dash or the
colon, the quote the whole bullet. Invented partnerships, as text and as a web page."""

# ruff: noqa: E501  (the documents keep their paragraphs on one line, as pages print them)

from __future__ import annotations

from pathlib import Path

from shapes_support import build, priorities, quotes

from partnership_kg.graph.build import build_graph
from partnership_kg.graph.lists import item
from partnership_kg.ingest import extract

BULLETS = """# Wessex Community Safety Plan 2031-2034

Our priorities are:

- Reducing Reoffending: Working with probation to cut the number of repeat goblin raids across the county.
- Tackling hate crime: we will support victims and encourage reporting of troll abuse
- Safer Towpaths - We will light the canal paths and patrol them after dark.
- Protecting vulnerable people – including those at risk of exploitation by trolls.

The board meets quarterly.
"""


def test_a_bullets_label_is_the_part_before_its_dash_or_colon(tmp_path: Path) -> None:
    _, dataset = build(tmp_path, "wessex_plan.txt", BULLETS)
    assert priorities(dataset) == {"2031-2034": [
        "Protecting vulnerable people", "Reducing Reoffending", "Safer Towpaths",
        "Tackling hate crime"]}
    said = quotes(dataset)
    assert said["Reducing Reoffending"] == {
        "Reducing Reoffending: Working with probation to cut the number of repeat goblin raids across the county."}
    assert said["Safer Towpaths"] == {"Safer Towpaths - We will light the canal paths and patrol them after dark."}


def test_a_short_tail_after_a_dash_is_part_of_the_label() -> None:
    described = item("Protecting vulnerable people – including those at risk of exploitation")
    assert described is not None and described.label == "Protecting vulnerable people"
    whole = item("Exploitation – criminal and sexual")
    assert whole is not None and whole.label == "Exploitation – criminal and sexual"


def test_a_forms_field_is_still_no_item_but_a_described_label_is() -> None:
    assert item("Decision type: Non-key") is None
    assert item("Lead member: Cabinet Member for Community Safety") is None
    described = item("Road Safety: The number of people hurt on the roads of Wessex has risen.")
    assert described is not None and described.label == "Road Safety"


HTML = """<html><head><title>Safer Northshire Plan 2036-2039 | Northshire Council</title></head><body>
<main>
<h1>Safer Northshire Plan 2036-2039</h1>
<p>The partnership's priorities are:</p>
<ul>
<li>Reducing reoffending – working with probation to cut repeat thefts from moored boats</li>
<li>Tackling hate crime: we will support victims and encourage reporting</li>
</ul>
<p>Each priority has a delivery group.</p>
</main></body></html>
"""


def test_described_bullets_in_a_web_page(tmp_path: Path) -> None:
    path = tmp_path / "northshire_plan.html"
    path.write_text(HTML, encoding="utf-8")
    dataset = build_graph([extract(path)])
    assert priorities(dataset) == {"2036-2039": ["Reducing reoffending", "Tackling hate crime"]}
    assert quotes(dataset)["Reducing reoffending"] == {
        "Reducing reoffending – working with probation to cut repeat thefts from moored boats"}

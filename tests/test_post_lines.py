"""Chairs, contacts and plan owners named in passing become post holders."""

# ruff: noqa: E501  (the document keeps its paragraphs on one line, as pages print them)

from __future__ import annotations

from pathlib import Path

from shapes_support import build

MINUTES = """MINUTES of a meeting of the Riverford Community Safety Partnership held on 3 March 2022

1. Welcome

The Chair, Councillor Okafor, welcomed members. The board noted the election of a new Chair of the Riverford Safe Town Partnership (Priya Natarajan).

Contact: Tomas Lindqvist, Safer Communities Manager

Plan owner: Grace Mbeki, Head of Community Safety, Riverford Council

Contact: the partnership team
"""

HOLDINGS = """
SELECT ?person ?label ?year WHERE {
  ?h a csa:PostHolding ; rdfs:label ?label ; csa:holder/rdfs:label ?person ; csa:startYear ?year
}"""


def test_post_holders_named_in_passing(tmp_path: Path) -> None:
    _, dataset = build(tmp_path, "minutes.txt", MINUTES)
    rows = {tuple(map(str, row)) for row in dataset.query(HOLDINGS)}
    assert rows == {
        ("Councillor Okafor", "Chair", "2022"),
        ("Priya Natarajan", "Chair, Riverford Safe Town Partnership", "2022"),
        ("Tomas Lindqvist", "Safer Communities Manager", "2022"),
        ("Grace Mbeki", "Head of Community Safety, Riverford Council", "2022"),
    }

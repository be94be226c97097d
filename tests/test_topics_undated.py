"""A page's undated list of priorities counts for "any year" topic questions, never for a year's;
a document stating no list gives no priorities."""

from __future__ import annotations

import pytest

import partnership_kg

UNDATED_PAGE = """\
Source: https://marshfield.example/news/what-matters

Partnership sets out what matters most

The Marshfield Community Safety Partnership met residents in the corn exchange.

The partnership's priorities are: tackling domestic abuse, keeping the towpaths safe and \
reducing thefts from moored boats.
"""

EVENTS_PAGE = """\
Source: https://marshfield.example/news/summer-fair

Summer fair on the green

The Marshfield Community Safety Partnership will hold a summer fair on the green.
"""
NORTHMOOR_PAGE = """\
Source: https://northmoor.example/news/what-matters

Partnership sets out what matters most

The Northmoor Community Safety Partnership met residents in the town hall.

The partnership's priorities are: reducing litter, keeping the moor paths safe and \
reducing thefts of sheep.
"""


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> partnership_kg.Workspace:
    folder = tmp_path_factory.mktemp("undated")
    (folder / "docs").mkdir()
    pages = {"marshfield-news.txt": UNDATED_PAGE, "marshfield-fair.txt": EVENTS_PAGE,
             "northmoor-news.txt": NORTHMOOR_PAGE}
    for name, text in pages.items():
        (folder / "docs" / name).write_text(text, encoding="utf-8")
    report = partnership_kg.build([folder / "docs"], folder / "store")
    assert not report["failed"], report["failed"]
    return partnership_kg.open(folder / "store")


def test_an_undated_list_answers_which_partnerships_have_a_topic_in_any_year(
        ws: partnership_kg.Workspace) -> None:
    result = ws.ask("Which partnerships have a domestic abuse priority?")
    assert result["answer"] == (
        "1 partnership had a priority or theme on Domestic abuse. Marshfield Community Safety "
        "Partnership: 'tackling domestic abuse' (priority, undated).")
    assert {c["source"] for c in result["citations"]} == {"marshfield-news.txt"}


def test_an_undated_list_is_in_force_in_no_year(ws: partnership_kg.Workspace) -> None:
    result = ws.ask("Which partnerships prioritised domestic abuse in 2036?")
    assert result["answer"].startswith("No partnership in this store had a priority or theme on "
                                       "Domestic abuse in 2036")


@pytest.mark.parametrize("partnership, named", [
    (None, {}), ("Marshfield", {"partnership": "Marshfield Community Safety Partnership"})])
def test_a_document_stating_no_list_gives_no_priorities(
        ws: partnership_kg.Workspace, partnership: str | None, named: dict[str, str]) -> None:
    assert ws.priorities(document="marshfield-fair.txt", partnership=partnership) == {
        **named, "year": None, "agreement": None, "priorities": [], "themes": [],
        "document": "marshfield-fair.txt"}

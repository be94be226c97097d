"""A page's undated list of priorities counts for "any year" topic questions, never for a year's."""

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


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> partnership_kg.Workspace:
    folder = tmp_path_factory.mktemp("undated")
    (folder / "docs").mkdir()
    (folder / "docs" / "marshfield-news.txt").write_text(UNDATED_PAGE, encoding="utf-8")
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

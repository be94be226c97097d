"""Other kinds of list (a strategic assessment's key crime issues, key risks, delivery
priorities) keep their own words and are never the partnership's latest priorities where its
documents state a plan's priorities. Invented partnerships only."""

from __future__ import annotations

from pathlib import Path

from shapes_support import kinds

from partnership_kg.graph.build import build_graph
from partnership_kg.graph.oxigraph import OxigraphStore
from partnership_kg.graph.query.history import priorities
from partnership_kg.ingest import extract

PLAN = """# Northshire Community Safety Plan 2038-2041

Our priorities are:

1. Goblin Raids
2. Bridge Safety
3. Towpath Thefts

The board meets quarterly.
"""
ASSESSMENT = """# Northshire Strategic Assessment 2041/42

The key crime issues for 2041/42 are:

- Troll crime
- Boat thefts
- Lock vandalism

The partnership will consider these when it next reviews its plan.
"""
BOTH = PLAN.replace("The board meets quarterly.\n", """\
The strategic assessment found these key risks and threats:

- Lock vandalism
- Canal fly-tipping

The board meets quarterly.
""")


def _store(tmp_path: Path, files: dict[str, str]) -> tuple[object, OxigraphStore]:
    documents = []
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        documents.append(extract(tmp_path / name))
    dataset = build_graph(documents)
    return dataset, OxigraphStore.create(tmp_path / "graph", dataset)


def _labels(result: dict) -> list[str]:
    return [entry["label"] for entry in result["priorities"]]


def test_an_assessments_key_crime_issues_are_not_the_latest_priorities(tmp_path: Path) -> None:
    dataset, store = _store(tmp_path, {"plan.txt": PLAN, "assessment.txt": ASSESSMENT})
    for year in (None, 2042):
        result = priorities(store, year=year)
        assert result["agreement"]["source"] == "plan.txt"
        assert _labels(result) == ["Bridge Safety", "Goblin Raids", "Towpath Thefts"]
    # The assessment's own list, with its own words and period.
    result = priorities(store, document="assessment.txt")
    assert result["agreement"] == {"source": "assessment.txt", "period": "2041/42",
                                   "title": "Northshire Strategic Assessment 2041/42"}
    assert _labels(result) == ["Boat thefts", "Lock vandalism", "Troll crime"]
    assert kinds(dataset)["Troll crime"] == {"key crime issues"}


def test_an_assessment_alone_still_gives_its_list_as_the_version(tmp_path: Path) -> None:
    _, store = _store(tmp_path, {"assessment.txt": ASSESSMENT})
    result = priorities(store, year=2042)
    assert result["agreement"]["source"] == "assessment.txt"
    assert _labels(result) == ["Boat thefts", "Lock vandalism", "Troll crime"]


def test_another_kind_of_list_in_the_plan_itself_is_not_its_priorities(tmp_path: Path) -> None:
    dataset, store = _store(tmp_path, {"plan.txt": BOTH})
    assert _labels(priorities(store)) == ["Bridge Safety", "Goblin Raids", "Towpath Thefts"]
    assert kinds(dataset)["Canal fly-tipping"] == {"key risks and threats"}

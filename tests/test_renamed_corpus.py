"""The same documents with places, priorities, posts and people renamed give the renamed answers:
no fact lives in the code."""

from __future__ import annotations

from pathlib import Path

import pytest

import partnership_kg

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
RENAMES = [
    ("Kent", "Wessex"), ("KENT", "WESSEX"), ("Medway", "Avonshire"), ("MEDWAY", "AVONSHIRE"),
    ("Anti-Social Behaviour", "Nuisance Behaviour"),
    ("Anti-social Behaviour", "Nuisance behaviour"),
    ("anti-social behaviour", "nuisance behaviour"),
    ("Anti-social behaviour", "Nuisance behaviour"),
    ("ASB", "NB"), ("Road Safety", "Highway Safety"), ("road safety", "highway safety"),
    ("Consultant in Public Health", "Specialist in Population Wellbeing"),
    ("Clair Bell", "Jane Marlow"),
]


def rename(text: str) -> str:
    for old, new in RENAMES:
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> partnership_kg.Workspace:
    folder = tmp_path_factory.mktemp("renamed")
    for path in CORPUS.glob("*.txt"):
        (folder / path.name).write_text(rename(path.read_text(encoding="utf-8")),
                                        encoding="utf-8")
    store = folder / "store"
    assert partnership_kg.build([folder], store)["failed"] == []
    return partnership_kg.open(store)


@pytest.mark.parametrize(("question", "expected"), [
    ("How did NB become Neighbourhood Crime & NB?",
     "In 2022 'Nuisance behaviour' was expanded to become 'Preventing Neighbourhood Crime & NB'."),
    ("Who leads Substance Misuse in the 2017 agreement?",
     "In the April 2017 agreement the lead for 'Substance Misuse' was Specialist in Population "
     "Wellbeing, Wessex County Council."),
    ("Who chaired the Wessex Community Safety Partnership in 2024?",
     "In 2024 the Chair, Wessex Community Safety Partnership was Jane Marlow."),
    ("How many community safety partnerships selected nuisance behaviour in the 2014-15 "
     "strategic assessments?",
     "In the 2014-15 strategic assessments, 11 of the 11 community safety partnerships selected "
     "'Nuisance behaviour'."),
])
def test_renamed_facts_come_out(renamed: partnership_kg.Workspace, question: str,
                                expected: str) -> None:
    result = renamed.ask(question)
    assert (result["method"], result["answer"]) == ("graph", expected)


def test_renamed_timeline_runs_from_the_first_version_to_the_last(
        renamed: partnership_kg.Workspace) -> None:
    timeline = renamed.lineage("Highway Safety")["timeline"]
    assert (timeline[0]["period"], timeline[-1]["period"]) == ("2011-14", "April 2024")
    assert {entry["label"] for entry in timeline} == {"Highway Safety"}

"""Whose document a part is: stated by its text, given at build time, or its folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_kg.answer.partnership import named_in
from partnership_kg.graph import names
from partnership_kg.graph.partnerships import resolve
from partnership_kg.graph.query.partnerships import PartnershipName, match_score
from partnership_kg.ingest.model import Block, Document, Page, Part
from partnership_kg.ingest.partnership import find_names, given_name, stated_name
from partnership_kg.pipeline import folder_of


def _part(*texts: str, index: int = 0, title: str = "Untitled") -> Part:
    blocks = [Block("paragraph", text, 1) for text in texts]
    return Part(index, "other", title, None, None, 1, 1, blocks)


def _doc(source: str, *parts: Part, given: str | None = None,
         folder: str | None = None) -> Document:
    return Document(source, f"/tmp/{source}", "0" * 64, "text", [Page(1, "")], list(parts),
                    partnership_given=given, folder=folder)


@pytest.mark.parametrize("text,area,name", [
    ("The Wessex Community Safety Partnership met.", "Wessex",
     "Wessex Community Safety Partnership"),
    ("Welcome to the Safer Northshire Partnership.", "Northshire", "Safer Northshire Partnership"),
    ("A report to the Riverford CSP on knife crime.", "Riverford", "Riverford CSP"),
    ("AGENDA\nWESSEX COMMUNITY SAFETY PARTNERSHIP", "Wessex",
     "Wessex Community Safety Partnership"),
    ("The Upper Dale Crime and Disorder Reduction Partnership", "Upper Dale",
     "Upper Dale Crime and Disorder Reduction Partnership"),
    ("Brighthill & Lowmoor Community Safety Partnership", "Brighthill & Lowmoor",
     "Brighthill & Lowmoor Community Safety Partnership"),
])
def test_partnership_names_in_text(text: str, area: str, name: str) -> None:
    found = [stated for _, stated in find_names(text) if stated.kind == "partnership"]
    assert [(stated.area, stated.name) for stated in found] == [(area, name)]


@pytest.mark.parametrize("text", [
    "Each Community Safety Partnership sets its own plan.",
    "The eleven Community Safety Partnerships (CSPs) across the county.",
    "The Local Community Safety Partnership met.",
    "The Safer Roads Partnership runs speed checks.",
])
def test_generic_phrases_name_no_partnership(text: str) -> None:
    assert [s for _, s in find_names(text) if s.kind == "partnership"] == []


def test_a_council_and_its_level() -> None:
    [(_, council)] = find_names("NORTHSHIRE COUNTY COUNCIL\nSCRUTINY COMMITTEE")
    assert (council.kind, council.area, council.level) == ("council", "Northshire", "county")


def test_stated_name_prefers_the_opening_lines_then_the_most_named() -> None:
    opening = _part("To: Safer Riverford Partnership", "Filler " * 5,
                    "The Wessex Community Safety Partnership and the Wessex CSP agree.")
    assert stated_name(opening).area == "Riverford"
    body = _part(*(["Nothing here."] * 9),
                 "The Wessex CSP and Wessex Community Safety Partnership; the Riverford CSP.")
    assert stated_name(body).area == "Wessex"
    assert stated_name(_part("No names at all.")) is None


def test_given_overrides_stated_which_overrides_folder() -> None:
    wessex = _part("The Wessex Community Safety Partnership agreement.")
    documents = [
        _doc("a.txt", wessex, given="Northshire", folder="riverford"),
        _doc("b.txt", _part("The Wessex Community Safety Partnership."), folder="riverford"),
        _doc("c.txt", _part("No name in this text."), folder="riverford"),
    ]
    registry = resolve(documents)
    decided = {source: (registry.of(source, 0).partnership.key, registry.of(source, 0).decided_from)
               for source in ("a.txt", "b.txt", "c.txt")}
    assert decided == {"a.txt": ("northshire", "given"), "b.txt": ("wessex", "stated"),
                       "c.txt": ("riverford", "folder")}
    assert registry.partnerships["wessex"].label == "Wessex Community Safety Partnership"
    assert registry.partnerships["riverford"].label == "Riverford"  # the folder, title-cased


def test_council_papers_belong_to_the_partnership_of_their_area() -> None:
    minutes = _part("NORTHSHIRE COUNTY COUNCIL", "MINUTES of the Scrutiny Committee.",
                    "The Northshire Community Safety Partnership reported.")
    notice = _part("Riverford Borough Council decision notice", "Item 4: a report.")
    documents = [
        _doc("minutes.txt", minutes),
        _doc("notice.txt", notice),
        _doc("csa.txt", _part("The Safer Northshire Partnership agreement.")),
    ]
    registry = resolve(documents)
    assert registry.of("minutes.txt", 0).partnership.key == "northshire"
    # No Riverford partnership is named anywhere: the council's area still names one.
    assert registry.of("notice.txt", 0).partnership.key == "riverford"
    assert set(registry.partnerships) == {"northshire", "riverford"}


def test_a_part_keeps_its_files_partnership_unless_it_names_another() -> None:
    cover = _part("Wessex Community Safety Partnership agenda", index=0)
    report = _part("A report on road safety.", index=1)
    appendix = _part("Safer Northshire Partnership plan", index=2)
    registry = resolve([_doc("pack.txt", cover, report, appendix)])
    assert [registry.of("pack.txt", i).partnership.key for i in range(3)] == [
        "wessex", "wessex", "northshire"]


def test_a_store_of_one_partnership_owns_the_parts_that_name_none() -> None:
    documents = [_doc("a.txt", _part("The Wessex CSP agreement.")),
                 _doc("b.txt", _part("A report that names nobody."))]
    registry = resolve(documents)
    assert registry.of("b.txt", 0).partnership.key == "wessex"
    assert resolve([_doc("x.txt", _part("Nobody."))]).of("x.txt", 0) is None


def test_acronym_is_kept_where_the_text_writes_it() -> None:
    text = "The Wessex Community Safety Partnership (WCSP) met; the WCSP agreed."
    registry = resolve([_doc("a.txt", _part(text))])
    assert registry.partnerships["wessex"].acronyms == {"WCSP"}


def test_given_name_is_a_full_name_or_an_area() -> None:
    assert given_name("Safer Wessex Partnership").area == "Wessex"
    assert given_name("  Upper   Dale ").area == "Upper Dale"


def test_folder_is_the_first_folder_under_the_build_root(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    (root / "riverford" / "2019").mkdir(parents=True)
    assert folder_of(root / "riverford" / "2019" / "plan.txt", [root]) == "riverford"
    assert folder_of(root / "plan.txt", [root]) is None
    assert folder_of(tmp_path / "other.txt", [tmp_path / "other.txt"]) is None


def test_versions_are_minted_per_partnership() -> None:
    assert names.scheme_iri("2014-17", "wessex") != names.scheme_iri("2014-17", "northshire")
    assert names.concept_iri("2014-17", "Road Safety", "wessex") != names.concept_iri(
        "2014-17", "Road Safety", "northshire")
    assert names.scheme_iri("2014-17") == names.scheme_iri("2014")  # none known: as before


WESSEX = PartnershipName("id:w", "Wessex Community Safety Partnership", "Wessex",
                         {"Wessex Community Safety Partnership", "Wessex", "WCSP", "Wessex CSP"})
NORTH_WESSEX = PartnershipName("id:n", "Safer North Wessex Partnership", "North Wessex",
                               {"Safer North Wessex Partnership", "North Wessex"})


@pytest.mark.parametrize("query,score", [
    ("wcsp", 3), ("Wessex", 3), ("Wessex CSP", 3), ("the Wessex CSP's", 2),
    ("Wessex Community Safety", 2), ("Community Safety", 1), ("Riverford", 0),
])
def test_partnership_names_match_like_other_names(query: str, score: int) -> None:
    assert match_score(query, WESSEX) == score


def test_a_question_names_its_partnership_and_loses_those_words() -> None:
    known = [WESSEX, NORTH_WESSEX]
    found, plain = named_in("What were the priorities in North Wessex in 2019?", known)
    assert (found, plain) == (NORTH_WESSEX, "What were the priorities in 2019?")
    found, plain = named_in("Who leads Road Safety for the Wessex CSP?", known)
    assert (found, plain) == (WESSEX, "Who leads Road Safety ?")
    found, plain = named_in("Which priorities does the Head of Wessex Police lead?", known)
    assert (found, plain) == (WESSEX, "Which priorities does the Head of Wessex Police lead?")
    assert named_in("What are the priorities?", known) == (None, "What are the priorities?")


def test_a_file_given_another_partnership_is_not_skipped_as_unchanged(tmp_path: Path) -> None:
    from partnership_kg.pipeline import _ingest, file_sha256

    root = tmp_path / "docs"
    (root / "riverford").mkdir(parents=True)
    path = root / "riverford" / "plan.txt"
    path.write_text("The Riverford CSP plan.\n\nRoad Safety matters.\n", encoding="utf-8")
    known = {"plan.txt": {"sha256": file_sha256(path), "partnership_given": None,
                          "folder": "riverford"}}
    documents, unchanged, _ = _ingest([path], known, None, [root], None)
    assert (documents, unchanged) == ([], [{"source": "plan.txt"}])
    documents, unchanged, _ = _ingest([path], known, None, [root], "Northshire")
    assert unchanged == []
    assert [(d.partnership_given, d.folder) for d in documents] == [("Northshire", "riverford")]


def test_folder_with_hyphen_for_ampersand_is_the_same_partnership() -> None:
    named = _doc("plan.txt", _part("The Brighthill & Lowmoor Community Safety Partnership met."),
                 folder="brighthill-lowmoor")
    unnamed = _doc("minutes.txt", _part("The board met and agreed the minutes."),
                   folder="brighthill-lowmoor")
    registry = resolve([named, unnamed])
    assert list(registry.partnerships) == ["brighthill lowmoor"]
    assert registry.of("minutes.txt", 0).partnership.label == \
        "Brighthill & Lowmoor Community Safety Partnership"


def test_a_question_writing_and_as_ampersand_still_names_the_partnership() -> None:
    brighthill = PartnershipName("urn:b", "Brighthill and Lowmoor CSP", "Brighthill and Lowmoor",
                                 {"Brighthill and Lowmoor", "Brighthill and Lowmoor CSP"})
    found, plain = named_in("What are the priorities in Brighthill & Lowmoor?", [brighthill])
    assert (found, plain) == (brighthill, "What are the priorities ?")


def test_a_folders_partnership_is_named_as_the_text_spells_its_place() -> None:
    from partnership_kg.graph.partnerships import folder_area

    assert folder_area("riverford") == "Riverford"
    assert folder_area("upper-dale") == "Upper Dale"
    # The council's name spells the place: "Brighthill & Lowmoor", not the folder's words.
    minutes = _doc("minutes.txt", _part("Minutes of the Brighthill & Lowmoor City Council "
                                        "Tourism Committee."), folder="brighthill-lowmoor")
    notes = _doc("notes.txt", _part("The board met."), folder="upper-dale")
    registry = resolve([minutes, notes])
    assignment = registry.of("minutes.txt", 0)
    assert (assignment.partnership.label, assignment.decided_from) == (
        "Brighthill & Lowmoor", "folder")
    assert registry.of("notes.txt", 0).partnership.label == "Upper Dale"

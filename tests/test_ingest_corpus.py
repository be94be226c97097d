"""Part detection, tables and pages on the bundled corpus files."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_kg.ingest import Document, discover, extract

CORPUS = Path(__file__).parent.parent / "corpus"


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    return {path.name[:3]: extract(path) for path in sorted(CORPUS.glob("0*.txt"))}


def summary(document: Document) -> list[tuple[str, str, str | None, str | None]]:
    return [(part.type, part.title, part.date, part.period) for part in document.parts]


def test_000_is_one_agreement_2014_17(docs: dict[str, Document]) -> None:
    assert summary(docs["000"]) == [
        ("agreement", "Kent Community Safety Agreement 2014-17", None, "2014-17")
    ]
    assert docs["000"].type == "agreement"
    assert docs["000"].parts[0].year == 2014


def test_001_is_a_report_of_november_2012(docs: dict[str, Document]) -> None:
    assert summary(docs["001"]) == [
        ("report", "Kent Community Safety Agreement Update - Performance Monitoring",
         "2012-11-01", None)
    ]


def test_002_is_the_april_2017_agreement(docs: dict[str, Document]) -> None:
    assert summary(docs["002"]) == [
        ("agreement", "Kent Community Safety Agreement (April 2017)", None, "April 2017")
    ]


def test_003_agenda_pack_holds_reports_agreement_and_action_plan(
    docs: dict[str, Document],
) -> None:
    assert summary(docs["003"]) == [
        ("agenda", "Agenda: Kent Community Safety Partnership", "2014-07-08", None),
        ("minutes", "Notes of the Kent Community Safety Partnership", "2014-03-18", None),
        ("report", "Community Trigger Criteria & Review Process in Kent", "2014-07-08", None),
        ("report", "Kent Community Safety Agreement – Development of a New Agreement and "
         "Performance Update", "2014-07-08", None),
        ("agreement", "Kent Community Safety Agreement 2014-17", None, "2014-17"),
        ("report", "Performance Monitoring Report 2011-14", None, "2011-14"),
        ("action plan", "Draft CSA Action Plan 2014-17", None, "2014-17"),
        ("report", "MARAC - A summary of the multi- agency event and proposals for the future",
         "2014-06-10", None),
    ]
    agreement = docs["003"].parts[4]
    # "Page 23" is the footer of the agreement's contents page; "Page 57" lies inside it.
    assert agreement.page_start == 23
    assert agreement.blocks[0].text == "Contents"
    assert agreement.page_end is not None and 23 < agreement.page_end < 57


def test_004_scrutiny_pack_holds_minutes_report_agreement_appendix_and_programme(
    docs: dict[str, Document],
) -> None:
    assert summary(docs["004"]) == [
        ("minutes", "Minutes of the Scrutiny Committee", "2024-04-24", None),
        ("report", "Kent Community Safety Agreement", "2024-06-05", None),
        ("agreement", "Kent Community Safety Agreement (April 2024)", None, "April 2024"),
        ("action plan", "Kent CSA Priorities and Actions 2023/24", None, "2023-24"),
        ("report", "Work Programme", "2024-06-05", None),
    ]
    agreement = docs["004"].parts[2]
    assert agreement.blocks[0].text == "Version Control"
    assert agreement.year == 2024
    # The report's own text is on pages up to the "Page 10" footer; the agreement follows
    # the blank page 12.
    assert docs["004"].parts[1].page_end == 10
    assert agreement.page_start == 13


def test_leads_table_recovered_as_rows(docs: dict[str, Document]) -> None:
    agreement = docs["000"].parts[0]
    table = next(block for block in agreement.blocks
                 if block.kind == "table" and block.section_path == ["7. Leads"])
    assert table.rows == [
        ["Priority", "Lead"],
        ["Domestic Abuse", "Chair of Kent & Medway Domestic Abuse Strategy Group"],
        ["Anti-social Behaviour", "Head of Community Safety and Emergency Planning, "
         "Kent County Council"],
        ["Substance Misuse", "Head of Commissioned Services, Kent County Council"],
        ["Violent Crime", "Head of Local Policing and Partnerships, Kent Police"],
        ["Acquisitive Crime", "Head of Local Policing and Partnerships, Kent Police"],
        ["Road Safety", "Director Operations, Kent Fire and Rescue Service"],
    ]
    assert table.text.splitlines()[0] == "Priority\tLead"


def test_sections_and_numbered_paragraphs(docs: dict[str, Document]) -> None:
    agreement = docs["000"].parts[0]
    top = [(section.number, section.title) for section in agreement.sections]
    assert ("6.", "County Priorities 2014-17") in top
    assert ("Appendix A", "Strategic Assessments (2014-15)") in top
    paragraph = next(block for block in agreement.blocks if block.text.startswith("6.3."))
    assert paragraph.kind == "paragraph"
    assert paragraph.section_path == ["6. County Priorities 2014-17"]
    # The hard-wrapped, indented continuation of 6.4 is one paragraph again.
    assert any(block.text.startswith("Consultation and discussion with partners indicates that "
                                     "retaining the majority of the themes would still be")
               for block in agreement.blocks)


def test_hard_wrapped_lines_rejoined_and_running_headers_dropped(
    docs: dict[str, Document],
) -> None:
    texts = [block.text for part in docs["004"].parts for block in part.blocks]
    assert any("present the latest refresh of the Kent Community Safety Agreement (CSA) which "
               "takes effect from 1st April 2024" in text for text in texts)
    assert "Kent Community Safety Agreement (April 2024)" not in texts
    assert not any(text.startswith("Page 19 of 39") for text in texts)


def test_html_remnants_are_removed(docs: dict[str, Document]) -> None:
    texts = [block.text for part in docs["003"].parts for block in part.blocks]
    assert "To: Kent Community Safety Partnership – 8th July 2014" in texts
    assert not any("<sup>" in text or "&amp;" in text or "<li>" in text for text in texts)


def test_documents_round_trip_through_json(docs: dict[str, Document]) -> None:
    for document in docs.values():
        again = Document.from_json(document.to_json())
        assert again == document
        assert again.parts[0].sections == document.parts[0].sections


def test_every_block_has_text_and_a_page_in_packs(docs: dict[str, Document]) -> None:
    for key in ("003", "004"):
        blocks = [block for part in docs[key].parts for block in part.blocks]
        assert all(block.text.strip() for block in blocks)
        assert all(isinstance(block.page, int) for block in blocks)
        pages = [block.page for block in blocks]
        assert pages == sorted(pages)  # reading order never goes back a page


def test_discover_finds_the_five_corpus_files_in_order() -> None:
    paths = discover([CORPUS])
    assert [path.name[:3] for path in paths] == ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize("key", ["000", "002", "003", "004"])
def test_renamed_places_and_bodies_keep_the_same_parts(
    docs: dict[str, Document], tmp_path: Path, key: str
) -> None:
    """Nothing in the rules depends on the sample's names: rename them and compare."""
    renames = {"Kent": "Wessex", "KENT": "WESSEX", "KCC": "WCC", "Medway": "Avonmouth",
               "Scrutiny Committee": "Oversight Panel", "Domestic Abuse": "Family Harm",
               "Road Safety": "Safer Streets", "Head of": "Lead for"}
    text = next(CORPUS.glob(f"{key}_*.txt")).read_text(encoding="utf-8")
    for old, new in renames.items():
        text = text.replace(old, new)
    path = tmp_path / f"{key}_renamed.txt"
    path.write_text(text, encoding="utf-8")
    renamed = extract(path)

    def rename(value: str | None) -> str | None:
        for old, new in renames.items():
            value = value.replace(old, new) if value else value
        return value

    expected = [(part.type, rename(part.title), part.date, part.period, part.page_start)
                for part in docs[key].parts]
    assert [(part.type, part.title, part.date, part.period, part.page_start)
            for part in renamed.parts] == expected
    for before, after in zip(docs[key].parts, renamed.parts, strict=True):
        assert abs(len(before.blocks) - len(after.blocks)) <= 2

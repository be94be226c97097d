"""Text files: pages, cleaning, blocks, sections, tables and discovery."""

from __future__ import annotations

from pathlib import Path

from partnership_kg.ingest import discover, extract
from partnership_kg.ingest.text import split_pages


def write(tmp_path: Path, text: str, name: str = "doc.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_page_footers_close_their_page() -> None:
    pages = split_pages("intro\nPage 1\nsecond page\nPage 2\nlast words\n")
    assert [(page.number, page.text.strip()) for page in pages] == [
        (1, "intro"), (2, "second page"), (3, "last words")
    ]


def test_inner_numbering_and_backward_footers_are_not_breaks() -> None:
    pages = split_pages("a\nPage 57 Page 5 of 10\nb\nPage 19 of 39\nc\nPage 3\nd\nPage 58\n")
    assert [page.number for page in pages] == [57, 58]
    assert "Page 3" in pages[1].text


def test_sparse_footers_spread_text_over_the_gap() -> None:
    # Footer 2 then footer 5: the 30 lines between are pages 3, 4 and 5 in order; the short
    # text before footer 2 needs one page, so it is page 2 alone.
    body = "\n".join(f"line {index:02d}" for index in range(30))
    pages = split_pages(f"first\nPage 2\n{body}\nPage 5\n" + "tail " * 40)
    assert [page.number for page in pages] == [2, 3, 4, 5, 6]
    assert [len(page.text.split()) for page in pages[1:4]] == [20, 20, 20]
    assert pages[1].text.startswith("line 00") and pages[3].text.strip().endswith("line 29")


def test_form_feeds_are_page_breaks() -> None:
    assert [page.number for page in split_pages("one\fTwo\f\fthree")] == [1, 2, 4]


def test_no_markers_means_no_page() -> None:
    assert [page.number for page in split_pages("just text\n")] == [None]


def test_blocks_headings_lists_and_rejoined_paragraphs(tmp_path: Path) -> None:
    text = (
        "Wessex Community Safety Agreement\n\n"
        "6. County Priorities 2014-17\n\n"
        "- 6.1. The priorities for the county were chosen by the \n"
        "partners in a workshop.\n"
        "The analysis of the Wessex \n\n"
        "Community Safety data followed.\n\n"
        "- Acquisitive Crime\n"
        "• Road Safety\n"
        "1) Anti-Social Behaviour\n\n"
        "6.2 Next Steps\n\n"
        "Appendix A: Strategic Assessments (2014-15)\n\n"
        "Priority: Road Safety\n\n"
        "Lead: Wessex Fire and Rescue Service\n"
    )
    document = extract(write(tmp_path, text))
    part = document.parts[0]
    got = [(block.kind, block.text, block.section_path) for block in part.blocks]
    assert got == [
        ("heading", "Wessex Community Safety Agreement", ["Wessex Community Safety Agreement"]),
        ("heading", "6. County Priorities 2014-17", ["6. County Priorities 2014-17"]),
        ("paragraph", "6.1. The priorities for the county were chosen by the partners in a "
         "workshop. The analysis of the Wessex Community Safety data followed.",
         ["6. County Priorities 2014-17"]),
        ("list_item", "Acquisitive Crime", ["6. County Priorities 2014-17"]),
        ("list_item", "Road Safety", ["6. County Priorities 2014-17"]),
        ("list_item", "1) Anti-Social Behaviour", ["6. County Priorities 2014-17"]),
        ("heading", "6.2 Next Steps", ["6. County Priorities 2014-17", "6.2 Next Steps"]),
        ("heading", "Appendix A: Strategic Assessments (2014-15)",
         ["Appendix A: Strategic Assessments (2014-15)"]),
        ("heading", "Priority: Road Safety",
         ["Appendix A: Strategic Assessments (2014-15)", "Priority: Road Safety"]),
        ("paragraph", "Lead: Wessex Fire and Rescue Service",
         ["Appendix A: Strategic Assessments (2014-15)", "Priority: Road Safety"]),
    ]
    numbers = [(block.number, block.level) for block in part.blocks if block.kind == "heading"]
    assert numbers == [(None, 1), ("6.", 1), ("6.2", 2), ("Appendix A", 1), (None, 2)]
    assert [section.title for section in part.sections] == [
        "Wessex Community Safety Agreement", "County Priorities 2014-17",
        "Strategic Assessments (2014-15)",
    ]
    assert part.sections[1].children[0].number == "6.2"


def test_markdown_headings_and_html_remnants(tmp_path: Path) -> None:
    text = (
        "#### A. Committee Business\n\n"
        "To: Wessex Partnership – 8<sup>th</sup> July 2014 &amp; later\n\n"
        "Aim\tLinks\n"
        "Reduce harm\t<ul> <li>Early Intervention</li> <li>Reducing Re-offending</li></ul>\n"
    )
    blocks = extract(write(tmp_path, text)).parts[0].blocks
    assert (blocks[0].kind, blocks[0].text) == ("heading", "A. Committee Business")
    assert blocks[1].text == "To: Wessex Partnership – 8th July 2014 & later"
    assert blocks[2].rows == [["Aim", "Links"],
                              ["Reduce harm", "Early Intervention; Reducing Re-offending"]]


def test_table_continuation_rows_merge(tmp_path: Path) -> None:
    text = (
        "Priority\tLead\n"
        "Road Safety\tDirector Operations, Wessex Fire and\n"
        "\tRescue Service\n"
        "Substance Misuse\tHead of Public Health\n"
    )
    table = extract(write(tmp_path, text)).parts[0].blocks[0]
    assert table.kind == "table"
    assert table.rows == [
        ["Priority", "Lead"],
        ["Road Safety", "Director Operations, Wessex Fire and Rescue Service"],
        ["Substance Misuse", "Head of Public Health"],
    ]
    assert table.text == ("Priority\tLead\nRoad Safety\tDirector Operations, Wessex Fire and "
                          "Rescue Service\nSubstance Misuse\tHead of Public Health")


def test_running_header_repeated_by_pages_is_removed(tmp_path: Path) -> None:
    header = " " * 30 + "Wessex Community Safety Agreement (April 2024)   "
    body = "".join(
        f"{header}\n\n{index}. Section {index}\n\nText of section {index}.\n\nPage {index}\n"
        for index in range(1, 5)
    )
    document = extract(write(tmp_path, body))
    texts = [block.text for block in document.parts[0].blocks]
    assert "Wessex Community Safety Agreement (April 2024)" not in texts
    assert [block.page for block in document.parts[0].blocks if block.kind == "heading"] == [
        1, 2, 3, 4]


def test_report_cover_gives_title_and_date(tmp_path: Path) -> None:
    text = (
        "By: Head of Community Safety\n\n"
        "To: Wessex Community Safety Partnership – 1st November 2012\n\n"
        "Subject: Wessex Community Safety Agreement – Development of a New\n\n"
        "Agreement and Performance Update\n\n"
        "Summary\n\n1.0 Background\n\nText.\n"
    )
    part = extract(write(tmp_path, text)).parts[0]
    assert (part.type, part.date) == ("report", "2012-11-01")
    assert part.title == ("Wessex Community Safety Agreement – Development of a New Agreement "
                          "and Performance Update")


def test_document_fields(tmp_path: Path) -> None:
    path = write(tmp_path, "Foreword\n\nSome text.\n", name="notes.md")
    document = extract(path)
    assert (document.source, document.format, document.path) == ("notes.md", "text", str(path))
    assert len(document.sha256) == 64
    assert document.pages[0].number is None


def test_discover_expands_folders_and_keeps_named_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ["b.txt", "a.pdf", "README.md", "__init__.py", "sub/c.md", "sub/d.docx",
                 ".hidden/e.txt", ".f.txt", "notes.text", "_draft.txt"]:
        (tmp_path / name).write_text("x")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    found = discover([tmp_path])
    # Unsupported and unreadable files are kept so the build can say why each is refused.
    assert [path.relative_to(tmp_path).as_posix() for path in found] == [
        "_draft.txt", "a.pdf", "b.txt", "gone.txt", "notes.text", "sub/c.md", "sub/d.docx"
    ]
    named = tmp_path / "sub" / "d.docx"
    assert discover([named, tmp_path / "b.txt"]) == [named, tmp_path / "b.txt"]


def test_pack_of_two_agreements_and_an_action_plan(tmp_path: Path) -> None:
    chapters = "".join(f"{n}. Chapter {n}\n\nThis agreement says {n}.\n\n" for n in (1, 2, 3))
    text = (
        f"Wessex Community Safety Agreement 2011-14\n\n{chapters}"
        f"Wessex Community Safety Agreement 2014-17\n\n{chapters}"
        "Wessex CSA Action Plan 2014-17\n\n"
        "Aim\tAction\tLead\tTimescale\n"
        "Cut harm\tFund support\tWessex Police\t2015\n"
    )
    parts = extract(write(tmp_path, text)).parts
    assert [(part.type, part.title, part.period) for part in parts] == [
        ("agreement", "Wessex Community Safety Agreement 2011-14", "2011-14"),
        ("agreement", "Wessex Community Safety Agreement 2014-17", "2014-17"),
        ("action plan", "Wessex CSA Action Plan 2014-17", "2014-17"),
    ]
    assert [len(part.sections) for part in parts] == [4, 4, 1]


def test_agreement_without_landmarks_is_read_from_its_wording(tmp_path: Path) -> None:
    text = ("1. Purpose\n\nThis agreement sets out the priorities of the partners.\n\n"
            "2. Review\n\nThis agreement takes effect from 1st April 2024 and is reviewed "
            "every year.\n")
    [part] = extract(write(tmp_path, text)).parts
    assert (part.type, part.period, part.title) == ("agreement", "April 2024",
                                                    "Agreement (April 2024)")


def test_column_aligned_and_markdown_tables(tmp_path: Path) -> None:
    text = (
        "Priority          Lead\n"
        "Road Safety       Director Operations, Wessex Fire\n"
        "Substance Misuse  Head of Public Health\n\n"
        "Members asked questions.  The Chair answered them in full detail at length today.\n\n"
        "| Version | Date |\n|---|---|\n| 1.0 | April 2017 |\n"
    )
    blocks = extract(write(tmp_path, text, name="tables.md")).parts[0].blocks
    assert [block.kind for block in blocks] == ["table", "paragraph", "table"]
    assert blocks[0].rows == [["Priority", "Lead"],
                              ["Road Safety", "Director Operations, Wessex Fire"],
                              ["Substance Misuse", "Head of Public Health"]]
    assert blocks[2].rows == [["Version", "Date"], ["1.0", "April 2017"]]


def test_page_numbers_beside_footers_go_but_counts_stay(tmp_path: Path) -> None:
    text = ("Priority  No. of CSPs\n\nSerious Violence (including violence reduction)\n12\n\n"
            "Intro text.\n\n7\n\nPage 3\n\n4\n\nMore text.\n")
    document = extract(write(tmp_path, text))
    texts = [block.text for block in document.parts[0].blocks]
    assert "Serious Violence (including violence reduction) 12" in texts
    assert "7" not in texts and "4" not in texts
    assert [page.number for page in document.pages] == [3, 4]


def test_a_short_note_without_headings_gets_a_type_and_a_title(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Minutes of the partnership meeting\n\nThe meeting noted the report.\n",
                    encoding="utf-8")
    memo = tmp_path / "memo.txt"
    memo.write_text("The partnership will review its priorities in the spring. More follows.\n",
                    encoding="utf-8")
    assert [(p.type, p.title) for p in extract(note).parts] == [
        ("minutes", "Minutes of the partnership meeting")]
    assert [(p.type, p.title) for p in extract(memo).parts] == [
        ("other", "The partnership will review its priorities in the spring.")]

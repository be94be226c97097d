"""Real PDFs written by reportlab, and every kind of bad input refused in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_kg import settings
from partnership_kg.ingest import IngestError, extract

FOREWORD = (
    "As Chair of the Wessex Community Safety Partnership I am pleased to present the new "
    "Wessex Community Safety Agreement (CSA) for 2014/17, which sets out how partners will "
    "work together to address the key community safety priorities for the county."
)
LEADS = [
    ["Priority", "Lead"],
    ["Road Safety", "Director Operations, Wessex Fire and Rescue Service"],
    ["Domestic Abuse", "Chair of Wessex Domestic Abuse Strategy Group"],
]


def test_pdf_pages_headings_table_and_header(pdf_agreement: Path) -> None:
    document = extract(pdf_agreement)
    assert (document.format, document.source, document.page_count) == (
        "pdf", "wessex_agreement.pdf", 3)
    [part] = document.parts
    assert (part.type, part.title, part.period) == (
        "agreement", "Wessex Community Safety Agreement 2014-17", "2014-17")
    assert (part.page_start, part.page_end) == (1, 3)
    headings = [(b.text, b.number, b.page) for b in part.blocks if b.kind == "heading"]
    assert headings == [
        ("Foreword", None, 1),
        ("1. Introduction", "1.", 1),
        ("6. County Priorities 2014-17", "6.", 2),
        ("7. Leads", "7.", 3),
    ]
    texts = [block.text for block in part.blocks]
    assert FOREWORD in texts  # wrapped over three lines in the PDF, one paragraph again
    assert ("6.3. The priorities for Wessex are: Acquisitive Crime; Anti-Social Behaviour; "
            "and Road Safety.") in texts
    # The running header and the "Page N of 3" footers are gone.
    assert not any("Agreement 2014-17" in text or text.startswith("Page ") for text in texts)
    [table] = [block for block in part.blocks if block.kind == "table"]
    assert (table.rows, table.page, table.section_path) == (LEADS, 3, ["7. Leads"])


def test_pdf_table_words_are_not_repeated_as_text(pdf_agreement: Path) -> None:
    part = extract(pdf_agreement).parts[0]
    outside = [block.text for block in part.blocks if block.kind != "table"]
    assert not any("Director Operations" in text for text in outside)


def test_encrypted_pdf(pdf_encrypted: Path) -> None:
    with pytest.raises(IngestError, match=r"^encrypted PDF: a password is needed$"):
        extract(pdf_encrypted)


def test_scanned_pdf(pdf_scanned: Path) -> None:
    with pytest.raises(IngestError, match=r"^no text layer: OCR it first$"):
        extract(pdf_scanned)


@pytest.mark.parametrize("keep", [0.5, 0.98])
def test_truncated_pdf(pdf_agreement: Path, tmp_path: Path, keep: float) -> None:
    data = pdf_agreement.read_bytes()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(IngestError, match=r"^corrupt PDF: \S"):
        extract(broken)


def test_text_renamed_pdf(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_text("Just some words, not a PDF at all.\n")
    with pytest.raises(IngestError, match=r"^corrupt PDF: not a PDF file \(no %PDF header\)$"):
        extract(path)


@pytest.mark.parametrize("content", [b"", b"  \n\n\t \n"])
@pytest.mark.parametrize("name", ["empty.txt", "empty.pdf"])
def test_empty_file(tmp_path: Path, content: bytes, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError, match=r"^empty file$"):
        extract(path)


def test_huge_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "MAX_FILE_BYTES", 1024 * 1024)
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * (3 * 1024 * 1024 // 5))
    with pytest.raises(IngestError, match=r"^file too large: 3 MB \(limit 1 MB\)$"):
        extract(path)


def test_cp1252_text_ingests_with_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Foreword\n\nThe café budget – £5,000 for 2014/17.\n".encode("cp1252"))
    document = extract(path)
    assert document.warnings == ["decoded as cp1252, not UTF-8"]
    assert document.parts[0].blocks[1].text == "The café budget – £5,000 for 2014/17."


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Foreword\n\nPriorities for Wessex – 2024.\n".encode("utf-16"))
    document = extract(path)
    assert document.warnings == []
    assert [block.text for block in document.parts[0].blocks] == [
        "Foreword", "Priorities for Wessex – 2024."]


def test_binary_garbage_in_txt(tmp_path: Path) -> None:
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(IngestError, match=r"^not a text file: binary content$"):
        extract(path)


@pytest.mark.parametrize("suffix", [".xlsx", ".png", ".pptx"])
def test_unsupported_types(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"file{suffix}"
    path.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(IngestError) as caught:
        extract(path)
    assert str(caught.value) == (
        f"unsupported file type: {suffix} (PDF, Word .docx, web page .html and text are supported)"
    )


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"^file not found: "):
        extract(tmp_path / "absent.txt")


def test_pdf_with_a_blank_page_warns(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "gap.pdf"
    canvas = Canvas(str(path))
    canvas.drawString(72, 720, "Foreword")
    canvas.showPage()
    canvas.showPage()  # page 2 left empty, as a scanned insert would read
    canvas.drawString(72, 720, "1. Introduction")
    canvas.save()
    document = extract(path)
    assert [page.number for page in document.pages] == [1, 2, 3]
    assert document.warnings == ["no text on page(s) 2: scanned images? OCR them"]

"""Word documents: headings, numbered and bulleted lists, tables in body order; bad ones refused."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from partnership_kg import settings
from partnership_kg.ingest import Document, IngestError, extract


def _agreement(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("Source: https://northshire.example/agreement")
    document.add_heading("Northshire Community Safety Agreement 2025-28", level=0)
    document.add_heading("1. Introduction", level=1)
    document.add_paragraph("The partnership agreed these priorities:")
    document.add_paragraph("Reducing violence", style="List Number")
    document.add_paragraph("Tackling anti-social behaviour", style="List Number")
    document.add_paragraph("in parks", style="List Bullet")
    document.add_heading("Leads", level=2)
    table = document.add_table(rows=3, cols=2)
    for (row, column), text in {(0, 0): "Priority", (0, 1): "Lead",
                                (1, 0): "Reducing violence", (1, 1): "Northshire Police"}.items():
        table.cell(row, column).text = text
    table.cell(2, 0).merge(table.cell(2, 1)).text = "Reviewed every year"
    bold = document.add_paragraph().add_run("Signed by the partners")
    bold.bold = True
    document.add_paragraph("Closing words of the agreement.")
    document.save(str(path))
    return path


def test_docx_headings_lists_and_table_in_order(tmp_path: Path) -> None:
    document = extract(_agreement(tmp_path / "agreement.docx"))
    assert (document.format, document.source_url) == ("docx", "https://northshire.example/agreement")
    [part] = document.parts
    assert (part.type, part.title) == ("agreement", "Northshire Community Safety Agreement 2025-28")
    assert [(b.kind, b.level, b.number, b.text) for b in part.blocks] == [
        ("heading", 1, None, "Northshire Community Safety Agreement 2025-28"),
        ("heading", 1, "1.", "1. Introduction"),
        ("paragraph", None, None, "The partnership agreed these priorities:"),
        ("list_item", None, None, "1. Reducing violence"),
        ("list_item", None, None, "2. Tackling anti-social behaviour"),
        ("list_item", None, None, "in parks"),
        ("heading", 2, None, "Leads"),
        ("table", None, None,
         "Priority\tLead\nReducing violence\tNorthshire Police\nReviewed every year\t"),
        ("heading", 3, None, "Signed by the partners"),  # bold line: one below "Leads"
        ("paragraph", None, None, "Closing words of the agreement."),
    ]
    table = next(b for b in part.blocks if b.kind == "table")
    assert table.rows == [["Priority", "Lead"], ["Reducing violence", "Northshire Police"],
                          ["Reviewed every year", ""]]  # the merged cell once
    # "Title" and "Heading 1" are both level 1: the table sits under the chapter, not the title.
    assert table.section_path == ["1. Introduction", "Leads"]
    assert Document.from_json(document.to_json()).source_url == document.source_url


def test_empty_docx(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    with pytest.raises(IngestError, match=r"^no text found$"):
        extract(path)


def test_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_text("Plain words saved with the wrong name.")
    with pytest.raises(IngestError, match=r"^corrupt Word document: not a zip file$"):
        extract(path)


def test_old_doc_and_encrypted_docx(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    old = tmp_path / "renamed.docx"
    old.write_bytes(ole + b"WordDocument")
    with pytest.raises(IngestError, match=r"^old Word \.doc format is not supported: save it as "
                       r"\.docx$"):
        extract(old)
    locked = tmp_path / "locked.docx"
    locked.write_bytes(ole + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(IngestError, match=r"^encrypted Word document: a password is needed$"):
        extract(locked)
    doc = tmp_path / "minutes.doc"
    doc.write_bytes(ole)
    with pytest.raises(IngestError, match=r"^old Word \.doc format is not supported"):
        extract(doc)


def test_zip_bomb_docx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "MAX_FILE_BYTES", 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"<w:document/>")
        package.writestr("word/media/filler.bin", b"\0" * (5 * 1024 * 1024))
    path = tmp_path / "bomb.docx"
    path.write_bytes(buffer.getvalue())
    assert path.stat().st_size < 1024 * 1024  # small on disk: only unpacking is too big
    with pytest.raises(IngestError, match=r"^Word document too large unpacked: 5 MB \(limit 1 MB\)"
                       r": a zip bomb\?$"):
        extract(path)


def test_zip_without_a_document(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
    path = tmp_path / "sheet.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(IngestError, match=r"^corrupt Word document: no word/document\.xml in the "
                       r"package$"):
        extract(path)


@pytest.mark.parametrize("keep", [0.3, 0.9])
def test_truncated_docx(tmp_path: Path, keep: float) -> None:
    data = _agreement(tmp_path / "whole.docx").read_bytes()
    path = tmp_path / "broken.docx"
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(IngestError, match=r"^corrupt Word document: \S") as caught:
        extract(path)
    assert "\n" not in str(caught.value)

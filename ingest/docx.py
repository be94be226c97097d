"""Word documents (.docx) through python-docx: headings, list items and tables in body order.

Paragraphs and tables are read as they interleave in the body. "Heading N" styles (or styles
based on them) give heading blocks of level N; numbered paragraphs keep the numbering Word
shows ("1.", "b)", "iii."), taken from the numbering definitions; bulleted ones are plain list
items. A merged table cell is read once. The zip is checked before python-docx opens it, so
a zip bomb or a renamed file is refused in one line.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import TYPE_CHECKING

from partnership_kg import settings
from partnership_kg.ingest.blocks import _heading
from partnership_kg.ingest.model import Block, IngestError
from partnership_kg.ingest.numbering import Numbering

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of old .doc files and encrypted .docx
_HEADING_STYLE = re.compile(r"^Heading\s+([1-9])$", re.IGNORECASE)
_MAX_MEMBERS = 5000
_TERMINAL = re.compile(r"[.!?;:,]$")


def read_docx(data: bytes) -> list[Block]:
    """The document body as Blocks in reading order (page None: Word keeps no fixed pages)."""
    _check_container(data)
    import docx  # here, not at module level: text and PDF ingestion start without it

    try:
        document = docx.Document(io.BytesIO(data))
        numbering = Numbering.of(document)
        blocks: list[Block] = []
        for item in document.iter_inner_content():
            if hasattr(item, "rows"):
                blocks += _table(item, numbering)  # type: ignore[arg-type]
            else:
                block = _paragraph(item, numbering)  # type: ignore[arg-type]
                if block is not None:
                    blocks.append(block)
    except IngestError:
        raise
    except Exception as error:  # python-docx raises many types for a damaged package
        raise IngestError(f"corrupt Word document: {_reason(error)}") from None
    return blocks


def _check_container(data: bytes) -> None:
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise IngestError("encrypted Word document: a password is needed")
        raise IngestError("old Word .doc format is not supported: save it as .docx")
    if not data.startswith(b"PK"):
        raise IngestError("corrupt Word document: not a zip file")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise IngestError(f"corrupt Word document: {_reason(error)}") from None
    unpacked = sum(member.file_size for member in members)
    # A real document unpacks to a few times its size; a zip bomb to thousands.
    limit = settings.MAX_FILE_BYTES
    if len(members) > _MAX_MEMBERS or unpacked > limit:
        raise IngestError(
            f"Word document too large unpacked: {unpacked // (1024 * 1024)} MB "
            f"(limit {limit // (1024 * 1024)} MB): a zip bomb?"
        )
    if "word/document.xml" not in {member.filename for member in members}:
        raise IngestError("corrupt Word document: no word/document.xml in the package")


def _paragraph(paragraph: Paragraph, numbering: Numbering) -> Block | None:
    text = " ".join(paragraph.text.split())
    if not text:
        return None
    level = _heading_level(paragraph)
    if level is not None:
        numbered = _heading(text)
        return Block("heading", text, None, number=numbered[0] if numbered else None,
                     level=level)
    listed = numbering.item(paragraph)
    if listed is not None:
        return Block("list_item", f"{listed} {text}" if listed else text, None)
    if _bold_title(paragraph, text):
        return Block("heading", text, None)  # its level comes from the headings around it
    return Block("paragraph", text, None)


def _heading_level(paragraph: Paragraph) -> int | None:
    """N of a "Heading N" style or a style based on one; 1 for "Title"."""
    style = paragraph.style
    for _ in range(10):  # styles chain through base styles; a loop in a broken file ends here
        if style is None:
            return None
        name = style.name or ""
        match = _HEADING_STYLE.match(name)
        if match:
            return int(match.group(1))
        if name.lower() == "title":
            return 1
        style = style.base_style
    return None


def _bold_title(paragraph: Paragraph, text: str) -> bool:
    """A short paragraph set all in bold with no final punctuation: a heading by hand."""
    runs = [run for run in paragraph.runs if run.text.strip()]
    if not runs or not all(run.bold for run in runs):
        return False
    return len(text.split()) <= 12 and not _TERMINAL.search(text) and text[0].isupper()


def _table(table: Table, numbering: Numbering) -> list[Block]:
    rows: list[list[str]] = []
    seen: set[object] = set()  # cell elements (held, so lxml keeps one proxy per element)
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            if cell._tc in seen:  # a merged cell repeats over the grid it spans
                cells.append("")
                continue
            seen.add(cell._tc)
            cells.append(_cell_text(cell.paragraphs, numbering))
        if any(cells):
            rows.append(cells)
    if not rows:
        return []
    if len(rows) == 1 or max(len(row) for row in rows) == 1:
        return [Block("paragraph", cell, None) for row in rows for cell in row if cell]
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    return [Block("table", "\n".join("\t".join(row) for row in rows), None, rows=rows)]


def _cell_text(paragraphs: list[Paragraph], numbering: Numbering) -> str:
    """A cell's paragraphs on one line; its list items joined with "; " as a list is read."""
    text = ""
    for paragraph in paragraphs:
        words = " ".join(paragraph.text.split())
        if not words:
            continue
        listed = numbering.item(paragraph) is not None
        text = f"{text}{'; ' if listed and text else ' ' if text else ''}{words}"
    return text


def _reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:120]

"""PDF files through pdfplumber: one Page per PDF page, tables kept as tab-separated rows."""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING, Any

from partnership_kg.ingest.model import IngestError, Page

if TYPE_CHECKING:
    from pdfplumber.page import Page as PdfPage

# pdfminer logs a warning for every odd object in a damaged file; the user gets one line instead.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def read_pdf(data: bytes) -> list[Page]:
    """Pages with their text; each table becomes tab-separated lines where it stands."""
    if b"%PDF-" not in data[:1024]:  # readers accept the header anywhere in the first 1 KB
        raise IngestError("corrupt PDF: not a PDF file (no %PDF header)")
    # Imported here, not at module level: ingesting only text files stays quick to start.
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    pages: list[Page] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                pages.append(Page(number, _page_text(page)))
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, PDFPasswordIncorrect) or "password" in repr(cause).lower():
            raise IngestError("encrypted PDF: a password is needed") from None
        raise IngestError(f"corrupt PDF: {_reason(cause)}") from None
    except Exception as error:  # pdfminer raises many unrelated types for damaged files
        raise IngestError(f"corrupt PDF: {_reason(error)}") from None
    if not pages:
        raise IngestError("corrupt PDF: no pages")
    if not any(page.text.strip() for page in pages):
        raise IngestError("no text layer: OCR it first")
    return pages


def _page_text(page: PdfPage) -> str:
    """The page's lines top to bottom, a table's rows taking the place of its words."""
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    items: list[tuple[float, str]] = [
        (line["top"], line["text"]) for line in page.filter(outside).extract_text_lines()
    ]
    for table in tables:
        rows = ["\t".join(_cell(cell) for cell in row) for row in table.extract()]
        items.append((table.bbox[1], "\n" + "\n".join(rows) + "\n"))
    items.sort(key=lambda item: item[0])
    return "\n".join(text for _, text in items)


def _cell(cell: str | None) -> str:
    # A cell's own line breaks are wrapping, not structure; tabs would split the cell.
    return " ".join((cell or "").split())


def _reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:120]

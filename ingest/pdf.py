"""PDF files through pdfplumber: one Page per PDF page, its lines in reading order, running
headers and footers left out, a blank line where a paragraph ends, tables as tab-separated rows."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from partnership_kg.ingest.model import IngestError, Page
from partnership_kg.ingest.pdf_layout import (
    TextLine,
    cell_columns,
    cell_text,
    crossing_tops,
    gutter,
    inside,
    is_running,
    line_step,
    line_text,
    rule_groups,
    running_lines,
    with_paragraph_breaks,
)

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

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            laid_out = [_page_lines(page) for page in pdf.pages]
            height = float(pdf.pages[0].height) if pdf.pages else 0.0
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, PDFPasswordIncorrect) or "password" in repr(cause).lower():
            raise IngestError("encrypted PDF: a password is needed") from None
        raise IngestError(f"corrupt PDF: {_reason(cause)}") from None
    except Exception as error:  # pdfminer raises many unrelated types for damaged files
        raise IngestError(f"corrupt PDF: {_reason(error)}") from None
    if not laid_out:
        raise IngestError("corrupt PDF: no pages")
    running = running_lines(laid_out, height)
    laid_out = [[line for line in lines if not is_running(line, running)] for lines in laid_out]
    step = line_step(laid_out)
    pages = [Page(number, "\n".join(with_paragraph_breaks(lines, step)))
             for number, lines in enumerate(laid_out, 1)]
    if not any(page.text.strip() for page in pages):
        raise IngestError("no text layer: OCR it first")
    return pages


def _page_lines(page: PdfPage) -> list[TextLine]:
    """The page's lines in reading order: column by column where it has two, each table's
    rows (tab-separated, one cell per column however its text wraps) where the table stands."""
    chars = page.chars
    tables = [
        (table.bbox, [[cell_text(inside(chars, cell)) if cell else "" for cell in row.cells]
                      for row in table.rows])
        for table in page.find_tables()
    ]
    tables += _rule_tables(page, [bbox for bbox, _ in tables])
    boxes = [bbox for bbox, _ in tables]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text = page.filter(outside)
    split = gutter([(c["x0"], c["x1"], c["top"]) for c in text.chars], float(page.width))
    table_lines = [
        TextLine(bbox[1], bbox[3], bbox[0], bbox[2], "\n".join("\t".join(row) for row in rows),
                 table=True)
        for bbox, rows in tables
    ]
    if split is None:
        return sorted(_lines(text) + table_lines, key=lambda line: line.top)
    crossing = crossing_tops([(c["x0"], c["x1"], c["top"]) for c in text.chars], split)

    def across_gutter(char: dict[str, Any]) -> bool:
        return round(char["top"]) in crossing

    left = sorted(_lines(text, lambda c: not across_gutter(c) and c["x1"] <= split)
                  + [line for line in table_lines if line.x1 <= split], key=_top)
    right = sorted(_lines(text, lambda c: not across_gutter(c) and c["x1"] > split)
                   + [line for line in table_lines if line.x1 > split], key=_top)
    across = sorted(_lines(text, across_gutter), key=_top)
    first = min(line.top for line in left + right)
    return ([line for line in across if line.top < first] + left + right
            + [line for line in across if line.top >= first])


def _top(line: TextLine) -> float:
    return line.top


def _lines(page: PdfPage, keep: Callable[[dict[str, Any]], bool] | None = None) -> list[TextLine]:
    if keep is not None:
        chosen = keep
        page = page.filter(lambda obj: obj.get("object_type") != "char" or chosen(obj))
    return [TextLine(line["top"], line["bottom"], line["x0"], line["x1"], line_text(line["chars"]))
            for line in page.extract_text_lines()]


def _rule_tables(page: PdfPage, ruled: list[tuple[float, float, float, float]]
                 ) -> list[tuple[tuple[float, float, float, float], list[list[str]]]]:
    """Tables drawn with horizontal rules only: a row between each two rules, the columns
    where no row's words cross. Rules inside a fully ruled table are left to that table."""
    rules = [
        (edge["x0"], edge["x1"], edge["top"]) for edge in page.horizontal_edges
        if not any(x0 - 1 <= edge["x0"] and edge["x1"] <= x1 + 1 and top - 1 <= edge["top"]
                   <= bottom + 1 for x0, top, x1, bottom in ruled)
    ]
    found = []
    for x0, x1, *ys in rule_groups(rules):
        bbox = (x0, ys[0], x1, ys[-1])
        chars = inside(page.chars, bbox)
        columns = cell_columns([(c["x0"], c["x1"]) for c in chars if not c["text"].isspace()],
                               x0, x1)
        rows = [
            [cell_text(inside(chars, (left, top, right, bottom)))
             for left, right in zip(columns, columns[1:], strict=False)]
            for top, bottom in zip(ys, ys[1:], strict=False)
        ]
        found.append((bbox, rows))
    return found


def _reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:120]


def paragraphs_spaced(pages: list[Page]) -> bool:
    """Whether the PDF sets its paragraphs apart by space (blank lines between prose lines in
    ``read_pdf``'s text). Then its lines read as a text file's: consecutive lines are one
    paragraph. Without such space, a line ending a sentence must end the paragraph."""
    lines = [line for page in pages for line in page.text.split("\n") if "\t" not in line]
    gaps = sum(1 for a, b, c in zip(lines, lines[1:], lines[2:], strict=False)
               if a.strip() and not b.strip() and c.strip())
    return gaps >= max(2, len(lines) // 50)

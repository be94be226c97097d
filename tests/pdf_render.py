"""Text documents rendered as a council would publish them, for the PDF end-to-end tests.

Two styles, both A4 with about 50 lines a page, a running header and a "Page N" footer:
- ``ruled``: one column; the header repeats the document's first line; every run of
  tab-separated rows is a table ruled on all sides whose cells wrap inside their column.
- ``columns``: two columns; the header names the partnership; tables have horizontal rules only.

Each text line is a paragraph of its own (a long one wraps at the page or column edge), a blank
line leaves a half-line gap, and a pack's own page footer ("Page 23") ends the PDF page there,
as the page it marks ended in the published pack.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

Style = Literal["ruled", "columns"]
STYLES: tuple[Style, ...] = ("ruled", "columns")

# A page footer left in the text by its PDF export: "Page 23", "Page 57 Page 5 of 10".
_FOOTER = re.compile(r"^\s*(?:#+\s*)?\**Page\s+(\d{1,4})\**(?:\s+Page\s+\d+\s+of\s+\d+)?\s*$")
_CELL_FOOTER = re.compile(r"^\s*Page\s+(\d{1,4})\s*\t")
_MARKUP = re.compile(r"[#*]+")
_WIDE_GAP = re.compile(r" {2,}")
# "Wessex Community Safety Partnership", "Northshire County Council": whoever publishes it.
_PUBLISHER = re.compile(r"\b((?:[A-Z][a-z]+\s+){1,4}(?:Partnership|Council))\b")

# Vera ships with reportlab, so every machine renders the same PDF; it maps each glyph to its
# character, which the standard Helvetica does not do for a bullet.
pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
# What Vera cannot draw becomes the look-alike a publisher's font would show.
_LOOK_ALIKES = str.maketrans({
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "К": "K", "М": "M", "О": "O", "Р": "P",
    "Т": "T", "Х": "X", "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x",
    "і": "i", "▲": "+", "▼": "-", "‑": "-", "⁰": "0", "⁴": "4", "⁵": "5", "⁶": "6",
    "⁷": "7", "⁸": "8", "⁹": "9",
})
_MARGIN = 60.0
_BODY = ParagraphStyle("body", fontName="Vera", fontSize=10, leading=14)


def render(text: str, path: Path, style: Style = "ruled") -> Path:
    """Write ``text`` as a PDF at ``path`` in the given style."""
    width, height = A4
    header = _header(text, style)
    columns = 2 if style == "columns" else 1
    gutter = 24.0
    frame_width = (width - 2 * _MARGIN - gutter * (columns - 1)) / columns
    frames = [
        Frame(_MARGIN + index * (frame_width + gutter), _MARGIN, frame_width,
              height - 2 * _MARGIN, leftPadding=0, rightPadding=0, topPadding=0,
              bottomPadding=0)
        for index in range(columns)
    ]

    def furniture(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont("Vera", 8)
        canvas.drawString(_MARGIN, height - _MARGIN + 20, header)
        canvas.drawCentredString(width / 2, _MARGIN - 30, f"Page {document.page}")
        canvas.restoreState()

    wide = Frame(_MARGIN, _MARGIN, width - 2 * _MARGIN, height - 2 * _MARGIN, leftPadding=0,
                 rightPadding=0, topPadding=0, bottomPadding=0)
    document = BaseDocTemplate(str(path), pagesize=A4)
    document.addPageTemplates([PageTemplate("page", frames=frames, onPage=furniture),
                               PageTemplate("wide", frames=[wide], onPage=furniture)])
    document.build(list(_story(text, frame_width, width - 2 * _MARGIN, style)))
    return path


def render_corpus(corpus: Path, target: Path, style: Style = "ruled") -> list[Path]:
    """Every ``*.txt`` of ``corpus`` as ``<same name>.pdf`` in ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    return [
        render(source.read_text(encoding="utf-8"), target / f"{source.stem}.pdf", style)
        for source in sorted(corpus.glob("*.txt"))
    ]


def _header(text: str, style: Style) -> str:
    lines = [_plain(line) for line in text.splitlines() if _plain(line)]
    first = lines[0] if lines else ""
    if style == "ruled":
        return first
    publisher = _PUBLISHER.search(" ".join(lines[:200]))
    return " ".join(publisher.group(1).split()) if publisher else first


def _plain(line: str) -> str:
    return " ".join(_MARKUP.sub(" ", line).split())


def _story(text: str, frame_width: float, page_width: float, style: Style
           ) -> Iterator[Flowable]:
    last_footer = 0
    rows: list[list[str]] = []
    gap = False
    for line in text.translate(_LOOK_ALIKES).replace("\r\n", "\n").split("\n"):
        footer = _FOOTER.match(line) or _CELL_FOOTER.match(line)
        number = int(footer.group(1)) if footer else 0
        if footer and number > last_footer:  # a pack's inner "Page 5 of 10" runs backwards
            last_footer = number
            if _CELL_FOOTER.match(line):  # the footer was read into a table row's first cell
                line = _CELL_FOOTER.sub("\t", line, count=1)
            else:
                yield from _table(rows, frame_width, page_width, style)
                rows = []
                yield PageBreak()
                continue
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        yield from _table(rows, frame_width, page_width, style)
        rows = []
        if not line.strip():
            if not gap:
                yield Spacer(1, 7)
            gap = True
            continue
        gap = False
        # Words set apart by two or more spaces (columns) keep a wide gap between them.
        yield Paragraph(_WIDE_GAP.sub(" \u00a0\u00a0", escape(line.strip())), _BODY)
    yield from _table(rows, frame_width, page_width, style)


def _table(rows: list[list[str]], frame_width: float, page_width: float, style: Style
           ) -> Iterator[Flowable]:
    """A table whose cells wrap at word spaces inside their column, every word fitting its
    column (the font shrinks to make it so); one that cannot fit a column gets a page of its
    own, full width, as a publisher sets a wide table."""
    if not rows:
        return
    width = max(len(row) for row in rows)
    rows = [[" ".join(cell.split()) for cell in row] + [""] * (width - len(row)) for row in rows]
    fitted = _fit(rows, frame_width)
    own_page = fitted is None and frame_width < page_width
    if own_page:
        yield from (NextPageTemplate("wide"), PageBreak())
        fitted = _fit(rows, page_width)
    size, widths = fitted or (_CELL_SIZES[-1], [page_width / width] * width)
    cell_style = ParagraphStyle(f"cell{size}", fontName="Vera", fontSize=size, leading=size * 1.25)
    table = Table([[Paragraph(escape(cell), cell_style) for cell in row] for row in rows],
                  colWidths=widths)
    rules = (
        [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
        if style == "ruled"
        else [("LINEABOVE", (0, 0), (-1, -1), 0.5, colors.black),
              ("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.black)]
    )
    table.setStyle(TableStyle([*rules, ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    yield Spacer(1, 7)
    yield table
    yield Spacer(1, 7)
    if own_page:
        yield from (NextPageTemplate("page"), PageBreak())


_CELL_SIZES = (8.0, 7.0, 6.0, 5.0)
_CELL_PADDING = 13.0  # reportlab's 6 pt a side, and a point to spare


def _fit(rows: list[list[str]], total: float) -> tuple[float, list[float]] | None:
    """The largest cell font size at which every column holds its longest word, and column
    widths: that word's width, plus the rest of the line shared by the column's text length."""
    for size in _CELL_SIZES:
        least = [max((stringWidth(word, "Vera", size) for row in rows for word in row[i].split()),
                     default=0.0) + _CELL_PADDING for i in range(len(rows[0]))]
        if sum(least) > total:
            continue
        lengths = [sum(len(row[i]) for row in rows) + 1 for i in range(len(rows[0]))]
        spare = total - sum(least)
        return size, [low + spare * length / sum(lengths) for low, length in zip(least, lengths,
                                                                                 strict=True)]
    return None

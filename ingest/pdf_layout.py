"""Page geometry of a PDF: columns, tables drawn with horizontal rules only, running furniture.

Works on plain numbers (positions in points, top-down as pdfplumber gives them) so that each
rule can be tested on invented coordinates without a PDF.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# A column gutter: this many points wide at least, free of text on every body line.
_GUTTER_MIN = 8.0
# Lines a column holds at least on a page of two (the other column holds five or more).
_SHORT_COLUMN = 3
# Lines allowed to cross a gutter (a centred footer, a page-wide header) per page.
_GUTTER_CROSSINGS = 2
# A gap between cells of a rules-only table: wider than a space between words.
_CELL_GAP = 5.0
# A gap between lines this much larger than the page's usual line step ends a paragraph.
_PARAGRAPH_GAP = 1.3
# A gap between letters, as a share of the font size, that is a word space; and one so wide
# that it sets columns apart (about three spaces).
_SPACE = 0.25
_WIDE_SPACE = 0.8
# Running headers and footers sit in this share of the page at its top or bottom.
_MARGIN_SHARE = 0.15


@dataclass
class TextLine:
    """One line of a page: its position and text (tab-separated rows for a table)."""

    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    table: bool = False


def gutter(spans: Sequence[tuple[float, float, float]], width: float) -> float | None:
    """The x of a two-column page's gutter, from its characters as (x0, x1, top); or None.

    A gutter is a vertical strip in the middle of the page that no line crosses, save a
    centred footer or a page-wide header, with lines of text on both sides of it.
    """
    low, high = int(width * 0.3), int(width * 0.7)
    tops: list[set[int]] = [set() for _ in range(high - low)]
    for x0, x1, top in spans:
        for x in range(max(low, math.floor(x0)), min(high, math.ceil(x1))):
            tops[x - low].add(round(top))
    best: tuple[int, int] = (0, 0)  # start, length of the widest free strip
    start = None
    for offset, seen in enumerate([*tops, {-1, -2, -3}]):
        if len(seen) <= _GUTTER_CROSSINGS:
            start = offset if start is None else start
            continue
        if start is not None and offset - start > best[1]:
            best = (start, offset - start)
        start = None
    if best[1] < _GUTTER_MIN:
        return None
    middle = low + best[0] + best[1] / 2
    left = {round(top) for x0, x1, top in spans if x1 <= middle}
    right = {round(top) for x0, x1, top in spans if x0 >= middle}
    # A column may end early on a page (the text ran on to the next): one full side is
    # enough beside a few lines on the other.
    sides = sorted((len(left), len(right)))
    return middle if sides[0] >= _SHORT_COLUMN and sides[1] >= 5 else None


def crossing_tops(spans: Iterable[tuple[float, float, float]], split: float) -> set[int]:
    """The rounded tops of lines that run across a gutter at ``split`` (a centred footer, a
    page-wide heading), from characters' (x0, x1, top): a character reaching into the gutter's
    middle, which a column's text never does. Such a line is read whole, not cut in two."""
    reach = _GUTTER_MIN / 2 - 1
    return {round(top) for x0, x1, top in spans if x0 < split + reach and x1 > split - reach}


def rule_groups(rules: Iterable[tuple[float, float, float]]) -> list[list[float]]:
    """Tables drawn with horizontal rules only: rules (x0, x1, y) sharing one span, three or
    more stacked. Returns each group's rule positions, top to bottom, with its span first:
    [x0, x1, y1, y2, ...]."""
    spans: dict[tuple[int, int], list[float]] = {}
    for x0, x1, y in rules:
        if x1 - x0 >= 20:
            spans.setdefault((round(x0), round(x1)), []).append(y)
    groups = []
    for (x0, x1), ys in spans.items():
        unique = sorted({round(y, 1) for y in ys})
        if len(unique) >= 3:
            groups.append([float(x0), float(x1), *unique])
    return groups


def cell_columns(spans: Sequence[tuple[float, float]], x0: float, x1: float) -> list[float]:
    """Column boundaries inside a table from its words' (x0, x1): the gaps no row's text
    crosses. Cells wrap inside their column, so every column's text keeps to its own strip."""
    covered = sorted(spans)
    cuts: list[float] = []
    reach = x0
    for left, right in covered:
        if left - reach >= _CELL_GAP and reach > x0:
            cuts.append((reach + left) / 2)
        reach = max(reach, right)
    return [x0, *cuts, x1]


def line_step(pages: list[list[TextLine]]) -> float:
    """The document's usual distance from one line to the next inside a paragraph: the most
    common step between lines, over all pages (a page of short spaced lines has it too)."""
    steps: Counter[float] = Counter()
    for lines in pages:
        steps.update(round(b.top - a.top, 1) for a, b in zip(lines, lines[1:], strict=False)
                     if not a.table and not b.table and b.top > a.top)
    return steps.most_common(1)[0][0] if steps else 0.0


def with_paragraph_breaks(lines: list[TextLine], step: float) -> list[str]:
    """Lines as text, with a blank line where the gap above a line is wider than the usual
    ``step`` (a paragraph's end), around tables and between columns."""
    out: list[str] = []
    for index, line in enumerate(lines):
        previous = lines[index - 1] if index else None
        if previous is not None and (
            line.table or previous.table
            or (step and line.top - previous.top > step * _PARAGRAPH_GAP)
            or line.top < previous.top  # the next column
        ):
            out.append("")
        out.append(line.text)
    return out


def _key(text: str) -> str:
    # A running line carries the page number, which differs from page to page.
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def running_lines(pages: list[list[TextLine]], height: float) -> set[tuple[int, str]]:
    """(position, text) of lines repeated at the same place in the page margins of at least
    half the pages (two or more): running headers and footers, whatever their wording."""
    seen: Counter[tuple[int, str]] = Counter()
    for lines in pages:
        seen.update({
            (round(line.top), _key(line.text)) for line in lines
            if not line.table and (line.bottom < height * _MARGIN_SHARE
                                   or line.top > height * (1 - _MARGIN_SHARE))
        })
    needed = max(2, math.ceil(len(pages) / 2))
    return {key for key, count in seen.items() if count >= needed}


def is_running(line: TextLine, running: set[tuple[int, str]]) -> bool:
    return not line.table and (round(line.top), _key(line.text)) in running


Box = tuple[float, float, float, float]  # x0, top, x1, bottom


def inside(chars: Iterable[Mapping[str, Any]], box: Box) -> list[Mapping[str, Any]]:
    """The characters whose centre lies in ``box``."""
    x0, top, x1, bottom = box
    return [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1
            and top <= (c["top"] + c["bottom"]) / 2 <= bottom]


def line_text(chars: Sequence[Mapping[str, Any]]) -> str:
    """One line's characters, left to right, as text: a space where the gap between two
    letters is a word space, two where it is much wider (columns set apart by space, as a
    text export writes them)."""
    out: list[str] = []
    previous: Mapping[str, Any] | None = None
    for char in chars:
        if char["text"].isspace():
            continue
        if previous is not None:
            gap, size = char["x0"] - previous["x1"], max(float(previous["size"]), 1.0)
            out.append("  " if gap > _WIDE_SPACE * size else " " if gap > _SPACE * size else "")
        out.append(char["text"])
        previous = char
    return "".join(out)


def cell_text(chars: Sequence[Mapping[str, Any]]) -> str:
    """A table cell's text: its lines top to bottom re-joined, as the cell wrapped them."""
    lines: list[list[Mapping[str, Any]]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines and abs(char["top"] - lines[-1][0]["top"]) <= float(char["size"]) / 2:
            lines[-1].append(char)
        else:
            lines.append([char])
    text = " ".join(line_text(sorted(line, key=lambda c: c["x0"])) for line in lines)
    return " ".join(text.split())

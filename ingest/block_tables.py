"""Tables among clean lines: tab-separated rows, markdown pipe tables, space-aligned columns."""

from __future__ import annotations

import re

from partnership_kg.ingest.clean import Line
from partnership_kg.ingest.model import Block


def table(lines: list[Line]) -> Block:
    """Tab-separated lines as a table; a lone tabbed line is just a paragraph."""
    rows = [[" ".join(cell.split()) for cell in line.text.split("\t")] for line in lines]
    rows = [_trim(row) for row in rows]
    rows = [row for row in rows if any(row)]
    if len(rows) < 2:
        return Block("paragraph", " ".join(cell for row in rows for cell in row if cell),
                     lines[0].page)
    width = max(len(row) for row in rows)
    merged: list[list[str]] = []
    for row in rows:
        filled = sum(1 for cell in row if cell)
        if merged and not row[0] and filled <= max(1, width // 3):
            _merge_into(merged[-1], row)
        else:
            merged.append(row)
    merged = [row + [""] * (width - len(row)) for row in merged]
    text = "\n".join("\t".join(row) for row in merged)
    return Block("table", text, lines[0].page, rows=merged)


def aligned_run(lines: list[Line], index: int) -> tuple[list[Line], int]:
    """A markdown pipe table, or three or more lines in columns set apart by 2+ spaces, as
    tab-separated lines, and the number of lines it took; ([], 0) where there is none."""
    run: list[Line] = []
    width = used = 0
    for line in lines[index:]:
        cells = _aligned_cells(line.text)
        if cells is None or (width and len(cells) != width and line.text.strip("|-: ")):
            break
        used += 1
        if line.text.strip("|-: "):  # not a markdown table's |---|---| rule
            width = len(cells)
            run.append(Line(line.page, "\t".join(cells)))
    piped = lines[index].text.strip().startswith("|")
    return (run, used) if len(run) >= (2 if piped else 3) else ([], 0)


def _aligned_cells(text: str) -> list[str] | None:
    stripped = text.strip()
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        return [cell.strip() for cell in stripped[1:-1].split("|")]
    cells = re.split(r"\s{2,}", stripped)
    # Prose with two spaces after a full stop has long pieces; table cells are short.
    if len(cells) < 2 or any(len(cell) > 60 or len(cell.split()) > 8 for cell in cells):
        return None
    return cells


def _trim(row: list[str]) -> list[str]:
    while row and not row[-1]:
        row = row[:-1]
    return row


def _merge_into(previous: list[str], row: list[str]) -> None:
    """A row with an empty first cell is the wrapped end of the cells above it."""
    previous.extend([""] * (len(row) - len(previous)))
    for column, cell in enumerate(row):
        if not cell:
            continue
        # Some extractors repeat the wrapped tail after the full cell: keep it once.
        if not previous[column].endswith(cell):
            previous[column] = f"{previous[column]} {cell}".strip()

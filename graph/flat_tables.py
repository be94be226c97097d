"""A table whose rows text extraction flattened onto one line, cells still apart by wide gaps
("Priority   Lead   Measure   Domestic abuse   Head of ...   ..."): its rows, recovered from
the header's width.

The header is the first cell naming the list's column (priority, theme, issue ...) and the short
column names after it (lead, measure, outcome ...); the cells after it fill rows of that width.
Where the gaps are single spaces, or the cells do not fill whole rows, the layout is lost and no
row is read: a label is never guessed from a run of words.
"""

from __future__ import annotations

import re

_GAP = re.compile(r"\t|\s{2,}")
_FIRST = re.compile(r"^(?:key\s+)?(?:priorit(?:y|ies)|themes?|issues?|areas?(?:\s+of\s+focus)?"
                    r"|threats?|risks?)$", re.IGNORECASE)
# The words of a column's name in a plan's or a report's table (general table vocabulary).
_COLUMN_WORD = re.compile(
    r"^(?:lead\w*|owners?|measures?|outcomes?|targets?|actions?|timescales?|progress|status"
    r"|rag|updates?|comments?|responsib\w*|officers?|partners?|agenc(?:y|ies)|indicators?"
    r"|performance|baseline|aims?|objectives?|deliver\w*|success|what|how|who|when|why|we"
    r"|will|do|the|by|and|of|date|key|milestones?|resources?|funding|risks?|links?|rationale"
    r"|description|summary|activity|activities|groups?)$", re.IGNORECASE)
MIN_ROWS = 2


def flattened_rows(text: str) -> list[list[str]] | None:
    """The header and rows of a one-line flattened table, or None where none can be read."""
    if "\n" in text.strip():
        return None
    cells = [cell.strip() for cell in _GAP.split(text.strip())]
    if len(cells) < 2 or not _FIRST.match(cells[0]) or any(not cell for cell in cells):
        return None
    width = 1
    while width < len(cells) and len(cells[width].split()) <= 3 and \
            all(_COLUMN_WORD.match(word) for word in cells[width].split()):
        width += 1
    body = cells[width:]
    if width < 2 or len(body) < width * MIN_ROWS or len(body) % width:
        return None
    return [cells[:width]] + [body[at: at + width] for at in range(0, len(body), width)]

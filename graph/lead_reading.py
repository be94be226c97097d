"""Leads as documents state them: Priority/Lead tables (parsed, flattened with tabs, or a PDF's
loose run of fragments) and "Priority: X" ... "Lead: Y" lines of action plans."""

from __future__ import annotations

import re
from dataclasses import dataclass

from partnership_kg.graph import leads
from partnership_kg.graph.context import squash
from partnership_kg.graph.flat_tables import flattened_rows
from partnership_kg.graph.labels import clean_item
from partnership_kg.ingest.model import Block

MAX_LABEL = 100
PRIORITY_LINE = re.compile(r"^\W*priority\s*:\W*(?P<label>.+?)\s*$", re.IGNORECASE)
_LEAD_LINE = re.compile(r"^\W*lead(?:\s+officer)?\s*:\s*(?P<lead>.+?)\s*$", re.IGNORECASE)
# Also inside a table cell ("Aim Priority: X Lead: Y"), so searched, not matched at the start.
_INLINE_LEAD = re.compile(r"\bpriority\s*:\W*(?P<label>.+?)\s+lead\s*:\s*(?P<lead>.+?)\s*$",
                          re.IGNORECASE)
LOOSE_HEADER = re.compile(r"^\W*priorit(?:y|ies)\s{2,}lead\w*\W*$", re.IGNORECASE)


@dataclass
class LeadMention:
    priority: str
    lead: leads.Lead
    block: Block | int | None  # the block of the quote, or only its page (a quote across blocks)
    quote: str
    period: str | None
    # The "Priority: X" line a "Lead: Y" line sits under (its block and text): cited as well,
    # since the lead line alone does not name the priority.
    heading: tuple[Block, str] | None = None


Heading = tuple[str, int, Block, str]  # a "Priority: X" line: (label, block index, block, line)


@dataclass
class LooseLeadTable:
    """A Priority/Lead table that reached us as a run of line fragments (a PDF's wrapped
    cells): split into rows later, by the priority labels the version is known to have."""

    fragments: list[Block]
    period: str | None


def table_rows(block: Block) -> list[list[str]]:
    """A table's rows: the parsed cells, else a table flattened onto one line with its cells
    apart (``flat_tables``), else tab-separated lines of a flattened table."""
    if block.rows:
        return [[cell.strip() for cell in row] for row in block.rows]
    flat = flattened_rows(block.text) if "  " in block.text or "\t" in block.text else None
    if flat:
        return flat
    if "\t" in block.text:
        return [[cell.strip() for cell in line.split("\t")] for line in block.text.splitlines()]
    return []


def is_lead_header(row: list[str]) -> bool:
    cells = [clean_item(cell).lower() for cell in row if cell.strip()]
    return len(cells) >= 2 and cells[0] in ("priority", "priorities") and \
        cells[1].startswith("lead")


def fragments(blocks: list[Block], start: int) -> list[Block]:
    """The short blocks after a loose table's header, up to a numbered heading or prose."""
    found = []
    for block in blocks[start + 1:]:
        if block.number or len(block.text) > 200 or block.kind == "table":
            break
        found.append(block)
    return found


def table_leads(rows: list[list[str]], block: Block,
                period: str | None) -> list[tuple[str, str, LeadMention | None]]:
    """Rows of a Priority/Lead table after its header: (label, cell as written, the lead)."""
    found: list[tuple[str, str, LeadMention | None]] = []
    header_seen = False
    for row in rows:
        cells = [cell for cell in row if cell.strip()] if len(row) > 2 else row
        if not header_seen:
            header_seen = is_lead_header(row)
            continue
        if len(cells) < 2 or not cells[0].strip():
            continue  # a cell wrapped onto a row of its own
        label, lead_text = clean_item(cells[0]), re.sub(r"\s+", " ", cells[1]).strip()
        if not label:
            continue
        posts = leads.parse_posts(lead_text)
        mention = None
        if posts:
            row_quote = " ".join(cells[:2])
            quote = row_quote if squash(row_quote) in squash(block.text) else cells[1]
            mention = LeadMention(label, leads.Lead(tuple(posts), None), block, quote, period)
        found.append((label, cells[0], mention))
    return found


def item_lead(label: str, lead_text: str, block: Block, quote: str,
              period: str | None) -> LeadMention | None:
    """A lead named inside a list item ("Keeping People Safe (KP LEAD: Head of Service)")."""
    parsed = leads.parse_lead(lead_text)
    if parsed is None or not parsed.posts or label.lower() in leads.NO_LEAD:
        return None
    return LeadMention(label, parsed, block, quote, period)


def lead_lines(block: Block, index: int, current: Heading | None,
               found: list[LeadMention]) -> Heading | None:
    """ "Priority: X" then (within a few blocks) "Lead: Y", or both on one line."""
    segments = [cell for row in table_rows(block) for cell in row] if block.kind == "table" \
        else block.text.splitlines()
    for line in segments or [block.text]:
        text = clean_item(line) if not line.strip().endswith(":") else line.strip()
        inline = _INLINE_LEAD.search(text)
        if inline:
            _add_lead_line(found, block, line, inline.group("label"), inline.group("lead"))
            current = (inline.group("label"), index, block, line.strip())
            continue
        priority = PRIORITY_LINE.match(text)
        if priority and len(priority.group("label")) <= MAX_LABEL:
            current = (priority.group("label"), index, block, line.strip())
            continue
        lead = _LEAD_LINE.match(text)
        if lead and current and index - current[1] <= 3:
            _add_lead_line(found, block, line, current[0], lead.group("lead"),
                           (current[2], current[3]))
    return current


def _add_lead_line(found: list[LeadMention], block: Block, line: str, label: str,
                   lead_text: str, heading: tuple[Block, str] | None = None) -> None:
    label = re.split(r"\s+including\s+", clean_item(label), maxsplit=1, flags=re.I)[0]
    parsed = leads.parse_lead(lead_text)
    if parsed and parsed.posts and label.lower() not in leads.NO_LEAD:
        found.append(LeadMention(label, parsed, block, line.strip(), None, heading))

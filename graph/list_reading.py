"""The items of one list, found from its intro: in the intro's own block (a sentence or a run of
marked items), in the blocks after it (one item a block, several run together, a contents page,
headings each followed by a paragraph), or in a table's first column.

Each item's quote is verbatim in its block: the intro with the item where both share a block,
else the item as printed, or the table row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from partnership_kg.graph.context import squash
from partnership_kg.graph.labels import clean_item
from partnership_kg.graph.lead_reading import table_rows
from partnership_kg.graph.list_intros import Intro, find_intros, names_list
from partnership_kg.graph.lists import (
    PRIORITY_MARK,
    Item,
    block_items,
    item,
    marker_run,
    ordinal,
    prose_items,
    split_marked,
)
from partnership_kg.ingest.model import Block

MAX_ITEMS = 16
# The end of the sentence that holds a list, so prose after it is not read as an item.
_SENTENCE_END = re.compile(r"(?<=[a-z]{2})\.\s+(?=[A-Z])")
_HEADER = re.compile(r"priorit|theme|rank|issue|area|threat|risk", re.IGNORECASE)
# Columns of a table that counts or rates issues: not a list of priorities.
_COUNTS = re.compile(r"\bno\.|number|count|%|select|score|\brag\b|rating|status|progress"
                     r"|target|baseline", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"\d{1,3}")
_RANK = re.compile(r"^(?:\d{1,2}(?:st|nd|rd|th)?|rank\s+\d{1,2})\.?$", re.IGNORECASE)


@dataclass
class ListItem:
    label: str
    block: Block
    quote: str
    lead: str | None = None
    scope: list[str] = field(default_factory=list)


def _listed(found: Item, block: Block, quote: str) -> ListItem:
    return ListItem(found.label, block, quote, found.lead, found.scope)


def items_within(block: Block, intro: Intro) -> list[ListItem]:
    """Items after the intro's colon or verb in the same block, quoted with the intro."""
    assert intro.items_at is not None
    text = block.text
    tail = text[intro.items_at: intro.items_end]
    end = _SENTENCE_END.search(tail)
    if end:
        tail = tail[: end.start()]
    sentence_end = None
    if intro.items_end is not None:  # the words follow the items: quote the whole sentence
        after = re.compile(r"[.!?](?=\s|$)").search(text, intro.items_end)
        sentence_end = after.end() if after else len(text)
    found = []
    position = intro.items_at
    for listed in prose_items(tail):
        at = text.find(listed.segment, position)
        stop = at + len(listed.segment) if at >= 0 else intro.items_at + len(tail)
        position = max(position, stop)
        found.append(_listed(listed, block, text[intro.start: sentence_end or stop].strip()))
    return found


def items_after(blocks: list[Block], start: int, intro: Intro,
                within: list[ListItem] | None = None) -> list[ListItem]:
    """Items in the blocks after an intro, up to the first block that is not one; ``within``:
    the items the intro's own block held (a flattened table running on)."""
    intro_block = blocks[start]
    headed = intro_block.kind == "heading" and not intro_block.text.rstrip().endswith(":")
    under = heading_items(blocks, start)
    if under:
        return under
    colon = intro_block.text.rstrip().endswith(":")
    found: list[ListItem] = list(within or [])
    paged: list[ListItem] = []  # contents lines followed by their page number
    for block in blocks[start + 1:]:
        if len(found) >= MAX_ITEMS * 2:
            break
        if _PAGE_NUMBER.fullmatch(block.text.strip()):
            if found and found[-1] not in paged:
                paged.append(found[-1])
            continue
        if block.kind == "table":
            if not found:
                found += table_items(block, header_required=False)
            break
        if names_list(block.text):
            break
        if block.kind == "heading" and not (colon and (block.level or 1) >= 2
                                            and not block.number):
            break
        items = block_items(block.text, loose=block.kind == "list_item" or headed)
        if items is None:
            if _continued(blocks, block, found):
                continue  # a comment between numbered items ("i. A." ... "ii. B.")
            break
        for one in items:
            if one.label:
                found.append(_listed(one, block, one.segment))
            elif found:  # parts of the item before, printed in this block
                found[-1].scope += one.scope
    if paged:
        found = _contents(found, paged)
    return found[:MAX_ITEMS]


def _contents(found: list[ListItem], paged: list[ListItem]) -> list[ListItem]:
    """A contents page: the lines with page numbers are the items, the lines between are
    their parts (in the item's scope)."""
    items: list[ListItem] = []
    for listed in found:
        if listed in paged:
            items.append(listed)
        elif items:
            items[-1].scope.append(listed.label)
    return items


def _continued(blocks: list[Block], block: Block, found: list[ListItem]) -> bool:
    """Whether a block that is no item sits between marked items: the next marked block (within
    three) counts on from the last item's marker."""
    if not found:
        return False
    last = marker_run(found[-1].block.text)
    index = next(i for i, candidate in enumerate(blocks) if candidate is block)
    for later in blocks[index + 1: index + 4]:
        run = marker_run(later.text)
        if run and last and run[0].start() == 0 and \
                ordinal(run[0].group(1)) == ordinal(last[-1].group(1)) + 1:
            return True
    return False


def heading_items(blocks: list[Block], start: int) -> list[ListItem]:
    """A section whose sub-headings are its items, each followed by a paragraph."""
    level = blocks[start].level
    found: list[ListItem] = []
    index = start + 1
    while index + 1 < len(blocks) and len(found) < MAX_ITEMS:
        block = blocks[index]
        if block.kind != "heading" or blocks[index + 1].kind == "heading" \
                or find_intros(block.text, True):
            break
        if level is not None and block.level is not None and block.level <= level:
            break
        listed = item(block.text)
        if listed is None:
            break
        found.append(_listed(listed, block, block.text.strip()))
        index += 1
        while index < len(blocks) and blocks[index].kind != "heading":
            index += 1
    return found if len(found) >= 2 else []


def priority_marks(blocks: list[Block], start: int) -> list[ListItem]:
    """ "Priority One – X" (or "Key Priority 1: X") opening a block, then "Priority Two" ...
    opening later ones, with descriptions between: the label is the marked sentence."""
    first = PRIORITY_MARK.match(blocks[start].text.strip())
    if first is None or ordinal(first.group(1)) != 1:
        return []
    found: list[ListItem] = []
    expected, gap = 1, 0
    for block in blocks[start:]:
        mark = PRIORITY_MARK.match(block.text.strip())
        if mark is None:
            gap += 1
            if gap > 6 or names_list(block.text):
                break
            continue
        if ordinal(mark.group(1)) != expected:
            break
        prefix, segments = split_marked(block.text)
        for segment in segments:
            listed = item(segment, sentence=True)
            if listed is not None:
                found.append(_listed(listed, block, block.text[
                    len(prefix): block.text.find(segment) + len(segment)].strip()))
        expected, gap = expected + max(len(segments), 1), 0
    return found[:MAX_ITEMS]


def table_items(block: Block, header_required: bool) -> list[ListItem]:
    """A table's first column (the second where the first holds ranks): under a Priority
    header, or any table right after a list's intro."""
    rows = [row for row in table_rows(block) if any(cell.strip() for cell in row)]
    if len(rows) < 2:
        return []
    header = [clean_item(cell) for cell in rows[0]]
    is_header = bool(header[0]) and len(header[0].split()) <= 4 and bool(_HEADER.search(header[0]))
    if any(_COUNTS.search(cell) for cell in header[1:]):
        return []
    if header_required and not (is_header and re.search(r"priorit", header[0], re.I)):
        return []
    body = rows[1:] if is_header else rows
    column = 1 if all(_RANK.match(clean_item(row[0])) for row in body) and \
        all(len(row) > 1 for row in body) else 0
    found = []
    for row in body[:MAX_ITEMS]:
        listed = item(row[column])
        if listed is not None:
            quote = " ".join(cell for cell in row if cell)  # the row shows what the label is
            inside = squash(quote) in squash(block.text)
            found.append(_listed(listed, block, quote if inside else row[column]))
    return found

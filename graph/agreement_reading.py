"""Reading one document part for agreement facts, before anything is written as RDF.

What is read, and from which shapes of text:

- priorities and cross-cutting themes: items listed under a short intro that names them
  ("Priorities", "Cross Cutting Themes", "Wessex CSA Priorities:"), sentences ("The priorities
  for Wessex are: A; B; and C.", "the following themes will be included: A; B."), and the
  first column of a Priority/Lead table;
- leads: Priority/Lead table rows, and "Priority: X" ... "Lead: Y" lines of action plans;
- plans: the items of a "Links to Plans" section;
- scope lines: "X includes: A, B, C".

Each finding keeps the block it came from and a quote that occurs in that block, so the graph can
cite it. Intros naming the partners' other plans (a PCC's or a strategy's own priorities) are
not the agreement's and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from partnership_kg.graph import leads
from partnership_kg.graph.context import squash
from partnership_kg.graph.labels import clean_item, split_series
from partnership_kg.graph.names import parse_period
from partnership_kg.ingest.model import Block, Part

PRIORITY, THEME = "priority", "theme"

_THEME_WORDS = re.compile(r"\bcross[\s-]*cutting\s+themes?\b|\bthemes\b", re.IGNORECASE)
_PRIORITY_WORDS = re.compile(r"\bpriorities\b", re.IGNORECASE)
# Lists that are someone else's priorities, or not a list of priorities at all.
_OTHER_LISTS = re.compile(
    r"police\s+and\s+crime|\bpcc\b|commissioner|chief\s+constable|strateg|\bplans?\b|action"
    r"|assessment|no\.|number|selecting|identif|police\b|[’']s\s+priorities", re.IGNORECASE)
_PRIORITY_SENTENCE = re.compile(
    r"\bpriorities\s+(?:for\s+[^:.;]{1,60}?\s+)?(?:are|will\s+be|include)\s*:\s*(?P<items>[^.]+)",
    re.IGNORECASE)
_THEME_SENTENCE = re.compile(
    r"\bthemes?\s+(?:will\s+be|are|to\s+be)\s+included\s*:\s*(?P<items>[^.]+)"
    r"|\bfollowing\s+(?:cross[\s-]*cutting\s+)?themes\b[^:.]{0,60}:\s*(?P<items2>[^.]+)",
    re.IGNORECASE)
_SCOPE = re.compile(r"^(?P<label>[^:.;]{3,70}?)\s+includes?\s*:\s*(?P<items>.+)$", re.IGNORECASE)
_PRIORITY_LINE = re.compile(r"^\W*priority\s*:\W*(?P<label>.+?)\s*$", re.IGNORECASE)
_LEAD_LINE = re.compile(r"^\W*lead(?:\s+officer)?\s*:\s*(?P<lead>.+?)\s*$", re.IGNORECASE)
# Also inside a table cell ("Aim Priority: X Lead: Y"), so searched, not matched at the start.
_INLINE_LEAD = re.compile(r"\bpriority\s*:\W*(?P<label>.+?)\s+lead\s*:\s*(?P<lead>.+?)\s*$",
                          re.IGNORECASE)
_LOOSE_HEADER = re.compile(r"^\W*priorit(?:y|ies)\s{2,}lead\w*\W*$", re.IGNORECASE)
_LINKS_HEADING = re.compile(r"\blinks?\s+to\s+(?:other\s+)?plans\b", re.IGNORECASE)
_LINKS_INTRO = re.compile(r"\bplans\s+and\s+strategies\b[^:]*:\s*$", re.IGNORECASE)
_PERIOD_TEXT = re.compile(r"\b(?:19|20)\d\d\s*[-/–]\s*(?:19|20)?\d\d\b")
_LOOKING_BACK = re.compile(r"\b(?:previous(?:ly)?|last|former|old)\b", re.IGNORECASE)
_MAX_ITEM = 100  # characters: a list item longer than this is a sentence, not a label
_MAX_LISTING = 600  # longer lists are quoted item by item
_MAX_ITEMS = 16


@dataclass
class ConceptMention:
    kind: str  # PRIORITY or THEME
    label: str
    block: Block
    quote: str
    period: str | None  # the agreement version it belongs to, where the part says
    rank: int  # lower is a better source for the preferred label
    # (page, quote) of the list's intro with its items, which says what the item is.
    listing: tuple[int | None, str] | None = None


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


@dataclass
class PlanMention:
    title: str
    block: Block | int | None  # the block of the quote, or its page (a quote over blocks)
    quote: str


@dataclass
class ScopeMention:
    label: str
    items: list[str]
    block: Block | int | None  # the block of the quote, or its page (a quote over blocks)
    quote: str


@dataclass
class LooseLeadTable:
    """A Priority/Lead table that reached us as a run of line fragments (a PDF's wrapped
    cells): split into rows later, by the priority labels the version is known to have."""

    fragments: list[Block]
    period: str | None


@dataclass
class Findings:
    concepts: list[ConceptMention] = field(default_factory=list)
    leads: list[LeadMention] = field(default_factory=list)
    loose_tables: list[LooseLeadTable] = field(default_factory=list)
    # Where a report says which version its lists belong to: period -> (block, quote).
    period_evidence: dict[str, tuple[Block, str]] = field(default_factory=dict)
    plans: list[PlanMention] = field(default_factory=list)
    scopes: list[ScopeMention] = field(default_factory=list)


def table_rows(block: Block) -> list[list[str]]:
    """A table's rows: the parsed cells, else tab-separated lines of a flattened table."""
    if block.rows:
        return [[cell.strip() for cell in row] for row in block.rows]
    if "\t" in block.text:
        return [[cell.strip() for cell in line.split("\t")] for line in block.text.splitlines()]
    return []


def _is_lead_header(row: list[str]) -> bool:
    cells = [clean_item(cell).lower() for cell in row if cell.strip()]
    return len(cells) >= 2 and cells[0] in ("priority", "priorities") and \
        cells[1].startswith("lead")


def intro_kind(block: Block) -> str | None:
    """PRIORITY or THEME when the block introduces a list of the agreement's own ones."""
    text = clean_item(block.text)
    if len(text) > 80 or not (block.kind == "heading" or block.text.rstrip().endswith(":")
                              or len(text.split()) <= 4):
        return None
    if _OTHER_LISTS.search(text):
        return None
    themes, priorities = _THEME_WORDS.search(text), _PRIORITY_WORDS.search(text)
    if themes and not priorities:
        return THEME
    if priorities and not themes:
        return PRIORITY
    return None


def _item_lines(block: Block, headings_allowed: bool = False) -> list[str] | None:
    """The label lines of a block inside a list, or None when the block ends the list.

    A list printed as a column of short lines may come out of a PDF as minor headings; they are
    items when the intro ends with a colon (``headings_allowed``)."""
    if block.kind == "table" or block.kind == "heading" and not (
            headings_allowed and (block.level or 1) >= 2 and not block.number):
        return None
    lines = [line for line in block.text.splitlines() if line.strip()]
    if not lines or any(len(clean_item(line)) > _MAX_ITEM for line in lines):
        return None
    if any(line.rstrip().endswith(":") or _PRIORITY_LINE.match(line) for line in lines):
        return None
    # A label has no clause number, no colon or semicolon and no full stop at its end.
    if any(re.match(r"^\W*\d+(?:\.\d+)+", line) or re.search(r"[:;]", line)
           or line.rstrip().endswith(".") or len(clean_item(line).split()) > 14
           for line in lines):
        return None
    return lines


def _section_period(blocks: list[Block], index: int) -> tuple[str, Block, str] | None:
    """The version a list in a report is about, with the block and sentence that say so: a
    period in its section headings, else in the paragraphs before it in the same section
    ("... the priorities for 2011-14, ...").

    Where several are named, the latest: a report on a new agreement looks back at the old one
    ("priorities previously identified in the 2011-14 agreement remain") but lists the new."""
    candidates: list[tuple[str, Block, str]] = []
    for heading in reversed(blocks[index].section_path):
        source = next((block for block in reversed(blocks[: index + 1])
                       if block.kind == "heading" and block.text.strip() == heading.strip()),
                      None)
        if source is not None:
            candidates = [(match.group(), source, source.text.strip())
                          for match in _PERIOD_TEXT.finditer(heading)]
        if candidates:
            break
    for back in range(index - 1, max(index - 13, -1), -1):
        if candidates or blocks[back].kind == "heading" and (blocks[back].level or 1) <= 1 \
                and intro_kind(blocks[back]) is None:
            break
        text = blocks[back].text
        candidates += [(match.group(), blocks[back], _sentence(text, match.start()))
                       for match in _PERIOD_TEXT.finditer(text)
                       if not _LOOKING_BACK.search(text[max(0, match.start() - 40):
                                                        match.start()])]
    if not candidates:
        return None
    return max(candidates, key=lambda item: parse_period(item[0])[0] or 0)


def _sentence(text: str, at: int) -> str:
    start = text.rfind(". ", 0, at) + 1
    end = text.find(". ", at)
    return text[start: end + 1 if end >= 0 else len(text)].strip()


def read_part(part: Part) -> Findings:
    findings = Findings()
    blocks = part.blocks
    agreement = part.type == "agreement"
    rank = 0 if agreement else 2
    # Agreements state their versions and reports quote them; an action plan or minutes only
    # serve one, and their lists are actions, strands and agenda items.
    states_versions = part.type in ("agreement", "report")

    def period_at(index: int) -> str | None:
        if agreement:
            return part.period
        found = _section_period(blocks, index)
        if found is None:
            return part.period
        period, block, quote = found
        findings.period_evidence.setdefault(period, (block, quote))
        return period

    current_priority: _Heading | None = None  # the "Priority: X" line of an action plan
    for index, block in enumerate(blocks):
        rows = table_rows(block) if block.kind == "table" or "\t" in block.text else []
        if rows and any(_is_lead_header(row) for row in rows[:2]):
            _read_lead_table(findings, rows, block, period_at(index), rank + 1, states_versions)
            continue
        if _LOOSE_HEADER.match(block.text):
            fragments = _fragments(blocks, index)
            if fragments:
                findings.loose_tables.append(LooseLeadTable(fragments, period_at(index)))
            continue
        kind = intro_kind(block) if states_versions else None
        if kind:
            _read_list(findings, blocks, index, kind, period_at(index), rank)
        if states_versions:
            _read_sentences(findings, block, period_at(index), rank)
        scope = _SCOPE.match(clean_item(block.text)) if block.kind != "heading" else None
        if scope:
            findings.scopes.append(ScopeMention(
                clean_item(scope.group("label")), split_series(scope.group("items")), block,
                block.text.strip()))
        if _LINKS_HEADING.search(block.text) and block.kind == "heading" or (
                _LINKS_INTRO.search(block.text) and not _in_links_section(blocks, index)):
            _read_plans(findings, blocks, index)
        current_priority = _read_lead_lines(findings, block, index, current_priority)
    used = {mention.period for mention in findings.concepts}
    findings.period_evidence = {period: said for period, said in findings.period_evidence.items()
                                if period in used}
    return findings


def _fragments(blocks: list[Block], start: int) -> list[Block]:
    """The short blocks after a loose table's header, up to a numbered heading or prose."""
    found = []
    for block in blocks[start + 1:]:
        if block.number or len(block.text) > 200 or block.kind == "table":
            break
        found.append(block)
    return found


def _read_lead_table(findings: Findings, rows: list[list[str]], block: Block,
                     period: str | None, rank: int, add_concepts: bool) -> None:
    """Rows of a Priority/Lead table; in an agreement its first column also states the
    version's priorities (some agreements list them nowhere else in text)."""
    header_seen = False
    for row in rows:
        cells = [cell for cell in row if cell.strip()] if len(row) > 2 else row
        if not header_seen:
            header_seen = _is_lead_header(row)
            continue
        if len(cells) < 2 or not cells[0].strip():
            continue  # a cell wrapped onto a row of its own
        label, lead_text = clean_item(cells[0]), re.sub(r"\s+", " ", cells[1]).strip()
        if not label:
            continue
        if add_concepts:
            findings.concepts.append(ConceptMention(PRIORITY, label, block, cells[0], period,
                                                    rank))
        posts = leads.parse_posts(lead_text)
        if posts:
            row_quote = " ".join(cells[:2])
            quote = row_quote if squash(row_quote) in squash(block.text) else cells[1]
            findings.leads.append(LeadMention(label, leads.Lead(tuple(posts), None), block,
                                              quote, period))


def _read_list(findings: Findings, blocks: list[Block], start: int, kind: str,
               period: str | None, rank: int) -> None:
    count = 0
    headings_allowed = blocks[start].text.rstrip().endswith(":")
    items: list[ConceptMention] = []
    for block in blocks[start + 1:]:
        lines = _item_lines(block, headings_allowed)
        if lines is None or count >= _MAX_ITEMS or intro_kind(block):
            break
        for line in lines:
            label = clean_item(line)
            if label:
                items.append(ConceptMention(kind, label, block, line.strip(), period, rank))
                count += 1
    # Each item is also quoted with the list's intro, which says what the items are: the
    # intro and the items as the text runs (a quote over blocks cites the intro's page).
    listing = " ".join([blocks[start].text.strip(),
                        *dict.fromkeys(item.block.text.strip() for item in items)])
    for item in items:
        if len(listing) <= _MAX_LISTING:
            item.listing = (blocks[start].page, listing)
        findings.concepts.append(item)


def _read_sentences(findings: Findings, block: Block, period: str | None, rank: int) -> None:
    if block.kind == "heading":
        return
    text = block.text
    for pattern, kind in ((_PRIORITY_SENTENCE, PRIORITY), (_THEME_SENTENCE, THEME)):
        for match in pattern.finditer(text):
            items = match.group("items") or match.groupdict().get("items2") or ""
            # Someone else's list ("the PCC's priorities are: ...") names its owner in the
            # same sentence, just before the match.
            sentence_start = max(text.rfind(". ", 0, match.start()) + 1, match.start() - 80)
            if _OTHER_LISTS.search(text[sentence_start: match.start()]):
                continue
            labels = split_series(items)
            if len(labels) < 2 or any(len(label) > _MAX_ITEM for label in labels):
                continue
            quote = match.group(0)
            for label in labels:
                findings.concepts.append(ConceptMention(kind, label, block, quote, period,
                                                        rank))


def _in_links_section(blocks: list[Block], index: int) -> bool:
    return any(_LINKS_HEADING.search(heading) for heading in blocks[index].section_path[-1:])


def _read_plans(findings: Findings, blocks: list[Block], start: int) -> None:
    """Items after a "Links to Plans" heading (or a "... plans and strategies including:"
    intro), up to the next heading or the first long paragraph after the items."""
    seen_items = False
    for block in blocks[start + 1:]:
        if block.kind == "heading":
            return
        text = block.text.strip()
        is_item = block.kind == "list_item" or len(text) <= 150 and not text.endswith(":")
        if not is_item:
            if seen_items:
                return
            continue
        for line in (text.splitlines() if block.kind != "list_item" else [text]):
            title = clean_item(line)
            if title and len(title) <= 150:
                findings.plans.append(PlanMention(title, block, line.strip()))
                seen_items = True


_Heading = tuple[str, int, Block, str]  # (label, block index, block, line)


def _read_lead_lines(findings: Findings, block: Block, index: int,
                     current: _Heading | None) -> _Heading | None:
    """ "Priority: X" then (within a few blocks) "Lead: Y", or both on one line."""
    segments = [cell for row in table_rows(block) for cell in row] if block.kind == "table" \
        else block.text.splitlines()
    for line in segments or [block.text]:
        text = clean_item(line) if not line.strip().endswith(":") else line.strip()
        inline = _INLINE_LEAD.search(text)
        if inline:
            _add_lead_line(findings, block, line, inline.group("label"), inline.group("lead"))
            current = (inline.group("label"), index, block, line.strip())
            continue
        priority = _PRIORITY_LINE.match(text)
        if priority and len(priority.group("label")) <= _MAX_ITEM:
            current = (priority.group("label"), index, block, line.strip())
            continue
        lead = _LEAD_LINE.match(text)
        if lead and current and index - current[1] <= 3:
            _add_lead_line(findings, block, line, current[0], lead.group("lead"),
                           (current[2], current[3]))
    return current


def _add_lead_line(findings: Findings, block: Block, line: str, label: str,
                   lead_text: str, heading: tuple[Block, str] | None = None) -> None:
    label = re.split(r"\s+including\s+", clean_item(label), maxsplit=1, flags=re.I)[0]
    parsed = leads.parse_lead(lead_text)
    if parsed and parsed.posts and label.lower() not in leads.NO_LEAD:
        findings.leads.append(LeadMention(label, parsed, block, line.strip(), None, heading))

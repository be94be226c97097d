"""Reading one document part for the facts of plan versions, before anything is written as RDF.

What is read, and from which shapes of text:

- priorities and cross-cutting themes: the items of a list the part introduces as its own
  (``list_intros``: "Priorities", "Our key priorities:", "It identified five priorities: ...")
  in any shape ``lists`` reads, and the first column of a priorities table;
- leads: Priority/Lead tables, "Priority: X" ... "Lead: Y" lines, and a lead named in an item;
- plans: the items of a "Links to Plans" section;
- scope lines: "X includes: A, B, C", and "B, including C" inside a list.

A version's own parts (agreement, plan, strategy, strategic assessment) state its lists; a
report quotes them for the period its section names; any other part (minutes, a decision, a
press release, a web page) gives a plan's lists where it names that plan with its period
("The Northshire Community Safety Plan 2013-2016 ... identified five priorities: ...").

Each finding keeps the block it came from and a quote that occurs in that block, so the graph can
cite it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from partnership_kg.graph.context import squash
from partnership_kg.graph.labels import clean_item, split_series
from partnership_kg.graph.lead_reading import (
    LOOSE_HEADER,
    Heading,
    LeadMention,
    LooseLeadTable,
    fragments,
    is_lead_header,
    item_lead,
    lead_lines,
    table_leads,
    table_rows,
)
from partnership_kg.graph.list_intros import (
    PRIORITY,
    THEME,
    Intro,
    find_intros,
    names_list,
    plan_reference,
)
from partnership_kg.graph.list_reading import (
    ListItem,
    items_after,
    items_within,
    priority_marks,
    table_items,
)
from partnership_kg.graph.lists import cells
from partnership_kg.graph.names import parse_period
from partnership_kg.ingest.kinds import page_date, parse_date
from partnership_kg.ingest.model import VERSION_TYPES, Block, Part
from partnership_kg.ingest.periods import find_period

__all__ = ["PRIORITY", "THEME", "UNDATED", "ConceptMention", "Findings", "LeadMention",
           "LooseLeadTable", "read_part"]

# The period of a plan a page reports where no year at all is stated: the page's own version.
UNDATED = "undated"

_SCOPE = re.compile(r"^(?P<label>[^:.;]{3,70}?)\s+includes?\s*:\s*(?P<items>.+)$", re.IGNORECASE)
_LINKS_HEADING = re.compile(r"\blinks?\s+to\s+(?:other\s+)?plans\b", re.IGNORECASE)
_LINKS_INTRO = re.compile(r"\bplans\s+and\s+strategies\b[^:]*:\s*$", re.IGNORECASE)
_PERIOD_TEXT = re.compile(r"\b(?:19|20)\d\d\s*[-/–]\s*(?:19|20)?\d\d\b")
_PLAN_WORD = re.compile(r"\b(?:plan|strategy|agreement)\b", re.IGNORECASE)
_FOR_SHORT = re.compile(r"\b(?:for|in)\s+(\d\d\s*[-/–]\s*\d\d)\b(?![-/\d])")
_MAX_LISTING = 600  # characters: a longer list is quoted item by item
# Pages whose own date dates a list that names no period.
_DATED_PAGES = frozenset({"news release", "web page"})
# Parts whose dateline ("Published:", "Posted on", "Last updated") dates such a list, and whose
# list is an undated version where no year is stated at all.
_PAGES = _DATED_PAGES | {"other"}
# A year the intro's own sentence gives: "Adopted in 2013, the plan identified five priorities".
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_LOOKING_BACK = re.compile(r"\b(?:previous(?:ly)?|last|former|old)\b", re.IGNORECASE)


@dataclass
class ConceptMention:
    kind: str  # PRIORITY or THEME
    label: str
    block: Block
    quote: str
    period: str | None  # the version it belongs to, where the part says
    rank: int  # lower is a better source for the preferred label
    list_kind: str = "priorities"  # the list's own words: "key priorities", "key crime issues"
    # (page, quote) of the list's intro with its items, which says what the item is.
    listing: tuple[int | None, str] | None = None


@dataclass
class PlanMention:
    title: str
    block: Block
    quote: str


@dataclass
class ScopeMention:
    label: str
    items: list[str]
    block: Block
    quote: str


@dataclass
class Findings:
    concepts: list[ConceptMention] = field(default_factory=list)
    leads: list[LeadMention] = field(default_factory=list)
    loose_tables: list[LooseLeadTable] = field(default_factory=list)
    # Where a report says which version its lists belong to: period -> (block, quote).
    period_evidence: dict[str, tuple[Block, str]] = field(default_factory=dict)
    plans: list[PlanMention] = field(default_factory=list)
    scopes: list[ScopeMention] = field(default_factory=list)
    aside: bool = False  # every list read was set aside: no dated version (graph/list_schemes)


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
                and not find_intros(blocks[back].text, True):
            break
        text = blocks[back].text
        candidates += [(match.group(), blocks[back], _sentence(text, match.start()))
                       for match in _PERIOD_TEXT.finditer(text)
                       if not _LOOKING_BACK.search(text[max(0, match.start() - 40):
                                                        match.start()])]
    if not candidates:
        return None
    return max(candidates, key=lambda item: parse_period(item[0])[0] or 0)


def _reported_plan(part: Part, index: int, intro: Intro | None) -> tuple[str, Block, str] | None:
    """The plan a list belongs to in a part that is no version of it: a period in the list's
    own intro ("priorities for 2013/14"), else a partnership plan named with its period, or a
    plan said to run "for 22-27", in the list's block or the few blocks before it; else the
    period in the part's own title (a page "Community Safety Plan 2025 to 2027")."""
    blocks = part.blocks
    if intro is not None:
        text = blocks[index].text
        sentence = text[intro.start: (intro.items_at or len(text))]
        period = plan_reference(sentence) or _period_in(sentence)
        year = _YEAR.search(sentence)
        if period is None and year is not None and parse_date(sentence) is None:
            period = year.group()
        if period is not None:
            return period, blocks[index], sentence.strip()
    for back in range(index, max(index - 7, -1), -1):
        block = blocks[back]
        period = plan_reference(block.text)
        if period is None and (_PLAN_WORD.search(block.text) or names_list(block.text)):
            period = _period_in(block.text)  # "a strategy ... for 22-27", "Priorities for 2025"
        if period is not None:
            return period, block, _sentence(block.text, block.text.find(period))
        if back < index and block.kind == "heading" and not find_intros(block.text, True):
            break
    if intro is not None and part.period:
        return part.period, blocks[index], blocks[index].text[intro.start:].strip()
    if intro is None or part.type not in _PAGES:
        return None
    date = part.date if part.type in _DATED_PAGES else None
    date = date or page_date(blocks)
    if date:
        return _dated_by_page(part, date)
    return UNDATED, blocks[index], blocks[index].text[intro.start:].strip()


def _dated_by_page(part: Part, date: str) -> tuple[str, Block, str]:
    """A news release or web page that states the partnership's priorities without a period:
    they are those of the year the page is dated, quoted with the line giving the date."""
    dated = next((block for block in part.blocks[:60] if parse_date(block.text) == date),
                 part.blocks[0])
    return date[:4], dated, dated.text.strip()


@lru_cache(maxsize=4096)
def _period_in(text: str) -> str | None:
    """A period in running text: "2013/14", "April 2019 to March 2020", or "for 22-27"."""
    found = find_period(text)
    if found is not None:
        return found
    short = _FOR_SHORT.search(text)
    return short.group(1) if short else None


def _sentence(text: str, at: int) -> str:
    start = text.rfind(". ", 0, at) + 1
    end = text.find(". ", at)
    return text[start: end + 1 if end >= 0 else len(text)].strip()


def read_part(part: Part) -> Findings:
    findings = Findings()
    blocks = part.blocks
    version = part.type in VERSION_TYPES
    rank = 0 if version else 2
    # Versions state their lists and reports quote them; in any other part a list is a plan's
    # only where the part names that plan with its period.
    quotes_versions = part.type == "report"

    def period_at(index: int, intro: Intro | None = None) -> str | None:
        if version and part.period:
            return part.period
        if part.type == "action plan":
            return part.period  # it serves a version: its lists are actions and strands
        found = _section_period(blocks, index) if version or quotes_versions \
            else _reported_plan(part, index, intro)
        if found is None:
            return part.period if version or quotes_versions else None
        period, block, quote = found
        findings.period_evidence.setdefault(period, (block, quote))
        return period

    current_priority: Heading | None = None  # the "Priority: X" line of an action plan
    for index, block in enumerate(blocks):
        reads_lists = version or quotes_versions or part.type != "action plan" \
            and period_at(index) is not None
        rows = table_rows(block) if block.kind == "table" or "\t" in block.text \
            or "  " in block.text else []
        if rows and any(is_lead_header(row) for row in rows[:2]):
            period = period_at(index)
            for label, cell, lead in table_leads(rows, block, period):
                # The first column states the priorities: of the version, or of the plan a
                # page reports ("Agenda item - X Plan 2031-2034" over a Priority/Lead table).
                if version or quotes_versions or period is not None:
                    findings.concepts.append(ConceptMention(PRIORITY, label, block, cell,
                                                            period, rank + 1))
                if lead is not None:
                    findings.leads.append(lead)
            continue
        if LOOSE_HEADER.match(block.text):
            loose = fragments(blocks, index)
            if loose:
                findings.loose_tables.append(LooseLeadTable(loose, period_at(index)))
            continue
        if rows and reads_lists and not _after_intro(blocks, index):
            _add_items(findings, table_items(block, header_required=True), None,
                       PRIORITY, "priorities", period_at, index, rank)
        for intro in find_intros(block.text, block.kind == "heading"):
            if version or quotes_versions or part.type != "action plan" \
                    and period_at(index, intro) is not None:
                _read_list(findings, blocks, index, intro, period_at, rank)
        if reads_lists:
            marked = priority_marks(blocks, index)
            list_kind = _mark_kind(block.text)
            _add_items(findings, marked, None, PRIORITY, list_kind, period_at, index, rank)
        scope = _SCOPE.match(clean_item(block.text)) if block.kind != "heading" else None
        if scope:
            findings.scopes.append(ScopeMention(
                clean_item(scope.group("label")), split_series(scope.group("items")), block,
                block.text.strip()))
        if _LINKS_HEADING.search(block.text) and block.kind == "heading" or (
                _LINKS_INTRO.search(block.text) and not _in_links_section(blocks, index)):
            _read_plans(findings, blocks, index)
        current_priority = lead_lines(block, index, current_priority, findings.leads)
    used = {mention.period for mention in findings.concepts}
    findings.period_evidence = {period: said for period, said in findings.period_evidence.items()
                                if period in used}
    return findings


def _mark_kind(text: str) -> str:
    """ "Key Priority 1: ..." opens a list of key priorities."""
    qualifier = re.match(r"\W*(\w+)\s+priority\b", text, re.IGNORECASE)
    return f"{qualifier.group(1).lower()} priorities" if qualifier else "priorities"


def _after_intro(blocks: list[Block], index: int) -> bool:
    """A table right after a list intro is read as that list."""
    return index > 0 and bool(find_intros(blocks[index - 1].text,
                                          blocks[index - 1].kind == "heading"))


def _read_list(findings: Findings, blocks: list[Block], start: int, intro: Intro,
               period_at: Callable[[int, Intro | None], str | None], rank: int) -> None:
    block = blocks[start]
    items = items_within(block, intro) if intro.items_at is not None else []
    if intro.items_at is not None and len(items) < 2 and intro.count != 1 and \
            cells(block.text[intro.items_at:]) is None:
        return  # one label after "are:" is a sentence, not a list
    if intro.items_at is None or cells(block.text[intro.items_at:]) is not None:
        items = items_after(blocks, start, intro, items)  # a flattened table runs on
    if intro.count is not None:
        items = items[: intro.count]  # "the three priorities are:" then other bullets
    _add_items(findings, items, intro, intro.kind, intro.list_kind, period_at, start, rank,
               block)


def _add_items(findings: Findings, items: list[ListItem], intro: Intro | None, kind: str,
               list_kind: str, period_at: Callable[[int, Intro | None], str | None], index: int,
               rank: int, intro_block: Block | None = None) -> None:
    if not items:
        return
    period = period_at(index, intro)
    # Items listed in blocks of their own are also quoted with the list's intro, which says
    # what they are: the intro and the items as the text runs (cited at the intro's page).
    listing = None
    if intro_block is not None and any(found.block is not intro_block for found in items):
        text = " ".join([intro_block.text.strip(), *dict.fromkeys(
            found.block.text.strip() for found in items if found.block is not intro_block)])
        listing = (intro_block.page, text) if len(text) <= _MAX_LISTING else None
    for found in items:
        # Only a bare label needs the intro: "Priority Two – X" already says what X is.
        bare = squash(found.quote).strip(" .;,") == squash(found.label)
        findings.concepts.append(ConceptMention(kind, found.label, found.block, found.quote,
                                                period, rank, list_kind,
                                                listing if bare else None))
        if found.lead and kind == PRIORITY:
            lead = item_lead(found.label, found.lead, found.block, found.quote, period)
            if lead is not None:
                findings.leads.append(lead)
        if found.scope:
            findings.scopes.append(ScopeMention(found.label, found.scope, found.block,
                                                found.quote))


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

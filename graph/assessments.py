"""Strategic assessment counts: how many local partnerships selected each issue in a round.

Two shapes carry a count: a table under a "Strategic Assessment(s) (YYYY-YY)" heading (a count
column, or ticks per district which are counted), and a sentence ("Eight of the eleven local
Community Safety Partnerships ... assessed that road safety is a key priority"). Each count
becomes a ``csa:AssessmentCount`` with the issue, the number, ``csa:outOf`` where stated, the
round, and its quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Literal, URIRef

from partnership_kg.graph.context import PartContext
from partnership_kg.graph.names import normalise, parse_period
from partnership_kg.graph.vocab import CSA, RDF, RDFS, mint
from partnership_kg.ingest.model import Block

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}
_NUM = r"(?:\d{1,3}|" + "|".join(NUMBER_WORDS) + r")"
_ROUND_HEADING = re.compile(
    r"strategic\s+assessments?\s*\(?\s*((?:19|20)\d\d\s*[-–/]\s*\d{2,4})\s*\)?", re.I)
_PARTNERSHIPS = r"(?:local\s+)?(?:community\s+safety\s+partnerships|CSPs)"
# "for use by the eleven Community Safety Partnerships", "the twelve CSPs across Wessex".
_OUT_OF = re.compile(rf"\b(?:the|all)\s+({_NUM})\s+(?:\w+\s+)?{_PARTNERSHIPS}", re.I)
_SENTENCE = re.compile(
    rf"\b(?P<count>All|{_NUM})\s+(?:of\s+the\s+)?(?:(?P<outof>{_NUM})\s+)?{_PARTNERSHIPS}\b"
    rf"[^.]*?\bassessed\s+that\s+(?P<issue>[^.]+?)\s+(?:is|was|are|were|remains?)\s+(?:a\s+)?"
    rf"(?:key\s+)?priorit", re.I)
_COUNT_HEADER = re.compile(r"\b(?:no\.?|number)\s+of\b|\btotal\b|\bcount\b", re.I)
_TICK = re.compile(r"^\s*(?:[✓✔✗☑xX]|yes|Y)\s*$")
_ROW_END = re.compile(r"^(?P<label>.*?\S)\s+(?P<count>\d{1,3})\s*$")
_STOP = re.compile(r"^(?:other\b|there\s+are\b|note\b|source\b|appendix\b|\*)", re.I)


@dataclass
class Count:
    issue: str
    partnerships: int
    quote: str  # verbatim text of the row or sentence


def number(text: str) -> int | None:
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text)


def table_counts(block: Block, out_of: int | None = None) -> list[Count]:
    """Counts from a table block: its rows when the ingest parsed them, else its text."""
    if block.rows:
        return _rows_counts(block.rows)
    return text_counts(block.text, out_of)


def _rows_counts(rows: list[list[str]]) -> list[Count]:
    header, *body = rows
    count_col = next((i for i, cell in enumerate(header) if _COUNT_HEADER.search(cell)), None)
    counts = []
    for row in body:
        if not row or not row[0].strip():
            continue
        label = " ".join(row[0].split())
        if count_col is not None and count_col < len(row) and row[count_col].strip().isdigit():
            counts.append(Count(label, int(row[count_col]), "\t".join(row).strip()))
        elif count_col is None:
            # One column per district: count the ticks in the row.
            ticks = sum(bool(_TICK.match(cell)) for cell in row[1:])
            if ticks:
                counts.append(Count(label, ticks, label))
    return counts


def _join(lines: list[str]) -> str:
    """Wrapped label lines joined; a word hyphenated over a line break ("night-|time") rejoined."""
    text = ""
    for line in lines:
        text = f"{text}{line}" if text.endswith("-") or not text else f"{text} {line}"
    return text


def text_counts(text: str, out_of: int | None = None) -> list[Count]:
    """Rows "Issue<TAB or spaces>N" read line by line; a label wrapped over lines is joined."""
    counts: list[Count] = []
    lines = [line for line in re.split(r"\n", text) if line.strip()]
    if len(lines) == 1:
        return _flat_counts(text, out_of)
    pending: list[str] = []
    header_seen = False
    for line in lines:
        clean = " ".join(line.replace("\t", " ").split())
        if _COUNT_HEADER.search(clean) and not header_seen:
            header_seen, pending = True, []
            continue
        if _STOP.match(clean) and not pending:
            if counts:
                break
            continue
        end = _ROW_END.match(clean)
        if clean.isdigit() and pending:
            counts.append(Count(_join(pending), int(clean), " ".join([*pending, clean])))
            pending = []
        elif end and _plausible(int(end.group("count")), out_of):
            label = _join([*pending, end.group("label")])
            counts.append(Count(label, int(end.group("count")), " ".join([*pending, line.strip()])
                                if pending else line.strip()))
            pending = []
        else:
            pending.append(clean)
    return counts


def _flat_counts(text: str, out_of: int | None) -> list[Count]:
    """A table flattened into one line: "Priority No. of CSPs ... Issue A 12 Issue B 11 ..."."""
    header = _COUNT_HEADER.search(text)
    if not header:
        return []
    rest = text[header.end():]
    # Skip the rest of the header: lower-case words before the first capitalised label.
    first = re.search(r"\b[A-Z]", rest)
    if not first:
        return []
    start = header.end() + first.start()
    counts = []
    for match in re.finditer(r"(?P<label>[A-Z][^\d]*?)\s+(?P<count>\d{1,3})(?=\s|$)",
                             text[start:]):
        value = int(match.group("count"))
        if _plausible(value, out_of):
            label = " ".join(match.group("label").split())
            counts.append(Count(label, value, match.group().strip()))
    return counts


def _plausible(value: int, out_of: int | None) -> bool:
    return 0 < value <= (out_of or 50)


def sentence_counts(text: str) -> list[tuple[Count, int | None]]:
    """("Eight of the eleven ... assessed that road safety is a key priority") -> counts."""
    found = []
    for match in _SENTENCE.finditer(text):
        out_of = number(match.group("outof")) if match.group("outof") else None
        count_word = match.group("count")
        count = out_of if count_word.lower() == "all" else number(count_word)
        if count is None:
            continue
        found.append((Count(match.group("issue").strip(), count, match.group().strip()), out_of))
    return found


def round_iri(round_text: str) -> URIRef:
    start, end = parse_period(round_text)
    return mint("strategic-assessment", start or normalise(round_text), end or "")


_ROUND_ONLY = re.compile(r"^\s*\(?\s*((?:19|20)\d\d\s*[-–/]\s*\d{2,4})\s*\)?\s*$")
_ASSESSMENT_TITLE = re.compile(r"strategic\s+assessments?\s*$", re.I)


def _round_of(blocks: list[Block], index: int) -> str | None:
    """The round a heading names: in the heading, or in the line right after it."""
    block = blocks[index]
    if block.kind != "heading" and len(block.text) >= 120:
        return None
    heading = _ROUND_HEADING.search(block.text)
    if heading:
        return _clean_round(heading.group(1))
    if _ASSESSMENT_TITLE.search(block.text) and index + 1 < len(blocks):
        following = _ROUND_ONLY.match(blocks[index + 1].text)
        if following:
            return _clean_round(following.group(1))
    return None


def _clean_round(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("–", "-").replace("/", "-")


def _raw_table(ctx: PartContext, block: Block) -> tuple[list[Count], int | None]:
    """The table read from the page's raw lines, where a row's count may sit on a line of its
    own (a line that block cleaning can drop as a page number)."""
    pages = [page for page in ctx.document.pages
             if block.page is None or page.number in (block.page, block.page + 1)]
    raw = "\n".join(page.text for page in pages)
    anchor = raw.find(block.text.strip()[:40]) if block.text.strip() else -1
    header = _COUNT_HEADER.search(raw, max(anchor, 0))
    if anchor < 0 or header is None:
        return [], None
    line_start = raw.rfind("\n", 0, header.start()) + 1
    return text_counts(raw[line_start:]), block.page


def extract_part(ctx: PartContext) -> None:
    """Every count in the part, in the round of the nearest "Strategic Assessment" heading."""
    round_text: str | None = None
    out_of: int | None = None
    in_round_section = False
    table_done = False
    blocks = ctx.part.blocks
    for index, block in enumerate(blocks):
        found_round = _round_of(blocks, index)
        if found_round:
            round_text, in_round_section, out_of, table_done = found_round, True, None, False
            continue
        if block.kind == "heading" and in_round_section and table_done:
            in_round_section = False  # the section after the table: sentences still count
        if round_text is None:
            continue
        stated = _OUT_OF.search(block.text)
        if stated and in_round_section:
            out_of = number(stated.group(1)) or out_of
        if in_round_section and not table_done and (block.kind == "table" or
                                                    _COUNT_HEADER.search(block.text)):
            table_done = True
            raw_counts, page = _raw_table(ctx, block)
            block_counts = table_counts(block, out_of)
            if len(raw_counts) > len(block_counts):
                for count in raw_counts:
                    _add_count(ctx, page, round_text, count, out_of)
            else:
                for count in block_counts:
                    _add_count(ctx, block, round_text, count, out_of)
        for count, total in sentence_counts(block.text):
            _add_count(ctx, block, round_text, count, total)


def _add_count(ctx: PartContext, block: Block | int | None, round_text: str, count: Count,
               out_of: int | None) -> None:
    graph = ctx.graph
    assessment = round_iri(round_text)
    graph.add((assessment, RDF.type, CSA.StrategicAssessment))
    graph.add((assessment, CSA.period, Literal(round_text)))
    start, _ = parse_period(round_text)
    if start:
        graph.add((assessment, CSA.startYear, Literal(start)))
    node = mint("assessment-count", round_text, normalise(count.issue))
    graph.add((node, RDF.type, CSA.AssessmentCount))
    graph.add((node, CSA.assessment, assessment))
    graph.add((node, CSA.issue, Literal(count.issue)))
    graph.add((node, RDFS.label, Literal(f"{count.issue}: {count.partnerships}")))
    graph.add((node, CSA.partnerships, Literal(count.partnerships)))
    if out_of:
        graph.add((node, CSA.outOf, Literal(out_of)))
    if isinstance(block, Block):
        quote = count.quote if _squash(count.quote) in _squash(block.text) else count.issue
        ctx.cite(node, block, quote)
    else:  # read from the raw page: the quote is the row as the page has it
        ctx.cite(node, block, count.quote)


def _squash(text: str) -> str:
    return " ".join(text.split())

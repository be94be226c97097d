"""Structure-aware chunking: a document part becomes passages of up to ~200 words.

A chunk never crosses a part, a section or a table; a list stays with the paragraph that leads
into it. Text chunks are contiguous runs of blocks joined the way ``Part.text`` joins them, so a
chunk's text (and any sentence of it) is a verbatim quote of the source. Tables are chunks of
their own, one row a line with cells joined by `` | ``; each cell is verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from itertools import islice
from typing import Any

from partnership_kg.ingest.model import EXAMPLE_DOCUMENT, Block, Document, Part

# Word budget of a chunk. The dense model reads ~256 word pieces (~190 words), so most chunks are
# embedded whole; on the dev questions 200 beat 150 (too little context) and 250-300 (truncated
# embeddings) for dense retrieval, with BM25 unchanged (benchmarks/bench_index.py).
MAX_WORDS = 200
# A table longer than this is cut into several chunks, each repeating the header row.
TABLE_ROWS_PER_CHUNK = 12
CELL_SEPARATOR = " | "
BLOCK_SEPARATOR = "\n\n"  # as Part.text joins blocks, so a run of blocks is a substring of it

# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before white space
# and a capital, digit, quote or bullet; a few abbreviations that end in a full stop are skipped.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[•\-–A-Z0-9])")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|Mr|Mrs|Ms|Dr|Cllr|No|St|approx|vs|Co|Ltd|Inc)|\b[A-Z])\.$"
)


@dataclass
class Chunk:
    """One retrievable passage and where it came from."""

    id: str
    source: str
    part_index: int
    part_title: str
    part_type: str
    page: int | None
    section: str  # the section path joined with " > "
    text: str
    # The years the part is about ([start, end]), so an answer prefers the part of the year asked.
    part_years: list[int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Chunk:
        return cls(**data)

    @property
    def indexed_text(self) -> str:
        """What BM25 and the embedder see: the part's title and the section path say what a
        passage is about (which agreement, which year, which priority) when its text does not."""
        context = " > ".join(item for item in (self.part_title, self.section) if item)
        return f"{context}\n{self.text}" if context else self.text


def words(text: str) -> int:
    return len(text.split())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of one line of text (no line breaks inside)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if _ABBREVIATIONS.search(text[start:match.start()]):
            continue
        end = match.start()
        # keep a closing quote or bracket with its sentence
        while end < match.end() and not text[end].isspace():
            end += 1
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def sentences(text: str) -> list[str]:
    """The sentences of a passage, verbatim: line breaks always end a sentence."""
    result = []
    for line in text.split("\n"):
        line = line.strip()
        result.extend(line[a:b].strip() for a, b in sentence_spans(line))
    return [sentence for sentence in result if sentence]


def _table_rows(block: Block) -> list[list[str]]:
    if block.rows:
        return [[cell.strip() for cell in row] for row in block.rows]
    return [[cell.strip() for cell in line.split("\t")] for line in block.text.split("\n")]


def _table_texts(block: Block) -> Iterator[str]:
    """A table's rows as 'cell | cell' lines, cut into pieces that repeat the header row."""
    rows = [row for row in _table_rows(block) if any(row)]
    if not rows:
        return
    lines = [CELL_SEPARATOR.join(cell for cell in row if cell) for row in rows]
    header, body = lines[0], lines[1:]
    if len(lines) <= TABLE_ROWS_PER_CHUNK or not body:
        yield "\n".join(lines)
        return
    piece: list[str] = []
    for line in body:
        if piece and (len(piece) >= TABLE_ROWS_PER_CHUNK
                      or words("\n".join([header, *piece, line])) > MAX_WORDS):
            yield "\n".join([header, *piece])
            piece = []
        piece.append(line)
    if piece:
        yield "\n".join([header, *piece])


def _split_long_text(text: str) -> list[str]:
    """Cut an over-long block at sentence ends into verbatim slices of at most MAX_WORDS (a single
    sentence longer than that stays whole)."""
    spans = sentence_spans(text.replace("\n", " "))  # same length, so spans index `text` too
    pieces: list[str] = []
    start = end = 0
    for a, b in spans:
        if end > start and words(text[start:b]) > MAX_WORDS:
            pieces.append(text[start:end].strip())
            start = a
        end = b
    if text[start:].strip():
        pieces.append(text[start:].strip())
    return pieces


class _PartChunker:
    """Packs the blocks of one part into chunks."""

    def __init__(self, document: Document, part: Part) -> None:
        self.document = document
        self.part = part
        self.chunks: list[Chunk] = []
        self.current: list[Block] = []
        self.last_section: list[str] = []  # of the last chunk emitted

    def _emit(self, text: str, first: Block, section: list[str]) -> None:
        text = text.strip()
        if not text:
            return
        # The chunk's page is its first block's, or failing that the part's first page.
        page = first.page if first.page is not None else self.part.page_start
        self.last_section = section
        self.chunks.append(Chunk(
            id=f"{self.document.source}#{self.part.index}.{len(self.chunks)}",
            source=self.document.source,
            part_index=self.part.index,
            part_title=self.part.title,
            part_type=self.part.type,
            page=page,
            section=" > ".join(section),
            text=text,
            part_years=list(self.part.years) if self.part.years else None,
        ))

    def _content_section(self) -> list[str]:
        content = [block for block in self.current if block.kind != "heading"]
        return (content or self.current)[0].section_path if self.current else []

    def flush(self) -> None:
        blocks, self.current = self.current, []
        if not blocks or all(block.kind == "heading" for block in blocks):
            return  # a heading with nothing under it lives on in its children's section path
        section = [b for b in blocks if b.kind != "heading"][0].section_path
        text = BLOCK_SEPARATOR.join(block.text for block in blocks)
        if words(text) <= MAX_WORDS:
            self._emit(text, blocks[0], section)
            return
        # One block too long for a chunk (lists are split before they get here).
        for index, piece in enumerate(_split_long_text(text)):
            self._emit(piece, blocks[0] if index == 0 else blocks[-1], section)

    def add_unit(self, unit: list[Block]) -> None:
        """Add a run of blocks that belong together (a heading run, or a lead-in and its list)."""
        if unit[0].kind == "heading":
            if any(block.kind != "heading" for block in self.current):
                self.flush()
            self.current.extend(unit)
            return
        has_content = any(block.kind != "heading" for block in self.current)
        if has_content and (unit[0].section_path != self._content_section()
                            or _size(self.current + unit) > MAX_WORDS):
            self.flush()
        if _size(self.current + unit) <= MAX_WORDS:
            self.current.extend(unit)
            return
        # Too long for one chunk: a list is cut between items; a single over-long block is cut
        # at sentence ends when it is flushed.
        for block in unit:
            has_content = any(b.kind != "heading" for b in self.current)
            if has_content and _size([*self.current, block]) > MAX_WORDS:
                self.flush()
            self.current.append(block)

    def add_table(self, block: Block) -> None:
        self.flush()
        section = block.section_path
        for text in _table_texts(block):
            self._emit(text, block, section)

    def add_orphans(self, unit: list[Block]) -> None:
        """Heading-styled lines that head no section (a signature, a caption) are text of the
        passage they follow, and are packed as such."""
        section = self._content_section() if self.current else self.last_section
        self.add_unit([
            replace(block, kind="paragraph", section_path=section or block.section_path)
            for block in unit
        ])

    def run(self) -> list[Chunk]:
        position = {id(block): index for index, block in enumerate(self.part.blocks)}
        for unit in _units(self.part.blocks):
            if unit[0].kind == "table":
                self.add_table(unit[0])
            elif unit[0].kind == "heading":
                following = islice(self.part.blocks, position[id(unit[-1])] + 1, None)
                headings, orphans = _split_heading_run(unit, following)
                if orphans:
                    self.add_orphans(orphans)
                if headings:
                    self.add_unit(headings)
            else:
                self.add_unit(unit)
        self.flush()
        return self.chunks


def _size(blocks: list[Block]) -> int:
    return sum(words(block.text) for block in blocks)


def _split_heading_run(
    run: list[Block], following: Iterable[Block]
) -> tuple[list[Block], list[Block]]:
    """(real headings, orphans) of a run of headings: a heading is real when the block after the
    run lies in its section; the orphans lead the run (e.g. a signature styled as headings just
    before the next numbered section)."""
    content = next((block for block in following if block.kind != "heading"), None)
    path = content.section_path if content is not None else []
    if not path:
        return run, []
    start = 0
    while start < len(run) and run[start].text.strip() not in path:
        start += 1
    if start == len(run):
        return run, []  # nothing matches: leave the run as it is rather than guess
    return run[start:], run[:start]


def _units(blocks: list[Block]) -> Iterator[list[Block]]:
    """Group blocks: consecutive headings; a paragraph with the list items after it; a table."""
    unit: list[Block] = []
    for block in blocks:
        if not block.text.strip() and block.kind != "table":
            continue
        joins = bool(unit) and (
            (block.kind == "heading" and unit[-1].kind == "heading")
            or (block.kind == "list_item" and unit[-1].kind in ("paragraph", "list_item")
                and block.section_path == unit[-1].section_path)
        )
        if not joins and unit:
            yield unit
            unit = []
        unit.append(block)
    if unit:
        yield unit


def chunk(document: Document) -> list[Chunk]:
    """The chunks of every part of a document, in reading order."""
    chunks: list[Chunk] = []
    for part in document.parts:
        chunks.extend(_PartChunker(document, part).run())
    return chunks


# An example instance for tests of later stages.
EXAMPLE_CHUNK = chunk(EXAMPLE_DOCUMENT)[0]

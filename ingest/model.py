"""The data contract of ingestion: what every later stage (graph, search, UI) reads.

A file becomes a ``Document``; a document holds one or more ``Part``s (an agenda pack holds
minutes, reports, a whole agreement as an appendix ...); a part is an ordered list of ``Block``s
(headings, paragraphs, list items, tables), each knowing its page and section path.

Block text is the cleaned source text: hard-wrapped lines re-joined, running headers and footers
removed, but otherwise verbatim, so any substring of it is a valid citation quote.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from partnership_kg.ingest.periods import parse_period

PartType = Literal[
    "agreement", "plan", "strategy", "strategic assessment", "minutes", "agenda", "report",
    "action plan", "decision notice", "issue page", "agenda item", "news release", "slides",
    "web page", "other",
]
# Parts that are a version of the partnership's plan: their lists are that version's priorities.
VERSION_TYPES: frozenset[str] = frozenset({"agreement", "plan", "strategy",
                                           "strategic assessment"})
DocumentFormat = Literal["pdf", "text", "html", "docx"]
BlockKind = Literal["heading", "paragraph", "list_item", "table"]


@dataclass
class Page:
    """Raw text of one page; ``number`` is the PDF page or the page marked in a text file."""

    number: int | None
    text: str


@dataclass
class Block:
    """One unit of clean text: a heading, a paragraph, a list item or a table."""

    kind: BlockKind
    text: str
    page: int | None = None
    # Headings from the document root down to the block's own section, e.g. ["7. Leads"].
    section_path: list[str] = field(default_factory=list)
    # Only for tables: rows of cells, the first row the header where one was detected.
    rows: list[list[str]] | None = None
    # Only for headings: the heading number ("6.3.", "Appendix A") and depth (1 = top level).
    number: str | None = None
    level: int | None = None


@dataclass
class Section:
    """A node of the section tree, built from numbered headings."""

    title: str
    number: str | None
    level: int
    page: int | None
    children: list[Section] = field(default_factory=list)


@dataclass
class Part:
    """One document inside a file: the file itself, or one document of a pack."""

    index: int
    type: PartType
    title: str
    # ISO date of a meeting or report ("2014-07-08"), where the part has one.
    date: str | None
    # An agreement's period as written ("2014-17", "2011-14") or its effective month ("April 2024").
    period: str | None
    page_start: int | None
    page_end: int | None
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    @property
    def year(self) -> int | None:
        """The first year the part is about: an agreement's start year, else its date's year."""
        start, _ = parse_period(self.period)
        if start is not None:
            return start
        year = (self.date or "")[:4]
        return int(year) if year.isdigit() else None

    @property
    def years(self) -> tuple[int, int] | None:
        """First and last year the part is about (an agreement's period, else its date's year)."""
        start, end = parse_period(self.period)
        if start is not None:
            return start, end or start
        return (self.year, self.year) if self.year is not None else None

    @property
    def text(self) -> str:
        return "\n\n".join(block.text for block in self.blocks)


@dataclass
class Document:
    """One ingested file."""

    source: str  # the file name as ingested, e.g. "a.pdf"
    path: str  # where it was read from
    sha256: str
    format: DocumentFormat
    pages: list[Page]
    parts: list[Part]
    warnings: list[str] = field(default_factory=list)
    # Whose document it is, where the build was told (``build --partnership``) ...
    partnership_given: str | None = None
    # ... and the first folder under the build root it was found in ("docs/riverford/a.pdf"
    # under "docs" -> "riverford"), the last resort when the text names no partnership.
    folder: str | None = None
    # Where the file came from, as its first line "Source: URL" (or a saved page's own link)
    # gives it; absent in documents stored before it was read.
    source_url: str | None = None
    # Whose document it is, where the build was told (``build --partnership``) ...
    partnership_given: str | None = None
    # ... and the first folder under the build root it was found in ("docs/riverford/a.pdf"
    # under "docs" -> "riverford"), the last resort when the text names no partnership.
    folder: str | None = None

    @property
    def type(self) -> PartType:
        """The file's type: that of its first part unless a later part is an agreement."""
        types = [part.type for part in self.parts]
        return "agreement" if types == ["agreement"] else (types[0] if types else "other")

    @property
    def page_count(self) -> int:
        numbers = [page.number for page in self.pages if page.number is not None]
        return max(numbers) if numbers else len(self.pages)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        parts = []
        for part in data["parts"]:
            blocks = [Block(**block) for block in part["blocks"]]
            sections = [_section_from_dict(section) for section in part["sections"]]
            parts.append(Part(**{**part, "blocks": blocks, "sections": sections}))
        pages = [Page(**page) for page in data["pages"]]
        return cls(**{**data, "pages": pages, "parts": parts})

    @classmethod
    def from_json(cls, text: str) -> Document:
        return cls.from_dict(json.loads(text))


def _section_from_dict(data: dict[str, Any]) -> Section:
    children = [_section_from_dict(child) for child in data["children"]]
    return Section(**{**data, "children": children})


class IngestError(Exception):
    """A file that cannot be ingested; the message is the one-line reason shown to the user."""


# Example instances, reused by tests of every stage.
EXAMPLE_AGREEMENT = Part(
    index=0,
    type="agreement",
    title="Wessex Community Safety Agreement 2014-17",
    date=None,
    period="2014-17",
    page_start=1,
    page_end=2,
    blocks=[
        Block("heading", "6. County Priorities 2014-17", 1, ["6. County Priorities 2014-17"],
              number="6.", level=1),
        Block("paragraph", "6.3. The priorities for Wessex are: Acquisitive Crime; "
              "Anti-Social Behaviour; and Road Safety.", 1, ["6. County Priorities 2014-17"]),
        Block("heading", "7. Leads", 2, ["7. Leads"], number="7.", level=1),
        Block("table", "Priority\tLead\nRoad Safety\tDirector Operations, Wessex Fire and Rescue "
              "Service", 2, ["7. Leads"],
              rows=[["Priority", "Lead"],
                    ["Road Safety", "Director Operations, Wessex Fire and Rescue Service"]]),
    ],
    sections=[Section("County Priorities 2014-17", "6.", 1, 1), Section("Leads", "7.", 1, 2)],
)

EXAMPLE_DOCUMENT = Document(
    source="wessex_csa.txt",
    path="/tmp/wessex_csa.txt",
    sha256="0" * 64,
    format="text",
    pages=[Page(1, "6. County Priorities 2014-17 ..."), Page(2, "7. Leads ...")],
    parts=[EXAMPLE_AGREEMENT],
)

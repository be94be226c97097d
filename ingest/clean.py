"""Line-level cleaning: extraction artefacts out, source words untouched.

Removed: HTML and markdown remnants of a converter (``<sup>th</sup>``, ``&amp;``, ``**``),
page-number lines, drawn rules ("_____"), and running headers/footers (a line repeated on many
pages). Kept: every other line in order, with its page and its indentation (a hint for
re-joining wrapped lines).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

from partnership_kg.ingest.model import Page


@dataclass
class Line:
    page: int | None
    text: str  # right-stripped; leading spaces kept; "" for a blank line


_PAGE_LABEL = re.compile(r"^\s*Page\s+\d{1,4}(?:\s+of\s+\d{1,4})?\s*$", re.IGNORECASE)
_NUMBER_ONLY = re.compile(r"^\s*\d{1,3}\s*$")
_RULE = re.compile(r"^\s*[_=\-–—*~.•]{3,}\s*$")  # a drawn line: "_____", "-----"
_TAGS = r"(?:sup|sub|b|i|u|em|strong|ul|ol|li|br|p|span|div|font|a)"
_LIST_BREAK = re.compile(r"</li>\s*<li\b[^>]*>|<br\s*/?>", re.IGNORECASE)
_FOOTNOTE = re.compile(r"<sup>\s*\d{1,3}\s*</sup>", re.IGNORECASE)
_TAG = re.compile(rf"</?{_TAGS}\b[^>]*>", re.IGNORECASE)
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_BOLD_OPEN = re.compile(r"(?<!\S)\*\*(?=\S)|(?<=\S)\*\*(?!\S)")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_BULLET_START = re.compile(r"^\s*(?:[-•▪●◦·\uf0b7\uf0a7]|o\s)")


def strip_markup(text: str) -> str:
    """HTML/markdown emphasis of a converter removed; a cell's list items joined with "; "."""
    if "<" in text or "&" in text:
        text = _LIST_BREAK.sub("; ", text)
        text = _FOOTNOTE.sub("", text)  # footnote reference numbers are not part of a quote
        for _ in range(2):  # "&lt;sup&gt;" is a tag once unescaped
            text = html.unescape(_TAG.sub("", text))
    if "*" in text:
        text = _ITALIC.sub(r"\1", _BOLD_OPEN.sub("", _BOLD.sub(r"\1", text)))
    return text.rstrip()


def clean_lines(pages: list[Page], is_pdf: bool) -> list[Line]:
    """All lines of all pages, cleaned, running headers and page numbers dropped."""
    raw = [page.text.split("\n") for page in pages]
    # A PDF's running lines were left out by position when it was read (pdf_layout); repeated
    # words alone would also take out a paragraph's first line recurring at a page's top.
    running = set() if is_pdf else _running_text(raw)
    lines: list[Line] = []
    for page, page_lines in zip(pages, raw, strict=True):
        edges = _edges(page_lines)
        for index, line in enumerate(page_lines):
            text = strip_markup(line)
            furniture = (
                _PAGE_LABEL.match(text)
                or _RULE.match(text)
                or (_NUMBER_ONLY.match(text) and (_padded(line) or (is_pdf and index in edges)))
                or (text.strip() and _key(text) in running)
            )
            lines.append(Line(page.number, "" if furniture else text))
        lines.append(Line(page.number, ""))  # a page break ends a paragraph's lines
    return lines


def _edges(lines: list[str]) -> set[int]:
    """Where a PDF page's number sits: the first two and last two filled lines.

    A number elsewhere is data (a count in a table, an action's number) and stays. Text files
    drop the numbers beside their page footers when splitting pages (``text.split_pages``).
    """
    filled = [index for index, line in enumerate(lines) if line.strip()]
    return set(filled[:2] + filled[-2:])


def _padded(line: str) -> bool:
    # Centred or right-aligned in the page: deep indentation or trailing padding.
    return len(line) - len(line.lstrip()) >= 10 or len(line) - len(line.rstrip()) >= 5


def _key(text: str) -> str:
    return " ".join(strip_markup(text).split()).lower()


def _candidate(text: str) -> bool:
    # Furniture is a short line; a long repeated line is a repeated sentence or heading.
    stripped = text.strip()
    return 4 <= len(stripped) <= 90 and "\t" not in text and not _BULLET_START.match(text)


def _running_text(pages: list[list[str]]) -> set[str]:
    """Lines repeated three or more times that look like page furniture where they stand.

    Plain text keeps no page geometry, so a repeat alone is not enough (a priority's name
    recurs as a sub-heading). Furniture is set apart by layout: deep indentation or padding
    (a centred or right-aligned header), or sitting next to a page break or a page number.
    """
    lines = [line for page in pages for line in [*page, "\f"]]
    counts = Counter(_key(line) for line in lines if _candidate(line))
    evidence: Counter[str] = Counter()
    for index, line in enumerate(lines):
        key = _key(line)
        if counts[key] < 3 or not _candidate(line):
            continue
        near = lines[max(0, index - 4) : index + 5]
        if _padded(line) or any(other == "\f" or _PAGE_LABEL.match(other) for other in near):
            evidence[key] += 1
    return {key for key, count in evidence.items() if count >= 2}

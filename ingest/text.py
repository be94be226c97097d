"""Text files: decoding with a fallback, and pages from form feeds or page-footer lines."""

from __future__ import annotations

import re

from partnership_kg.ingest.model import IngestError, Page

# A pack page footer as extracted from a PDF: "Page 23", "Page 57 Page 5 of 10", "# Page 9".
_MARKER = re.compile(r"^\s*(?:#+\s*)?\**Page\s+(\d{1,4})\**(?:\s+Page\s+\d+\s+of\s+\d+)?\s*$")
# A table row whose first cell is the footer, rotated into the table by the extractor.
_CELL_MARKER = re.compile(r"^\s*Page\s+(\d{1,4})\s*\t")
_NUMBER_ONLY = re.compile(r"^\s*\d{1,3}\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def decode(data: bytes) -> tuple[str, list[str]]:
    """Bytes to text; a non-UTF-8 file still ingests, with a warning saying how it was read."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            raise IngestError("not a text file: invalid UTF-16") from None
    if b"\x00" in data[:65536] or len(_CONTROL.findall(data[:65536].decode("latin-1"))) > 8:
        raise IngestError("not a text file: binary content")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), ["decoded as cp1252, not UTF-8"]
    except UnicodeDecodeError:
        return data.decode("latin-1"), ["decoded as Latin-1, not UTF-8"]


def split_pages(text: str) -> list[Page]:
    """Pages of a text file.

    Form feeds separate pages 1, 2, ... when present. Otherwise "Page N" lines are page
    footers (as a PDF-to-text export leaves them): the text before footer N ends page N.
    Where footers are consecutive (N-1, then N) the text between them is exactly page N.
    Where they are sparse (footer 12, then footer 29) the text between them spans pages 13 to
    29; it is spread over those pages in proportion to its length, so both ends are exact and
    the middle is an estimate (better than calling 17 pages all "29"). Text before the first
    footer, and after the last, covers as many pages as its length needs at the file's
    average text per page (at least one page, never before page 1). Footers that go
    backwards (a pack's inner "Page 5 of 10" numbering) are not page breaks. Without any
    footer every line has page None.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text:
        chunks = text.split("\f")
        return [Page(number, chunk) for number, chunk in enumerate(chunks, 1) if chunk.strip()]
    segments: list[tuple[int, list[str]]] = []  # footer number, the lines it closes
    current: list[str] = []
    after_footer = 0  # filled lines still to see just after a footer
    for line in text.split("\n"):
        number = _marker(line)
        if number is None or (segments and number <= segments[-1][0]):
            if after_footer and line.strip():
                after_footer -= 1
                if _NUMBER_ONLY.match(line):
                    continue  # a document's own page number beside the pack's footer
            current.append(line)
            continue
        if _CELL_MARKER.match(line):
            current.append(_CELL_MARKER.sub("\t", line, count=1))
        segments.append((number, _without_last_number(current)))
        current, after_footer = [], 2
    if not segments:
        return [Page(None, text)]
    inner = [(segments[i][0] - segments[i - 1][0], segments[i][1]) for i in range(1, len(segments))]
    per_page = (
        sum(_size(lines) for _, lines in inner) // sum(span for span, _ in inner)
        if inner else _DEFAULT_PAGE_CHARS
    ) or _DEFAULT_PAGE_CHARS
    first_number, first_lines = segments[0]
    start = max(1, first_number - _pages_for(first_lines, per_page) + 1)
    pages = _spread(start, first_number, first_lines)
    for (previous, _), (number, lines) in zip(segments, segments[1:], strict=False):
        pages += _spread(previous + 1, number, lines)
    last = segments[-1][0]
    if "\n".join(current).strip():
        pages += _spread(last + 1, last + _pages_for(current, per_page), current)
    return pages


def _without_last_number(lines: list[str]) -> list[str]:
    """The lines before a footer, less a bare page number among the last two filled ones."""
    filled = [index for index, line in enumerate(lines) if line.strip()][-2:]
    drop = {index for index in filled if _NUMBER_ONLY.match(lines[index])}
    return [line for index, line in enumerate(lines) if index not in drop]


# Characters on a typical A4 page of report text, used when a file has one footer only.
_DEFAULT_PAGE_CHARS = 3000


def _size(lines: list[str]) -> int:
    return sum(len(line) + 1 for line in lines)


def _pages_for(lines: list[str], per_page: int) -> int:
    return max(1, -(-_size(lines) // per_page))


def _spread(first: int, last: int, lines: list[str]) -> list[Page]:
    """Lines cut into pages ``first``..``last`` by their share of the characters."""
    total = max(1, _size(lines))
    span = last - first + 1
    buckets: list[list[str]] = [[] for _ in range(span)]
    seen = 0
    for line in lines:
        buckets[min(span - 1, seen * span // total)].append(line)
        seen += len(line) + 1
    return [Page(first + offset, "\n".join(bucket)) for offset, bucket in enumerate(buckets)
            if "\n".join(bucket).strip()]


def _marker(line: str) -> int | None:
    match = _MARKER.match(line) or _CELL_MARKER.match(line)
    return int(match.group(1)) if match else None

"""Clean lines to Blocks: headings, paragraphs, list items and tables (section paths:
``ingest.sections``).

Hard-wrapped lines are re-joined: consecutive lines always (plain text marks paragraphs with
blank lines), and across a blank line when the text so far stops mid-sentence (no final
punctuation) and the next line does not start a new unit (bullet, number, heading, label).
A PDF's lines carry no blank lines, so there a line ending a sentence also ends the paragraph.
"""

from __future__ import annotations

import re

from partnership_kg.ingest.block_tables import aligned_run, table
from partnership_kg.ingest.clean import Line
from partnership_kg.ingest.model import Block, BlockKind
from partnership_kg.ingest.titles import title_above_prose

# Look-alike Cyrillic letters that some converters put into words ("Аррendix"); folded for
# matching only, the block text keeps the source characters.
_CONFUSABLES = str.maketrans("АВСЕНКМОРТХаеорсухі", "ABCEHKMOPTXaeopcyxi")
_STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "its",
    "of", "on", "or", "the", "their", "to", "was", "were", "which", "with", "that", "this",
    "these", "those", "has", "have", "had", "will", "our", "your",
})

# A hyphen before a digit is a range cut by a line wrap ("2011" + "-14."), not a bullet.
_BULLET = re.compile(r"^(?:-(?!\d)|[•▪●◦·\uf0b7\uf0a7]|o(?=\s))\s*(.*)$")
_ENUM = re.compile(r"^(?:\(\d{1,2}\)|\d{1,2}\)|\(?[a-z]\)|[a-z]\.)\s+\S")
_NUMBERED = re.compile(r"^(\d{1,2}\.(?:\d{1,2}\.?)*)\s+(\S.*)$")
_MULTILEVEL = re.compile(r"^\d{1,2}\.\d{1,2}\.?\s")
_APPENDIX = re.compile(r"^(Appendix\s+[A-Z0-9]{1,2})\b\s*[:.\-–—]*\s*(.*)$", re.IGNORECASE)
_PRIORITY = re.compile(r"^(?:Priority|Theme)\s*:\s*\S")
_LABEL = re.compile(r"^[A-Z][A-Za-z /&]{0,25}:-?\s*\S")
_MARKDOWN = re.compile(r"^(#{1,6})\s*(.*)$")
_SENTENCE_BREAK = re.compile(r"\b\w{2,}\.\s+[A-Z]")
_TERMINAL_COLON = re.compile(r":-?$")
_MONTH_YEAR = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+\d{4}\b"
)
# An intro naming a list ("The priorities are:", "... threats include:"), not an address's
# ("please contact the team:").
_LIST_INTRO = re.compile(r"\b(?:include|includes|are|were|priorities|themes|issues|threats"
                         r"|risks|areas|following)\b[^:]*:-?$", re.IGNORECASE)
_OPENING_BLOCKS = 3  # a file's title line is among its first blocks
_BARE_WORDS = 12  # a longer line is a sentence, not a list's bare label
_SENTENCE_OPENER = re.compile(
    r"(?:We|Our|The|This|These|It|They|There|In|To|By|As|For)(?:\b|[’']\w)")
_TERMINAL = re.compile(r"[.!?:;]-?[\"'’”)\]]*$")
_SENTENCE_END = re.compile(r"[.!?:]-?[\"'’”)\]]*$")


def fold(text: str) -> str:
    return text.translate(_CONFUSABLES)


def build_blocks(lines: list[Line], is_pdf: bool, spaced: bool = False) -> list[Block]:
    """Blocks in reading order; section paths are left to ``assign_sections``.

    ``spaced``: a PDF whose paragraphs are set apart by blank lines; its lines then join as a
    text file's do, and only its page breaks are read as a PDF's.
    """
    joined_by_sense = is_pdf and not spaced  # no blank lines: a sentence's end ends a paragraph
    blocks: list[Block] = []
    open_block: Block | None = None  # the paragraph or list item a next line may continue
    blank = True
    listing = False  # after a line ending "...:", short lines are the items of a list
    listed: tuple[Block, BlockKind] | None = None  # a line made a list item, and its own kind
    named_list = False  # and that line names a list ("The key risks ... include:")
    last_page = lines[0].page if lines else None
    last_full = False  # the last line ran to the page's full width
    full = _full_widths(lines) if is_pdf else {}
    index = 0
    while index < len(lines):
        line = lines[index]
        text = line.text.strip()
        if not text:
            blank, index = True, index + 1
            continue
        turned = line.page != last_page  # a page break lies between this line and the last
        last_page = line.page
        if "\t" in line.text:
            rows, index = _table_lines(lines, index, is_pdf)
            last_page = lines[index - 1].page
            blocks.append(table(rows))
            open_block, blank = None, True
            continue
        aligned, used = aligned_run(lines, index)
        if aligned:
            blocks.append(table(aligned))
            open_block, blank, index = None, True, index + used
            continue
        # A line the layout wrapped (the one before ran to the full width, or this line's first
        # word would not have fitted on it) is no new item.
        before = lines[index - 1].text.strip() if index else ""
        if not is_pdf and not blank and open_block is not None \
                and len(blocks) <= _OPENING_BLOCKS and open_block.text == before \
                and title_above_prose(before, text):
            # A page's name above its first paragraph stands alone, whatever the line breaks.
            if _plain_title(open_block.text, loose=True):
                open_block.kind = "heading"
            open_block = None
        wrapped = is_pdf and not blank and (last_full or len(before) + 1 + len(
            text.split()[0]) > full.get(line.page, 1 << 30))
        if open_block is not None and (wrapped or not _ends_list_line(
                open_block, text, listing and named_list)) and (
            _continues(open_block, text, blank, joined_by_sense)
            or _field_tail(open_block, lines, index)
            or (is_pdf and turned and _runs_over_page(open_block, text, last_full))
        ):
            # A line break becomes one space, even after a hyphen ("multi-" + "agency"): that
            # keeps every block a whitespace-normalised substring of the source.
            open_block.text = f"{open_block.text} {text}"
            blank, index = False, index + 1
            last_full = len(text) >= full.get(line.page, 1 << 30)
            continue
        block, used = _start(lines, index, blank or open_block is None, joined_by_sense,
                             full if is_pdf else None)
        if blocks:  # judged on the previous block's final text, after its wrapped lines
            previous = blocks[-1]
            if is_pdf:
                _unlist(listed)
            listing = bool(_TERMINAL_COLON.search(previous.text)) or (
                listing and previous.kind == "list_item"
            )
            if _TERMINAL_COLON.search(previous.text):
                named_list = bool(_LIST_INTRO.search(previous.text))
        listed = None
        if listing and _bare_item(block) and not _MARKDOWN.match(text):
            listed = (Block("list_item", block.text, block.page), block.kind)
            block = listed[0]
        blocks.append(block)
        open_block = block if block.kind != "heading" else None
        blank, index = False, index + used
        last_full = len(lines[index - 1].text.strip()) >= full.get(line.page, 1 << 30)
    if is_pdf:
        _unlist(listed)
    return [block for block in blocks if block.text]


def _unlist(listed: tuple[Block, BlockKind] | None) -> None:
    """A PDF line taken for a bare list item by its first line alone, whose wrapped lines
    made it a sentence ("Offer recommendations to one or more of" + "the authorities."):
    back to its own kind, which ends the list. A text file's lines are the author's own."""
    if listed is not None:
        block, kind = listed
        if not _bare_item(Block(kind, block.text, block.page)):
            block.kind = kind


def _table_lines(lines: list[Line], index: int, is_pdf: bool) -> tuple[list[Line], int]:
    """A run of tab-separated lines and the index after it. In a PDF a table broken by a page
    end runs on where the next page opens with rows of the same width."""
    rows: list[Line] = []
    while True:
        end = index
        while end < len(lines) and "\t" in lines[end].text:
            end += 1
        rows += lines[index:end]
        after = end
        while after < len(lines) and not lines[after].text.strip():
            after += 1
        if not (is_pdf and after < len(lines) and lines[after].page != rows[-1].page
                and lines[after].text.count("\t") == rows[-1].text.count("\t")):
            return rows, end
        index = after


def _runs_over_page(block: Block, text: str, last_full: bool) -> bool:
    """Whether a PDF's line at the top of a page carries on the block the last page ended
    with: a paragraph stopped short of a sentence's end or whose last line filled the page's
    width (a paragraph's own last line is shorter), or a list item visibly cut."""
    if _starts_unit(text):
        return False
    if block.kind == "list_item":
        return text[0].islower() or _open_ended(block.text)
    return block.kind == "paragraph" and (last_full or not _SENTENCE_END.search(block.text))


def _full_widths(lines: list[Line]) -> dict[int | None, int]:
    """Per page, the length from which a line of prose is full: within a tenth of the page's
    long lines (its 80th percentile), as lines wrapped by the layout are."""
    lengths: dict[int | None, list[int]] = {}
    for line in lines:
        if line.text.strip() and "\t" not in line.text:
            lengths.setdefault(line.page, []).append(len(line.text.strip()))
    return {page: int(sorted(found)[len(found) * 4 // 5] * 0.9)
            for page, found in lengths.items() if len(found) >= 5}


def _bare_item(block: Block) -> bool:
    """A short line after "... are:" is an item of that list even where its bullet was lost."""
    if block.kind == "heading" and (block.number or _PRIORITY.match(block.text)):
        return False
    short = len(block.text.split()) <= _BARE_WORDS and not block.text.endswith(".")
    return block.kind in {"heading", "paragraph"} and short


def _ends_list_line(block: Block, text: str, listing: bool) -> bool:
    """Whether a line right under a list's intro ("... include:"), or under a short item of
    that list, starts a block of its own rather than wrapping the line before: a short
    capitalised label is the next item ("Domestic abuse" / "Organised Crime"), a capitalised
    sentence opener the paragraph after the list ("We'll achieve this by:")."""
    words = block.text.split()
    intro = bool(_TERMINAL_COLON.search(block.text) and _LIST_INTRO.search(block.text)) \
        and len(words) >= 4 and not _LABEL.match(block.text)
    item = listing and block.kind == "list_item" and len(words) <= _BARE_WORDS \
        and not _TERMINAL.search(block.text) and _balanced(block.text) \
        and not _open_ended(block.text)
    if not (intro or item) or not text[:1].isupper():
        return False
    return bool(_SENTENCE_OPENER.match(text)) or (
        len(text.split()) <= _BARE_WORDS and not _TERMINAL.search(text))


def _start(lines: list[Line], index: int, after_break: bool, is_pdf: bool,
           laid_out: dict[int | None, int] | None = None) -> tuple[Block, int]:
    """The block a line begins, and how many lines it took (a wrapped heading takes two);
    ``laid_out``: a PDF's full line length per page (``_full_widths``): its lines were
    wrapped by the layout, so a heading's tail may sit below it."""
    line = lines[index]
    text = line.text.strip()
    page = line.page
    bullet = _BULLET.match(text)
    if bullet:
        item = bullet.group(1).strip()
        # "- 6.3. The result of ..." is a numbered paragraph that a converter bulleted.
        kind = "paragraph" if _MULTILEVEL.match(item) else "list_item"
        return Block(kind, item, page), 1
    markdown = _MARKDOWN.match(text)
    body = markdown.group(2).strip() if markdown else text
    heading = _heading(body)
    following = _next_text(lines, index)
    if following[:1].islower():
        heading = None  # the line runs on into the next one: a wrapped sentence
    tail = _heading_tail(lines, index, body, laid_out) if laid_out is not None else None
    if tail is not None:
        wrapped, (number, level), used = tail
        return Block("heading", wrapped, page, number=number, level=level), used
    if heading is not None and heading[0] and heading[0][0].isdigit():
        below = lines[index + 1].text.strip() if index + 1 < len(lines) else ""
        if below[:1].isalpha() and _continued_below(lines, index, is_pdf):
            heading = None  # its next line carries on with no blank between: a paragraph
    if heading is not None and heading[1] == 1 and _in_numbered_run(lines, index):
        return Block("list_item", body, page), 1
    if heading is None and _NUMBERED.match(body) and _open_ended(body):
        # "3. Key Changes to the" + "Community Safety Landscape": one heading on two lines.
        wrapped = f"{body} {following}"
        joined = _heading(wrapped) if following[:1].isupper() else None
        if joined is not None:
            number, level = joined
            return Block("heading", wrapped, page, number=number, level=level), 1 + _skip(
                lines, index
            )
    if heading is not None:
        number, level = heading
        return Block("heading", body, page, number=number, level=level), 1
    if _ENUM.match(body):
        return Block("list_item", body, page), 1
    standalone = after_break and not _continued_below(lines, index, is_pdf)
    if (markdown or standalone) and not following[:1].islower() and _plain_title(
        body, loose=bool(markdown)
    ):
        return Block("heading", body, page), 1
    return Block("paragraph", body, page), 1


def _heading(text: str) -> tuple[str | None, int | None] | None:
    """(number, level) of a numbered, appendix or priority heading; None if not one."""
    numbered = _NUMBERED.match(text)
    if numbered:
        title = numbered.group(2)
        parts = [part for part in numbered.group(1).split(".") if part]
        # Numbered titles are terse; "2.1 Responsibility for delivering the CSA priorities
        # rests with the ..." is the first line of a numbered paragraph.
        terse = "," not in title and len(title.split()) <= (10 if len(parts) == 1 else 8)
        if not terse or not _title_like(title):
            return None
        while len(parts) > 1 and parts[-1] == "0":  # "1.0 Background" is a top-level heading
            parts.pop()
        return numbered.group(1), len(parts)
    appendix = _APPENDIX.match(fold(text))
    if appendix and len(text) <= 110 and not text.endswith("."):
        return " ".join(appendix.group(1).split()), 1
    if _PRIORITY.match(text) and len(text) <= 90:
        return None, None
    return None


def _heading_tail(lines: list[Line], index: int, body: str, full: dict[int | None, int]
                  ) -> tuple[str, tuple[str | None, int | None], int] | None:
    """A numbered, appendix, "Priority:" or marked heading wrapped by the page, its lines up
    to the blank after it, and how many lines it took: a short last line straight below
    ("Appendix B: Monitoring Report" + "2011-14"), or lines each carrying on one that the
    layout wrapped (its next word would not have fitted), the whole still a heading."""
    marked = bool(_MARKDOWN.match(lines[index].text.strip()))
    priority = bool(_PRIORITY.match(body))
    if not (marked or priority or _NUMBERED.match(body) or _APPENDIX.match(fold(body))):
        return None
    end = index + 1
    while end < len(lines) and lines[end].text.strip() and end - index <= 3:
        end += 1
    tails = [line.text.strip() for line in lines[index + 1 : end]]
    if not tails or end >= len(lines) or lines[end].text.strip():
        return None  # no tail, or no blank line after it
    if any(_starts_unit(tail) or "\t" in tail for tail in tails):
        return None
    short = len(tails) == 1 and len(tails[0].split()) <= 3
    width = full.get(lines[index].page, 1 << 30)
    by_layout = all(len(line) + 1 + len(after.split()[0]) > width
                    for line, after in zip([lines[index].text.strip(), *tails], tails,
                                           strict=False))
    if not (short or by_layout):
        return None
    wrapped = " ".join([body, *tails])
    if marked:
        return (wrapped, (None, None), end - index) if _plain_title(wrapped, loose=True) \
            else None
    heading = _heading(wrapped)
    if heading is None or not (heading[0] or priority):
        return None
    return wrapped, heading, end - index


def _in_numbered_run(lines: list[Line], index: int) -> bool:
    """Numbered lines packed together with no blank line between are a numbered list."""
    neighbours = [lines[i].text.strip() for i in (index - 1, index + 1) if 0 <= i < len(lines)]
    return any(re.match(r"\d{1,2}\.\s", text) for text in neighbours)


def _balanced(text: str) -> bool:
    """Brackets and quotes closed: a title does not stop inside "(..." or "‘..."."""
    quoted = "‘" not in text or "’" in text
    return text.count("(") == text.count(")") and text.count('"') % 2 == 0 and quoted


def _title_like(text: str) -> bool:
    """Short, starting with a capital, no sentence punctuation: a heading's title."""
    words = text.split()
    letters = [char for char in text if char.isalpha()]
    return (
        bool(words)
        and len(text) <= 90
        and len(words) <= 12
        and bool(letters)
        and letters[0].isupper()
        and not re.search(r"[.,;:]$", text)
        and not _SENTENCE_BREAK.search(text)
        and ": " not in text  # "3.1. Conflicts: On 24th February ..." is a paragraph
        and not _MONTH_YEAR.match(text)  # "1.0 April 2017 New ..." is a version table row
        and _balanced(text)
        and words[-1].lower().strip("'\"") not in _STOPWORDS
    )


def _plain_title(text: str, loose: bool) -> bool:
    """An unnumbered heading line: short, mostly capitalised words, no final full stop."""
    words = text.split()
    if not words or len(text) > (100 if loose else 70) or len(words) > (14 if loose else 9):
        return False
    if "@" in text or "http" in text or len(text.strip(":-")) < 3:
        return False
    if _LABEL.match(text) and not text.rstrip().endswith((":", ":-")):
        return False  # "Lead: WCC and Wessex Police" is a field, not a heading
    if text.rstrip().endswith((":", ":-")) and len(words) > 5:
        return False
    if not text[0].isupper() or re.search(r"[.,;]$", text) or _SENTENCE_BREAK.search(text):
        return False
    if words[-1].lower() in _STOPWORDS or not _balanced(text):
        return False
    long_words = [word for word in words if len(word) > 3]
    capitalised = [word for word in long_words if word[0].isupper() or not word[0].isalpha()]
    return loose or len(words) <= 4 or len(capitalised) * 2 >= len(long_words)


def _starts_unit(text: str, labels: bool = True) -> bool:
    """Whether a line begins a block of its own; ``labels``: a "Lead: X" field counts."""
    markdown = _MARKDOWN.match(text)
    body = markdown.group(2) if markdown else text
    return bool(
        markdown
        or _BULLET.match(text)
        or _ENUM.match(body)
        or _NUMBERED.match(body)
        or _heading(body)
        or (labels and _LABEL.match(body))
    )


def _continues(block: Block, text: str, blank: bool, is_pdf: bool) -> bool:
    """Whether ``text`` is the wrapped rest of ``block``. Straight below a line cut off
    mid-phrase ("The priorities for"), words before a colon ("Wessex are: ...") are no label."""
    if _starts_unit(text, labels=blank or not _open_ended(block.text)):
        return False
    ended = bool(_TERMINAL.search(block.text))
    if not blank:
        return not (is_pdf and ended)
    if ended:
        return False
    # Across a blank line: only where the text so far visibly stops mid-sentence and the
    # line is more than a lone label ("Summary" after a cover's "Subject: ..." line).
    if text[0].islower() or _open_ended(block.text):
        return True
    # A list item (a reference, a name) often has no final full stop: it ends at the blank.
    return block.kind == "paragraph" and len(block.text.split()) >= 8 and len(text.split()) >= 3


def _field_tail(block: Block, lines: list[Line], index: int) -> bool:
    """The wrapped end of a cover field: "By: ... & Emergency" + "Planning" + "To: ..."."""
    text = lines[index].text.strip()
    if not _LABEL.match(block.text) or len(text.split()) > 3 or _starts_unit(text):
        return False
    return bool(_LABEL.match(_next_text(lines, index)))


def _continued_below(lines: list[Line], index: int, is_pdf: bool) -> bool:
    """Whether the next line carries on this one (so this line is no heading)."""
    if index + 1 >= len(lines):
        return False
    following = lines[index + 1].text.strip()
    if not following:
        return False
    if following[0].islower():
        return True
    return not is_pdf and not _starts_unit(following) and "\t" not in lines[index + 1].text


def _open_ended(text: str) -> bool:
    words = text.split()
    return bool(words) and (words[-1].lower() in _STOPWORDS or text.endswith(("&", "-", "–")))


def _next_text(lines: list[Line], index: int) -> str:
    for line in lines[index + 1 : index + 4]:
        if line.text.strip():
            return line.text.strip()
    return ""


def _skip(lines: list[Line], index: int) -> int:
    """Lines from ``index`` up to and including the next non-blank one."""
    for offset, line in enumerate(lines[index + 1 : index + 4], 1):
        if line.text.strip():
            return offset
    return 0

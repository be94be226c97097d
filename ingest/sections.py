"""Section paths: each block's place under the headings above it, and the section tree."""

from __future__ import annotations

from partnership_kg.ingest.blocks import _APPENDIX, _NUMBERED, _PRIORITY, fold
from partnership_kg.ingest.model import Block, Section


def assign_sections(blocks: list[Block]) -> list[Section]:
    """Set each block's section path from the headings above it; return the section tree."""
    roots: list[Section] = []
    stack: list[tuple[int, bool, str, Section]] = []  # level, anchor?, heading text, node
    for block in blocks:
        if block.kind == "heading":
            numbered = block.number is not None
            # A web page or Word document gives its headings' levels (h2, "Heading 2").
            given = numbered or block.level is not None
            anchor = given or bool(_PRIORITY.match(block.text))
            if given:
                level = block.level or 1
            else:
                # An unnumbered heading sits one below the numbered section it appears in
                # (a plain one also below a "Priority: X" heading, which anchors its topic).
                level = max((item[0] for item in stack if item[1] and (anchor is False
                             or item[3].number is not None)), default=0) + 1
            block.level = level
            while stack and stack[-1][0] >= level:
                stack.pop()
            node = Section(_title(block), block.number, level, block.page)
            (stack[-1][3].children if stack else roots).append(node)
            stack.append((level, anchor, block.text, node))
        block.section_path = [item[2] for item in stack]
    return roots


def _title(block: Block) -> str:
    """A heading's title without its number ("7. Leads" -> "Leads")."""
    text = block.text
    if block.number:
        numbered = _NUMBERED.match(text)
        appendix = _APPENDIX.match(fold(text))
        match = numbered or appendix
        if match:
            return text[match.start(2) :].strip() or text
    return text

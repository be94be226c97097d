"""A passage cut into the sentences an answer may quote, verbatim (white space aside)."""

from __future__ import annotations

import re

from partnership_kg.answer.list_answers import ENUMERATOR, is_intro
from partnership_kg.search.chunk import CELL_SEPARATOR, sentence_spans

# A line that is only a label ("Contact Officer:", "Date of meeting:"): a form field's name,
# its value on the next line.
_LABEL = re.compile(r"^[A-Z][\w()/'&,-]*(?:\s+[\w()/'&,-]+){0,3}:$")
# ... but not a lead-in sentence ("The focus is on:", "These were:")
_LEAD_IN = re.compile(r"\b(?:is|are|was|were|be|been|will|include[sd]?|including|follows?|"
                      r"following|as)\b", re.IGNORECASE)
LABEL_VALUE_WORDS = 12  # a longer line after a label is prose, not the field's value


def passage_sentences(text: str) -> list[tuple[str, bool]]:
    """(sentence, is a table row) of a passage, verbatim; a table row is quoted as its cells."""
    result: list[tuple[str, bool]] = []
    lines = _whole_lines([line.strip() for line in text.split("\n") if line.strip()])
    for line in lines:
        if CELL_SEPARATOR in line:
            # Cells separated by white space, as the source has them, so the quote is verbatim
            # white space aside.
            result.append((" ".join(cell.strip() for cell in line.split(CELL_SEPARATOR)), True))
            continue
        result.extend((sentence, False) for sentence in _line_sentences(line))
    return [(sentence, row) for sentence, row in result if sentence]


_WRAPPED_WORDS = 8  # a line this short with no full stop is a wrapped cell, not a sentence


def _whole_lines(lines: list[str]) -> list[str]:
    """Lines re-joined where a table cell or list item wrapped: a passage of short lines none of
    which ends a sentence is one row; a line leaving a bracket open runs on into the next."""
    if len(lines) > 2 and CELL_SEPARATOR not in "".join(lines) and all(
            len(line.split()) <= _WRAPPED_WORDS and not _ENDS_SENTENCE.search(line)
            for line in lines):
        return [" ".join(lines)]
    joined: list[str] = []
    for line in lines:
        if joined and _fragment(joined[-1]) and CELL_SEPARATOR not in joined[-1] + line:
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return _fields(joined)


def _label(line: str) -> bool:
    return bool(_LABEL.match(line)) and not _LEAD_IN.search(line) and not is_intro(line)


def _fields(lines: list[str]) -> list[str]:
    """Label lines joined to the value on the line after them, one sentence per field:
    "Contact Officer:" / "Name:" / "Jo Bloggs" -> "Contact Officer: Name: Jo Bloggs". A value
    followed by more short lines of its kind is a list's first item, left alone; a line ending
    in a colon starts something new."""
    joined: list[str] = []
    labels: list[str] = []
    for index, line in enumerate(lines):
        if CELL_SEPARATOR not in line and _label(line):
            labels.append(line)
            continue
        after = lines[index + 1] if index + 1 < len(lines) else ""
        ends_run = not after or after.endswith(":") or len(after.split()) > LABEL_VALUE_WORDS
        is_value = (labels and CELL_SEPARATOR not in line and not line.endswith(":")
                    and len(line.split()) <= LABEL_VALUE_WORDS and ends_run)
        if is_value:
            joined.append(" ".join([*labels, line]))
        else:
            joined.extend([*labels, line])
        labels = []
    return joined + labels


def _line_sentences(line: str) -> list[str]:
    """The sentences of one line; a list item's number stays with its item ("1. Rape", not
    "1." and "Rape")."""
    number = ENUMERATOR.match(line)
    head, rest = (line[:number.end()], line[number.end():]) if number else ("", line)
    found = [rest[a:b].strip() for a, b in sentence_spans(rest)]
    if head and found:
        found[0] = f"{head.strip()} {found[0]}"
    return found or ([head.strip()] if head.strip() else [])


_ENDS_SENTENCE = re.compile(r"[.!?:;][’'”\")]*$")


def _fragment(sentence: str) -> bool:
    """A piece of a line, not a whole sentence or list item: a bracket left open."""
    return sentence.count("(") > sentence.count(")")


_ITEM_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.\s+(?=\S)")


def unnumbered(sentence: str) -> str:
    """A list item quoted without its "3." (kept with the item only to read the list)."""
    return _ITEM_NUMBER.sub("", sentence)

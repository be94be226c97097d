"""A passage cut into the sentences an answer may quote, verbatim (white space aside)."""

from __future__ import annotations

import re

from partnership_kg.search.chunk import CELL_SEPARATOR, sentence_spans


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
        result.extend((line[a:b].strip(), False) for a, b in sentence_spans(line))
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
    return joined


_ENDS_SENTENCE = re.compile(r"[.!?:;][’'”\")]*$")


def _fragment(sentence: str) -> bool:
    """A piece of a line, not a whole sentence or list item: a bracket left open."""
    return sentence.count("(") > sentence.count(")")

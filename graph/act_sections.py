"""Section references: "section 17 of the Crime and Disorder Act 1998", "sections 5-7 of ...",
"s.17 of the CDA", "the Licensing Act 2003, s.4", "section 6 of the 1998 Act".

A reference is found next to an Act the text names (before it: "section 17 of the"; after it:
", section 17" or "(s.17)"), or with the Act abbreviated: its initials ("CDA") or its year
("the 1998 Act"). Subsections are kept in the quote but the link is to the section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SECTION_WORD = r"(?:[Ss]ections?\s*|[Ss]{1,2}\.\s*|[Ss](?=\d))"
_NUMBER = r"\d{1,3}[A-Z]{0,2}(?:\(\w{1,4}\))*"
_NUMBERS = rf"{_NUMBER}(?:\s*(?:,|and|or|to|-|–|—)\s*{_SECTION_WORD}?{_NUMBER})*"
_REF = rf"\b(?P<ref>{_SECTION_WORD}(?P<numbers>{_NUMBERS}))"
_BEFORE = re.compile(rf"{_REF}\s+(?:of|in|under)\s+(?:the\s+)?[‘'“\"]?$")
_AFTER = re.compile(rf"^[’'”\"]?\s*[,(]?\s*{_REF}")
_ABBREVIATED = re.compile(
    rf"{_REF}\s+(?:of|in|under)\s+(?:the\s+)?(?:(?P<acronym>[A-Z]{{2,8}})\b"
    rf"(?:\s+(?P<acronym_year>(?:19|20)\d\d))?|(?P<year>(?:19|20)\d\d)\s+Act\b)")
_ITEM = re.compile(r"(?P<number>\d{1,3}[A-Z]{0,2})(?:\(\w{1,4}\))*|(?P<range>to|-|–|—)")
_LONGEST_RANGE = 50  # "sections 5-7" lists 5, 6, 7; a wider span is more likely a typo


@dataclass(frozen=True)
class SectionRef:
    numbers: tuple[str, ...]  # ("5", "6", "7"), as legislation.gov.uk numbers sections
    start: int  # the quote: the reference and the Act's name, in the block text
    end: int
    acronym: str | None = None  # "CDA" in "s.17 of the CDA"
    year: int | None = None  # 1998 in "section 6 of the 1998 Act", or "the CDA 1998"


def expand(numbers: str) -> tuple[str, ...]:
    """ "5-7" -> 5, 6, 7; "5 and 7" -> 5, 7; "17(1)" -> 17; "17A" -> 17A."""
    found: list[str] = []
    ranged = False
    for item in _ITEM.finditer(numbers):
        if item.group("range"):
            ranged = bool(found)
            continue
        number = item.group("number")
        if ranged and found[-1].isdigit() and number.isdigit() and (
                0 < int(number) - int(found[-1]) <= _LONGEST_RANGE):
            found += [str(n) for n in range(int(found[-1]) + 1, int(number) + 1)]
        elif number not in found:
            found.append(number)
        ranged = False
    return tuple(dict.fromkeys(found))


def before(text: str, start: int, end: int) -> SectionRef | None:
    """A reference just before an Act's name that spans ``start:end`` in ``text``."""
    window_start = max(0, start - 120)
    match = _BEFORE.search(text[window_start:start])
    if match is None:
        return None
    return SectionRef(expand(match.group("numbers")), window_start + match.start("ref"), end)


def after(text: str, start: int, end: int) -> SectionRef | None:
    """A reference just after an Act's name: "the Licensing Act 2003, s.4", "(section 4)"."""
    match = _AFTER.match(text[end:])
    if match is None:
        return None
    return SectionRef(expand(match.group("numbers")), start, end + match.end("numbers"))


def abbreviated(text: str) -> list[SectionRef]:
    """References whose Act is named by initials or by year alone."""
    found = []
    for match in _ABBREVIATED.finditer(text):
        year = match.group("acronym_year") or match.group("year")
        found.append(SectionRef(expand(match.group("numbers")), match.start("ref"), match.end(),
                                match.group("acronym"), int(year) if year else None))
    return found

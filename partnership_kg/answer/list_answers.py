"""The list a passage's sentence introduces, item by item, so that an answer quoting a list's
intro ("The priorities are:", "It identified five priorities:", "We have identified the
following priorities for 2013/14.") quotes the list too, not the intro alone.

Two shapes follow an intro: short lines one after another (bullets, numbered items, a column
of labels), or short headings each followed by a paragraph that describes it; the paragraphs
are skipped, the headings quoted.
"""

from __future__ import annotations

import re

# A list item's number or letter at the start of a line: "1.", "2.1", "a)", "(iv)", "•".
ENUMERATOR = re.compile(
    r"^\s*(?:\(\w{1,4}\)|\d+(?:\.\d+)*[.)]?|[a-z][.)]|[ivx]{1,5}[.)]|[•·▪*–-])\s+")
MAX_ITEMS = 16
ITEM_WORDS = 18  # a longer line is prose, not an item
NUMBERED_ITEM_WORDS = 50  # ... unless it is numbered or lettered
PROSE_WORDS = 400  # descriptions skipped between headed items, all together

_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_LIST_WORDS = (r"(?:priorities|themes|issues|threats|objectives|aims|outcomes|areas"
               r"|commitments|strands|ambitions)")
_INTRO = re.compile(
    rf"\b{_LIST_WORDS}\b[^.!?]{{0,100}}:\s*$"
    rf"|\bfollowing\s+(?:[\w-]+\s+){{0,4}}{_LIST_WORDS}\b"
    rf"|\b(?:identified|agreed|set|has|have|are|were)\s+(?:the\s+|its\s+|our\s+)?"
    rf"(?:\w+\s+){{0,2}}{_LIST_WORDS}\s*:",
    re.IGNORECASE)
_NUMBERS = "|".join(_COUNT_WORDS)
_COUNT = re.compile(rf"\b(\d{{1,2}}|{_NUMBERS})\s+(?:[\w-]+\s+){{0,2}}{_LIST_WORDS}\b",
                    re.IGNORECASE)


# "What are the key risks ...?", "List the priorities of ...": the answer is a list.
_LIST_QUESTION = re.compile(rf"^\s*(?:what|which)\s+(?:are|were|will\s+be)\b.*\b{_LIST_WORDS}\b"
                            rf"|\blist\b.*\b{_LIST_WORDS}\b|\bthreats\b", re.IGNORECASE)
LIST_BONUS = 0.3  # a list's intro, followed by its items, answers a list question


def is_intro(sentence: str) -> bool:
    return bool(_INTRO.search(sentence))


def asks_for_list(question: str) -> bool:
    return bool(_LIST_QUESTION.search(question))


def _count(sentence: str) -> int | None:
    match = _COUNT.search(sentence)
    if match is None:
        return None
    word = match.group(1).lower()
    return int(word) if word.isdigit() else _COUNT_WORDS[word]


def _short(sentence: str) -> bool:
    words = sentence.split()
    return 0 < len(words) <= ITEM_WORDS and not sentence.rstrip().endswith(":")


def _headed(sentence: str) -> bool:
    """A heading line: short, no full stop at its end."""
    return _short(sentence) and len(sentence.split()) <= 10 and \
        not sentence.rstrip("\"')").endswith((".", "!", "?"))


def list_after(neighbours: list[tuple[str, bool]], position: int) -> list[str]:
    """The items after the intro at ``position`` of a passage's (sentence, is row) list."""
    intro = neighbours[position][0]
    if not is_intro(intro):
        # Any lead-in ending in a colon introduces the numbered or lettered items after it.
        return _numbered_items(neighbours[position + 1:]) if intro.rstrip().endswith(":") else []
    limit = min(_count(intro) or MAX_ITEMS, MAX_ITEMS)
    following = neighbours[position + 1:]
    items: list[str] = []
    for sentence, row in following:
        if row or not _short(sentence) or len(items) >= limit:
            break
        items.append(sentence)
    if len(items) >= 2 or len(items) >= limit:
        return items
    return _headed_items(following, limit) or items


def _numbered_items(following: list[tuple[str, bool]]) -> list[str]:
    """The numbered, lettered or bulleted items that follow, each in full."""
    items: list[str] = []
    for sentence, row in following:
        if row or not ENUMERATOR.match(sentence) or len(items) >= MAX_ITEMS \
                or len(sentence.split()) > NUMBERED_ITEM_WORDS:
            break
        items.append(sentence)
    return items if len(items) >= 2 else []


def _headed_items(following: list[tuple[str, bool]], limit: int) -> list[str]:
    """Headings each followed by prose: the headings."""
    items: list[str] = []
    budget = PROSE_WORDS
    expect_heading = True
    for sentence, row in following:
        if row or len(items) >= limit or sentence.rstrip().endswith(":"):
            break
        if _headed(sentence):
            if not expect_heading:
                break  # two headings in a row: the headed list is over
            items.append(sentence)
            expect_heading = False
            continue
        if not items:
            break
        budget -= len(sentence.split())
        if budget <= 0:
            break
        expect_heading = True
    return items if len(items) >= 2 else []

"""A document's own title, read from its opening lines.

Saved pages and council papers open with lines that are no title: site furniture ("Search site
»", "Advertisement", "Council and democracy"), a dateline ("Post on 23-Apr-2022", "Date issued: 1
May 2024"), a committee's name above its report, a numbered section ("1. PURPOSE OF REPORT") or
a sentence. The title is, in order: a cover field naming the subject ("Subject: X", "Title: X");
a line that names a document ("Wessex Community Safety Plan 2021-24", "Report of the Director
...", "Decision: ..."); the first heading above the prose; the first line that is none of those
(a headline, or the opening sentence cut to twelve words).
"""

from __future__ import annotations

import re

from partnership_kg.ingest.model import Block

_OPENING = 12  # blocks: how far the opening of a part reaches
_FURNITURE = re.compile(
    r"^(?:search(?: this| the)? site|search|advertisement|advert|sponsored|menu|main menu|"
    r"close|share(?: this(?: page)?)?|print(?: this page)?|back to top|top of page|"
    r"accept(?: all)? cookies|cookies?(?: settings| policy)?|accessibility|sign in|log in|"
    r"contents|table of contents|content|transcript|download|\d+ (?:views?|downloads?)|"
    r"council and democracy|democracy|home|news|latest news|a .{2,60} website|"
    r"(?:upload(?:ed)?|category|tags?|filed under|author|by)\s*:.*|"
    r"(?:more on|read more|related)(?: \S+){0,3})\s*[»›>|:]*$", re.IGNORECASE)
_ARROWS = re.compile(r"^[\s»›>|/·•\-–—]+$")
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DATE = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?[\s/.-]+(?:{_MONTH}|\d{{1,2}})[\s/.,-]+\d{{2,4}}|" \
        rf"{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|{_MONTH}\s+\d{{4}})"
# A line that dates the page rather than naming it: "Post on 23-Apr-2022", "Published: 1 May
# 2024", "Tuesday, 12 March 2025", "Meeting started at 10:00 - 12:00".
_DATELINE = re.compile(
    rf"^(?:(?:posted|post|published|first published|date published|date issued|issued|"
    rf"last updated|updated|date|dated)(?:\s+on)?\s*:?\s*{_DATE}.*|"
    rf"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?{_DATE}\.?|"
    rf"(?:meeting\s+)?(?:starts?|started|starting|begins?)\s+at\s+\d.*|"
    rf"\d{{1,2}}[:.]\d\d(?:\s*[-–]\s*\d{{1,2}}[:.]\d\d)?)$", re.IGNORECASE)
# "1. PURPOSE OF REPORT", "3.3 In 2022/23 there was ...": a section of the document, not its name.
_SECTION_NUMBER = re.compile(r"^\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s+\S")
# A cover field whose value names the document.
_SUBJECT = re.compile(r"^(?:Subject|Title|Report title|Name of report)\s*:\s*[|\s]*(.*)$",
                      re.IGNORECASE)
# Words of a document's name: a line holding one (and no sentence) names the document.
_DOCUMENT_WORDS = re.compile(
    r"\b(?:plan|strategy|agreement|assessment|report|review|minutes|agenda|decision|"
    r"consultation|priorities|framework|notice of motion|update|scrutiny)\b",
    re.IGNORECASE)
_NAMING_LINE = re.compile(r"^(?:Report (?:of|by|to|from)\b|Decision\s*:|Notice of motion\b)",
                          re.IGNORECASE)
# A form field's label: a few words in sentence case and a colon ("Decision maker: X",
# "Date of meeting: X"); a name is in Title Case ("Safer Wessex Plan: 2021-24").
_FIELD_LINE = re.compile(r"^[A-Z][\w()']*(?: [a-z][\w()']*){0,3}\s*:\s")
# A contents entry's page number, not a period's end ("April 18 – March 19", "2019 - 20").
_PAGE_NUMBER = re.compile(r"(\S+)\s\d{1,3}$")
_MONTH_WORD = re.compile(rf"^{_MONTH}\.?$", re.IGNORECASE)
_STOP_ENDS = {"a", "an", "and", "the", "of", "to", "for", "in", "on", "by", "with", "or", "at",
              "from", "as", "is", "are", "was", "were", "that", "this", "our", "its", "their"}
_MAX_WORDS = 16


def title_above_prose(line: str, below: str) -> bool:
    """Whether a short line straight above a long sentence is a title of its own (a page's
    name above its first paragraph), not the first line of that paragraph: it stops at a
    whole phrase and the line below is half as long again, as a line wrapped at a width never
    is."""
    words = line.split()
    return (0 < len(words) <= _MAX_WORDS and line[:1].isupper() and below[:1].isupper()
            and not re.search(r"[.!?:;,&(\-–]$", line) and _balanced(line)
            and words[-1].lower() not in _STOP_ENDS and len(below.split()) >= 12
            and len(below) * 2 >= len(line) * 3)


def is_furniture(text: str) -> bool:
    """Site furniture or a dateline: never a title."""
    text = " ".join(text.split())
    return bool(not text or _ARROWS.match(text) or _FURNITURE.match(text)
                or _DATELINE.match(text))


def subject_field(blocks: list[Block]) -> str | None:
    """The value of a cover's "Subject:" field, on its line or the block below it."""
    opening = blocks[:_OPENING + 8]
    for index, block in enumerate(opening):
        match = _SUBJECT.match(" ".join(block.text.split()))
        if not match:
            continue
        value = _tidy(match.group(1))
        if not value and index + 1 < len(opening):
            value = _tidy(opening[index + 1].text)
        if value and len(value.split()) <= 30 and not _SUBJECT.match(value):
            return value
    return None


def own_title(blocks: list[Block]) -> str | None:
    """The part's title from its opening blocks (module docstring); None if it has no text."""
    subject = subject_field(blocks)
    if subject:
        return subject
    candidates = [block for block in blocks[:_OPENING]
                  if block.kind != "table" and not is_furniture(block.text)]
    top = []  # the lines above the prose: a heading below it is a section's, not the document's
    for block in candidates:
        if block.kind == "paragraph" and _is_prose(block.text):
            break
        top.append(block)
    # A list's items are never the name, even where one mentions a plan.
    lines = [block for block in top if block.kind != "list_item" and _title_like(block.text)]
    headings = [block for block in lines if block.kind == "heading"]
    chosen = next((b for b in headings if _names_document(b.text)), None) \
        or next((b for b in lines if _names_document(b.text)), None) \
        or next(iter(headings), None) or next(iter(lines), None)
    if chosen is not None:
        return _tidy(chosen.text)
    return _first_words(candidates[0].text) if candidates else None


def _names_document(text: str) -> bool:
    """A title-like line naming a document: "Community Safety Plan 2013-2016", "Report of the
    Director of Communities"; not a sentence that mentions one."""
    text = " ".join(text.split())
    if not _title_like(text):
        return False
    if _NAMING_LINE.match(text):
        return True
    if _FIELD_LINE.match(text) or not _DOCUMENT_WORDS.search(text):
        return False
    words = [word for word in text.split() if len(word) > 3 and word[0].isalpha()]
    capitalised = [word for word in words if word[0].isupper()]
    return len(capitalised) * 3 >= len(words) * 2  # a name is written in Title Case


def _title_like(text: str) -> bool:
    """A whole short line: not a numbered section, a sentence or a fragment cut off."""
    text = " ".join(text.split())
    words = text.split()
    if not words or len(words) > _MAX_WORDS or _SECTION_NUMBER.match(text):
        return False
    if not (text[0].isupper() or text[0].isdigit()) or not _balanced(text):
        return False
    if re.search(r"[.,;&\-–]$", text) or words[-1].lower() in _STOP_ENDS:
        return False
    if _page_numbered(text):  # "Our Partnership 4": a contents entry and its page
        return False
    return not re.search(r"\b\w{2,}[.!?]\s+[A-Z]", text)  # two sentences


def _page_numbered(text: str) -> bool:
    found = _PAGE_NUMBER.search(text)
    return bool(found) and not _MONTH_WORD.match(found.group(1)) \
        and not found.group(1).endswith(("-", "–", "/"))


def _is_prose(text: str) -> bool:
    return len(text.split()) > _MAX_WORDS or bool(re.search(r"\w[.!?][\"'’”)]?$", text))


def _balanced(text: str) -> bool:
    return text.count("(") == text.count(")") and text.count("[") == text.count("]")


def _tidy(text: str) -> str:
    """A field's value without table rules and runs of spaces ("| X | |||" -> "X")."""
    text = re.sub(r"^Page \d+\s*:\s*", "", " ".join(text.replace("|", " ").split()))
    return text.strip(" :-–")  # a transcript's "Page 1:" banner is no part of the name


def _first_words(text: str) -> str:
    """A document with no title line is named by its opening words (a sentence, at most 12
    words)."""
    words = re.split(r"(?<=[.!?])\s", " ".join(text.split()), maxsplit=1)[0].split()
    return " ".join(words[:12]) + (" ..." if len(words) > 12 else "")

"""Split a file's blocks into the documents it holds, from their content alone.

A part starts where a document visibly begins: a report's cover fields ("By:", "To:",
"Subject:"), a "Minutes of a meeting of ..." line, an agenda heading, an agreement's title,
version-control table, contents list or foreword, an action plan's title or Aim/Action table.
An agreement ends at its back cover ("For further information on this ... Agreement"); what
follows is a new part, named from the covering report's list of appendices where there is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from partnership_kg.ingest.blocks import fold
from partnership_kg.ingest.kinds import classify, opens_as_page
from partnership_kg.ingest.model import Block, Part, PartType
from partnership_kg.ingest.plan_kinds import plan_kind, plan_period
from partnership_kg.ingest.sections import assign_sections
from partnership_kg.ingest.titles import own_title

_MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]
_MONTH = r"(?:" + "|".join(month.capitalize() for month in _MONTHS) + r")"
_DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?,?\s+({_MONTH}),?\s+((?:19|20)\d\d)\b")
_PERIOD = re.compile(r"\b((?:19|20)\d\d)\s*[-/–]\s*((?:19|20)?\d\d)\b")
_EFFECTIVE = re.compile(
    rf"(?:takes? effect|effective|comes? into (?:effect|force))\s+from\s+"
    rf"(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?({_MONTH})\s+((?:19|20)\d\d)",
    re.IGNORECASE,
)
_AGREEMENT_PERIOD = re.compile(
    r"Agreement(?:\s*\([A-Z]{2,6}\))?(?:\s+for)?\s+((?:19|20)\d\d\s*[-/–]\s*(?:19|20)?\d\d)\b"
)
_AGREEMENT_NAME = re.compile(r"((?:[A-Z][\w&'’-]*\s+)+)(Agreement)\b")
_AGREEMENT_TITLE = re.compile(
    r"^(?:[A-Z][\w&'’-]*\s+){1,6}(?:Community Safety |Partnership )?Agreement"
    r"(?:\s*\([^)]*\)|\s+(?:19|20)\d\d\s*[-/–]\s*\d{2,4})?$"
)
_FOREWORD = re.compile(r"present (?:the|our) (?:new|latest|refresh|refreshed)\b[^.]{0,80}Agreement")
_COVER_START = re.compile(r"^(?:By|From|Report by|Author)\s*:", re.IGNORECASE)
_COVER_FIELD = re.compile(r"^(?:To|Subject)\s*:", re.IGNORECASE)
_MINUTES = re.compile(
    r"^(MINUTES|NOTES)\s+of\s+(?:a|the)\s+meeting\s+of\s+(?:the\s+)?(.+?)\s+held\b",
    re.IGNORECASE,
)
# A short title line such as "Minutes of the partnership meeting" (no body or date given).
_MINUTES_TITLE = re.compile(r"^(?:MINUTES|NOTES)\s+of\s+(?:a|the)\s+\S.{2,100}$", re.IGNORECASE)
# A meeting's date line under its heading ("Held on 12 March 2025", "Meeting held on Wednesday
# 4 June 2024"): the document is that meeting's minutes, and the line is its date, not its title.
# A heading and its date line read as one paragraph keep the date line's capital: "Northshire
# Community Safety Partnership Held on 12 March 2025".
_HELD_ON = re.compile(r"(?:^|\s)(?:(?:[Tt]he\s+)?[Mm]eeting\s+[Hh]eld|Held|HELD)\s+on\b")
_HELD_CLAUSE = re.compile(r"\s+held\s+on\b.*$", re.IGNORECASE)
_REPORT_HEADING = re.compile(r"^Report (?:for|to) (?:the )?\S", re.IGNORECASE)
_BACK_COVER = re.compile(
    r"(?:For further information on this\b.*Agreement|This document is available in other)",
    re.IGNORECASE,
)
_CONTACT = re.compile(r"@|\b(?:Tel|Email|Telephone|Phone)\b|\b[A-Z]{1,2}\d{1,2}\s+\d[A-Z]{2}\b")
_ATTACHMENTS = re.compile(r"^(?:Attachments|Appendices|Background documents)\s*:?-?$", re.I)
_APPENDIX_ENTRY = re.compile(
    r"Appendix\s+([A-Z0-9]{1,2})\s*[:\-–]\s*(.+?)(?=\s+Appendix\s+[A-Z0-9]{1,2}\s*[:\-–]|$)"
)


@dataclass
class _Draft:
    start: int
    type: PartType
    title: str | None = None
    date: str | None = None
    period: str | None = None
    closed: bool = False  # an agreement past its back cover


def split_parts(blocks: list[Block]) -> list[Part]:
    drafts = _boundaries(blocks)
    ends = [draft.start for draft in drafts[1:]] + [len(blocks)]
    _name_appendices(drafts, blocks, ends)
    parts = []
    for index, (draft, end) in enumerate(zip(drafts, ends, strict=True)):
        own = blocks[draft.start : end]
        sections = assign_sections(own)
        pages = [block.page for block in own if block.page is not None]
        paged = draft.type == "other" or (draft.start == 0 and opens_as_page(own))
        kind = classify(own) if paged else None
        if kind is not None:  # a council or news page: its type, own title and date
            draft.type, draft.title = kind.type, kind.title or draft.title
            draft.date = draft.date or kind.date
        if draft.type == "other" and draft.start == 0 and _reads_as_agreement(own):
            draft.type = "agreement"
        heading = _first_heading(own) or ""
        if draft.type == "agreement" and plan_kind(heading) not in (None, "agreement"):
            draft.type = "other"  # a plan's cover and contents: its title says which kind
        if draft.type == "other" and _reads_as_report(own):
            draft.type, draft.date = "report", draft.date or _first_date(own[:12])
        if draft.type == "agreement":
            draft.period = draft.period or _agreement_period(own)
            draft.title = _agreement_title(own, draft.period)
        title = draft.title or own_title(own) or draft.type.capitalize()
        plan_type = plan_kind(title) if draft.type == "other" else None
        if plan_type is not None:  # a plan, strategy or assessment: its period as written
            draft.type, draft.period = plan_type, plan_period(title, own)
        if draft.period is None:  # an action plan or report titled "... 2014-17"
            period = _PERIOD.search(title)
            draft.period = _normal_period(period) if period else None
        parts.append(
            Part(
                index=index,
                type=draft.type,
                title=title,
                date=draft.date,
                period=draft.period,
                page_start=min(pages) if pages else None,
                page_end=max(pages) if pages else None,
                blocks=own,
                sections=sections,
            )
        )
    return parts


def _boundaries(blocks: list[Block]) -> list[_Draft]:
    """Part starts in block order; the first part always starts at block 0."""
    drafts: list[_Draft] = []
    for index, block in enumerate(blocks):
        current = drafts[-1] if drafts else None
        found = _signal(blocks, index, current)
        if found is None and current is not None and current.closed:
            if _contact_like(block):
                continue  # the back cover's contact lines still belong to the agreement
            found = _Draft(index, "other")
        if found is not None:
            drafts.append(found)
            current = found
        if current is not None and current.type == "agreement" and _BACK_COVER.search(block.text):
            current.closed = True
    if not drafts:
        return [_Draft(0, "other")]
    if drafts[0].start > 0:
        lead = blocks[: drafts[0].start]
        if len(lead) <= 3 or all(block.kind == "heading" for block in lead):
            drafts[0].start = 0  # a cover's stray lines belong to the document they precede
        else:
            drafts.insert(0, _Draft(0, "other"))
    return drafts


def _signal(blocks: list[Block], index: int, current: _Draft | None) -> _Draft | None:
    """The part that starts at ``blocks[index]``, if one does."""
    block = blocks[index]
    text = block.text
    folded = fold(text)
    window = blocks[index + 1 : index + 6]
    in_agreement = current is not None and current.type == "agreement" and not current.closed
    if _COVER_START.match(text) and any(_COVER_FIELD.match(b.text) for b in window):
        return _report_cover(blocks, index)
    minutes = _MINUTES.match(text)
    if minutes:
        start = index
        while (
            start > 0
            and index - start < 3
            and blocks[start - 1].kind == "heading"
            and blocks[start - 1].text.isupper()
            and (current is None or start - 1 > current.start)
        ):
            start -= 1
        body = minutes.group(2).strip()
        word = minutes.group(1).capitalize()
        return _Draft(start, "minutes", f"{word} of the {body}", _date(text))
    if (block.kind == "heading" or index == 0) and _MINUTES_TITLE.match(text.strip()) \
            and len(text.split()) <= 15:
        # "Minutes of the meeting held on 4 June 2024": the date is the date, not the title.
        title = _readable(_HELD_CLAUSE.sub("", text.strip()))
        return _Draft(index, "minutes", title, _first_date(blocks[index : index + 6]))
    held = _HELD_ON.search(text) if current is None and index <= 3 else None
    if held and _date(text[held.end():]) and len(text.split()) <= 16:
        heading = text[:held.start()].strip() or (blocks[index - 1].text.strip() if index else "")
        return _Draft(index, "minutes", _readable(heading) or "Minutes", _date(text[held.end():]))
    if block.kind == "heading" and folded.strip(" :").lower() == "agenda":
        body = next((b.text for b in window if b.kind == "heading"), "")
        title = f"Agenda: {_readable(body)}" if body else "Agenda"
        return _Draft(index, "agenda", title, _first_date(window))
    if block.kind == "heading" and _REPORT_HEADING.match(text):
        title = next((b.text for b in window if b.kind == "heading"), None)
        return _Draft(index, "report", title, _first_date(window))
    landmark = _agreement_start(blocks, index)
    next_agreement = (landmark == "cover" and _has_body(blocks, index, current)
                      and not _repeated_header(blocks, index, current))
    if landmark and (not in_agreement or next_agreement):
        return _Draft(index, "agreement")
    if (current is None or current.type != "action plan") and _action_plan_start(blocks, index):
        return _Draft(_heading_before(blocks, index, current), "action plan")
    return None


def _report_cover(blocks: list[Block], index: int) -> _Draft:
    fields = blocks[index : index + 8]
    subject = next((b.text for b in fields if re.match(r"^Subject\s*:", b.text, re.I)), None)
    title = " ".join(subject.split(":", 1)[1].split()) if subject else None
    dates = (_date(b.text) for b in fields if re.match(r"^(?:To|Date)\s*:", b.text, re.I))
    return _Draft(index, "report", title, next((d for d in dates if d), None))


def _agreement_start(blocks: list[Block], index: int) -> str | None:
    """How an agreement visibly begins here: "cover" (title, version control, contents list),
    "foreword" (the chair presenting the new agreement), or None."""
    block = blocks[index]
    folded = fold(block.text).strip()
    if block.kind == "heading" and block.number is None:
        lowered = folded.lower().strip(" :")
        if _AGREEMENT_TITLE.match(folded) or lowered == "version control":
            return "cover"
        if lowered in {"contents", "content"}:
            listed = " ".join(b.text for b in blocks[index + 1 : index + 4]).lower()
            return "cover" if "priorit" in listed and "foreword" in listed else None
    if block.kind == "paragraph" and _FOREWORD.search(block.text):
        return "foreword"
    return None


def _has_body(blocks: list[Block], index: int, current: _Draft | None) -> bool:
    """Whether the open agreement already had its numbered chapters (so a cover now starts
    the next agreement, not a second landmark of the same one)."""
    start = current.start if current is not None else 0
    chapters = [b for b in blocks[start:index] if b.kind == "heading" and b.level == 1
                and b.number and b.number[0].isdigit()]
    return len(chapters) >= 3


def _repeated_header(blocks: list[Block], index: int, current: _Draft | None) -> bool:
    """Whether a cover-like title repeats a heading already seen in the open document: a
    running page header left in the text, not the cover of a new one."""
    start = current.start if current is not None else 0
    key = " ".join(fold(blocks[index].text).lower().split())
    return any(" ".join(fold(block.text).lower().split()) == key
               for block in blocks[start:index] if block.kind == "heading")


def _reads_as_report(blocks: list[Block]) -> bool:
    """A document whose cover was lost (it opens on "1.0 Background") that still says what it
    is: "This report ..." near its start."""
    opening = blocks[:12]
    numbered = bool(opening) and opening[0].kind == "heading" and opening[0].number is not None
    return numbered and any(re.search(r"\bThis report\b", block.text) for block in opening)


def _reads_as_agreement(blocks: list[Block]) -> bool:
    """A file with no agreement landmark that still calls itself an agreement throughout."""
    opening = " ".join(block.text for block in blocks[:40])
    return len(re.findall(r"\bthis agreement\b", opening, re.IGNORECASE)) >= 2


def _action_plan_start(blocks: list[Block], index: int) -> bool:
    block = blocks[index]
    if block.kind == "heading" and block.number is None:
        words = block.text.split()
        titled = all(word[0].isupper() for word in words if len(word) > 3 and word[0].isalpha())
        return titled and len(words) <= 10 and "action plan" in block.text.lower()
    if block.kind == "table" and block.rows:
        header = {cell.strip().lower().rstrip("s") for cell in block.rows[0]}
        return "action" in header and bool(header & {"aim", "timescale", "lead", "no."})
    return False


def _heading_before(blocks: list[Block], index: int, current: _Draft | None) -> int:
    """Start an action plan at the heading that introduces its first table."""
    floor = current.start + 1 if current is not None else 0
    for back in range(index, max(floor, index - 3) - 1, -1):
        if blocks[back].kind == "heading":
            return back
    return index


def _contact_like(block: Block) -> bool:
    return bool(_CONTACT.search(block.text)) or (
        block.kind == "paragraph" and len(block.text.split()) <= 12
    ) or bool(_BACK_COVER.search(block.text))


def _name_appendices(drafts: list[_Draft], blocks: list[Block], ends: list[int]) -> None:
    """Give the parts after a report the titles (and kinds) its list of appendices names."""
    entries: list[str] = []
    for draft, end in zip(drafts, ends, strict=True):
        if draft.type in {"report", "minutes", "agenda"}:
            entries = _appendix_entries(blocks[draft.start : end])
            continue
        if not entries:
            continue
        if draft.type == "agreement":
            match = next((e for e in entries if "agreement" in e.lower()
                          and "action" not in e.lower()), None)
        elif draft.type == "action plan":
            match = next((e for e in entries if "action" in e.lower()), None)
        else:
            match = next((e for e in entries if "agreement" not in e.lower()
                          or "action" in e.lower()), None)
        if match is None:
            continue
        entries.remove(match)
        draft.title = draft.title or match
        if draft.type == "other":
            lowered = match.lower()
            if "action" in lowered:
                draft.type = "action plan"
            elif "report" in lowered or "monitoring" in lowered:
                draft.type = "report"


def _appendix_entries(blocks: list[Block]) -> list[str]:
    entries: list[str] = []
    for index, block in enumerate(blocks):
        if _ATTACHMENTS.match(block.text.strip()):
            for item in blocks[index + 1 : index + 7]:
                entries += [" ".join(m.group(2).split()) for m in
                            _APPENDIX_ENTRY.finditer(fold(item.text))]
    return entries


def _agreement_period(blocks: list[Block]) -> str | None:
    """A period as written near the start ("2014/17" -> "2014-17"), else the effective month."""
    opening = " ".join(block.text for block in blocks[:40])
    match = _AGREEMENT_PERIOD.search(opening)
    if match:
        period = _PERIOD.search(match.group(1))
        if period:
            return _normal_period(period)
    dates = []
    for block in blocks:
        for effective in _EFFECTIVE.finditer(block.text):
            month = effective.group(1).capitalize()
            dates.append((int(effective.group(2)), _MONTHS.index(month.lower()), month))
    if dates:
        year, _, month = max(dates)  # a version table lists earlier versions too
        return f"{month} {year}"
    return None


def _agreement_title(blocks: list[Block], period: str | None) -> str:
    """"<Name> Agreement 2014-17" or "<Name> Agreement (April 2024)", in the text's words."""
    name = "Agreement"
    for block in blocks[:60]:
        match = _AGREEMENT_NAME.search(block.text)
        if match:
            words = match.group(1).split()
            while words and words[0] in {"The", "A", "This", "Our", "New", "Latest", "As"}:
                words = words[1:]
            name = " ".join([*words, match.group(2)])
            break
    if not period:
        return name
    return f"{name} {period}" if period[0].isdigit() else f"{name} ({period})"


def _normal_period(match: re.Match[str]) -> str:
    start, end = match.group(1), match.group(2)
    return f"{start}-{end[-2:]}"


def _date(text: str) -> str | None:
    match = _DATE.search(text)
    if not match:
        return None
    day, month = int(match.group(1)), _MONTHS.index(match.group(2).lower()) + 1
    return f"{match.group(3)}-{month:02d}-{day:02d}" if 1 <= day <= 31 else None


def _first_date(blocks: list[Block]) -> str | None:
    return next((date for date in map(_date, (b.text for b in blocks)) if date), None)


def _readable(text: str) -> str:
    """An all-capitals heading in title case ("SAFETY AND CRIME" -> "Safety and Crime")."""
    if not text.isupper():
        return text
    small = {"and", "of", "the", "for", "in", "on", "to", "a", "an", "at", "by"}
    words = [word.lower() if word.lower() in small else word.capitalize() for word in text.split()]
    return " ".join([words[0].capitalize(), *words[1:]]) if words else text


def _first_heading(blocks: list[Block]) -> str | None:
    return next((block.text for block in blocks if block.kind == "heading"), None)

"""Web and council page types: decision notices, issue pages, agenda items, news releases,
slides, and the date such a page gives.

Council democracy systems publish each decision, issue and agenda item as a page of labelled
fields ("Decision Maker:", "Date of decision:", "Decision due:"); a news release opens with
"News release" or a publication date and a headline. Only parts not typed otherwise (``other``)
are looked at, so minutes, agendas, reports and agreements keep their types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from partnership_kg.ingest.model import Block, Page, PartType
from partnership_kg.ingest.titles import is_furniture, own_title

_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?,?\s+({_MONTH})\.?,?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(
    rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d\d)\b")  # UK order: day first

# Labels of the date a page is about, strongest first: when it was decided or met, then when
# it was published.
_DATE_LABELS = [
    re.compile(r"\b(?:Date of (?:the )?decision|Decision date|Decision made(?: on)?|"
               r"Date of meeting|Meeting(?: date)?|Decision due)\b", re.IGNORECASE),
    re.compile(r"\b(?:Decision published|Date published|Publication date|(?:First )?published"
               r"(?: on)?|Posted(?: on)?|Issued(?: on)?|Last updated(?: on)?)\b", re.IGNORECASE),
]

_GENERIC_TITLES = re.compile(
    r"^(?:decision details|issue details|issue history|issue - (?:items at )?meetings|"
    r"agenda item|record of (?:\w+ )?decision|"
    r"(?:executive |officer )?decision notice|decision|issue|details|news|latest news|"
    r"(?:news|press|media) release)\s*:?$", re.IGNORECASE)
_LABELLED_TITLE = re.compile(r"^(?:agenda item|issue|decision)\s+[-–:]\s+(\S.{3,})$", re.I)
_PAGE_LABEL = re.compile(
    r"^(?:decision details|issue details|issue history|issue - (?:items at )?meetings|"
    r"agenda item)(?:\s+[-–:]\s+\S.*)?$", re.IGNORECASE)
_DECISION_HEADING = re.compile(
    r"^(?:decision details|record of (?:\w+ )?decision|(?:executive |officer )?decision notice)"
    r"\b", re.IGNORECASE)
_DECISION_LABELS = re.compile(
    r"^(Decision maker|Date of (?:the )?decision|Decision published|Reasons? for (?:the )?decision|"
    r"Alternative options (?:considered|rejected)|Effective from|Decision made|Decision)\s*:?",
    re.IGNORECASE)
_ISSUE_HEADING = re.compile(r"^(?:issue details|issue history|issue - (?:items at )?meetings)\b",
                            re.IGNORECASE)
_ISSUE_LABELS = re.compile(
    r"^(Decision due|Notice of proposed decision first published|Decision type|Decision status|"
    r"Anticipated restriction|Lead member|Divisions affected|Wards affected)\s*:",
    re.IGNORECASE)
_AGENDA_ITEM = re.compile(
    r"^(?:agenda item\s*:?$|Meeting\s*(?::|of)\s*.{3,120}\(Item\s+[\w.]{1,6}\))", re.IGNORECASE)
_NEWS_MARK = re.compile(r"^(?:(?:news|press|media) release\b|for immediate release\b|"
                        r"date issued\s*:)", re.IGNORECASE)
# A committee or cabinet report's cover fields ("Report of: Director of ...", "Ward(s)
# affected: All") and its opening sections.
_REPORT_LABELS = re.compile(
    r"^((?:Subject|Report of|Report by|Report author|Date of meeting|Meeting date|"
    r"Contact officer|Ward\(?s?\)? affected|Wards affected|Key decision|Classification|"
    r"Recommendations?|Proposer|Seconder|Cabinet member)(?=\s*:)|Purpose of (?:the )?report\b)",
    re.IGNORECASE)
_REPORT_OF = re.compile(r"^Report of (?:the )?[A-Z].{3,120}\bto (?:the )?\S", re.IGNORECASE)
# News wording: a quote given to someone ("..., said Cllr X", "X said: “..."), a dateline, a
# call to the public.
_QUOTED = re.compile(r"\bsaid\s*[:,]?\s*[“\"‘']|[”\"’'],?\s+said\s+[A-Z]|\bsaid\s*:", re.IGNORECASE)
_NEWS_WORDS = re.compile(
    r"\b(?:have your say|(?:is|are) seeking (?:views|feedback)|launch(?:es|ed)? today|"
    r"(?:press|news|media) (?:release|office)|(?:said|says) (?:that )?(?:he|she|they)\b|"
    r"(?:date issued|posted on|published on)\b)", re.IGNORECASE)
_PUBLISHED = re.compile(r"^(?:Published|Posted|First published|Date published)\b", re.IGNORECASE)


@dataclass
class Kind:
    type: PartType
    title: str | None
    date: str | None


def classify(blocks: list[Block]) -> Kind | None:
    """The page type of a part read as ``other``, its own title and its date; None if none."""
    opening = [block for block in blocks[:8] if block.text.strip()]
    fields = blocks[:60]
    kind: PartType | None = None
    if any(_DECISION_HEADING.match(b.text) for b in opening) or _labels(fields, _DECISION_LABELS):
        kind = "decision notice"
    elif any(_ISSUE_HEADING.match(b.text) for b in fields) or _labels(fields, _ISSUE_LABELS):
        kind = "issue page"
    elif any(_AGENDA_ITEM.match(b.text) or _LABELLED_TITLE.match(b.text) and
             b.text.lower().startswith("agenda") for b in opening):
        kind = "agenda item"
    elif _labels(fields[:30], _REPORT_LABELS) or any(_REPORT_OF.match(b.text) for b in opening):
        kind = "report"
    elif any(_NEWS_MARK.match(b.text) for b in opening) or _headline_with_date(opening) \
            or _reads_as_news(blocks):
        kind = "news release"
    if kind is None:
        return None
    return Kind(kind, _title(blocks), page_date(blocks, fallback=True))


def page_date(blocks: list[Block], fallback: bool = False) -> str | None:
    """ISO date after the strongest date label ("Date of decision: 12 March 2025"); with
    ``fallback`` the first date in the opening blocks where no label gives one."""
    fields = blocks[:60]
    for label in _DATE_LABELS:
        for block in fields:
            for match in label.finditer(block.text):
                found = parse_date(block.text[match.end() : match.end() + 40])
                if found:
                    return found
    if fallback:  # a short line near the top ("Tuesday, 12th March, 2025"), not prose
        short = (b.text for b in blocks[:8] if len(b.text.split()) <= 12)
        return next((d for d in map(parse_date, short) if d), None)
    return None


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO: "12 March 2025", "9 Jan 2014", "12/03/2025"."""
    found: list[tuple[int, str]] = []
    for match in _DAY_MONTH_YEAR.finditer(text):
        found.append((match.start(), _iso(match.group(3), match.group(2), match.group(1))))
    for match in _MONTH_DAY_YEAR.finditer(text):
        found.append((match.start(), _iso(match.group(3), match.group(1), match.group(2))))
    for match in _NUMERIC.finditer(text):
        day, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            found.append((match.start(), _iso(match.group(3), month, day)))
    dates = sorted((start, date) for start, date in found if date)
    return dates[0][1] if dates else None


def _iso(year: str, month: str | int, day: str | int) -> str:
    number = month if isinstance(month, int) else _MONTHS.index(month[:3].lower()) + 1
    day = int(day)
    return f"{year}-{number:02d}-{day:02d}" if 1 <= day <= 31 else ""


def _labels(blocks: list[Block], labels: re.Pattern[str]) -> bool:
    """Two or more different labelled fields of the kind start blocks of the part."""
    seen = {match.group(1).lower() for match in map(labels.match, (b.text for b in blocks))
            if match}
    return len(seen) >= 2


def _headline_with_date(opening: list[Block]) -> bool:
    """A publication date near the top under a headline in sentence case ("Partnership
    launches new plan to cut crime"), not a document's Title Case name."""
    if not any(_PUBLISHED.match(block.text) and parse_date(block.text) for block in opening):
        return False
    title = next((b.text for b in opening if b.kind == "heading"), opening[0].text)
    words = title.split()
    long_words = [word for word in words[1:] if len(word) > 3 and word[0].isalpha()]
    capitalised = [word for word in long_words if word[0].isupper()]
    return len(words) >= 5 and len(capitalised) * 2 < len(long_words)


def _reads_as_news(blocks: list[Block]) -> bool:
    """A news story, whatever its headline names: it quotes people ("..., said Cllr X") and
    uses news wording ("is seeking views", "Date issued:"), or quotes two people or more."""
    text = "\n".join(block.text for block in blocks[:40])
    quotes = len(_QUOTED.findall(text))
    return quotes >= 2 or quotes >= 1 and bool(_NEWS_WORDS.search(text))


def _title(blocks: list[Block]) -> str | None:
    """The page's own title: "Agenda item - X" gives X; else the first short line after a
    label such as "Issue details"; else the first heading that is not such a label."""
    opening = blocks[:12]
    for block in opening[:3]:
        labelled = _LABELLED_TITLE.match(block.text.strip())
        if labelled and not _GENERIC_TITLES.match(block.text.strip()):  # not "Issue - meetings"
            return labelled.group(1)
    labels = [index for index, b in enumerate(opening) if _GENERIC_TITLES.match(b.text.strip())]
    for block in opening[labels[0] + 1 : labels[0] + 4] if labels else []:
        text = block.text.strip()
        if _GENERIC_TITLES.match(text) or is_furniture(text):
            continue
        if block.kind == "heading" or (len(text.split()) <= 20 and not text.endswith((".", ":"))):
            return text
    return own_title([b for b in blocks if not _GENERIC_TITLES.match(b.text.strip())])


def opens_as_page(blocks: list[Block]) -> bool:
    """A part that opens with a council page's label ("Issue details", "Agenda item") is that
    page, even where its title names an agreement or a plan."""
    return any(_PAGE_LABEL.match(block.text.strip()) for block in blocks[:3])


def looks_like_slides(pages: list[Page]) -> bool:
    """A PDF of slides: three or more pages, each a short title line and a few short lines."""
    if len(pages) < 3:
        return False
    slides = 0
    for page in pages:
        lines = [line.strip() for line in page.text.split("\n") if line.strip()]
        words = sum(len(line.split()) for line in lines)
        title = lines[0] if lines else ""
        short = sum(len(line.split()) <= 12 for line in lines)
        if lines and words <= 90 and len(title.split()) <= 10 and not title.endswith(".") \
                and short * 10 >= len(lines) * 8:
            slides += 1
    return slides * 10 >= len(pages) * 8

"""The items of a list of priorities, in the shapes documents print them.

- numbered, lettered and roman markers, one item a block or several run together in one
  ("(1) A (2) B", "i. A ii. B" where a PDF or a web page flattened the lines);
- ordinal labels: "Priority One – A", "Key Priority 1: A", ranks ("1st A", "Rank 1 A");
- bullets ending "; and", or "." on the last one;
- prose: "A, B, including C, D and E" (C is inside B's scope, not an item);
- an item that is a heading and its paragraph run together ("Safer Roads We will ...");
- a contents page's lines ("Safer Roads ........ 7") and doubled fragments ("Safer Roads
  Safer Roads").

Each item keeps the words it was printed with; an item with no readable label is dropped, never
guessed. A lead named in the item ("(KP LEAD: Head of Service)") is returned with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from partnership_kg.graph.labels import clean_item, split_series

MAX_LABEL = 100  # characters: a longer item is a sentence, not a label
MAX_WORDS = 18
_NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve"]
_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
_ORDINAL_WORD = "|".join(_NUMBER_WORDS)
# Marker families: each match's group 1 is its ordinal, as a digit, letter, roman or word.
PRIORITY_MARK = re.compile(
    rf"(?:\b(?:key|strategic|overarching|delivery|partnership|csp)\s+)?"
    rf"\bpriority\s+((?:\d{{1,2}})|{_ORDINAL_WORD})\b\s*[:–—.-]?\s*", re.IGNORECASE)
_FAMILIES: list[re.Pattern[str]] = [
    re.compile(r"\((\d{1,2})\)\s*"),
    re.compile(r"(?<![\w.(£$/-])(\d{1,2})[.)](?![\d.])\s+"),
    # Roman before letters: a lone "i." opens a roman list more often than a ninth letter.
    re.compile(r"(?<![\w.(’'-])\(?((?:x|ix|iv|v?i{1,3}|v|xi{1,2}))[.)]\s+"),
    re.compile(r"\(([a-l])\)\s*"),
    re.compile(r"(?<![\w.(’'-])([a-l])[.)]\s+"),
    PRIORITY_MARK,
    re.compile(r"(?<![\w.])(\d{1,2})(?:st|nd|rd|th)\b[:.)]?\s+"),
    re.compile(r"\brank(?:ed)?\s+(\d{1,2})\b\s*[:.–—-]?\s*", re.IGNORECASE),
]
_LEAD = re.compile(r"\(\s*(?:[A-Z]{1,4}\s+)?lead(?:\s+officer)?s?\s*[:\-–]\s*(?P<lead>[^)]+)\)",
                   re.IGNORECASE)
_LEAD_TAIL = re.compile(r"\s+[–—-]?\s*\blead(?:\s+officer)?s?\s*:\s*(?P<lead>.+)$", re.IGNORECASE)
_LEADERS = re.compile(r"\s*(?:\.{2,}|…+|\s{2,})\s*\d{1,3}\s*$|\s+\d{1,3}$")  # contents lines
# A sentence that begins after a heading run into it: "Safer Roads We will reduce ...".
_SENTENCE_START = re.compile(
    r"\s(?=(?:We|Our|The|This|These|To|By|In|It|Partners|Working|Through|There|Reducing\s+the)"
    r"(?:[’']\w{1,2})?\s+[a-z]|(?:The|This|Our)\s+[A-Z]\w+\s+(?:will|is|are|has|have|aims?)\b)")
# "Decision type: Non-key", "Lead member: Cabinet Member ...": a form's field, not an item
# ("Road safety: the last two years ..." is a label and its description).
_FORM_FIELD = re.compile(r"^[A-Z][\w’'-]*(?:\s+[\w’'()-]+){0,2}\s*:\s+(?=[A-Z0-9(£])")
_FIELD_WORDS = 8  # a field's value is a name, a post or a date; a longer one describes a label
# "Reducing reoffending – working with probation to cut ...": a bullet's label, a dash, and
# prose describing it (five words or more, lower case); "Exploitation – criminal and sexual"
# is a label as a whole.
_DESCRIBED = re.compile(r"\s+[–—-]\s+(?=[a-z][\w’'-]*(?:[\s,]+[\w’'-]+){4,})")
_INCLUDING = re.compile(r"^(?:including|includes|such\s+as)\s+", re.IGNORECASE)


@dataclass
class Item:
    label: str
    segment: str  # the item as printed, a substring of its block's text
    lead: str | None = None
    scope: list[str] = field(default_factory=list)  # "B, including C": C is inside B


def ordinal(token: str) -> int:
    token = token.lower()
    if token.isdigit():
        return int(token)
    if token in _NUMBER_WORDS:
        return _NUMBER_WORDS.index(token) + 1
    if token in _ROMAN:
        return _ROMAN.index(token) + 1
    return ord(token) - ord("a") + 1


def marker_run(text: str) -> list[re.Match[str]]:
    """The longest run of markers of one family counting up one by one (1, 2, 3 ...), in text
    order; a single marker only where it opens the text ("2. Safer Roads")."""
    best: list[re.Match[str]] = []
    for family in _FAMILIES:
        matches = list(family.finditer(text))
        for first, match in enumerate(matches):
            run = [match]
            for later in matches[first + 1:]:
                if ordinal(later.group(1)) == ordinal(run[-1].group(1)) + 1:
                    run.append(later)
            if not best or (len(run), -run[0].start()) > (len(best), -best[0].start()):
                best = run
    if len(best) == 1 and text[: best[0].start()].strip(" •-–*"):
        return []
    return best


def split_marked(text: str) -> tuple[str, list[str]]:
    """Text before the first marker, and the marked segments ("" and [] when unmarked)."""
    run = marker_run(text)
    if not run:
        return text, []
    ends = [match.start() for match in run[1:]] + [len(text)]
    segments = [text[match.end(): end] for match, end in zip(run, ends, strict=True)]
    return text[: run[0].start()], segments


def undouble(text: str) -> str:
    """ "Safer Roads Safer Roads" -> "Safer Roads": a line a PDF printed twice."""
    words = text.split()
    half = len(words) // 2
    if len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return text


def item(segment: str, loose: bool = True, sentence: bool = False) -> Item | None:
    """One list item as a label, with the lead it names; None where no label can be read.
    ``loose``: a label may be followed by its description; ``sentence``: the label is the
    item's whole first sentence ("Priority One – Tackling X, focussing on Y. We will ...")."""
    text = segment.strip()
    lead = None
    found = _LEAD.search(text) or _LEAD_TAIL.search(text)
    if found:
        # The lead closes the label: what follows it describes the priority.
        lead = clean_item(found.group("lead"))
        text = text[: found.start()].strip()
    field_ = _FORM_FIELD.match(text)
    if field_ and not PRIORITY_MARK.match(text) and \
            len(text[field_.end():].split()) <= _FIELD_WORDS:
        return None
    text = _LEADERS.sub("", text)
    text = re.sub(r"[;,]?\s+(?:and|or)\s*$", "", text.strip())
    label = clean_item(text)
    start = _SENTENCE_START.search(text) if loose else None
    described = _DESCRIBED.search(text) if loose else None
    if start and _is_label(clean_item(text[: start.start()]).rstrip(" –—-:")):
        # a heading run into its paragraph, or "Safer Roads – We will ..."
        label = clean_item(text[: start.start()]).rstrip(" –—-:")
    elif described and _is_label(clean_item(text[: described.start()])):
        label = clean_item(text[: described.start()])
    elif not _is_label(label):
        label = _head(text, sentence) if loose else None
    if label is None:
        return None
    return Item(undouble(label), segment.strip(), lead)


def _head(text: str, sentence: bool = False) -> str | None:
    """A label printed before its description: "Safer Roads – we will ...", "Safer Roads: ...",
    "Safer Roads. We will ...", "Safer Roads (the number of ...)"."""
    for pattern, titled in ((r"\s+[–—]\s+|\s+-\s+", False), (r":\s+", False),
                            (r"(?<=[a-z)])\.\s+", not sentence), (r"\s+\((?![A-Z]{2,8}\))", False)):
        head = clean_item(re.split(pattern, text, maxsplit=1)[0])
        if head != clean_item(text) and _is_label(head) and (not titled or _titled(head)):
            return head
    return None


_MINOR = {"and", "of", "the", "for", "in", "on", "to", "a", "an", "&", "with", "at"}


def _titled(text: str) -> bool:
    """Every word capitalised but the small ones: a heading's words, not a sentence's."""
    return all(word[0].isupper() or word.lower() in _MINOR for word in text.split())


def _is_label(label: str) -> bool:
    return (bool(label) and len(label) <= MAX_LABEL and bool(re.search(r"[A-Za-z]{2}", label))
            and not PRIORITY_MARK.fullmatch(label) and len(label.split()) <= MAX_WORDS
            and label[0].isalnum() and not re.search(r"[.;:!?]\s", label)
            and not re.search(r"[.!?]$", label))


def cells(text: str) -> list[str] | None:
    """A table row or contents page flattened to "cell | cell |" text: its cells, without the
    empty ones and the page numbers; None when the text is no such row."""
    if text.count("|") < 2:
        return None
    found = [cell.strip() for cell in text.split("|")]
    return [cell for cell in found if cell and not re.fullmatch(r"\d{1,3}|page", cell, re.I)]


def cell_items(found: list[str]) -> list[Item] | None:
    """Items of flattened cells: a cell of "·"-joined parts belongs to the item before it
    (given as an item with no label where that item is in an earlier block)."""
    items: list[Item] = []
    for cell in found:
        if "·" in cell:
            parts = [clean_item(part) for part in cell.split("·") if part.strip()]
            if items:
                items[-1].scope += parts
            else:
                items.append(Item("", cell, None, parts))
            continue
        listed = item(cell)
        if listed is None:
            return items or None
        items.append(listed)
    return items


def prose_items(text: str) -> list[Item]:
    """ "A, B, including C, D and E" -> A, B (scope C), D, E; marked runs split first."""
    flattened = cells(text)
    if flattened is not None:
        return [one for one in cell_items(flattened) or [] if one.label]
    _, segments = split_marked(text)
    if len(segments) >= 2:
        return [found for found in map(item, segments) if found is not None]
    found: list[Item] = []
    for piece in split_series(text):
        if _INCLUDING.match(piece) and found:
            found[-1].scope.append(_INCLUDING.sub("", piece))
            continue
        inside = re.split(r",?\s+(?:including|such\s+as)\s+", piece, maxsplit=1,
                          flags=re.IGNORECASE)
        listed = item(inside[0])
        if listed is None:
            return []  # a clause, not a series of labels
        if len(inside) > 1:
            listed.scope.append(clean_item(inside[1]))
        found.append(listed)
    return found


def block_items(text: str, loose: bool) -> list[Item] | None:
    """The items one block of a list holds: marked segments, else its lines; None when the
    block is prose that ends the list. Unless ``loose`` (a bulleted item, or a section of
    priorities), a line must be a label as a whole, not a label with its description."""
    flattened = cells(text)
    if flattened is not None:
        return cell_items(flattened)
    prefix, segments = split_marked(text)
    if segments and not prefix.strip(" •-–*"):
        found = []
        for segment in segments:
            listed = item(segment, sentence=True)
            if listed is not None:
                # Quoted with its marker: "Priority Two – X" shows that X is a priority.
                end = text.find(segment, len(prefix)) + len(segment)
                listed.segment = text[len(prefix): end].strip()
                prefix = text[:end]
                found.append(listed)
        return found or None
    lines = [line for line in text.splitlines() if line.strip()]
    if any(line.rstrip().endswith(":") for line in lines):
        return None  # a label of a form, or the intro of another list
    if not loose and text.rstrip().endswith("."):
        return None  # a sentence after the list
    found = [item(line, loose) for line in lines]
    if not found or any(one is None for one in found):
        return None
    return [one for one in found if one is not None]

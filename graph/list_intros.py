"""Where a list of the partnership's own priorities or themes begins, and what kind it is.

An intro is a short heading or line naming the list ("Priorities", "Our key priorities",
"Key crime issues", "Cross Cutting Themes") or a clause ending in a colon or running into marked
items ("It identified five priorities: ...", "Our delivery priorities are (1) ..."). The kind of
list keeps its own words: overarching, key, delivery or strategic priorities, key crime issues,
key risks and threats, a control strategy.

Lists that are someone else's (a Police and Crime Plan's, a commissioner's, another strategy's)
are not the partnership's and are skipped; a partnership plan named in the sentence
("The Northshire Community Safety Plan 2013-2016 ... identified five priorities") makes the
list that plan's, with its period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from partnership_kg.graph.labels import clean_item
from partnership_kg.graph.lists import marker_run
from partnership_kg.ingest.periods import PERIOD_TEXT
from partnership_kg.ingest.plan_kinds import plan_kind

PRIORITY, THEME = "priority", "theme"

_QUALIFIERS = r"key|overarching|delivery|strategic|annual|main|top|core|headline"
_WORDS = re.compile(
    rf"(?P<priority>(?:\b(?P<qualifier>{_QUALIFIERS})\s+(?:[A-Z][\w&]*\s+){{0,2}})?"
    r"(?:priorities\b|priority\s+areas\b|(?<=our\s)priority(?=\s+(?:of|is|was)\b))"
    r"|\bkey\s+crime\s+issues\b|\bkey\s+risks\s+and\s+threats\b|\bcontrol\s+strategy\b)"
    r"|(?P<theme>\bcross[\s-]*cutting\s+themes?\b|\bthemes\b)",
    re.IGNORECASE)
_CUES = ("priorit", "theme", "key crime", "key risks", "control strategy")
# The owner named just before the words: someone else's list, or no list at all.
_OTHERS = re.compile(
    r"police\s+and\s+crime|\bpcc\b|commissioner|chief\s+constable|strateg(?!ic\b)|\bplans\b"
    r"|(?<!\bthe\s)(?<!\bthis\s)(?<!\bnew\s)\bplan\b"  # "the plan": the page's own
    r"|action|assessment|no\.|number|selecting|police\b|[’']s\s+$|[’']s\s+\w+\s+$|\bduty\b"
    r"|examples?\b|\bwork\b|\btackle\b|progress|achieve",  # what was done about the list
    re.IGNORECASE)
# "The partnership's priorities", "the CSP's key priorities": the partnership's own list.
_OWN_POSSESSIVE = re.compile(r"\b(?:partnership|csp|cdrp)[’']s\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
# "The priorities are:", "priorities for 2009-2012 were:", "themes will be included:", "key
# crime issues to respond to for 24-28, identified by the ... assessment are:": the rest of the
# sentence up to a colon, unless it only offers examples ("headings or themes such as:").
_CLAUSE = re.compile(r"[^:.;!?]{0,100}?:-?\s*")
_EXAMPLES = re.compile(r"\bsuch\s+as\b|\be\.g\b|\bfor\s+example\b|\bcould\b|\bmight\b"
                       r"|\bmay\b|\blike\b", re.IGNORECASE)
# "We have identified the following priorities for 2013/14." : the items come after.
_FOLLOWING = re.compile(r"\bfollowing\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
# "A, B, C and D are the key priorities to ...": the list is the sentence's subject.
_SUBJECT_VERB = re.compile(r"\s(?:are|were|remain)\s+(?:the|our|its|their)\s+(?:[\w-]+\s+){0,2}$")
_SUBJECT = re.compile(r"(?P<items>[^.!?:;]{10,300}?)\s+(?:are|were|remain)"
                      r"\s+(?:the|our|its|their)\s+(?:[\w-]+\s+){0,2}")
# "... three main priorities in the 2017-18 plan. These will focus on A, B and C.": the items of
# a counted list follow in the next sentence.
_THESE = re.compile(r"[^.!?:]{0,120}[.!?]\s+(?P<these>These|They)\s+(?:will\s+focus\s+on"
                    r"|(?:are|will\s+be)\s*:)\s*")
_VERB_CLAUSE = re.compile(
    r"(?:\s+(?:for|in|of)\s+[^:.;]{1,60}?)?\s+(?:are|were|will\s+be|include|includes|remain)\s+",
    re.IGNORECASE)
_PLAN_REFERENCE = re.compile(
    r"(?:[A-Z][\w&'’-]*\s+){0,5}(?:Community\s+Safety|Partnership|Safer\s+[A-Z][\w&'’-]*"
    r"(?:\s+[A-Z][\w&'’-]*)?|Crime\s+(?:and|&)\s+Disorder(?:\s+Reduction)?|Crime\s+Reduction)"
    r"\s+(?:Plan|Strategy|Agreement)\b[\s(,–—-]{0,4}")


@dataclass
class Intro:
    kind: str  # PRIORITY or THEME
    list_kind: str  # "priorities", "key priorities", "key crime issues", "themes" ...
    start: int  # where the intro begins in the block's text (the quote starts there)
    items_at: int | None  # where the items begin in the same block; None: in the blocks after
    count: int | None = None  # how many items the intro says there are: "three priorities"
    items_end: int | None = None  # where items before the words end: "A, B and C are the ..."


_COUNT_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_COUNT = re.compile(rf"\b(\d{{1,2}}|{'|'.join(_COUNT_WORDS)})\s+(?:[\w-]+\s+){{0,3}}$",
                    re.IGNORECASE)


def _count(text: str, match: re.Match[str]) -> int | None:
    """ "three main priorities" -> 3; "our priority of" -> 1."""
    if not match.group().lower().endswith("priorities") and "priority" in match.group().lower():
        return 1 if match.group().lower().endswith("priority") else None
    found = _COUNT.search(text[max(0, match.start() - 40): match.start()])
    if found is None:
        return None
    word = found.group(1).lower()
    return int(word) if word.isdigit() else _COUNT_WORDS.index(word) + 1


def _list_kind(match: re.Match[str]) -> tuple[str, str]:
    if match.group("theme"):
        words = match.group("theme").lower()
        return THEME, "cross-cutting themes" if "cutting" in words else "themes"
    qualifier = match.group("qualifier")
    if qualifier is None and "priorit" in match.group("priority").lower():
        return PRIORITY, "priorities"
    if qualifier is not None:
        return PRIORITY, f"{qualifier.lower()} priorities"
    return PRIORITY, re.sub(r"\s+", " ", match.group("priority").lower())


def _sentence_start(text: str, at: int) -> int:
    breaks = [m.end() for m in re.finditer(r"[.!?]\s+(?=[A-Z(])", text[:at])]
    return breaks[-1] if breaks else 0


def _owned(text: str, at: int) -> bool:
    """Whether the list named at ``at`` is the partnership's: not another body's or plan's,
    unless a partnership plan is what the sentence names."""
    sentence = text[_sentence_start(text, at): at]
    if plan_kind(sentence) is not None or _OWN_POSSESSIVE.search(sentence[-60:]):
        return True
    return not _OTHERS.search(sentence[-80:])


def find_intros(text: str, heading: bool) -> list[Intro]:
    """The intros a block's text holds: clauses with their items, or the block itself when it
    is a short line naming a list."""
    lowered = text.lower()
    if not any(word in lowered for word in _CUES):
        return []  # most blocks name no list: skip the full pattern
    found: list[Intro] = []
    for match in _WORDS.finditer(text):
        kind, list_kind = _list_kind(match)
        if not _owned(text, match.start()):
            continue
        after = text[match.end():]
        clause = _CLAUSE.match(after)
        if clause and _EXAMPLES.search(clause.group()):
            clause = None
        if clause:
            items_at = match.end() + clause.end()
            start = _sentence_start(text, match.start())
            found.append(Intro(kind, list_kind, start,
                               items_at if text[items_at:].strip() else None,
                               _count(text, match)))
            continue
        if _FOLLOWING.search(text[: match.start()]) and re.fullmatch(r"[^.!?:]*[.!?]?\s*", after):
            found.append(Intro(kind, list_kind, _sentence_start(text, match.start()), None,
                               _count(text, match)))
            continue
        start = _sentence_start(text, match.start())
        subject = _SUBJECT.fullmatch(text, start, match.start()) \
            if _SUBJECT_VERB.search(text, max(start, match.start() - 60), match.start()) else None
        if subject and re.search(r",|\band\b", subject.group("items")) \
                and not _OTHERS.search(_rest_of_sentence(after)):
            found.append(Intro(kind, list_kind, start, subject.start("items"), None,
                               subject.end("items")))
            continue
        then = _THESE.match(after)
        if then and _count(text, match) and not _WORDS.search(after, 0, then.start("these")):
            found.append(Intro(kind, list_kind, _sentence_start(text, match.start()),
                               match.end() + then.end(), _count(text, match)))
            continue
        verb = _VERB_CLAUSE.match(after)
        if verb and len(marker_run(after[verb.end():])) >= 2:
            found.append(Intro(kind, list_kind, _sentence_start(text, match.start()),
                               match.end() + verb.end(), _count(text, match)))
            continue
        # A heading naming the list: "Our priorities", "County Priorities 2014-17"; not one
        # naming work on it ("Identifying and progressing priorities").
        short = clean_item(text)
        if not found and len(short) <= 80 and (heading or len(short.split()) <= 4) \
                and not re.search(r"[.;]\s", short) and not _other_kind(text, match) \
                and not re.match(r"\W*\w+ing\b", short):
            return [Intro(kind, list_kind, 0, None)]
    return found


def _rest_of_sentence(text: str) -> str:
    end = re.search(r"[.!?](?:\s|$)", text)
    return text[: end.start()] if end else text


def _other_kind(text: str, match: re.Match[str]) -> bool:
    """A short line naming both priorities and themes introduces neither."""
    return len({bool(other.group("theme")) for other in _WORDS.finditer(text)}) > 1


@lru_cache(maxsize=4096)
def names_list(text: str) -> bool:
    """Whether a text names a list of priorities or themes, anyone's: it ends the list before."""
    lowered = text.lower()
    return any(word in lowered for word in _CUES) and bool(_WORDS.search(text))


@lru_cache(maxsize=4096)  # a part's blocks are looked back at from each list after them
def plan_reference(text: str) -> str | None:
    """The period of a partnership plan a text names: "the Northshire Community Safety Plan
    2013-2016", "the 2019/20 Partnership Plan"."""
    for match in _PLAN_REFERENCE.finditer(text):
        if plan_kind(match.group()) is None:
            continue
        period = PERIOD_TEXT.match(text, match.end())
        if period is None:
            before = PERIOD_TEXT.search(text[max(0, match.start() - 12): match.start()])
            period = before
        if period is not None:
            return period.group().strip()
    return None

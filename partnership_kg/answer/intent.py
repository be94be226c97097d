"""What a question asks: its intent, the names in it, and the year or period it is about.

Plain English patterns only; the names found here are resolved against the graph's labels later,
so nothing about any particular partnership lives in this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Intent = Literal[
    "meeting", "changes_in", "lineage", "history", "scope", "holder", "lead_of", "led_by_post",
    "plans", "acts", "count", "themes", "priorities", "diff", "other",
]

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d{2})\s*(?:[-/–]|to)\s*((?:19|20)?\d{2})\b")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_MONTH_YEAR = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+((?:19|20)\d{2})\b", re.IGNORECASE)

# What a meeting did, in any verb form ("did ... decide", "decided", "decisions", "noted").
_DECISION_VERB = r"\b(?:decid\w*|decisions?|resolv\w*|resolutions?|agree[sd]?|agreeing|" \
    r"not(?:e|ed|es|ing)|consider(?:s|ed|ing)?)\b"
_MEETING_VERB = rf"(?:\b(?:items?|discuss\w*)\b|{_DECISION_VERB})"
# Ordered: the first pattern that matches decides the intent.
_INTENTS: list[tuple[Intent, re.Pattern[str]]] = [
    ("diff", re.compile(r"\b(differen\w*|changed between|compare\w*)\b", re.I)),
    ("meeting", re.compile(
        rf"\b(?:agenda|minutes)\b|\bmeeting\b.*{_MEETING_VERB}|{_MEETING_VERB}.*\bmeeting\b|"
        rf"\b(?:committee|board|panel|cabinet|council|forum)\b.*(?:{_DECISION_VERB})|"
        r"\bpartnership\b.*\b(?:resolv\w*|decid\w*|decision\w*)\b", re.I)),
    ("changes_in", re.compile(
        r"\b(?:which|what) (?:priorit(?:y|ies)|themes?|changes?)\b.*\b(?:were|was) (?:added|"
        r"introduced|removed|dropped|renamed|retired|merged|made)\b.*\b(?:19|20)\d{2}\b|"
        r"\bwhat changed in\b.*\b(?:19|20)\d{2}\b", re.I)),
    ("lineage", re.compile(
        r"\bhow did\b.+\bbecome\b|\bwhen (?:was|were|did)\b.+\b(added|introduced|become|"
        r"became|renamed|retitled|expanded|merged|split|retired|dropped|removed)\b|"
        r"\bwhat happened to\b|\b(?:which|what)\b.+\bdid\b.+\bbecome\b|"
        r"\bwhat became of\b", re.I)),
    ("history", re.compile(r"\b(history|trace|lineage|evolv\w*|over (?:the years|time))\b|"
                           r"\bhow (?:has|have|did)\b.+\bchange", re.I)),
    ("count", re.compile(r"\bhow many\b.*\b(partnerships?|csps?|districts?|boroughs?)\b", re.I)),
    ("holder", re.compile(r"\bwho\b.*\b(chaired|chairs|chair|chairman|chairwoman|signed|"
                          r"held the post)\b", re.I)),
    ("led_by_post", re.compile(r"\bwhich priorit\w*\b.*\b(lead|leads|responsible)\b", re.I)),
    ("lead_of", re.compile(r"\bwho\b.*\b(lead|leads|led|responsible|champion)\b|"
                           r"\blead (?:officer )?for\b|\b(?:which|what) (?:organi[sz]ation|agency|"
                           r"body|post|officer|partner)s?\b.*\b(lead|leads|led|responsible)\b",
                           re.I)),
    ("acts", re.compile(r"\b(which|what) (?:act|acts|law|laws|legislation|regulations?)\b|"
                        r"\bact (?:that|which)\b", re.I)),
    ("plans", re.compile(r"\b(plans?|strateg(?:y|ies))\b.*\blinks?\b|\blinks? to\b.*\b(plans?|"
                         r"strateg(?:y|ies))\b|\bwhich (?:plans?|strateg(?:y|ies))\b", re.I)),
    ("scope", re.compile(r"\b(include|includes|cover|covers|consist of|made up of)\b", re.I)),
    ("themes", re.compile(r"\bcross[- ]?cutting\b|\bthemes?\b", re.I)),
    ("priorities", re.compile(r"\bpriorit(?:y|ies)\b.*\b(were|are|was|is|in|of)\b|"
                              r"\b(what|which|list)\b.*\bpriorit(?:y|ies)\b", re.I)),
]

# Words that frame a question rather than name a thing in it.
_FRAME_WORDS = re.compile(
    r"\b(how|did|does|do|when|was|were|is|are|what|which|who|whom|whose|the|a|an|of|for|in|"
    r"to|by|as|at|on|become|became|added|introduced|renamed|retitled|expanded|merged|split|"
    r"retired|removed|dropped|happened|history|trace|lineage|leads?|led|lead officer|"
    r"responsible|champion|changed?|over time|plans?|strateg(?:y|ies)|links?|linked|act|acts|"
    r"legislation|law|"
    r"priority|priorities|county|theme|themes|cross[- ]?cutting|agreement|community safety "
    r"agreement|csa|that|this|its|their|there|has|have|had|been|be|it|they|any|all|list|"
    r"partnership|version|organi[sz]ations?|agency|body|officer|post)\b", re.I)


@dataclass(frozen=True)
class Question:
    text: str
    intent: Intent
    # The names in the question with framing words removed, longest first ("ASB").
    names: tuple[str, ...]
    year: int | None
    # A period as written in the question: "2014-17", "2014-15", "April 2024".
    period: str | None


def parse_period(text: str) -> tuple[int | None, str | None]:
    """The first year and period a text names: "2014-17" -> (2014, "2014-17")."""
    month = _MONTH_YEAR.search(text)
    span = _YEAR_RANGE.search(text)
    if span and (not month or span.start() < month.start()):
        start, end = span.group(1), span.group(2)
        return int(start), f"{start}-{end[-2:]}"
    if month:
        return int(month.group(2)), f"{month.group(1).capitalize()} {month.group(2)}"
    year = _YEAR.search(text)
    return (int(year.group(1)), None) if year else (None, None)


def _names(text: str, intent: Intent) -> tuple[str, ...]:
    if intent == "lineage":
        pieces = re.split(r"\b(?:become|became|into|turn(?:ed)? into)\b", text, flags=re.I)
    elif intent == "diff":
        pieces = re.split(r"\b(?:and|between|with)\b", text, flags=re.I)
    else:
        pieces = [text]
    names = []
    for piece in pieces:
        piece = _MONTH_YEAR.sub(" ", _YEAR_RANGE.sub(" ", piece))
        piece = _YEAR.sub(" ", piece)
        piece = _FRAME_WORDS.sub(" ", piece)
        piece = re.sub(r"[?!.,;:'\"()]", " ", piece)
        piece = re.sub(r"\s+", " ", piece).strip(" &-")
        if piece:
            names.append(piece)
    return tuple(names)


def parse(text: str) -> Question:
    intent: Intent = next((name for name, pattern in _INTENTS if pattern.search(text)), "other")
    year, period = parse_period(text)
    return Question(text=text, intent=intent, names=_names(text, intent), year=year,
                    period=period)

"""Whose document is this? The partnership a text names for itself, read from its words.

A community safety partnership is named after its area: "Wessex Community Safety Partnership",
"Safer Northshire Partnership", "the Riverford CSP", "Wessex Crime and Disorder Reduction
Partnership". A council's decision notice or committee minutes are issued by "Northshire County
Council": that names an area too. ``stated_name`` picks the one a part uses for itself: a name in
its opening lines (a heading, "To: ... Partnership"), else the name it repeats most.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from partnership_kg.ingest.model import Part

NameKind = Literal["partnership", "council"]

# Capitalised (or upper-case) place words, "and"/"&" joining two areas ("Brighton & Hove").
# A name stays on one line; the words of the name's own kind are never place words.
_WORD = r"(?!(?:CSP|CDRP|Partnership|PARTNERSHIP|Council|COUNCIL)\b)[A-Z][A-Za-z'’.-]+"
_AREA = rf"{_WORD}(?:[ \t]+{_WORD}){{0,2}}(?:[ \t]+(?:and|&|AND)[ \t]+{_WORD}(?:[ \t]+{_WORD})?)?"
_LEVEL = r"(?:[ \t]+(?P<level>County|District|Borough|City|COUNTY|DISTRICT|BOROUGH|CITY))?"
_LEVELS = {"county", "district", "borough", "city"}
_CSP = (r"(?:Community[ \t]+Safety[ \t]+Partnership"
        r"|Crime[ \t]+and[ \t]+Disorder[ \t]+Reduction[ \t]+Partnership"
        r"|COMMUNITY[ \t]+SAFETY[ \t]+PARTNERSHIP|CSP|CDRP)")
# What a "Safe(r) ... Partnership" keeps safe: the place's kind, never roads or a trade.
_SAFE_WHAT = (r"(?:City|Cities|Communities|Community|Town|Borough|District|County|Places|"
              r"Neighbourhoods?|CITY|COMMUNITIES|TOWN|BOROUGH|DISTRICT|COUNTY)")
# A possessive names no partnership: "Wessex's CSP" is the "Wessex CSP" ("King's Lynn" keeps
# its own).
_POSSESSIVE = re.compile(r"['’]s(?=[ \t]+(?:Safer?|SAFER?|Community|COMMUNITY|Crime|CSP|CDRP|"
                         r"County|District|Borough|City|COUNTY|DISTRICT|BOROUGH|CITY)\b)")
_PATTERNS: list[tuple[NameKind, re.Pattern[str]]] = [
    ("partnership", re.compile(
        rf"\b(?:Safer|SAFER)[ \t]+(?P<area>{_AREA})[ \t]+(?:Partnership|PARTNERSHIP)\b")),
    ("partnership", re.compile(rf"\b(?P<area>{_AREA}){_LEVEL}[ \t]+{_CSP}\b")),
    # "Wessex Safe City Partnership", "Riverford's Safer Communities Partnership".
    ("partnership", re.compile(
        rf"\b(?P<area>{_AREA})[ \t]+(?:Safer?|SAFER?)[ \t]+{_SAFE_WHAT}[ \t]+"
        rf"(?:Partnership|PARTNERSHIP)\b")),
    ("council", re.compile(rf"\b(?P<area>{_AREA}){_LEVEL}[ \t]+(?:Council|COUNCIL)\b")),
]
# Words that open a generic phrase, not a place: "each Community Safety Partnership", "the
# Local CSP", "Safer Roads Partnership", "Kent's eleven CSPs".
_NOT_PLACES = {
    "a", "an", "the", "this", "that", "these", "those", "each", "every", "all", "any", "our",
    "their", "its", "his", "her", "local", "district", "county", "borough", "city", "parish",
    "town", "unitary", "other", "new", "former", "joint", "statutory", "individual", "member",
    "partner", "relevant", "respective", "own", "single", "one", "two", "three", "four", "five",
    "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "several", "many",
    "roads", "road", "streets", "street", "communities", "community", "neighbourhoods",
    "neighbourhood", "places", "homes", "schools", "safety", "safer", "partnership", "to", "by",
    "from", "of", "for", "and", "with", "within", "between", "through", "at", "in", "on",
    "crime", "disorder", "police", "fire", "health", "children", "adults", "dear", "cc",
    "subject", "re", "minutes", "agenda", "report", "meeting", "committee", "cabinet", "full",
    "scrutiny", "strategic", "annual", "key", "page", "appendix", "item", "draft", "final",
    "council", "councils", "what", "why", "how", "when", "where", "which", "who",
}
_OPENING_BLOCKS = 8  # how far "the opening lines" of a part reach


@dataclass(frozen=True)
class StatedName:
    """A partnership or council as the text names it."""

    kind: NameKind
    name: str  # as written, e.g. "Safer Northshire Partnership"
    area: str  # the place, e.g. "Northshire"
    level: str | None = None  # "county", "district" ... where the name says

    @property
    def key(self) -> str:
        return area_key(self.area)


def area_key(area: str) -> str:
    """The matching key of an area: case and punctuation folded, "&"/"and" dropped (a folder
    "brighthill-lowmoor" names "Brighthill & Lowmoor")."""
    words = re.sub(r"[^a-z0-9]+", " ", area.lower()).split()
    return " ".join(word for word in words if word != "and")


def _tidy_area(area: str) -> tuple[str, str | None] | None:
    """The place words of a match, generic openers dropped ("the Riverford" -> "Riverford"),
    and a level word that ends it ("Northshire County" -> "Northshire", "county")."""
    words = area.split()
    while words and words[0].lower().strip("'’.") in _NOT_PLACES:
        words.pop(0)
    level = words.pop().lower() if len(words) > 1 and words[-1].lower() in _LEVELS else None
    if not words or words[-1].lower() in _NOT_PLACES or words[-1].lower() in {"and", "&"}:
        return None
    if any(word.lower() in {"council", "partnership"} for word in words):
        return None
    words = [word.removesuffix("'s").removesuffix("’s") for word in words]
    tidy = " ".join(word.title() if word.isupper() and len(word) > 3 else word for word in words)
    return tidy, level


def find_names(text: str) -> list[tuple[int, StatedName]]:
    """Every partnership or council name in ``text`` with its offset, in text order."""
    found: dict[int, StatedName] = {}
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            tidy = _tidy_area(match.group("area"))
            if tidy is None or match.start() in found:
                continue
            area, level = tidy
            level = level or (match.groupdict().get("level") or "").lower() or None
            # The name as written from the place on ("the Riverford CSP" -> "Riverford CSP").
            raw = match.group(0)
            at = raw.upper().rfind(area.split()[0].upper(), 0, match.end("area") - match.start())
            written = _POSSESSIVE.sub("", " ".join(raw[at:].split()), count=1)
            if raw[:at].strip().lower() in {"safer"}:
                written = f"{raw[:at].strip()} {written}"
            found[match.start()] = StatedName(kind, _display(written), area, level)
    return sorted(found.items(), key=lambda item: item[0])


def _display(written: str) -> str:
    """"KENT COMMUNITY SAFETY PARTNERSHIP" -> "Kent Community Safety Partnership"."""
    if not written.isupper():
        return written
    return " ".join(word if word in {"CSP", "CDRP"} else word.title() for word in written.split())


def stated_name(part: Part) -> StatedName | None:
    """The partnership a part names for itself: a partnership named in its opening lines, else
    the issuing council named there, else the partnership it names most often (a council named
    only in passing does not make the document the council's)."""
    opening = "\n".join(block.text for block in part.blocks[:_OPENING_BLOCKS])
    opening_names = [name for _, name in find_names(f"{part.title}\n{opening}")]
    for kind in ("partnership", "council"):
        for name in opening_names:
            if name.kind == kind:
                return name
    counts: Counter[str] = Counter()
    first: dict[str, StatedName] = {}
    for _, name in find_names(part.text):
        if name.kind == "partnership":
            counts[name.key] += 1
            first.setdefault(name.key, name)
    if not counts:
        return None
    key = max(counts, key=lambda k: (counts[k], -list(first).index(k)))
    return first[key]


def given_name(text: str) -> StatedName:
    """What ``build --partnership NAME`` says: a full name, or just the area ("Wessex")."""
    names = find_names(text)
    if names:
        return names[0][1]
    area = " ".join(text.split())
    return StatedName("partnership", area, area)

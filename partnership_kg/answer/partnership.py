"""Whose plans a question is about, on a store of several partnerships.

A question names its partnership in its own words: "in Northshire", "Safer Riverford's
priorities", "the Wessex CSP's lead", "the Wessex Community Safety Agreement". ``named_in``
finds it (the longest name written wins) and returns the question without the words that only
say whose it is ("in Northshire", "Northshire's"), so they are not read as a priority's name.
Words that name something else of the area ("Wessex Police") are left in the question.
"""

from __future__ import annotations

import re
from typing import Any

from partnership_kg.graph.query.partnerships import PartnershipName, Scoped

_POSSESSIVE = r"(?:['’]s)?"
_SUFFIX = (r"(?:\s+(?:Community\s+Safety\s+Partnership|Crime\s+and\s+Disorder\s+Reduction\s+"
           r"Partnership|Partnership|CSP|CDRP)" + _POSSESSIVE + ")?")


def _mention(name: str) -> str:
    """A name as a pattern: spacing free, "and" and "&" alike ("Brighthill & Lowmoor")."""
    return r"\s+".join(r"(?:and|&)" if word.lower() in {"and", "&"} else re.escape(word)
                       for word in name.split())


def named_in(text: str, known: list[PartnershipName]
             ) -> tuple[PartnershipName | None, str]:
    """(the partnership the question names, the question without the words that name it)."""
    best: tuple[int, PartnershipName, re.Match[str]] | None = None
    for partnership in known:
        for name in sorted(partnership.names, key=len, reverse=True):
            found = re.search(rf"(?<![\w-]){_mention(name)}(?![\w-])", text, re.IGNORECASE)
            if found and (best is None or len(found.group()) > best[0]):
                best = (len(found.group()), partnership, found)
    if best is None:
        return None, text
    _, partnership, _ = best
    return partnership, _without(text, partnership)


def _without(text: str, partnership: PartnershipName) -> str:
    """``text`` without "in/for/of/by (the) NAME ('s) (CSP|Partnership)" and "NAME's"."""
    for name in sorted(partnership.names, key=len, reverse=True):
        mention = _mention(name)
        framed = (rf"(?:\b(?:in|for|of|by|at|from)\s+)?(?:the\s+)?(?<![\w-]){mention}"
                  rf"{_POSSESSIVE}{_SUFFIX}(?![\w-])(?-i:(?!\s+[A-Z]))")
        text = re.sub(framed, " ", text, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", text).strip()


class View:
    """The workspace seen as one partnership's: graph answers read only its plans."""

    def __init__(self, ws: Any, partnership: PartnershipName) -> None:
        self._ws = ws
        self.partnership = partnership
        self.graph = Scoped(ws.graph, partnership.label)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ws, name)

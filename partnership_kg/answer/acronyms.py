"""Acronyms and their spelled-out forms in a sentence: "CSP (Community Safety Partnership)"."""

from __future__ import annotations

import re

_SMALL_WORDS = frozenset({"of", "and", "in", "for", "the", "to", "on", "a", "an", "&", "at", "by"})


def _acronym_letters(acronym: str) -> str:
    """The letters an expansion must spell: the capitals of "MoRiLE", all of "CSP" ("CSPs"
    is a plural of CSP)."""
    if len(acronym) > 2 and acronym.endswith("s") and acronym[:-1].isupper():
        acronym = acronym[:-1]
    capitals = "".join(ch for ch in acronym if ch.isupper())
    return capitals if len(capitals) >= 2 else acronym.upper()


def _initials(words: list[str]) -> str:
    """Initials of the words that count: "Anti-Social Behaviour" -> ASB (each part of a
    hyphenated word counts), "community safety partnerships" -> CSP, "Management of Risk in
    Law Enforcement" -> MRLE (small joining words do not count)."""
    parts = [part for word in words for part in re.split(r"[-/]", word) if part]
    return "".join(
        part[0].upper() for part in parts
        if part[0].isalnum() and (part.lower() not in _SMALL_WORDS or part[0].isupper())
    )


def find_expansion(acronym: str, sentence: str) -> str | None:
    """The spelled-out form of ``acronym`` in ``sentence``: "X (Spelled Out)" or
    "Spelled Out (X)", where the initials of the spelled-out words spell the acronym."""
    letters = _acronym_letters(acronym)
    # The acronym as written in the question, or in its plural form ("CSP" / "CSPs").
    written = rf"{re.escape(acronym.rstrip('s') if acronym.endswith('s') else acronym)}s?"
    after = re.search(rf"\b{written}\s*\(([^()]{{3,120}})\)", sentence, re.IGNORECASE)
    if after and _initials(after.group(1).split()) == letters:
        return after.group(1).strip()
    before = re.search(rf"([\w&,' /-]{{3,160}}?)\s*\(\s*{written}\s*\)", sentence,
                       re.IGNORECASE)
    if before:
        words = before.group(1).split()
        # The shortest run of words just before the brackets whose initials spell it.
        for start in range(len(words) - 1, -1, -1):
            if _initials(words[start:]) == letters:
                return " ".join(words[start:])
    return None

"""Lead text to posts, organisations and people.

"Head of Community Safety, Wessex County Council" is a post in an organisation (the last comma
splits them); "Chair of Wessex Domestic Abuse Strategy Group" is a post in the group it names;
"Jo Bloggs (Head of X, Wessex Police)" and "Head of X, Wessex Police (Jo Bloggs)" name a person
too; " / " joins two posts sharing one lead. The word lists are generic English for bodies and
posts, not names from any corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Last words (or words inside) of an organisation's name.
ORG_WORDS = {
    "council", "police", "service", "services", "group", "partnership", "partnerships", "board",
    "nhs", "icb", "trust", "office", "unit", "team", "authority", "commissioner", "agency",
    "company", "forum", "constabulary", "department", "directorate", "executive", "panel",
    "alliance", "network", "command", "ccg", "commission", "committee", "foundation", "charity",
    "prison", "probation", "hospital", "university", "college", "government",
}
# Words that make a phrase a post (a role someone holds), not a person's name.
POST_WORDS = {
    "head", "chair", "chairman", "director", "manager", "officer", "superintendent",
    "consultant", "lead", "coordinator", "co-ordinator", "inspector", "chief", "deputy",
    "assistant", "member", "secretary", "advisor", "adviser", "commander", "commissioner",
    "president", "leader", "clerk", "analyst", "executive", "principal", "constable",
}
NO_LEAD = {"tbc", "tba", "n/a", "na", "none", "vacant", "to be confirmed", "-", "?"}
_PAREN = re.compile(r"\s*\(([^()]*)\)\s*")


@dataclass(frozen=True)
class Post:
    label: str
    organisation: str | None


@dataclass(frozen=True)
class Lead:
    posts: tuple[Post, ...]
    person: str | None


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z][a-z-]*", _PAREN.sub(" ", text).lower())


def is_organisation(text: str) -> bool:
    words = _words(text)
    return bool(words) and (words[-1] in ORG_WORDS or bool(ORG_WORDS & set(words[-3:]))) \
        or bool(re.fullmatch(r"[A-Z]{2,6}", text.strip()))


def is_post(text: str) -> bool:
    return bool(POST_WORDS & set(_words(text)))


def looks_like_name(text: str) -> bool:
    """ "Jo Bloggs", "C.Supt Jo Bloggs", "ACC Bloggs": a few capitalised words, no role words."""
    tokens = text.split()
    return (1 <= len(tokens) <= 5 and all(token[:1].isupper() for token in tokens)
            and not is_organisation(text) and not is_post(text))


def parse_post(text: str) -> Post:
    text = text.strip(" ,;")
    if "," in text:
        head, tail = text.rsplit(",", 1)
        if head.strip() and is_organisation(tail):
            return Post(head.strip(), tail.strip())
    match = re.search(r"\b(?:of|for)\s+(?:the\s+)?(.+)$", text)
    if match:
        # "Chair of X Group": the post's organisation is the body it names.
        body = _PAREN.sub(" ", match.group(1)).strip()
        if is_organisation(body):
            return Post(text, body)
    return Post(text, None)


def parse_posts(text: str) -> list[Post]:
    """The posts of one lead cell ("A, Org / Chair of Group" -> two posts)."""
    if text.strip().lower() in NO_LEAD:
        return []
    return [parse_post(piece) for piece in re.split(r"\s+/\s+", text) if piece.strip()]


def parse_lead(text: str) -> Lead | None:
    """A lead line's value: posts, and the person where one is named beside a post."""
    text = re.sub(r"\s+", " ", text).strip(" :.;")
    if not text or text.lower() in NO_LEAD:
        return None
    match = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", text)
    if match:
        outer, inner = match.group(1).strip(), match.group(2).strip()
        if is_post(inner) and looks_like_name(outer):
            return Lead(tuple(parse_posts(inner)), outer)
        if is_post(outer) and looks_like_name(inner):
            return Lead(tuple(parse_posts(outer)), inner)
    if not is_post(text):
        return None  # organisations only ("the Council and the Police"): no post to link
    return Lead(tuple(parse_posts(text)), None)

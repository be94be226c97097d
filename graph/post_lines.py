"""Post holders that minutes, decision pages and plans name in passing: "Chair: Jane Doe",
"Contact: Jane Doe, Safer Communities Manager", "Plan owner: Jane Doe, Head of Community
Safety", "The Chair, Councillor Doe, welcomed ...", "the new Chair of the Riverford Partnership
(Jane Doe)"."""

from __future__ import annotations

import re

from partnership_kg.ingest.model import Block

_TITLED = r"(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Sir|Dame)\.?\s+[A-Z][a-z'’-]+"
_FULL = r"[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+){1,2}"
NAME = rf"(?:{_TITLED}(?:\s+[A-Z][a-z'’-]+)?|{_FULL})"
_CHAIR = r"(?:Vice[- ]?)?Chair(?:man|woman|person)?"
_LABELLED = re.compile(
    rf"^(?P<label>{_CHAIR}|Lead\s+member|Lead\s+officer|Contact(?:\s+officer)?|Report\s+author"
    rf"|Plan\s+owner)\s*:\s*(?P<name>{NAME})\b\s*(?:,\s*(?P<post>[^.;\n]{{3,100}}))?",
    re.IGNORECASE | re.MULTILINE)
_THE_CHAIR = re.compile(rf"\bThe\s+(?P<label>{_CHAIR}),\s+(?P<name>{NAME}),")
_CHAIR_OF = re.compile(rf"\b(?P<label>{_CHAIR}\s+of\s+(?:the\s+)?[A-Z][\w&’' -]{{1,60}}?)"
                       rf"\s*\(\s*(?P<name>{NAME})\s*\)")


def labelled_holdings(block: Block) -> list[tuple[str, str, str]]:
    """(person, post as written, quote) named in a block's lines and sentences."""
    found = []
    for pattern in (_LABELLED, _THE_CHAIR, _CHAIR_OF):
        for match in pattern.finditer(block.text):
            groups = match.groupdict()
            post = groups.get("post") or _post_name(match.group("label"))
            found.append((match.group("name").strip(), post.strip(), match.group().strip(" ,")))
    return found


def _post_name(label: str) -> str:
    """ "Plan owner" and "Chair of the X" are posts; "Contact" names no post of its own."""
    words = " ".join(label.split())
    return words[0].upper() + words[1:] if not words.lower().startswith("contact") else "Contact"

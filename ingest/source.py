"""A first line "Source: URL" names where a saved document came from (its dcterms:source).

It is taken off before blocks are built, so it never becomes the title or a quote. Web-page
furniture that survives a copy into a text file ("Skip to main content", a breadcrumb trail
"Home > Council > Issue") goes with it.
"""

from __future__ import annotations

import re

from partnership_kg.ingest.model import Block

_SOURCE = re.compile(r"^\s*Source\s*:\s*<?(https?://[^\s<>\"{}|\\^`]+?)>?\s*$", re.IGNORECASE)
_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_FURNITURE = re.compile(
    r"^\s*(?:(?:skip|jump|go) to (?:the )?(?:main )?(?:content|navigation|search)|"
    r"skip navigation(?: and tools)?|"
    r"you are here\s*:.*|home\s*[>›»|/]\s*\S.*)\s*$",
    re.IGNORECASE,
)


def take_source_line(text: str, furniture: bool = True) -> tuple[str | None, str]:
    """(URL of a first line "Source: URL", the text without it and, with ``furniture``,
    without web furniture lines)."""
    lines = text.split("\n")
    url = None
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    if first is not None:
        match = _SOURCE.match(lines[first])
        if match:
            url = match.group(1)
            lines[first] = ""
    kept = ["" if furniture and _FURNITURE.match(line) else line for line in lines]
    return url, "\n".join(kept) if url is not None or kept != lines else text


def take_source_block(blocks: list[Block]) -> tuple[str | None, list[Block]]:
    """The same for a structured document: its first block "Source: URL" taken off."""
    if blocks:
        match = _SOURCE.match(blocks[0].text)
        if match:
            return match.group(1), blocks[1:]
    return None, blocks


def valid_url(url: str | None) -> str | None:
    """``url`` if it can stand as an IRI in the graph (http(s), no spaces or brackets)."""
    return url if url and _URL.match(url) else None

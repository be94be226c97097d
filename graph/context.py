"""``PartContext``: what an extractor gets for one document part.

Kept apart from ``build`` so extractor modules can import it while ``build`` imports them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, URIRef

from partnership_kg.graph.evidence import Evidence, cite
from partnership_kg.graph.partnerships import Partnership
from partnership_kg.ingest.model import Block, Document, Part

_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """White space collapsed: how quotes are compared with block text."""
    return _SPACE.sub(" ", text).strip()


class QuoteNotInSource(ValueError):
    """An extractor tried to cite text that is not in the block it names (a bug)."""


@dataclass
class PartContext:
    document: Document
    part: Part
    graph: Graph  # the part's named graph: every triple an extractor adds for this part
    part_iri: URIRef
    # What a per-part extractor read, kept for its corpus pass (keyed by module name).
    findings: dict[str, Any] = field(default_factory=dict)
    partnership: Partnership | None = None  # whose document part this is, where known

    @property
    def partnership_key(self) -> str | None:
        """The key version IRIs of this part's partnership are minted with."""
        return self.partnership.key if self.partnership else None

    def cite(self, claim: URIRef | BNode, where: Block | int | None, quote: str) -> URIRef:
        """Attach a verbatim ``quote`` as evidence of ``claim``.

        ``where`` is the block the quote comes from (checked: the quote must occur in it, white
        space aside, so no citation can drift from the source) or a bare page number.
        """
        if isinstance(where, Block):
            if squash(quote) not in squash(where.text):
                raise QuoteNotInSource(f"{quote!r} is not in block {where.text[:80]!r}")
            page = where.page
        else:
            page = where
        return cite(self.graph, claim, self.part_iri, Evidence(self.document.source, page,
                                                               squash(quote)))

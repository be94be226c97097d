"""Organisations named as responsible authorities, and changes between organisations.

"The Responsible Authorities are:- A, B and C" and the list under a "Responsible Authorities"
heading name the partners of an agreement (``csa:responsibleAuthority``). "A (ACR) were replaced
with B" and "B replaced A" are ``org:ChangeEvent``s (``org:originalOrganization`` A,
``org:resultingOrganization`` B) with the year the sentence gives and the quote.
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef

from partnership_kg.graph import names
from partnership_kg.graph.context import PartContext
from partnership_kg.graph.vocab import CSA, ORG, RDF, SKOS, mint
from partnership_kg.ingest.model import Block

_LIST_INTRO = re.compile(r"responsible\s+authorities\s+are\s*:?-?\s*(?P<list>[^.]+)", re.I)
_SECTION = re.compile(r"responsible\s+authorities|signatories", re.I)
_ACR = re.compile(r"\s*\(([A-Z][A-Za-z&]{1,9})\)")
_ASIDE = re.compile(r"\s*\((?:from|until|since|with effect)[^)]*\)", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_ORG_WORDS = r"(?:[A-Z][\w&’'-]*|&|and|of|the|for|in|on)"


def _name(group: str) -> str:
    """An organisation's name: capitalised words, small words inside, an "(ACR)" after."""
    return (rf"(?P<{group}>[A-Z][\w’'-]*(?:\s+{_ORG_WORDS})*"
            r"(?:\s*\([A-Z][A-Za-z&]{1,9}\))?)")


# "A (ACR) were replaced with/by B", "A will be replaced by B and C".
_PASSIVE = re.compile(_name("old") + r"\s+(?:were|was|will\s+be|have\s+been|has\s+been)"
                      r"\s+replaced\s+(?:with|by)\s+(?:the\s+)?(?P<new>[^.;]+)")
# "B replaced A", "When B replaced the A".
_ACTIVE = re.compile(_name("new") + r"\s+replaced\s+(?:the\s+)?" + _name("old"))


def clean_name(text: str) -> tuple[str, str | None]:
    """Name without asides ("(from 1st June 2014)") and its acronym where one is given."""
    text = _ASIDE.sub("", text).strip(" .;:-")
    acronym = _ACR.search(text)
    name = _ACR.sub("", text).strip()
    name = re.sub(r"^(?:the|and|when|as|after|since|once|where)\s+", "", name, flags=re.I)
    return " ".join(name.split()), acronym.group(1) if acronym else None


def _split_list(text: str) -> list[str]:
    """Members of "A, B and C": commas and a joining "and" separate them, but a one-word piece
    starts a name that has its own comma ("Wessex, Surrey and Sussex ... Company")."""
    pieces: list[str] = []
    for item in re.split(r",\s*(?![^()]*\))", text):
        head, sep, tail = item.strip().rpartition(" and ")
        if sep and len(head.split()) >= 2 and tail[:1].isupper():
            pieces += [head.strip(), tail.strip()]
        elif item.strip():
            pieces.append(item.strip())
    merged: list[str] = []
    for piece in pieces:
        if merged and len(merged[-1].split()) == 1 and " and " in piece:
            merged[-1] = f"{merged[-1]}, {piece}"
        else:
            merged.append(piece)
    return merged


def organisation(ctx: PartContext, name: str, acronym: str | None) -> URIRef:
    node = names.organisation_iri(name)
    ctx.graph.add((node, RDF.type, ORG.Organization))
    ctx.graph.add((node, SKOS.prefLabel, Literal(name)))
    if acronym:
        ctx.graph.add((node, SKOS.altLabel, Literal(acronym)))
        ctx.graph.add((node, CSA.acronym, Literal(acronym)))
    return node


def _authority(ctx: PartContext, block: Block, raw: str) -> None:
    name, acronym = clean_name(raw)
    if len(name) < 3 or not name[0].isupper():
        return
    node = organisation(ctx, name, acronym)
    ctx.graph.add((ctx.part_iri, CSA.responsibleAuthority, node))
    ctx.cite(node, block, raw.strip(" .;:-"))


def _changes(ctx: PartContext, block: Block) -> None:
    text = block.text
    for pattern in (_PASSIVE, _ACTIVE):
        for match in pattern.finditer(text):
            sentence_start = text.rfind(". ", 0, match.start()) + 1
            sentence_end = text.find(". ", match.end())
            sentence = text[sentence_start: sentence_end if sentence_end > 0 else len(text)]
            years = _YEAR.findall(sentence)
            old_name, old_acr = clean_name(match.group("old"))
            if pattern is _PASSIVE:
                new_raw = re.split(r"\s+(?:and\s+are|which|who|to\s+)\b", match.group("new"))[0]
                new_items = [clean_name(item) for item in re.split(r"\s+and\s+the\s+",
                                                                    new_raw)]
            else:
                new_items = [clean_name(match.group("new"))]
            new_items = [item for item in new_items if item[0] and item[0][0].isupper()]
            if not old_name or not new_items:
                continue
            event = mint("org-change", names.normalise(old_name),
                         *[names.normalise(n) for n, _ in new_items])
            ctx.graph.add((event, RDF.type, ORG.ChangeEvent))
            ctx.graph.add((event, ORG.originalOrganization, organisation(ctx, old_name,
                                                                         old_acr)))
            for new_name, new_acr in new_items:
                ctx.graph.add((event, ORG.resultingOrganization,
                               organisation(ctx, new_name, new_acr)))
            if years:
                ctx.graph.add((event, CSA.effectiveYear, Literal(int(years[0]))))
            ctx.cite(event, block, match.group().strip())


def extract_part(ctx: PartContext) -> None:
    for block in ctx.part.blocks:
        intro = _LIST_INTRO.search(block.text)
        if intro:
            for raw in _split_list(intro.group("list")):
                _authority(ctx, block, raw)
        elif block.kind == "list_item" and block.section_path and _SECTION.search(
                block.section_path[-1]):
            _authority(ctx, block, block.text.lstrip("•-–o ").strip())
        if "replaced" in block.text:
            _changes(ctx, block)

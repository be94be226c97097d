"""Meetings from minutes and agendas: body, date, items, decisions and actions.

Minutes number their items ("52. Finance Update"), agendas letter-number them ("B2 ..."). Under an
item, a sentence that says something was RESOLVED, agreed or noted is a ``csa:Decision`` with
``csa:decisionType``; "Action: Name" (or "Action: Name to do X") is a ``csa:Action`` with its
owner. Patterns are the conventions of minutes, not names from the corpus.
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef

from partnership_kg.graph.context import PartContext
from partnership_kg.graph.vocab import CSA, DCTERMS, RDF, RDFS, XSD, mint
from partnership_kg.ingest.model import Block

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December")
_BODY = re.compile(r"(?:MINUTES|NOTES)\s+of\s+(?:a|the)\s+meeting\s+of\s+(?:the\s+)?"
                   r"(?P<body>[A-Z][^,.]*?)\s+held\b", re.I)
_DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTHS})\s*,?\s+((?:19|20)\d\d)\b")
_MINUTE_ITEM = re.compile(r"^\s*(?:#+\s*)?(?P<number>\d{1,3})\.\s+(?P<title>[A-Z].{2,240}?)\s*$")
_AGENDA_ITEM = re.compile(r"^\s*(?:[-•]\s*)?(?P<number>[A-Z]\d{1,2})\s+(?P<title>[A-Z].{2,200}?)"
                          r"\s*$")
_DECISION = re.compile(
    r"(?P<resolved>\bRESOLVED\b[^.]*(?:\.[^A-Z][^.]*)*\.?)"
    r"|(?P<agreed>[^.;]*\b(?:was|were|it\s+was)\s+agreed\b[^.]*\.?)"
    r"|(?P<noted>[^.;]*\b(?:noted|were\s+noted|was\s+noted)\b[^.]*\.?)")
_ACTION = re.compile(r"\bAction\s*:?\s*(?P<owner>(?:(?:Mr|Mrs|Ms|Dr|Miss)\s+)?[A-Z][\w'-]+"
                     r"(?:\s+[A-Z][\w'-]+)*)(?P<task>\s+to\s+[^.]+)?")
_MONTH_NUMBER = {name: index + 1 for index, name in enumerate(_MONTHS.split("|"))}


def iso_date(text: str) -> str | None:
    match = _DATE.search(text)
    if not match:
        return None
    day, month, year = match.groups()
    return f"{year}-{_MONTH_NUMBER[month]:02d}-{int(day):02d}"


def _item_of(block: Block, agenda: bool) -> tuple[str, str] | None:
    first_line = block.text.strip().splitlines()[0] if block.text.strip() else ""
    pattern = _AGENDA_ITEM if agenda else _MINUTE_ITEM
    match = pattern.match(first_line)
    # A long item title ("55. Update - Including a presentation from ...") is read as a
    # paragraph; a line of its own with no closing stop is still an item, not a minute.
    titled = len(first_line) < 120 or (block.text.strip() == first_line
                                       and not first_line.endswith((".", ":", ";")))
    if match and (block.kind in {"heading", "list_item"} or titled):
        return match.group("number"), match.group("title").strip(" *#")
    return None


def extract_part(ctx: PartContext) -> None:
    part = ctx.part
    if part.type not in {"minutes", "agenda"}:
        return
    graph = ctx.graph
    meeting = mint("meeting", ctx.document.source, part.index)
    graph.add((meeting, RDF.type, CSA.Meeting))
    if ctx.partnership is not None:  # whose meeting: the partnership of the part recording it
        graph.add((meeting, CSA.partnership, ctx.partnership.iri))
    graph.add((meeting, DCTERMS.isPartOf, ctx.part_iri))
    graph.add((meeting, RDFS.label, Literal(part.title)))
    date = part.date
    for block in part.blocks[:15]:
        body = _BODY.search(block.text)
        if body:
            graph.add((meeting, CSA.body, Literal(" ".join(body.group("body").split()))))
            ctx.cite(meeting, block, body.group())
            date = date or iso_date(block.text[body.end():])
            break
    if (meeting, CSA.body, None) not in graph and ":" in part.title:
        # "Agenda: <body>" - the part title names the body when the text has no "meeting of".
        graph.add((meeting, CSA.body, Literal(part.title.split(":", 1)[1].strip())))
    if date:
        graph.add((meeting, DCTERMS.date, Literal(date, datatype=XSD.date)))
    agenda = part.type == "agenda"
    item: URIRef | None = None
    for block in part.blocks:
        found = _item_of(block, agenda)
        if found:
            number, title = found
            item = mint("meeting", ctx.document.source, part.index, "item", number)
            graph.add((item, RDF.type, CSA.AgendaItem))
            graph.add((item, CSA.itemNumber, Literal(number)))
            graph.add((item, DCTERMS.title, Literal(title)))
            graph.add((meeting, CSA.item, item))
            ctx.cite(item, block, block.text.strip().splitlines()[0].strip(" *#-•"))
            continue
        if item is None:
            continue
        for match in _DECISION.finditer(block.text):
            kind = match.lastgroup or "noted"
            quote = match.group().strip()
            if len(quote) < 12:
                continue
            decision = mint("decision", ctx.document.source, part.index, str(item),
                            str(match.start()), block.text[:40])
            graph.add((decision, RDF.type, CSA.Decision))
            graph.add((decision, CSA.decisionType, Literal(kind)))
            graph.add((decision, RDFS.label, Literal(quote)))
            graph.add((item, CSA.decision, decision))
            ctx.cite(decision, block, quote)
        for match in _ACTION.finditer(block.text):
            action = mint("action", ctx.document.source, part.index, str(item),
                          match.group("owner"), str(match.start()))
            graph.add((action, RDF.type, CSA.Action))
            graph.add((action, CSA.owner, Literal(match.group("owner").strip())))
            if match.group("task"):
                graph.add((action, RDFS.label, Literal(match.group("task").strip())))
            graph.add((item, CSA.action, action))
            ctx.cite(action, block, match.group().strip())

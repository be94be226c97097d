"""Lineage of priorities and themes: the changes a text narrates.

Sentences such as "2020 - The priority of X was expanded to become 'Y'" or "a new priority of 'X'
was introduced, which was previously part of 'Y'" become ``xkos:ConceptAssociation`` nodes typed
``csa:Introduction``, ``Rename``, ``Expansion``, ``Merge``, ``Split`` or ``Retirement``, with
``csa:effectiveYear``, ``csa:foundBy "narrative"`` and the sentence as the quote; a sentence that
refers back ("The above theme was retitled ...") is quoted from the sentence it refers to. The
year may belong to a version that is not in the corpus: the target concept is then minted in a
scheme for that year (``csa:narratedBy`` the narrating part). A version-control table ("2.0
April 2018 Refreshed ...") also declares such narrated versions. The concept a sentence starts
from is only a ``csa:Mention`` here: ``lineage_pass`` resolves it once every part is read, and
aligns the versions (``alignment``). Years a text says nothing changed in ("2023 - No changes
were made") are kept for that pass.

The verbs and patterns are general English; no priority name is written here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef

from partnership_kg.graph import names
from partnership_kg.graph.context import PartContext
from partnership_kg.graph.resolve import (
    is_acronym,
)
from partnership_kg.graph.vocab import CSA, DCTERMS, RDF, SKOS, XKOS, mint
from partnership_kg.ingest.model import Block

EVENT_CLASS = {
    "introduced": CSA.Introduction, "renamed": CSA.Rename, "expanded": CSA.Expansion,
    "merged": CSA.Merge, "split": CSA.Split, "retired": CSA.Retirement,
}
CLASS_EVENT = {value: key for key, value in EVENT_CLASS.items()}
KIND_CLASS = {"priority": CSA.Priority, "theme": CSA.CrossCuttingTheme}
UNCHANGED = "lineage.unchanged"  # ctx.findings key: years a text says nothing changed in

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December")
# "o 2018 – ...", "• 2020 - ...", "2022: ..." at the start of a list entry.
_YEAR_MARK = re.compile(r"(?:^|(?<=\s))(?:[o•▪◦·-]\s+)?((?:19|20)\d\d)\s*[–—:-]\s+")
_IN_YEAR = re.compile(rf"\b(?:[Ii]n|[Ff]rom|[Ss]ince|[Dd]uring)\s+(?:(?:{_MONTHS})\s+)?"
                      r"((?:19|20)\d\d)\b")
_QUOTED = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=\())[‘“'\"]([^’”'\"]{3,120})[’”'\"]"
                     r"(?:\s*\((?P<acr>[A-Z][A-Za-z0-9&]{1,9})\))?")
_KIND = re.compile(r"\b(cross[- ]cutting\s+themes?|themes?|priorit(?:y|ies))\b", re.I)
_VERB = re.compile(
    r"\b(?P<verb>introduced|added|created|established|expanded|broadened|widened|extended|"
    r"retitled|renamed|rebranded|re-named|re-titled|became|merged|combined|split|divided|"
    r"removed|dropped|retired|discontinued|deleted)\b", re.I)
_VERB_TYPE = {
    "introduced": "introduced", "added": "introduced", "created": "introduced",
    "established": "introduced", "expanded": "expanded", "broadened": "expanded",
    "widened": "expanded", "extended": "expanded", "retitled": "renamed", "renamed": "renamed",
    "rebranded": "renamed", "re-named": "renamed", "re-titled": "renamed", "became": "renamed",
    "merged": "merged", "combined": "merged", "split": "split", "divided": "split",
    "removed": "retired", "dropped": "retired", "retired": "retired",
    "discontinued": "retired", "deleted": "retired",
}
_PREVIOUSLY = re.compile(r"\bpreviously\b[^;]*?\bpart\s+of\b|\bformerly\b[^;]*?\bpart\s+of\b"
                         r"|\bsplit\s+(?:out\s+)?from\b|\bmoved\s+out\s+of\b", re.I)
_ANAPHOR = re.compile(r"\b(?:the\s+)?(?:above|this|that|same|said)\s+(?:cross[- ]cutting\s+)?"
                      r"(theme|priority)\b", re.I)
_VERSION_ROW = re.compile(rf"(?:^|\s)(\d{{1,2}}\.\d{{1,2}})\s+((?:{_MONTHS})\s+)?((?:19|20)\d\d)"
                          r"\b")
_VERSION_TABLE = re.compile(r"version\s+control|version\s+date\s+changes", re.I)


@dataclass
class Narrated:
    """One change a text narrates."""

    year: int
    type: str  # a key of EVENT_CLASS
    kind: str  # "priority" or "theme"
    sources: list[str]
    targets: list[str]
    quote: str
    acronyms: dict[str, str] = field(default_factory=dict)  # target label -> acronym
    # The clause a back-reference ("The above theme ...") points to, quoted with this one.
    antecedent: str | None = None


# -- narrative parsing --------------------------------------------------------------------------

def segments(text: str) -> list[tuple[int | None, str, int]]:
    """(year, text, offset): the text cut at year markers ("o 2018 – ...")."""
    marks = list(_YEAR_MARK.finditer(text))
    if not marks:
        return [(None, text, 0)]
    pieces = []
    if marks[0].start() > 0:
        pieces.append((None, text[: marks[0].start()], 0))
    for mark, following in zip(marks, [*marks[1:], None], strict=False):
        end = following.start() if following else len(text)
        pieces.append((int(mark.group(1)), text[mark.end(): end], mark.end()))
    return pieces


def clauses(text: str) -> list[str]:
    """Clauses of a segment: split at ';' and at sentence ends."""
    parts = re.split(r";\s*|(?<=[a-z0-9)’'”])\.\s+(?=[A-Z‘“'])", text)
    return [part.strip() for part in parts if part and part.strip()]


def _labels(text: str) -> list[tuple[str, str | None, int]]:
    """Quoted labels in ``text`` with an acronym given in parentheses after them."""
    return [(" ".join(m.group(1).split()), m.group("acr"), m.start()) for m in
            _QUOTED.finditer(text)]


_SMALL = {"and", "of", "the", "from", "with", "against", "for", "in", "to", "&", "on"}
_KIND_WORDS = {"priority", "priorities", "theme", "themes", "cross-cutting", "the", "a", "an"}
_TOKENS = re.compile(r"\([A-Z][A-Za-z0-9&]{1,9}\)|[\w’'&-]+")


def _unquoted(text: str, last: bool) -> str | None:
    """A capitalised label in ``text`` (before a verb: the last one; after: the first)."""
    words = [m.group() for m in _TOKENS.finditer(text)]
    if last:
        words = words[::-1]
        while words and words[0].lower() in _KIND_WORDS | {"was", "were", "has", "been"}:
            words.pop(0)
    else:
        while words and not words[0][0].isupper():
            words.pop(0)
    taken: list[str] = []
    for word in words:
        if word[0].isupper() or word[0] == "(" or word.lower() in _SMALL or word[0].isdigit():
            taken.append(word)
        else:
            break
    if last:
        taken.reverse()
    while taken and (taken[0].lower() in _SMALL or taken[0] in {"The", "A", "An", "In"}
                     or taken[0][0].isdigit()):
        taken.pop(0)
    while taken and taken[-1].lower() in _SMALL:
        taken.pop()
    label = " ".join(taken)
    return label or None


def parse_clause(clause: str, year: int, antecedents: dict[str, str]) -> Narrated | None:
    """One change from one clause, or None when the clause narrates none."""
    verb = _VERB.search(clause)
    kind_match = _KIND.search(clause)
    if not verb or not kind_match:
        return None
    kind = "theme" if "theme" in kind_match.group(1).lower() else "priority"
    type_ = _VERB_TYPE[verb.group("verb").lower()]
    before, after = clause[: verb.start()], clause[verb.end():]
    acronyms: dict[str, str] = {}
    quoted = _labels(clause)
    sources: list[str] = []
    targets: list[str] = []
    previously = _PREVIOUSLY.search(clause)
    anaphor = _ANAPHOR.search(before)
    refers_to = anaphor.group(1).lower() if anaphor else None
    if refers_to in antecedents:
        sources.append(antecedents[refers_to])
    for label, acr, position in quoted:
        if acr:
            acronyms[label] = acr
        named_before = position < verb.start() and type_ != "introduced"
        if (previously and position > previously.start()) or named_before:
            sources.append(label)
        else:
            targets.append(label)
    if type_ == "split" and previously and previously.group(0).lower().startswith("split"):
        # "X was split out from Y": Y is divided into X and what remains of Y.
        whole = [label for label, _, position in quoted if position > previously.start()]
        pieces = [label for label, _, position in quoted if position < verb.start()]
        if whole and pieces:
            sources, targets = whole, [*pieces, *whole]
    new = re.search(r"\bnew\b", before, re.I)
    if type_ == "introduced":
        if not targets:
            label = _unquoted(before, last=True) if not new else _unquoted(after, last=False)
            if label:
                targets.append(_strip_acronym(label, acronyms))
        if not targets:
            return None
        if not new and not re.search(r"\bas\s+a\s+(?:new|standalone|separate)\b", clause, re.I):
            return None  # "X was added to ..." without "new": not a change of the agreement
    else:
        if not sources:
            label = _unquoted(before, last=True)
            if label:
                sources.append(_strip_acronym(label, acronyms))
        if type_ != "retired" and not targets:
            label = _unquoted(after, last=False)
            if label:
                targets.append(_strip_acronym(label, acronyms))
        if not sources or (type_ != "retired" and not targets):
            return None
        if type_ == "merged" and len(targets) > 1:
            sources, targets = [*sources, *targets[:-1]], targets[-1:]
    event = Narrated(year, type_, kind, sources, targets, clause, acronyms)
    if refers_to in antecedents:
        event.antecedent = antecedents.get(f"{refers_to} said")
    return event


def _strip_acronym(label: str, acronyms: dict[str, str]) -> str:
    match = re.match(r"^(.*?)\s*\(([A-Z][A-Za-z0-9&]{1,9})\)$", label)
    if match and is_acronym(match.group(2)):
        acronyms[match.group(1)] = match.group(2)
        return match.group(1)
    return label


def narrate(text: str, default_year: int | None = None,
            antecedents: dict[str, str] | None = None) -> list[Narrated]:
    """Every change narrated in ``text``; the year comes from a marker or "in (Month) YYYY".

    ``antecedents`` (kind -> the label last narrated; "KIND said" -> the clause that named it)
    lets "the above theme" refer back across paragraphs; pass one dict for a whole part.
    """
    events: list[Narrated] = []
    antecedents = {} if antecedents is None else antecedents
    for year, segment, _offset in segments(text):
        for clause in clauses(segment):
            in_year = _IN_YEAR.search(clause)
            effective = year or (int(in_year.group(1)) if in_year else default_year)
            if effective is None:
                continue
            event = parse_clause(clause, effective, antecedents)
            if event is None:
                continue
            events.append(event)
            for target in event.targets:
                antecedents[event.kind] = target
                antecedents[f"{event.kind} said"] = clause
    return events


_UNCHANGED = re.compile(r"\bno\s+changes?\s+(?:were|was|have|has|had)\s+(?:been\s+)?"
                        r"(?:made|identified|proposed|required)\b", re.I)
_ANY_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def unchanged_years(text: str) -> set[int]:
    """Years ``text`` says a review changed nothing in ("2023 - No changes were made", "In the
    review for April 2024 no changes have been identified"); "no major changes" is not one."""
    years: set[int] = set()
    for year, segment, _offset in segments(text):
        for clause in clauses(segment):
            if _UNCHANGED.search(clause):
                named = year or next((int(m.group(1)) for m in _ANY_YEAR.finditer(clause)), None)
                if named is not None:
                    years.add(named)
    return years


_ENDS_SENTENCE = re.compile(r"[.:;!?][’'”\")]*\s*$")


_NEW_ENTRY = re.compile(r"^\s*(?:[o•▪◦·-]\s+)?(?:(?:19|20)\d\d\s*[–—:-]|\d+(?:\.\d+)*\.?\s)")


def _runs_on(previous: str, text: str) -> bool:
    """Does ``text`` continue ``previous`` (a sentence or a quotation left open)?"""
    if not text or _NEW_ENTRY.match(text):
        return False
    open_quote = previous.count("‘") > previous.count("’") or previous.count("“") > \
        previous.count("”")
    return open_quote or not _ENDS_SENTENCE.search(previous) or text[0].islower()


def logical_paragraphs(blocks: list[Block]) -> list[tuple[str, list[tuple[int, Block]]]]:
    """Blocks re-joined where a list item or paragraph runs on into the next block (a line or
    page break the cleaning kept), with the offset of each block in the joined text."""
    groups: list[tuple[str, list[tuple[int, Block]]]] = []
    for block in blocks:
        text = block.text.strip()
        if groups and block.kind in {"paragraph", "list_item"} and groups[-1][1][-1][1].kind in {
                "paragraph", "list_item"} and _runs_on(groups[-1][0], text):
            joined, members = groups[-1]
            members.append((len(joined) + 1, block))
            groups[-1] = (f"{joined} {text}", members)
        else:
            groups.append((text, [(0, block)]))
    return groups


# -- writing the narrative ----------------------------------------------------------------------

def scope(partnership: URIRef | None) -> tuple[str, ...]:
    """The key a partnership's lineage nodes are minted under (its IRI's last segment)."""
    return (str(partnership).rsplit("/", 1)[-1],) if partnership else ()


def mention_iri(year: int, label: str, partnership: URIRef | None = None) -> URIRef:
    return mint("mention", *scope(partnership), year, names.normalise(label))


def event_iri(event_type: str, year: int, sources: list[str], targets: list[str],
              partnership: URIRef | None = None) -> URIRef:
    keys = "+".join(names.normalise(label) for label in [*sources, ">", *targets])
    return mint("change", *scope(partnership), year, event_type, keys)


def belongs(graph: Graph, node: URIRef, partnership: URIRef | None) -> None:
    if partnership is not None:
        graph.add((node, CSA.partnership, partnership))


def _narrated_scheme(ctx: PartContext, year: int, period: str | None) -> URIRef:
    graph, part = ctx.graph, ctx.part_iri
    scheme = names.scheme_iri(str(year), ctx.partnership_key)
    belongs(graph, scheme, ctx.partnership.iri if ctx.partnership else None)
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, CSA.startYear, Literal(year)))
    graph.add((scheme, CSA.narratedBy, part))
    if period:
        graph.add((scheme, CSA.period, Literal(period)))
    return scheme


def extract_part(ctx: PartContext) -> None:
    """Narrated versions (version-control rows) and narrated changes in one part."""
    in_version_table = False
    for block in ctx.part.blocks:
        if _VERSION_TABLE.search(block.text):
            in_version_table = True
        elif block.kind == "heading" and not _VERSION_ROW.search(block.text):
            in_version_table = False
        if in_version_table:
            for row in _VERSION_ROW.finditer(block.text):
                month, year = (row.group(2) or "").strip(), int(row.group(3))
                period = f"{month} {year}".strip()
                scheme = _narrated_scheme(ctx, year, period)
                ctx.cite(scheme, block, row.group().strip())
    antecedents: dict[str, str] = {}
    read: list[tuple[str, list[tuple[int, Block]]]] = []
    for text, members in logical_paragraphs(ctx.part.blocks):
        read.append((text, members))
        ctx.findings.setdefault(UNCHANGED, set()).update(unchanged_years(text))
        for event in narrate(text, antecedents=antecedents):
            _write_event(ctx, _where(text, members, event.quote), event, _span(read, event))


def _span(read: list[tuple[str, list[tuple[int, Block]]]], event: Narrated
          ) -> tuple[int | None, str] | None:
    """(page, quote) from the clause a back-reference points to through the event's own
    clause, verbatim (the paragraphs between joined as the text runs), or None."""
    if not event.antecedent:
        return None
    current = read[-1][0]
    for index in range(len(read) - 1, -1, -1):
        text, members = read[index]
        if event.antecedent in text:
            joined = " ".join(paragraph for paragraph, _ in read[index:])
            start = joined.find(event.antecedent)
            end = len(joined) - len(current) + current.find(event.quote) + len(event.quote)
            where = _where(text, members, event.antecedent)
            return (where.page if isinstance(where, Block) else where), joined[start:end]
    return None


def _where(text: str, members: list[tuple[int, Block]], quote: str) -> Block | int | None:
    """The block holding ``quote``, or the page it starts on when it runs over two blocks."""
    start = text.find(quote)
    holder = members[0][1]
    for offset, block in members:
        if offset <= max(start, 0):
            holder = block
    if quote in holder.text:
        return holder
    return holder.page


def _write_event(ctx: PartContext, block: Block | int | None, event: Narrated,
                 span: tuple[int | None, str] | None = None) -> None:
    graph = ctx.graph
    # A merge needs two sources and a split two targets (the SHACL shapes say so); a sentence
    # naming only one is a change of scope.
    if event.type == "merged" and len(event.sources) < 2:
        event.type = "expanded"
    if event.type == "split" and len(event.targets) < 2:
        event.type = "renamed"
    partnership = ctx.partnership.iri if ctx.partnership else None
    node = event_iri(event.type, event.year, event.sources, event.targets, partnership)
    belongs(graph, node, partnership)
    graph.add((node, RDF.type, XKOS.ConceptAssociation))
    graph.add((node, RDF.type, EVENT_CLASS[event.type]))
    graph.add((node, CSA.effectiveYear, Literal(event.year)))
    graph.add((node, CSA.foundBy, Literal("narrative")))
    if span:
        ctx.cite(node, *span)
    else:
        ctx.cite(node, block, event.quote)
    scheme = _narrated_scheme(ctx, event.year, None)
    for label in event.targets:
        concept = names.concept_iri(str(event.year), label, ctx.partnership_key)
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, RDF.type, KIND_CLASS[event.kind]))
        graph.add((concept, SKOS.inScheme, scheme))
        graph.add((concept, SKOS.prefLabel, Literal(label)))
        if label in event.acronyms:
            graph.add((concept, SKOS.altLabel, Literal(event.acronyms[label])))
        graph.add((node, XKOS.targetConcept, concept))
        ctx.cite(concept, block, event.quote)
    for label in event.sources:
        mention = mention_iri(event.year, label, partnership)
        belongs(graph, mention, partnership)
        graph.add((mention, RDF.type, CSA.Mention))
        graph.add((mention, SKOS.prefLabel, Literal(label)))
        graph.add((mention, DCTERMS.type, Literal(event.kind)))
        graph.add((node, XKOS.sourceConcept, mention))

"""Acts and Regulations named in the text, each once, with what the text says they did.

A UK statute's short title is a run of capitalised words (with "and", "of", commas and
parentheses inside) ending in "Act YYYY" or "Regulations YYYY"; that pattern, not a list of Acts,
finds them. The node is keyed by the normalised title and year so that every mention meets in
one ``eli:LegalResource``. A clause the text attaches to the Act ("introduced directly elected
...", "X was added by the ... Act") becomes a claim node with ``csa:didWhat`` and its quote.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from rdflib import Dataset, Literal, URIRef

from partnership_kg.graph import act_sections
from partnership_kg.graph.acts_table import ActsTable, TableAct, acronym_of, load_table
from partnership_kg.graph.context import PartContext
from partnership_kg.graph.names import normalise
from partnership_kg.graph.resolve import contains_label
from partnership_kg.graph.vocab import CSA, DCTERMS, ELI, OA, OWL, PROV, RDF, RDFS, SKOS, XSD, mint
from partnership_kg.ingest.model import Block

# The anchor: "Act 1998", "Act (2004)", "Regulations 2007"; an optional chapter "(c. 37)".
_ANCHOR = re.compile(
    r"\b(?P<kind>Act|Regulations|Measure)\s*\(?(?P<year>(?:18|19|20)\d\d)\)?"
    r"(?:\s*\(?\s*(?:c\.|chapter)\s*(?P<chapter>\d+)\s*\)?)?",
)
_TOKEN = re.compile(r"[A-Za-z][\w'’-]*|[(),&]")
_CONNECTORS = {"and", "of", "for", "from", "in", "on", "to", "(", ")", ",", "&"}
_LEADING_JUNK = {"The", "the", "and", "of", "for", "from", "in", "on", "to", ",", "&", ")"}
# Verbs by which the text says what an Act did (general English, not corpus facts).
_VERBS = (r"introduced|introduces|added|adds|gave|gives|set out|sets out|brought|established|"
          r"created|placed|received|required|requires|replaced|amended|made|extended|abolished|"
          r"provided|put|came into force|conferred")
_ACTIVE = re.compile(rf"^\s*[’'”\"]?\)?\s*,?\s*(?P<clause>(?:{_VERBS})\b[^.;]*)")
_PASSIVE = re.compile(
    rf"(?P<object>[^.;,]*?)\s+(?:was|were|has been|have been)\s+(?:\w+ly\s+)?"
    rf"(?P<verb>{_VERBS})\b(?P<rest>[^.;]*?)\s+(?:by|under)\s+(?:the\s+)?[‘'“\"]?\s*$",
)
_LEAD_WORDS = re.compile(r"^(?:and|but|also|then|most recently|recently|subsequently)\s+", re.I)


@dataclass(frozen=True)
class ActMention:
    title: str  # as written, without a leading "The"
    kind: str  # "Act" or "Regulations"
    year: int
    chapter: int | None
    start: int  # offsets of the title in the block text
    end: int

    @property
    def key(self) -> str:
        return f"{normalise(self.title)} {self.year}"


def find_acts(text: str) -> list[ActMention]:
    """Every Act/Regulations title with its year in ``text``."""
    mentions = []
    for anchor in _ANCHOR.finditer(text):
        tokens = list(_TOKEN.finditer(text[: anchor.start()]))
        kept: list[re.Match[str]] = []
        # Walk back over title words: capitalised words and connectors; stop at anything else.
        for token in reversed(tokens):
            word = token.group()
            gap = text[token.end(): (kept[-1].start() if kept else anchor.start())]
            if gap.strip(" \n\t"):  # a quote mark or colon between words ends the title
                break
            if word[0].isupper() or word in _CONNECTORS:
                kept.append(token)
            else:
                break
        kept.reverse()
        while kept and kept[0].group() in _LEADING_JUNK:
            kept.pop(0)
        # Unbalanced parentheses mean the walk crossed an aside: keep the part after it.
        while kept and _unbalanced(text[kept[0].start(): anchor.start()]):
            kept.pop(0)
            while kept and kept[0].group() in _LEADING_JUNK:
                kept.pop(0)
        if not kept:
            continue
        start = kept[0].start()
        title_words = " ".join(text[start: anchor.start()].split())
        title = f"{title_words} {anchor.group('kind')}".strip()
        if len(title.split()) < 2:
            continue
        chapter = anchor.group("chapter")
        mentions.append(ActMention(title, anchor.group("kind"), int(anchor.group("year")),
                                   int(chapter) if chapter else None, start, anchor.end()))
    return mentions


def _unbalanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += char == "("
        depth -= char == ")"
        if depth < 0:
            return True
    return depth != 0


@dataclass(frozen=True)
class ResolvedAct:
    """An Act named in the text and what it resolved to: a table row, or its own title key."""

    node: URIRef
    key: str  # the table row's key when matched, else the text's title and year
    row: TableAct | None
    how: str | None  # "exact" or "fuzzy" when matched


def act_iri(mention: ActMention) -> URIRef:
    return mint("act", mention.key)


def resolve(mention: ActMention, table: ActsTable) -> ResolvedAct:
    """The table row for the title as written (one node per Act however it is spelt)."""
    found = table.match(mention.title, mention.year)
    if found is None:
        return ResolvedAct(act_iri(mention), mention.key, None, None)
    row, how = found
    return ResolvedAct(mint("act", row.key), row.key, row, how)


def claims_of(text: str, mention: ActMention, after: int = 0) -> list[tuple[str, str]]:
    """(didWhat, quote) pairs the text attaches to ``mention``: active or passive clauses.

    ``after`` is where the previous Act mention ended: a passive subject never reaches past it.
    """
    found = []
    active = _ACTIVE.match(text[mention.end:])
    if active:
        clause = active.group("clause").strip().rstrip(",")
        found.append((clause, text[mention.start: mention.end] + text[mention.end:][
            : active.end()]))
    sentence_start = max(text.rfind(". ", 0, mention.start) + 2,
                         text.rfind(";", 0, mention.start) + 1, after)
    before = text[sentence_start: mention.start]
    passive = _PASSIVE.search(before)
    if passive:
        subject = before[passive.start("object"): passive.end("object")]
        # Split off an earlier clause joined by a comma ("..., and most recently X was added").
        subject = subject.split(",")[-1].strip()
        subject = _LEAD_WORDS.sub("", subject).strip()
        subject = _LEAD_WORDS.sub("", subject).strip()
        if subject:
            quote_start = before.find(subject) + sentence_start
            quote = text[quote_start: mention.end]
            subject = subject[0].lower() + subject[1:]
            clause = f"{passive.group('verb')} {subject}{passive.group('rest')}"
            found.append((" ".join(clause.split()), quote))
    return found


def extract_part(ctx: PartContext) -> None:
    """Acts named in the part: the node, the part's reference, quoted claims and sections."""
    table = load_table()
    named: list[tuple[ActMention, ResolvedAct]] = []
    for block in ctx.part.blocks:
        previous_end = 0
        for mention in find_acts(block.text):
            after, previous_end = previous_end, mention.end
            act = resolve(mention, table)
            named.append((mention, act))
            _add_act(ctx, block, mention, act)
            for did_what, quote in claims_of(block.text, mention, after):
                digest = hashlib.sha1(normalise(did_what).encode()).hexdigest()[:12]
                claim = mint("act-claim", act.key, digest)
                ctx.graph.add((claim, RDF.type, CSA.ActClaim))
                ctx.graph.add((claim, CSA.act, act.node))
                ctx.graph.add((claim, CSA.didWhat, Literal(did_what)))
                ctx.graph.add((act.node, CSA.claim, claim))
                ctx.cite(claim, block, quote)
            for ref in (act_sections.before(block.text, mention.start, mention.end),
                        act_sections.after(block.text, mention.start, mention.end)):
                if ref is not None:
                    _add_sections(ctx, block, ref, act, _title(mention, act))
    for block in ctx.part.blocks:
        for ref in act_sections.abbreviated(block.text):
            _add_abbreviated(ctx, block, ref, named, table)


def _title(mention: ActMention, act: ResolvedAct) -> str:
    return f"{act.row.title if act.row else mention.title} {mention.year}"


def _add_act(ctx: PartContext, block: Block, mention: ActMention, act: ResolvedAct) -> None:
    """The Act's node: the table's title and identifier when matched, the text's words as a
    label either way (a misnamed Act keeps the name the document gave it)."""
    graph, node = ctx.graph, act.node
    wording = f"{mention.title} {mention.year}"
    graph.add((node, RDF.type, ELI.LegalResource))
    graph.add((node, DCTERMS.title, Literal(_title(mention, act))))
    graph.add((node, RDFS.label, Literal(wording)))
    graph.add((node, DCTERMS.date, Literal(str(mention.year), datatype=XSD.gYear)))
    graph.add((node, CSA.startYear, Literal(mention.year)))
    graph.add((ctx.part_iri, DCTERMS.references, node))
    if act.row is not None:
        graph.add((node, OWL.sameAs, URIRef(act.row.uri)))
        graph.add((node, CSA.foundBy, Literal(f"acts table ({act.how})")))
    elif mention.chapter is not None and mention.kind == "Act":
        graph.add((node, CSA.chapter, Literal(mention.chapter)))
        graph.add((node, OWL.sameAs, URIRef(
            f"http://www.legislation.gov.uk/id/ukpga/{mention.year}/{mention.chapter}")))
    ctx.cite(node, block, block.text[mention.start: mention.end])


def _add_sections(ctx: PartContext, block: Block, ref: act_sections.SectionRef,
                  act: ResolvedAct, title: str) -> None:
    """One ``eli:LegalResourceSubdivision`` per section, part of the Act, with the quote."""
    graph = ctx.graph
    for number in ref.numbers:
        node = mint("act", act.key, "section", number)
        graph.add((node, RDF.type, ELI.LegalResourceSubdivision))
        graph.add((node, ELI.is_part_of, act.node))
        graph.add((act.node, ELI.has_part, node))
        graph.add((node, ELI.number, Literal(number)))
        graph.add((node, RDFS.label, Literal(f"section {number} of the {title}")))
        if act.row is not None:
            graph.add((node, OWL.sameAs, URIRef(f"{act.row.uri}/section/{number}")))
        graph.add((ctx.part_iri, DCTERMS.references, node))
        ctx.cite(node, block, block.text[ref.start: ref.end])


def _add_abbreviated(ctx: PartContext, block: Block, ref: act_sections.SectionRef,
                     named: list[tuple[ActMention, ResolvedAct]], table: ActsTable) -> None:
    """ "s.17 of the CDA": an Act the part names with those initials (or that year), else the
    one table row so abbreviated. Nothing is linked when the abbreviation is ambiguous."""
    if ref.acronym:
        candidates = {act.node: (mention, act) for mention, act in named
                      if acronym_of(_title(mention, act).rsplit(" ", 1)[0]) == ref.acronym
                      and ref.year in (None, mention.year)}
    else:
        candidates = {act.node: (mention, act) for mention, act in named
                      if mention.year == ref.year and mention.kind == "Act"}
    if len(candidates) == 1:
        mention, act = next(iter(candidates.values()))
        _add_sections(ctx, block, ref, act, _title(mention, act))
        return
    row = table.by_acronym(ref.acronym, ref.year) if ref.acronym and not candidates else None
    if row is None:
        return
    act = ResolvedAct(mint("act", row.key), row.key, row, "acronym")
    graph, node, quote = ctx.graph, act.node, block.text[ref.start: ref.end]
    graph.add((node, RDF.type, ELI.LegalResource))
    graph.add((node, DCTERMS.title, Literal(f"{row.title} {row.year}")))
    graph.add((node, DCTERMS.date, Literal(str(row.year), datatype=XSD.gYear)))
    graph.add((node, CSA.startYear, Literal(row.year)))
    graph.add((node, OWL.sameAs, URIRef(row.uri)))
    graph.add((node, CSA.foundBy, Literal("acts table (acronym)")))
    graph.add((ctx.part_iri, DCTERMS.references, node))
    ctx.cite(node, block, quote)
    _add_sections(ctx, block, ref, act, f"{row.title} {row.year}")


def corpus_pass(dataset: Dataset, contexts: list[PartContext]) -> None:
    """A priority or theme named in what an Act did references the Act ("the addition of
    anti-social behaviour (ASB) ... within the remit" -> every version of that priority)."""
    graphs = {context.part_iri: context.graph for context in contexts}
    concepts = [(concept, str(label)) for cls in (CSA.Priority, CSA.CrossCuttingTheme)
                for concept in set(dataset.subjects(RDF.type, cls))
                for label in dataset.objects(concept, SKOS.prefLabel)]
    for claim in set(dataset.subjects(RDF.type, CSA.ActClaim)):
        act = dataset.value(claim, CSA.act)
        text = " ".join(str(did) for did in dataset.objects(claim, CSA.didWhat))
        evidence = dataset.value(claim, PROV.wasDerivedFrom)
        graph = graphs.get(dataset.value(evidence, OA.hasSource)) if evidence else None
        if act is None or graph is None:
            continue
        for concept, label in concepts:
            if contains_label(text, label):
                graph.add((concept, DCTERMS.references, act))

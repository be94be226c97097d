"""Lineage of priorities and themes: change events between agreement versions.

Two sources of events, both written as ``xkos:ConceptAssociation`` typed ``csa:Introduction``,
``Rename``, ``Expansion``, ``Merge``, ``Split`` or ``Retirement``, with ``csa:effectiveYear``,
``csa:foundBy`` and a quote:

* narrative (``extract_part``): sentences such as "2020 - The priority of X was expanded to
  become 'Y'" or "a new priority of 'X' was introduced, which was previously part of 'Y'". The
  year may belong to a version that is not in the corpus: the target concept is then minted in a
  scheme for that year (``csa:narratedBy`` the narrating part). A version-control table ("2.0
  April 2018 Refreshed ...") also declares such narrated versions. The concept a sentence starts
  from is only a ``csa:Mention`` here: which version it belongs to is known once every part is
  read, so ``corpus_pass`` resolves it.
* alignment (``corpus_pass``): consecutive agreement versions, with the narrated events between
  them applied, are matched by label rules (spelling, acronym), containment and fuzzy
  similarity, and scope lists ("X (including A, B)"); what is left is introduced or retired.

The verbs and patterns are general English; no priority name is written here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, Literal, URIRef

from partnership_kg.graph import names
from partnership_kg.graph.context import PartContext
from partnership_kg.graph.resolve import (
    contains_label,
    core,
    is_acronym,
    parentheticals,
    same_concept,
    similarity,
)
from partnership_kg.graph.vocab import CSA, DCTERMS, OA, PROV, RDF, RDFS, SKOS, XKOS, mint
from partnership_kg.ingest.model import Block

EVENT_CLASS = {
    "introduced": CSA.Introduction, "renamed": CSA.Rename, "expanded": CSA.Expansion,
    "merged": CSA.Merge, "split": CSA.Split, "retired": CSA.Retirement,
}
CLASS_EVENT = {value: key for key, value in EVENT_CLASS.items()}
KIND_CLASS = {"priority": CSA.Priority, "theme": CSA.CrossCuttingTheme}

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
    if anaphor and anaphor.group(1).lower() in antecedents:
        sources.append(antecedents[anaphor.group(1).lower()])
    for label, acr, position in quoted:
        if acr:
            acronyms[label] = acr
        named_before = position < verb.start() and type_ != "introduced"
        if (previously and position > previously.start()) or named_before:
            sources.append(label)
        else:
            targets.append(label)
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
    return Narrated(year, type_, kind, sources, targets, clause, acronyms)


def _strip_acronym(label: str, acronyms: dict[str, str]) -> str:
    match = re.match(r"^(.*?)\s*\(([A-Z][A-Za-z0-9&]{1,9})\)$", label)
    if match and is_acronym(match.group(2)):
        acronyms[match.group(1)] = match.group(2)
        return match.group(1)
    return label


def narrate(text: str, default_year: int | None = None,
            antecedents: dict[str, str] | None = None) -> list[Narrated]:
    """Every change narrated in ``text``; the year comes from a marker or "in (Month) YYYY".

    ``antecedents`` (kind -> the label last narrated) lets "the above theme" refer back across
    paragraphs; pass one dict for a whole part.
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
    return events


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

def _scope(partnership: URIRef | None) -> tuple[str, ...]:
    """The key a partnership's lineage nodes are minted under (its IRI's last segment)."""
    return (str(partnership).rsplit("/", 1)[-1],) if partnership else ()


def mention_iri(year: int, label: str, partnership: URIRef | None = None) -> URIRef:
    return mint("mention", *_scope(partnership), year, names.normalise(label))


def event_iri(event_type: str, year: int, sources: list[str], targets: list[str],
              partnership: URIRef | None = None) -> URIRef:
    keys = "+".join(names.normalise(label) for label in [*sources, ">", *targets])
    return mint("change", *_scope(partnership), year, event_type, keys)


def _belongs(graph: Graph, node: URIRef, partnership: URIRef | None) -> None:
    if partnership is not None:
        graph.add((node, CSA.partnership, partnership))


def _narrated_scheme(ctx: PartContext, year: int, period: str | None) -> URIRef:
    graph, part = ctx.graph, ctx.part_iri
    scheme = names.scheme_iri(str(year), ctx.partnership_key)
    _belongs(graph, scheme, ctx.partnership.iri if ctx.partnership else None)
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
    for text, members in logical_paragraphs(ctx.part.blocks):
        for event in narrate(text, antecedents=antecedents):
            _write_event(ctx, _where(text, members, event.quote), event)


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


def _write_event(ctx: PartContext, block: Block | int | None, event: Narrated) -> None:
    graph = ctx.graph
    # A merge needs two sources and a split two targets (the SHACL shapes say so); a sentence
    # naming only one is a change of scope.
    if event.type == "merged" and len(event.sources) < 2:
        event.type = "expanded"
    if event.type == "split" and len(event.targets) < 2:
        event.type = "renamed"
    partnership = ctx.partnership.iri if ctx.partnership else None
    node = event_iri(event.type, event.year, event.sources, event.targets, partnership)
    _belongs(graph, node, partnership)
    graph.add((node, RDF.type, XKOS.ConceptAssociation))
    graph.add((node, RDF.type, EVENT_CLASS[event.type]))
    graph.add((node, CSA.effectiveYear, Literal(event.year)))
    graph.add((node, CSA.foundBy, Literal("narrative")))
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
        _belongs(graph, mention, partnership)
        graph.add((mention, RDF.type, CSA.Mention))
        graph.add((mention, SKOS.prefLabel, Literal(label)))
        graph.add((mention, DCTERMS.type, Literal(event.kind)))
        graph.add((node, XKOS.sourceConcept, mention))


# -- the corpus pass ----------------------------------------------------------------------------

@dataclass
class Concept:
    iri: URIRef
    label: str
    kind: str
    scheme: URIRef
    year: int


@dataclass
class Version:
    scheme: URIRef
    year: int
    real: bool  # stated by an agreement in the corpus (not only narrated)
    partnership: URIRef | None = None
    concepts: list[Concept] = field(default_factory=list)
    sources: list[URIRef] = field(default_factory=list)  # parts stating or narrating it


def _versions(graph: Graph, partnership: URIRef | None | bool = False) -> list[Version]:
    """Every version (``partnership`` False), or one partnership's (None: those of none)."""
    versions: dict[URIRef, Version] = {}
    for scheme in set(graph.subjects(RDF.type, SKOS.ConceptScheme)):
        year = graph.value(scheme, CSA.startYear)
        if year is None or (partnership is not False
                            and graph.value(scheme, CSA.partnership) != partnership):
            continue
        sources = list(graph.objects(scheme, DCTERMS.source))
        narrators = list(graph.objects(scheme, CSA.narratedBy))
        versions[scheme] = Version(scheme, int(year), _is_real(graph, sources, narrators),
                                   graph.value(scheme, CSA.partnership),
                                   sources=sources or narrators)
    for kind, cls in KIND_CLASS.items():
        for concept in set(graph.subjects(RDF.type, cls)):
            scheme = graph.value(concept, SKOS.inScheme)
            label = graph.value(concept, SKOS.prefLabel)
            if scheme in versions and label is not None:
                version = versions[scheme]
                version.concepts.append(Concept(concept, str(label), kind, scheme, version.year))
    for version in versions.values():
        version.concepts.sort(key=lambda concept: concept.label)
    return sorted(versions.values(), key=lambda version: version.year)


def _is_real(graph: Graph, sources: list[URIRef], narrators: list[URIRef]) -> bool:
    """A version is stated in the corpus when an agreement part states it, or when some part
    lists it and no agreement's version history speaks for that year (a report listing the
    2011-14 priorities counts; a strategy's own priorities in a narrated year do not)."""
    if any((part, RDF.type, CSA.Agreement) in graph for part in sources):
        return True
    return bool(sources) and not any((part, RDF.type, CSA.Agreement) in graph
                                     for part in narrators)


def _find(label: str, concepts: list[Concept], kind: str | None = None) -> Concept | None:
    """The concept ``label`` names among ``concepts``: same spelling/acronym, then fuzzy."""
    pool = [c for c in concepts if kind is None or c.kind == kind] or concepts
    for concept in pool:
        if same_concept(label, concept.label):
            return concept
    scored = sorted(((similarity(label, c.label), c.label, c) for c in pool), reverse=True,
                    key=lambda item: item[:2])
    if scored and scored[0][0] >= 90:
        return scored[0][2]
    return None


class _Writer:
    """Writes pass results into the named graph of the part holding the evidence."""

    def __init__(self, dataset: Dataset, contexts: list[PartContext]) -> None:
        self.dataset = dataset
        self.graphs = {context.part_iri: context.graph for context in contexts}

    def graph_for(self, node: URIRef) -> Graph:
        for target in self.dataset.objects(node, PROV.wasDerivedFrom):
            part = self.dataset.value(target, OA.hasSource)
            if part in self.graphs:
                return self.graphs[part]
        return next(iter(self.graphs.values()))


def _resolve_mentions(dataset: Dataset, versions: list[Version], writer: _Writer) -> None:
    """Each ``csa:Mention`` becomes the concept in force just before the event's year."""
    partnership = versions[0].partnership if versions else None
    for mention in list(dataset.subjects(RDF.type, CSA.Mention)):
        if dataset.value(mention, CSA.partnership) != partnership:
            continue  # another partnership's mention: resolved against its own versions
        label = str(dataset.value(mention, SKOS.prefLabel))
        kind = str(dataset.value(mention, DCTERMS.type) or "priority")
        for event in list(dataset.subjects(XKOS.sourceConcept, mention)):
            year = int(dataset.value(event, CSA.effectiveYear))
            found = None
            for version in reversed([v for v in versions if v.year < year]):
                found = _find(label, version.concepts, kind)
                if found:
                    break
            graph = writer.graph_for(event)
            for _, _, _, context in list(dataset.quads((event, XKOS.sourceConcept, mention,
                                                          None))):
                dataset.graph(context).remove((event, XKOS.sourceConcept, mention))
            if found is None:
                # Named before any version in the corpus: keep it as a concept of its own.
                # Named before any version in the corpus: a plain skos:Concept (no version
                # holds it), evidenced by the narrating text.
                concept = mint("concept", *_scope(partnership), "before", year,
                               names.normalise(label))
                graph.add((concept, RDF.type, SKOS.Concept))
                graph.add((concept, SKOS.prefLabel, Literal(label)))
                graph.add((concept, DCTERMS.type, Literal(kind)))
                for evidence in dataset.objects(event, PROV.wasDerivedFrom):
                    graph.add((concept, PROV.wasDerivedFrom, evidence))
                target_iri = concept
            else:
                target_iri = found.iri
            graph.add((event, XKOS.sourceConcept, target_iri))
            _shortcuts(graph, dataset, event)
        for _, _, _, context in list(dataset.quads((mention, None, None, None))):
            for triple in list(dataset.graph(context).triples((mention, None, None))):
                dataset.graph(context).remove(triple)


def _shortcuts(graph: Graph, dataset: Dataset, event: URIRef) -> None:
    """``dct:replaces`` and SKOS mapping shortcuts an event implies."""
    types = {CLASS_EVENT.get(cls) for cls in dataset.objects(event, RDF.type)}
    sources = list(dataset.objects(event, XKOS.sourceConcept))
    targets = list(dataset.objects(event, XKOS.targetConcept))
    for target in targets:
        for source in sources:
            if "introduced" in types:
                graph.add((target, SKOS.related, source))  # split out of it; it goes on
                continue
            graph.add((target, DCTERMS.replaces, source))
            if "renamed" in types:
                graph.add((source, SKOS.exactMatch, target))
            elif "expanded" in types or "merged" in types:
                graph.add((source, SKOS.broadMatch, target))
                graph.add((target, SKOS.narrowMatch, source))
            elif "split" in types:
                graph.add((source, SKOS.narrowMatch, target))
                graph.add((target, SKOS.broadMatch, source))


def _narrated_events(dataset: Dataset, partnership: URIRef | None
                     ) -> list[tuple[int, URIRef, str, list[URIRef], list[URIRef]]]:
    events = []
    for event in set(dataset.subjects(CSA.foundBy, Literal("narrative"))):
        if dataset.value(event, CSA.partnership) != partnership:
            continue
        year = int(dataset.value(event, CSA.effectiveYear))
        types = [CLASS_EVENT[c] for c in dataset.objects(event, RDF.type) if c in CLASS_EVENT]
        events.append((year, event, types[0] if types else "renamed",
                       list(dataset.objects(event, XKOS.sourceConcept)),
                       list(dataset.objects(event, XKOS.targetConcept))))
    return sorted(events, key=lambda item: (item[0], str(item[1])))


def _rename_node(dataset: Dataset, old: URIRef, new: URIRef) -> None:
    """Every quad naming ``old`` now names ``new``, in the same named graph."""
    for s, p, o, context in list(dataset.quads((old, None, None, None))):
        graph = dataset.graph(context)
        graph.remove((s, p, o))
        graph.add((new, p, o))
    for s, p, o, context in list(dataset.quads((None, None, old, None))):
        graph = dataset.graph(context)
        graph.remove((s, p, o))
        graph.add((s, p, new))


def _merge_narrated_duplicates(dataset: Dataset, versions: list[Version]) -> None:
    """Two texts narrating one change ("VAWG was added", "'Violence Against Women and Girls'
    (VAWG) was added") meet in one concept (the longer label; the other an altLabel) and one
    event (with both quotes)."""
    for version in versions:
        if version.real:
            continue
        concepts = sorted(version.concepts, key=lambda c: -len(c.label))
        for index, keep in enumerate(concepts):
            for other in concepts[index + 1:]:
                if other.iri != keep.iri and same_concept(keep.label, other.label):
                    stating = {ctx for _, _, _, ctx in dataset.quads((other.iri, SKOS.prefLabel,
                                                                      None, None))}
                    for graph_node in stating:
                        dataset.graph(graph_node).add((keep.iri, SKOS.altLabel,
                                                       Literal(other.label)))
                    _rename_node(dataset, other.iri, keep.iri)
                    dataset.remove((keep.iri, SKOS.prefLabel, Literal(other.label)))
                    other.iri = keep.iri
    seen: dict[tuple[object, ...], URIRef] = {}
    partnership = versions[0].partnership if versions else None
    for year, event, type_, sources, targets in _narrated_events(dataset, partnership):
        key = (year, type_, frozenset(sources), frozenset(targets))
        if key in seen and seen[key] != event:
            _rename_node(dataset, event, seen[key])
        else:
            seen[key] = event


def corpus_pass(dataset: Dataset, contexts: list[PartContext]) -> None:
    """Resolve narrative mentions, then align consecutive agreement versions."""
    writer = _Writer(dataset, contexts)
    # Versions of one partnership only are aligned: two partnerships' plans never meet.
    partnerships = sorted({v.partnership for v in _versions(dataset)}, key=lambda p: str(p))
    for partnership in partnerships:
        _merge_narrated_duplicates(dataset, _versions(dataset, partnership))
        _partnership_pass(dataset, writer, _versions(dataset, partnership))


def _partnership_pass(dataset: Dataset, writer: _Writer, versions: list[Version]) -> None:
    partnership = versions[0].partnership if versions else None
    for version in versions:
        if dataset.value(version.scheme, CSA.period) is None:
            writer.graph_for(version.scheme).add((version.scheme, CSA.period,
                                                  Literal(str(version.year))))
    _resolve_mentions(dataset, versions, writer)
    narrated = _narrated_events(dataset, partnership)
    concept_of: dict[URIRef, Concept] = {c.iri: c for v in versions for c in v.concepts}
    real = [version for version in versions if version.real]
    carried: list[Concept] = real[0].concepts if real else []
    for older, newer in zip(real, real[1:], strict=False):
        current = {concept.iri: concept for concept in carried}
        for year, _event, type_, sources, targets in narrated:
            if not older.year < year <= newer.year:
                continue
            if type_ != "introduced":
                for source in sources:
                    current.pop(source, None)
            for target in targets:
                if target in concept_of:
                    current[target] = concept_of[target]
        # A version that states no themes (they were in a diagram) says nothing of them: they
        # are carried on to the next version that does, not retired.
        stated = {concept.kind for concept in newer.concepts}
        _align(dataset, writer, [c for c in current.values() if c.kind in stated], newer)
        carried = [*newer.concepts, *(c for c in current.values() if c.kind not in stated)]


def _scopes(dataset: Dataset, concept: Concept, version: Version) -> list[tuple[str, URIRef]]:
    """Scope lists of a concept: ``csa:includes`` and "(including ...)" in assessment issues
    stated by the version's parts, each with the node whose evidence carries it."""
    scopes = [(str(text), concept.iri) for text in dataset.objects(concept.iri, CSA.includes)]
    for count in dataset.subjects(RDF.type, CSA.AssessmentCount):
        issue = str(dataset.value(count, CSA.issue) or "")
        inner = parentheticals(issue)
        if not inner or not same_concept(core(issue), concept.label):
            continue
        parts = {dataset.value(t, OA.hasSource) for t in dataset.objects(count,
                                                                       PROV.wasDerivedFrom)}
        if parts & set(version.sources):
            scopes.extend((text, count) for text in inner)
    return scopes


def _align(dataset: Dataset, writer: _Writer, older: list[Concept], newer: Version) -> None:
    year, owner = newer.year, newer.partnership
    left = {c.iri: c for c in older}
    right = {c.iri: c for c in newer.concepts}
    # 1. the same concept: spelling, acronym, or a narrated target restated by the agreement.
    for old in list(left.values()):
        for new in list(right.values()):
            how = same_concept(old.label, new.label)
            if how and (old.kind == new.kind or how == "exact"):
                graph = writer.graph_for(new.iri)
                graph.add((new.iri, DCTERMS.replaces, old.iri))
                graph.add((old.iri, SKOS.exactMatch, new.iri))
                left.pop(old.iri)
                right.pop(new.iri)
                break
    # 2. merges and splits found in scope lists.
    for new in list(right.values()):
        for scope, holder in _scopes(dataset, new, newer):
            named = [old for old in left.values() if contains_label(scope, old.label)]
            if len(named) >= 2:
                _event(dataset, writer, owner, "merged", "scope", year, named, [new], holder)
                for old in named:
                    left.pop(old.iri, None)
                right.pop(new.iri, None)
                break
    # 3. containment (the new label names the old one, or its acronym) and fuzzy renames.
    for old in list(left.values()):
        candidates = []
        for new in right.values():
            if new.kind != old.kind:
                continue
            if contains_label(new.label, old.label):
                how = "acronym" if not contains_label(core(new.label), core(old.label)) or \
                    any(is_acronym(word) for word in new.label.split()) else "fuzzy"
                candidates.append((100.0, "expanded", how, new))
            elif similarity(old.label, new.label) >= 85:
                candidates.append((similarity(old.label, new.label), "renamed", "fuzzy", new))
        if candidates:
            _score, type_, how, new = max(candidates, key=lambda item: item[0])
            _event(dataset, writer, owner, type_, how, year, [old], [new], new.iri)
            left.pop(old.iri)
            right.pop(new.iri)
    # 4. what is left was retired or introduced at this version.
    for old in left.values():
        holder = next(iter(newer.concepts), None)
        if holder is not None:
            _event(dataset, writer, owner, "retired", "alignment", year, [old], [], holder.iri)
    for new in right.values():
        _event(dataset, writer, owner, "introduced", "alignment", year, [], [new], new.iri)


def _event(dataset: Dataset, writer: _Writer, partnership: URIRef | None, type_: str, how: str,
           year: int, sources: list[Concept], targets: list[Concept], holder: URIRef) -> None:
    """An aligned change; its evidence is the evidence of ``holder`` (the stating text)."""
    evidence = list(dataset.objects(holder, PROV.wasDerivedFrom))
    if not evidence:
        return  # an association without evidence is not allowed
    node = event_iri(type_, year, [c.label for c in sources], [c.label for c in targets],
                     partnership)
    graph = writer.graph_for(holder)
    _belongs(graph, node, partnership)
    graph.add((node, RDF.type, XKOS.ConceptAssociation))
    graph.add((node, RDF.type, EVENT_CLASS[type_]))
    graph.add((node, CSA.effectiveYear, Literal(year)))
    graph.add((node, CSA.foundBy, Literal(how)))
    graph.add((node, RDFS.comment, Literal(f"found by {how} alignment of versions")))
    for target in evidence:
        graph.add((node, PROV.wasDerivedFrom, target))
    for concept in sources:
        graph.add((node, XKOS.sourceConcept, concept.iri))
    for concept in targets:
        graph.add((node, XKOS.targetConcept, concept.iri))
    _shortcuts(graph, dataset, node)

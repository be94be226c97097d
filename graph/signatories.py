"""Who held which post when: signature blocks ("Jane Doe OBE / Chair Wessex Community Safety
Partnership / Cabinet Member for ...") and report covers ("By: Jane Doe, Head of ...").

Each holding is a ``csa:PostHolding`` (person, post, the part's year) with its quote, plus the
shortcut ``org:heldBy`` from the post to the person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Literal

from partnership_kg.graph import names
from partnership_kg.graph.agreements import UNSTATED_ORGANISATION
from partnership_kg.graph.context import PartContext, squash
from partnership_kg.graph.post_lines import labelled_holdings
from partnership_kg.graph.vocab import CSA, ORG, PROV, RDF, RDFS, mint

_HONOURS = r"(?:\s+(?:OBE|MBE|CBE|DBE|KBE|DL|QPM|KC|QC|JP|MP))*"
_TITLE = r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Sir|Dame)\.?\s+)?"
_NAME = rf"{_TITLE}[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+){{1,2}}{_HONOURS}"
# Words that open a post's title in a signature or on a cover.
_POST_START = (r"(?:Vice[- ]?)?Chair(?:man|woman|person)?\b|Cabinet Member\b|Leader\b|"
               r"Director\b|Head of\b|Chief\b|Deputy\b|Assistant Director\b|Police and Crime "
               r"Commissioner\b|Commissioner\b|Manager\b|Superintendent\b")
_SIGNATURE = re.compile(rf"^(?P<name>{_NAME})\s+(?P<posts>(?:{_POST_START}).*)$")
_COVER = re.compile(rf"^By:?\s+(?P<name>{_NAME})\s*[,–-]\s*(?P<posts>(?:{_POST_START}).*)$")
_NEXT_POST = re.compile(rf"\s+(?=(?:{_POST_START}))")


@dataclass(frozen=True)
class Holding:
    person: str
    post: str
    organisation: str | None
    page: int | None
    quote: str


def _split_posts(text: str) -> list[str]:
    """"Chair X Partnership Cabinet Member for Y" -> the two posts it names."""
    pieces = _NEXT_POST.split(text.strip().rstrip("."))
    posts: list[str] = []
    for piece in pieces:
        # "Head of" after "Director" etc. inside one title stays with it: only split where the
        # piece before already reads as a complete post (three words or more).
        if posts and len(posts[-1].split()) < 3:
            posts[-1] = f"{posts[-1]} {piece}"
        else:
            posts.append(piece)
    return posts


def _post_and_organisation(text: str) -> tuple[str, str | None]:
    """"Chair Wessex Community Safety Partnership" -> ("Chair", "Wessex Community Safety
    Partnership"); "Head of X, Wessex County Council" -> the post and its organisation; a
    title that names no organisation after a comma ("Cabinet Member for Y") stands alone."""
    chair = re.match(r"^((?:Vice[- ]?)?Chair(?:man|woman|person)?)(?:\s+of)?(?:\s+the)?\s+(.+)$",
                     text)
    if chair:
        return chair.group(1), chair.group(2)
    if "," in text:
        post, organisation = text.rsplit(",", 1)
        return post.strip(), organisation.strip()
    return text, None


def _is_proper_name(name: str, document_text: str) -> bool:
    """A person's name is a proper noun: its words never appear in lower case in the text
    ("Road Safety" and "Foreword As" do; "Jane Doe" does not)."""
    words = re.sub(rf"^{_TITLE}", "", name).split()
    words = [word for word in words if not word.isupper()]  # honours: OBE, MBE ...
    return all(not re.search(rf"\b{re.escape(word.lower())}\b", document_text)
               for word in words)


def find_holdings(context: PartContext) -> list[Holding]:
    blocks = context.part.blocks
    part_text = context.part.text
    found: list[Holding] = []
    for index, block in enumerate(blocks):
        if block.kind == "table":
            continue
        # A signature often arrives as a name block followed by one or two post blocks.
        window = [block] + [b for b in blocks[index + 1: index + 3] if b.kind != "table"]
        for size in range(1, len(window) + 1):
            text = squash(" ".join(b.text for b in window[:size]))
            match = _SIGNATURE.match(text) or _COVER.match(text)
            if not match or len(match.group("posts")) > 160 or ". " in match.group("posts"):
                continue
            if not _is_proper_name(match.group("name"), part_text):
                break
            if size > 1 and _SIGNATURE.match(squash(window[0].text)):
                break  # the first block alone already is a whole signature
            for post_text in _split_posts(match.group("posts")):
                post, organisation = _post_and_organisation(post_text)
                found.append(Holding(match.group("name"), post, organisation, block.page, text))
            break
        for person, post_text, quote in labelled_holdings(block):
            if post_text != "Contact" and _is_proper_name(person, part_text):
                post, organisation = _post_and_organisation(post_text)
                found.append(Holding(person, post, organisation, block.page, quote))
    return found


def extract_part(context: PartContext) -> None:
    year = context.part.year
    graph = context.graph
    for holding in find_holdings(context):
        person = mint("person", names.normalise(holding.person))
        graph.add((person, RDF.type, PROV.Person))
        graph.add((person, RDFS.label, Literal(holding.person)))
        post = names.post_iri(holding.post, holding.organisation)
        graph.add((post, RDF.type, ORG.Post))
        graph.add((post, RDFS.label, Literal(holding.post)))
        if holding.organisation:
            organisation = names.organisation_iri(holding.organisation)
            graph.add((organisation, RDFS.label, Literal(holding.organisation)))
            context.cite(organisation, holding.page, holding.quote)
        else:
            organisation = UNSTATED_ORGANISATION
        graph.add((organisation, RDF.type, ORG.Organization))
        graph.add((post, ORG.postIn, organisation))
        graph.add((post, ORG.heldBy, person))
        node = mint("holding", names.normalise(holding.person), names.normalise(holding.post),
                    names.normalise(holding.organisation or ""), year or "undated")
        graph.add((node, RDF.type, CSA.PostHolding))
        graph.add((node, CSA.post, post))
        graph.add((node, CSA.holder, person))
        label = ", ".join(part for part in (holding.post, holding.organisation) if part)
        graph.add((node, RDFS.label, Literal(label)))
        if year is not None:
            graph.add((node, CSA.startYear, Literal(year)))
        graph.add((node, CSA.documentPart, context.part_iri))
        context.cite(node, holding.page, holding.quote)
        context.cite(post, holding.page, holding.quote)

"""Saved web pages: the page's main text as Blocks, its site furniture left out.

A council or partnership page wraps a few paragraphs in navigation, breadcrumbs, cookie
banners, "Skip to content" links, headers and footers. The main text is the page's <main>,
role="main" or <article>, else the container holding most paragraph text; furniture is cut
out of the tree before it is walked. Headings keep their level (h1-h6), list items their
numbering where an <ol> gives one, tables their rows of cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

from partnership_kg.ingest.blocks import _heading
from partnership_kg.ingest.model import Block, IngestError
from partnership_kg.ingest.numbering import counter_text
from partnership_kg.ingest.source import take_source_line, valid_url

# Never text: code, media, forms and the page's own furniture.
_DROP_TAGS = {
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
    "nav", "aside", "form", "button", "input", "select", "textarea", "dialog", "head", "map",
}
_DROP_ROLES = {"navigation", "search", "banner", "contentinfo", "complementary", "dialog",
               "alertdialog", "menu", "menubar"}
# class/id words of furniture: substrings for the unambiguous ones, whole words for the rest.
_NOISE_PARTS = ("cookie", "breadcrumb", "skiplink", "skip-link", "consent", "gdpr")
_NOISE_WORDS = {"nav", "navbar", "navigation", "menu", "sidebar", "share", "sharing", "social",
                "skip", "visually-hidden", "sr-only", "screen-reader-text", "print-only"}
_SKIP_LINK = re.compile(r"^\s*(?:skip|jump)\s+to\s+", re.IGNORECASE)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "footer", "blockquote", "pre",
    "address", "figure", "figcaption", "dl", "dt", "dd", "details", "summary", "fieldset",
    "center", "body", "html", "hr", "caption",
}
_TAG = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|title|meta|p|div|span|a|h[1-6]|table|ul|ol|li|main|"
    rb"article|section|br)\b", re.IGNORECASE)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")


def read_html(data: bytes) -> tuple[list[Block], str | None]:
    """The main text of a web page as Blocks in reading order (page None: a page is one page),
    and the page's address where the file gives it ("Source: URL" line, canonical link)."""
    if not looks_like_html(data):
        raise IngestError("not a web page: no HTML tags found (rename it to .txt if it is text)")
    stated, text = take_source_line(_decode(data), furniture=False)
    root = _parse(text)
    address = stated or _page_url(root, text)
    title = _page_title(root)
    for element in list(root.iter()):
        if element.getparent() is not None and _is_furniture(element):
            _drop(element)
    container = _main_container(root)
    builder = _Builder()
    try:
        builder.walk(container)
    except RecursionError:  # libxml2 caps nesting at 256 today; a deeper tree is hostile
        raise IngestError("malformed web page: nested too deeply") from None
    builder.flush()
    blocks = builder.blocks
    heading = _first_h1(container) or _first_h1(root)
    if heading is None and title:
        blocks.insert(0, Block("heading", title, None, level=1))
    elif heading is not None and not any(b.kind == "heading" and b.level == 1 for b in blocks):
        blocks.insert(0, Block("heading", heading, None, level=1))  # the h1 sat above <main>
    return blocks, address


def looks_like_html(data: bytes) -> bool:
    """Whether the bytes hold HTML tags at all (a text file saved as .html holds none)."""
    return bool(_TAG.search(data[:8192]))


def _parse(text: str) -> etree._Element:
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        return lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as error:
        raise IngestError(f"malformed web page: {str(error)[:120] or 'cannot parse'}") from None


def _decode(data: bytes) -> str:
    """The page's text: its BOM or <meta charset>, else UTF-8, else Windows-1252.

    Decoded here because libxml2 reads an undeclared page as Latin-1, garbling UTF-8 text.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    declared = _CHARSET.search(data[:8192])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass  # an unknown charset name: guess as if none were declared
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _page_url(root: etree._Element, text: str) -> str | None:
    """The address a saved page names for itself: canonical link, og:url, "saved from url"."""
    for query in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        found = [value.strip() for value in root.xpath(query) if valid_url(value.strip())]
        if found:
            return found[0]
    saved = _SAVED_FROM.search(text[:4096])
    return valid_url(saved.group(1)) if saved else None


def _page_title(root: etree._Element) -> str | None:
    """<title> less a site name after " | " or " - " ("Plan 2025 | Wessex Council")."""
    title = root.find(".//title")
    text = _normal(title.text_content()) if title is not None else ""
    while _SITE_SUFFIX.search(text) and len(_SITE_SUFFIX.sub("", text).split()) >= 2:
        text = _SITE_SUFFIX.sub("", text)
    return text or None


def _is_furniture(element: etree._Element) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    if not tag:
        return False  # comments and processing instructions: their tails are kept
    if tag in _DROP_TAGS or element.get("hidden") is not None:
        return True
    if element.get("aria-hidden") == "true" or "display:none" in (element.get("style") or "")\
            .replace(" ", ""):
        return True
    if (element.get("role") or "").lower() in _DROP_ROLES:
        return True
    if tag in {"header", "footer"} and not _inside(element, {"main", "article"}):
        return not _holds_h1(element)  # a site header; a page header holds the h1
    if tag == "a" and _SKIP_LINK.match(element.text_content() or "") and \
            (element.get("href") or "").startswith("#"):
        return True
    if tag in {"body", "html", "main", "article"} or _holds_h1(element):
        return False
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    words = set(re.split(r"[\s_]+", names))
    return any(part in names for part in _NOISE_PARTS) or bool(words & _NOISE_WORDS)


def _inside(element: etree._Element, tags: set[str]) -> bool:
    return any(ancestor.tag in tags for ancestor in element.iterancestors())


def _holds_h1(element: etree._Element) -> bool:
    return element.find(".//h1") is not None or element.find(".//main") is not None


def _drop(element: etree._Element) -> None:
    """Remove an element but keep the text that follows it (its tail)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _main_container(root: etree._Element) -> etree._Element:
    """<main> / role=main / the <article> holding most text, else the densest container."""
    for query in ("//main", "//*[@role='main']", "//article"):
        found = [node for node in root.xpath(query) if _text_length(node) > 0]
        if found:
            return max(found, key=_text_length)
    body = root.find("body")
    body = body if body is not None else root
    scores: dict[etree._Element, float] = {}
    for paragraph in body.iter("p", "li", "td", "h2", "h3", "pre", "blockquote"):
        length = len(_normal(paragraph.text_content()))
        parent = paragraph.getparent()
        for weight in (1.0, 0.5):  # a paragraph counts for its container and half for the next
            if parent is None:
                break
            scores[parent] = scores.get(parent, 0.0) + weight * length
            parent = parent.getparent()
    if not scores:
        return body
    best = max(scores, key=lambda node: scores[node])
    # A container with a fifth of the page's text is the content; less, the page has no one box.
    return best if scores[best] >= 0.2 * _text_length(body) else body


def _text_length(element: etree._Element) -> int:
    return len(_normal(element.text_content()))


def _first_h1(root: etree._Element) -> str | None:
    for heading in root.iter("h1"):
        text = _normal(heading.text_content())
        if text:
            return text
    return None


def _normal(text: str | None) -> str:
    return " ".join((text or "").split())


@dataclass
class _Builder:
    """Walks the tree, gathering inline text into paragraphs and emitting block elements."""

    blocks: list[Block] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)

    def flush(self) -> None:
        text = _normal(" ".join(self.pending))
        self.pending = []
        if text:
            self.blocks.append(Block("paragraph", text, None))

    def inline(self, text: str | None) -> None:
        if text:
            self.pending.append(text)

    def walk(self, element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _HEADINGS:
            self.flush()
            self._heading(element, _HEADINGS[tag])
        elif tag in {"ul", "ol"}:
            self.flush()
            self._list(element)
        elif tag == "table" and not _layout_table(element):
            self.flush()
            self._table(element)
        elif tag == "br":
            self.flush()
        elif tag in _BLOCK_TAGS or tag in {"table", "tbody", "thead", "tfoot", "tr", "td", "th"}:
            self.flush()
            self.inline(element.text)
            for child in element:
                self.walk(child)
                self.inline(child.tail)
            self.flush()
        elif tag:
            self.inline(element.text)
            for child in element:
                self.walk(child)
                self.inline(child.tail)

    def _heading(self, element: etree._Element, level: int) -> None:
        text = _normal(element.text_content())
        if text:
            numbered = _heading(text)
            number = numbered[0] if numbered else None
            self.blocks.append(Block("heading", text, None, number=number, level=level))

    def _list(self, element: etree._Element) -> None:
        ordered = element.tag == "ol"
        counter = _int(element.get("start"), 1)
        style = element.get("type") or "1"
        for item in element.iterchildren("li"):
            counter = _int(item.get("value"), counter)
            nested = [child for child in item.iterdescendants("ul", "ol")
                      if next(child.iterancestors("ul", "ol")) is element]
            for child in nested:  # read after the item's own words
                _detach(child)
            text = _normal(item.text_content())
            if text:
                marker = f"{_marker(counter, style)} " if ordered else ""
                self.blocks.append(Block("list_item", marker + text, None))
            for child in nested:
                self._list(child)
            counter += 1

    def _table(self, element: etree._Element) -> None:
        rows: list[list[str]] = []
        for row in element.iter("tr"):
            if _nearest_table(row) is not element:
                continue
            cells: list[str] = []
            for cell in row.iterchildren("td", "th"):
                cells.append(_normal(cell.text_content()))
                cells += [""] * (_int(cell.get("colspan"), 1) - 1)  # a merged cell once
            if any(cells):
                rows.append(cells)
        if not rows:
            return
        if len(rows) == 1 or max(len(row) for row in rows) == 1:
            for row in rows:  # a one-row or one-column "table" is prose in a box
                self.blocks += [Block("paragraph", cell, None) for cell in row if cell]
            return
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        text = "\n".join("\t".join(row) for row in rows)
        self.blocks.append(Block("table", text, None, rows=rows))


def _layout_table(element: etree._Element) -> bool:
    """A table used for page layout: its cells hold headings, paragraphs or other tables."""
    return any(_nearest_table(node) is element for node in element.xpath(
        ".//table | .//h1 | .//h2 | .//h3 | .//p[string-length(normalize-space()) > 200]"
    ) if node is not element)


def _nearest_table(element: etree._Element) -> etree._Element | None:
    return next(element.iterancestors("table"), None)


def _detach(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)  # the nested list's tail stays out of the item: it is whitespace


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


_OL_TYPES = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}


def _marker(number: int, style: str) -> str:
    """The numbering an <ol> shows: "3.", "c.", "C.", "iii.", "III."."""
    return f"{counter_text(number, _OL_TYPES.get(style, 'decimal'))}."

"""Ingestion: a PDF, Word (.docx), web page or text file becomes a ``Document`` of parts,
blocks, sections and pages.

    from partnership_kg.ingest import discover, extract
    for path in discover([Path("corpus")]):
        document = extract(path)   # raises IngestError with a one-line reason for bad input
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from partnership_kg.ingest.blocks import build_blocks
from partnership_kg.ingest.clean import clean_lines
from partnership_kg.ingest.docx import read_docx
from partnership_kg.ingest.errors import DOCX_SUFFIXES, HTML_SUFFIXES, PDF_SUFFIXES, read_checked
from partnership_kg.ingest.html import read_html
from partnership_kg.ingest.kinds import looks_like_slides, page_date
from partnership_kg.ingest.model import (
    Block,
    Document,
    DocumentFormat,
    IngestError,
    Page,
    Part,
    Section,
)
from partnership_kg.ingest.parts import split_parts
from partnership_kg.ingest.pdf import paragraphs_spaced, read_pdf
from partnership_kg.ingest.source import take_source_block, take_source_line, valid_url
from partnership_kg.ingest.text import decode, split_pages

__all__ = [
    "Block", "Document", "IngestError", "Page", "Part", "Section", "discover", "extract",
]

# A site's news section in a page's address: "/news/", "/press-releases/", "/newsroom/".
_NEWS_URL = re.compile(r"^https?://(?:[^/]*\.)?(?:news\.[^/]+/|[^/]+/(?:[^?#]*/)?"
                       r"(?:news|newsroom|press|press-releases?|media-releases?)(?:/|$))",
                       re.IGNORECASE)

# Files in a corpus folder that are not documents of the partnership.
_HELPER_NAMES = {"readme.md", "readme.txt", "readme", "license", "license.txt", "license.md",
                 "changelog.md", "__init__.py"}


def extract(path: Path) -> Document:
    """Read one file into a Document; ``IngestError`` says in one line why a file is refused."""
    path = Path(path)
    data = read_checked(path)
    suffix = path.suffix.lower()
    warnings: list[str] = []
    pages: list[Page]
    if suffix in HTML_SUFFIXES or suffix in DOCX_SUFFIXES:
        fmt: DocumentFormat = "html" if suffix in HTML_SUFFIXES else "docx"
        blocks, url = read_html(data) if fmt == "html" else (read_docx(data), None)
        stated, blocks = take_source_block(blocks)
        url = stated or url
        pages = [Page(None, "\n\n".join(block.text for block in blocks))]
    else:
        fmt = "pdf" if suffix in PDF_SUFFIXES else "text"
        pages = read_pdf(data) if fmt == "pdf" else _text_pages(data, warnings)
        blank = [str(page.number) for page in pages if not page.text.strip()]
        if fmt == "pdf" and blank:
            warnings.append(f"no text on page(s) {', '.join(blank)}: scanned images? OCR them")
        url, first = take_source_line(pages[0].text)
        pages[0] = Page(pages[0].number, first)
        is_pdf = fmt == "pdf"
        # A PDF that spaces its paragraphs marks them as a text file does, with blank lines.
        spaced = is_pdf and paragraphs_spaced(pages)
        blocks = build_blocks(clean_lines(pages, is_pdf), is_pdf, spaced)
    if not blocks:
        raise IngestError("no text found")
    parts = split_parts(blocks)
    _type_whole_file(parts, fmt, pages, url)
    return Document(
        source=path.name,
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        format=fmt,
        pages=pages,
        parts=parts,
        warnings=warnings,
        source_url=valid_url(url),
    )


def _text_pages(data: bytes, warnings: list[str]) -> list[Page]:
    if data.lstrip()[:5] == b"%PDF-":
        raise IngestError("not a text file: it is a PDF (rename it to .pdf)")
    text, decoded = decode(data)
    warnings += decoded
    if not text.strip():
        raise IngestError("empty file")
    return split_pages(text)


def _type_whole_file(parts: list[Part], fmt: DocumentFormat, pages: list[Page],
                     url: str | None) -> None:
    """A web page (saved as HTML, or as text under a "Source: URL" line), or a PDF of slides,
    that reads as nothing more specific; a page saved from a site's news section ("/news/",
    "/press-releases/") is a news release."""
    if len(parts) != 1 or parts[0].type != "other":
        return
    if fmt == "html" or fmt == "text" and url is not None:
        parts[0].type = "news release" if url and _NEWS_URL.search(url) else "web page"
        parts[0].date = parts[0].date or page_date(parts[0].blocks)
    elif fmt == "pdf" and looks_like_slides(pages):
        parts[0].type = "slides"


def discover(paths: list[Path]) -> list[Path]:
    """Files to ingest: folders expanded recursively (documents only), named files as given.

    Every file is kept whatever its type, so that ``extract`` can say why one is refused (a
    .docx in a folder of PDFs gets a reason, not silence); only hidden files and the folder's
    own helpers (README, LICENSE, __init__.py, __pycache__) are skipped.
    """
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(
                child for child in path.rglob("*")
                if (child.is_file() or child.is_symlink()) and not child.is_dir()
                and _is_document(child.relative_to(path))
            )
        else:
            found.append(path)
    unique: dict[Path, None] = dict.fromkeys(found)
    return list(unique)


def _is_document(relative: Path) -> bool:
    # Hidden files and folders, and dunder helpers such as __init__.py or __pycache__.
    if any(part.startswith((".", "__")) for part in relative.parts):
        return False
    return relative.name.lower() not in _HELPER_NAMES

"""Ingestion: a PDF or text file becomes a ``Document`` of parts, blocks, sections and pages.

    from partnership_kg.ingest import discover, extract
    for path in discover([Path("corpus")]):
        document = extract(path)   # raises IngestError with a one-line reason for bad input
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from partnership_kg.ingest.blocks import build_blocks
from partnership_kg.ingest.clean import clean_lines
from partnership_kg.ingest.errors import PDF_SUFFIXES, read_checked
from partnership_kg.ingest.model import Block, Document, IngestError, Page, Part, Section
from partnership_kg.ingest.parts import split_parts
from partnership_kg.ingest.pdf import read_pdf
from partnership_kg.ingest.text import decode, split_pages

__all__ = [
    "Block", "Document", "IngestError", "Page", "Part", "Section", "discover", "extract",
]

# Files in a corpus folder that are not documents of the partnership.
_HELPER_NAMES = {"readme.md", "readme.txt", "readme", "license", "license.txt", "license.md",
                 "changelog.md", "__init__.py"}


def extract(path: Path) -> Document:
    """Read one file into a Document; ``IngestError`` says in one line why a file is refused."""
    path = Path(path)
    data = read_checked(path)
    warnings: list[str] = []
    is_pdf = path.suffix.lower() in PDF_SUFFIXES
    if is_pdf:
        pages = read_pdf(data)
        blank = [str(page.number) for page in pages if not page.text.strip()]
        if blank:
            warnings.append(f"no text on page(s) {', '.join(blank)}: scanned images? OCR them")
    else:
        if data.lstrip()[:5] == b"%PDF-":
            raise IngestError("not a text file: it is a PDF (rename it to .pdf)")
        text, warnings = decode(data)
        if not text.strip():
            raise IngestError("empty file")
        pages = split_pages(text)
    blocks = build_blocks(clean_lines(pages, is_pdf), is_pdf)
    if not blocks:
        raise IngestError("no text found")
    return Document(
        source=path.name,
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        format="pdf" if is_pdf else "text",
        pages=pages,
        parts=split_parts(blocks),
        warnings=warnings,
    )


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

"""Refusals of bad input: every check raises ``IngestError`` with a one-line reason."""

from __future__ import annotations

from pathlib import Path

from partnership_kg import settings
from partnership_kg.ingest.model import IngestError

TEXT_SUFFIXES = {".txt", ".text", ".md"}
PDF_SUFFIXES = {".pdf"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
DOCX_SUFFIXES = {".docx"}
SUPPORTED = TEXT_SUFFIXES | PDF_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES


def read_checked(path: Path) -> bytes:
    """The file's bytes, after the checks that need no parsing (type, size, emptiness)."""
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise IngestError("old Word .doc format is not supported: save it as .docx")
    if suffix not in SUPPORTED:
        shown = suffix or "(no extension)"
        raise IngestError(
            f"unsupported file type: {shown} (PDF, Word .docx, web page .html and text are "
            "supported)"
        )
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise IngestError(f"file not found: {path}") from None
    except OSError as error:
        raise IngestError(f"cannot read file: {error.strerror or error}") from None
    if not path.is_file():
        raise IngestError("not a file")
    limit = settings.MAX_FILE_BYTES
    if size > limit:
        # Checked before reading, so a huge file is never loaded into memory.
        raise IngestError(f"file too large: {_mb(size)} MB (limit {_mb(limit)} MB)")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise IngestError(f"cannot read file: {error.strerror or error}") from None
    if not data.strip():
        raise IngestError("empty file")
    return data


def _mb(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}".removesuffix(".0")

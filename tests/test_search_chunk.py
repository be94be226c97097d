"""Chunking: structure-aware, verbatim, never across parts, sections or tables."""

from __future__ import annotations

import re
from typing import Any

from partnership_kg.ingest.model import EXAMPLE_DOCUMENT, Block, Document, Part
from partnership_kg.search.chunk import (
    CELL_SEPARATOR,
    EXAMPLE_CHUNK,
    MAX_WORDS,
    Chunk,
    chunk,
    sentences,
    words,
)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _document(blocks: list[Block], source: str = "t.txt") -> Document:
    part = Part(0, "report", "Test report", None, None, 1, 2, blocks)
    return Document(source, f"/tmp/{source}", "0" * 64, "text", [], [part])


def test_example_chunk_is_verbatim_and_placed() -> None:
    assert EXAMPLE_CHUNK.source == "wessex_csa.txt"
    assert EXAMPLE_CHUNK.page == 1
    assert EXAMPLE_CHUNK.section == "6. County Priorities 2014-17"
    assert EXAMPLE_CHUNK.text in EXAMPLE_DOCUMENT.parts[0].text
    assert Chunk.from_dict(EXAMPLE_CHUNK.to_dict()) == EXAMPLE_CHUNK


def test_table_is_its_own_chunk_with_rows_as_lines() -> None:
    chunks = chunk(EXAMPLE_DOCUMENT)
    table = [c for c in chunks if CELL_SEPARATOR in c.text]
    assert len(table) == 1
    assert table[0].text.splitlines()[1] == (
        "Road Safety | Director Operations, Wessex Fire and Rescue Service"
    )
    assert table[0].page == 2 and table[0].section == "7. Leads"


def test_list_stays_with_its_lead_in() -> None:
    filler = " ".join(["Filler words for the opening paragraph."] * 25)  # ~150 words
    blocks = [
        Block("heading", "1. Scope", 1, ["1. Scope"], number="1.", level=1),
        Block("paragraph", filler, 1, ["1. Scope"]),
        Block("paragraph", "The partnership will:", 1, ["1. Scope"]),
        *[Block("list_item", f"deliver outcome number {i} across the county", 2, ["1. Scope"])
          for i in range(8)],
    ]
    chunks = chunk(_document(blocks))
    lead = next(c for c in chunks if "The partnership will:" in c.text)
    assert "deliver outcome number 0" in lead.text
    assert all(words(c.text) <= MAX_WORDS for c in chunks)


def test_long_paragraph_is_cut_at_sentence_ends() -> None:
    text = " ".join(f"Sentence number {i} says something short." for i in range(120))
    chunks = chunk(_document([Block("paragraph", text, 3, ["2. Long"])]))
    assert len(chunks) > 1
    assert all(words(c.text) <= MAX_WORDS and c.text in text for c in chunks)
    assert all(c.text.endswith(".") for c in chunks)


def test_sections_are_not_mixed() -> None:
    blocks = [
        Block("heading", "1. One", 1, ["1. One"], level=1),
        Block("paragraph", "First section text.", 1, ["1. One"]),
        Block("heading", "2. Two", 1, ["2. Two"], level=1),
        Block("paragraph", "Second section text.", 1, ["2. Two"]),
    ]
    chunks = chunk(_document(blocks))
    assert [c.section for c in chunks] == ["1. One", "2. Two"]
    assert chunks[1].text == "2. Two\n\nSecond section text."


def test_sentences_keep_abbreviations_and_lines() -> None:
    text = "Mr. Smith met Dr. Jones, e.g. on Monday. They agreed.\nA new line"
    assert sentences(text) == [
        "Mr. Smith met Dr. Jones, e.g. on Monday.", "They agreed.", "A new line"
    ]


# -- invariants on the real corpus ----------------------------------------------------------------


def test_corpus_chunks_are_verbatim_within_their_part(search_documents: list[Any]) -> None:
    for document in search_documents:
        chunks = chunk(document)
        assert chunks, document.source
        parts = {part.index: part for part in document.parts}
        ids = [c.id for c in chunks]
        assert len(ids) == len(set(ids))
        for c in chunks:
            part = parts[c.part_index]  # so no chunk spans parts: it names exactly one
            assert c.part_title == part.title and c.part_type == part.type
            if CELL_SEPARATOR in c.text:
                table_text = " ".join(b.text for b in part.blocks if b.kind == "table")
                for line in c.text.splitlines():
                    for cell in line.split(CELL_SEPARATOR):
                        assert _squash(cell) in _squash(table_text), (c.id, cell)
            else:
                assert c.text in part.text, c.id
            assert words(c.text) <= MAX_WORDS or CELL_SEPARATOR in c.text


def test_corpus_chunks_have_pages_where_the_document_has_them(
    search_documents: list[Any],
) -> None:
    paged = [d for d in search_documents if any(p.number is not None for p in d.pages)]
    assert paged, "the corpus has documents with page markers"
    for document in paged:
        for c in chunk(document):
            part = document.parts[c.part_index]
            if any(block.page is not None for block in part.blocks):
                assert c.page is not None, c.id

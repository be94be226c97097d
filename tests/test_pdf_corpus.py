"""The corpus as PDFs answers as its text does: the same documents, parts, lineage, priorities
in force and dev-question answers, from both renderings (ruled one-column and two-column), with
a page on every citation. One store per rendering, built once (``pdf_corpus_store``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import partnership_kg
from partnership_kg.answer.linking import LABELS_QUERY
from partnership_kg.evaluation import judge, load_questions

pytestmark = pytest.mark.slow

QUESTIONS = load_questions(
    Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "dev_questions.jsonl")
# Where a PDF's page differs from the text's estimate, and the quote's line wrapping: layout.
_LAYOUT_KEYS = {"page", "pages", "page_start", "page_end", "quote", "chunks", "triples", "sha256",
                "path"}


def _same_source(value: Any) -> Any:
    """A result with its layout left out and every "x.pdf" named "x.txt", to compare."""
    if isinstance(value, dict):
        return {key: _same_source(item) for key, item in value.items()
                if key not in _LAYOUT_KEYS}
    if isinstance(value, list):
        return [_same_source(item) for item in value]
    if isinstance(value, str) and value.endswith(".pdf"):
        return value[: -len(".pdf")] + ".txt"
    return value


@pytest.fixture(scope="module")
def text_workspace(corpus_store: Path) -> partnership_kg.Workspace:
    return partnership_kg.open(corpus_store)


@pytest.fixture(scope="module")
def pdf_workspace(pdf_corpus_store: Path) -> partnership_kg.Workspace:
    return partnership_kg.open(pdf_corpus_store)


def test_documents_have_the_same_types_titles_and_periods(
        text_workspace: partnership_kg.Workspace, pdf_workspace: partnership_kg.Workspace) -> None:
    assert _same_source(pdf_workspace.document_summaries()) == _same_source(
        text_workspace.document_summaries())


def test_every_block_of_a_pdf_has_a_page(pdf_workspace: partnership_kg.Workspace) -> None:
    unpaged = [(doc.source, block.text[:40]) for doc in pdf_workspace.documents
               for part in doc.parts for block in part.blocks if block.page is None]
    assert unpaged == []


def test_lineage_of_every_priority_and_theme_is_the_same(
        text_workspace: partnership_kg.Workspace, pdf_workspace: partnership_kg.Workspace) -> None:
    labels = sorted({str(row["label"]) for row in text_workspace.graph.select(LABELS_QUERY)})
    pdf_labels = sorted({str(row["label"]) for row in pdf_workspace.graph.select(LABELS_QUERY)})
    assert pdf_labels == labels
    for label in labels:
        assert _same_source(pdf_workspace.lineage(label)) == _same_source(
            text_workspace.lineage(label)), label


def test_priorities_in_force_every_year_are_the_same(
        text_workspace: partnership_kg.Workspace, pdf_workspace: partnership_kg.Workspace) -> None:
    for year in range(2010, 2026):
        assert _same_source(pdf_workspace.priorities(year)) == _same_source(
            text_workspace.priorities(year)), year


@pytest.mark.parametrize("question", QUESTIONS, ids=[q["id"] for q in QUESTIONS])
def test_dev_question_passes_with_a_page_on_every_citation(
        pdf_workspace: partnership_kg.Workspace, question: dict) -> None:
    answer = pdf_workspace.ask(question["question"])
    if question["kind"] != "passage":
        assert answer["method"] == "graph"
    sources = [source.replace(".txt", ".pdf") for source in question["sources"]]
    passed, why = judge({**question, "sources": sources}, answer)
    assert passed, why
    assert [c for c in answer["citations"] if c.get("page") is None] == []

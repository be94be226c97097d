"""The passage index: build, save/load, the three search modes, lazy imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from partnership_kg.search.index import SearchIndex, build_index, rrf_fuse

RESULT_KEYS = {"source", "page", "text", "score", "title", "section", "part_type", "chunk_id"}


def test_build_writes_the_layout_and_counts(search_index_dir: Path, search_documents: list[Any]):
    for name in ("chunks.jsonl", "dense.faiss", "dense_ids.json", "bm25", "meta.json",
                 "embedding_cache.npy", "embedding_cache.json"):
        assert (search_index_dir / name).exists(), name
    meta = json.loads((search_index_dir / "meta.json").read_text())
    lines = (search_index_dir / "chunks.jsonl").read_text().splitlines()
    assert meta["chunks"] == len(lines) > 0
    assert json.loads((search_index_dir / "dense_ids.json").read_text()) == [
        json.loads(line)["id"] for line in lines
    ]


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
@pytest.mark.parametrize(
    ("question", "source"),
    [
        ("What is Themis?", "003_99519b65ec6c09f9.txt"),
        ("What does MoRiLE stand for?", "002_abc655fc9b68b694.txt"),
    ],
)
def test_each_mode_finds_the_expected_file(
    search_index: SearchIndex, mode: str, question: str, source: str
) -> None:
    results = search_index.search(question, k=5, mode=mode)
    assert results and set(results[0]) == RESULT_KEYS
    assert source in [r["source"] for r in results]
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)


def test_saved_index_loads_and_answers_alike(search_index_dir: Path) -> None:
    first = SearchIndex(search_index_dir).search("Community Trigger criteria", k=5, mode="bm25")
    again = SearchIndex(search_index_dir).search("Community Trigger criteria", k=5, mode="bm25")
    assert first == again and len(first) == 5


def test_unknown_mode_is_a_one_line_error(search_index: SearchIndex) -> None:
    with pytest.raises(ValueError) as error:
        search_index.search("anything", mode="fuzzy")
    assert "\n" not in str(error.value) and "hybrid" in str(error.value)


def test_empty_query_and_k(search_index: SearchIndex) -> None:
    assert search_index.search("   ") == []
    assert search_index.search("Themis", k=0) == []


def test_rebuild_reuses_the_embedding_cache(
    search_index_dir: Path, search_documents: list[Any], tmp_path: Path
) -> None:
    counts = build_index(search_documents, tmp_path / "again", previous=search_index_dir,
                         progress=False)
    meta = json.loads((tmp_path / "again" / "meta.json").read_text())
    assert meta["encoded"] == 0 and meta["reused"] == meta["chunks"] == sum(counts.values())
    assert set(counts) == {d.source for d in search_documents}


def test_rrf_fuse_rewards_agreement() -> None:
    fused = rrf_fuse([["a", "b", "c"], ["b", "c", "a"]], k_rrf=2)
    assert fused[0][0] == "b"
    assert rrf_fuse([["a"], []])[0][0] == "a"


def test_missing_index_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no search index"):
        SearchIndex(tmp_path / "nowhere")


def test_importing_the_index_does_not_import_torch(search_index_dir: Path) -> None:
    code = (
        "import sys\n"
        "from partnership_kg.search.index import SearchIndex\n"
        f"index = SearchIndex({str(search_index_dir)!r})\n"
        "assert index.search('Themis', k=3, mode='bm25')\n"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'transformers') "
        "if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)

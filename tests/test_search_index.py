"""The passage index: build, save/load, the three search modes, lazy imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from partnership_kg.search.index import SearchIndex, build_index, rrf_fuse

RESULT_KEYS = {"source", "page", "text", "score", "title", "section", "part_type", "part_years",
               "chunk_id"}


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


def test_empty_build_is_searchable(tmp_path: Path) -> None:
    assert build_index([], tmp_path / "empty", progress=False) == {}
    index = SearchIndex(tmp_path / "empty")
    assert index.search("anything", mode="bm25") == []
    assert index.search("anything", mode="hybrid") == []


def test_dense_index_switches_to_hnsw_and_round_trips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import numpy as np

    from partnership_kg.search import dense

    monkeypatch.setattr(dense, "HNSW_THRESHOLD", 10)
    vectors = np.random.default_rng(0).normal(size=(40, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = [f"c{i}" for i in range(40)]
    dense.DenseIndex.build(vectors, ids).save(tmp_path)
    loaded = dense.DenseIndex.load(tmp_path)
    assert hasattr(loaded.index, "hnsw")
    assert loaded.search(vectors[7], 3)[0][0] == "c7"


def test_keyword_index_round_trip(tmp_path: Path) -> None:
    from partnership_kg.search.keyword import KeywordIndex, tokenize

    texts = ["The priorities were agreed", "Road safety casualties fell", "Nothing here"]
    KeywordIndex.build(texts, ["a", "b", "c"]).save(tmp_path)
    index = KeywordIndex.load(tmp_path)
    assert index.search("which priority was agreed?", 3)[0][0] == "a"
    assert index.search("unknownword", 3) == []
    assert tokenize("Priorities chaired") == tokenize("priority chair")


def test_model_folder_is_found_and_loaded_offline(search_index: SearchIndex) -> None:
    import os

    from partnership_kg import settings
    from partnership_kg.search.embed import resolve_model_folder

    folder = resolve_model_folder(settings.embedding_model())
    assert (folder / "modules.json").is_file() or (folder / "config.json").is_file()
    search_index.search("Themis", k=1, mode="dense")  # loads the model
    assert os.environ.get("HF_HUB_OFFLINE") == "1"


def test_a_folder_without_a_model_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from partnership_kg.search.embed import Embedder

    monkeypatch.setenv("PARTNERSHIP_KG_MODEL", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="PARTNERSHIP_KG_MODEL"):
        Embedder()



def test_a_build_loads_the_model_once_for_its_topic_mapping_and_its_index(
    search_documents: list[Any], tmp_path: Path,
) -> None:
    from partnership_kg.graph import topics
    from partnership_kg.search import embed

    embed._embedder_in.cache_clear()
    build_index(search_documents[:1], tmp_path / "index")
    assert embed.shared_embedder().loaded  # the build encoded with the shared encoder
    assert topics._default_embedder() is embed.shared_embedder()


def test_a_second_build_in_one_process_encodes_only_texts_it_has_not_seen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from partnership_kg.search import embed

    embedder = embed.shared_embedder()
    calls: list[list[str]] = []
    encode = embedder.encode
    monkeypatch.setattr(embedder, "encode",
                        lambda texts, on_batch=None: calls.append(list(texts)) or encode(texts))
    texts = ["Wessex memo test: troll crime", "Wessex memo test: towpath safety"]
    first, _, encoded_first = embed.embed_with_cache(embedder, texts, embed.EmbeddingCache())
    second, _, encoded_second = embed.embed_with_cache(
        embedder, [*texts, "Wessex memo test: moored boats"], embed.EmbeddingCache())
    assert (encoded_first, encoded_second) == (2, 1)
    assert calls == [texts, ["Wessex memo test: moored boats"]]
    assert (second[:2] == first).all()


def test_the_vector_memo_forgets_the_least_recently_used_first() -> None:
    import numpy as np

    from partnership_kg.search.embed import VectorMemo

    memo = VectorMemo(2)
    memo.put("a", np.zeros(1))
    memo.put("b", np.ones(1))
    memo.get("a")  # used again: "b" is now the oldest
    memo.put("c", np.ones(1))
    assert list(memo.vectors) == ["a", "c"]

"""Build and query the passage index: chunks, BM25, FAISS, fused by reciprocal rank.

Layout of an index folder::

    chunks.jsonl                 one Chunk per line, in index order
    dense.faiss, dense_ids.json  the vector index and its row -> chunk id map
    bm25/                        the bm25s index and its ids
    embedding_cache.{npy,json}   vectors keyed by sha1(model + text), reused by the next build
    meta.json                    format, model, counts

Nothing heavy is imported at module level: PyTorch loads only when a query (or a build) needs a
vector, FAISS and bm25s only when their index is first searched.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from partnership_kg.ingest.model import Document
from partnership_kg.search.chunk import Chunk, chunk

FORMAT = 1
CHUNKS_FILE = "chunks.jsonl"
META_FILE = "meta.json"
BM25_FOLDER = "bm25"
MODES = ("hybrid", "dense", "bm25")

# Reciprocal rank fusion: score = sum over rankings of weight / (RRF_K + rank). Tuned on the dev
# questions (benchmarks/bench_index.py --tune): questions about a named priority, year or
# agreement are keyword questions, where BM25 is the stronger ranking, so BM25 leads and the dense
# ranking (weight DENSE_WEIGHT) reorders near ties and adds passages BM25 misses entirely
# (paraphrases). A small RRF_K keeps a first place in BM25 decisive.
RRF_K = 2
# How deep each ranking is read before fusing.
CANDIDATES = 50
# The dense ranking's weight in the fusion (BM25's is 1).
DENSE_WEIGHT = 0.3


class _Progress:
    """A rich progress bar on stderr when asked for and stderr is a terminal; else silent."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self._bar: Any = None

    @contextmanager
    def task(self, description: str, total: int) -> Iterator[Any]:
        if not self.enabled:
            yield lambda n=1: None
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        with Progress(
            "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=Console(stderr=True), transient=False,
        ) as bar:
            task = bar.add_task(description, total=total)
            yield lambda n=1: bar.advance(task, n)


def build_index(
    documents: list[Document],
    out: Path,
    previous: Path | None = None,
    progress: bool = True,
) -> dict[str, int]:
    """Chunk, embed and index ``documents`` into the folder ``out``; return chunks per source.

    Vectors of passages whose text is unchanged are taken from ``previous`` (an earlier index
    folder), so a rebuild encodes only new text.
    """
    from partnership_kg.search.dense import DenseIndex
    from partnership_kg.search.embed import EmbeddingCache, embed_with_cache, shared_embedder
    from partnership_kg.search.keyword import KeywordIndex

    out = Path(out)
    bar = _Progress(progress)
    chunks: list[Chunk] = []
    with bar.task("chunking", len(documents)) as advance:
        for document in documents:
            chunks.extend(chunk(document))
            advance()

    embedder = shared_embedder()
    cache = EmbeddingCache.load(Path(previous) if previous else None)
    if previous is None and (out / "embedding_cache.json").is_file():
        cache = EmbeddingCache.load(out)  # rebuilding in place reuses its own cache
    texts = [c.indexed_text for c in chunks]
    started = time.perf_counter()
    with bar.task("embedding", len(texts)) as advance:
        vectors, keys, encoded = embed_with_cache(embedder, texts, cache, on_batch=advance)
    embed_seconds = time.perf_counter() - started

    ids = [c.id for c in chunks]
    out.mkdir(parents=True, exist_ok=True)
    with (out / CHUNKS_FILE).open("w", encoding="utf-8") as handle:
        for c in chunks:
            handle.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
    export_query_encoder(embedder, out, previous)
    DenseIndex.build(vectors, ids).save(out)
    KeywordIndex.build(texts, ids).save(out / BM25_FOLDER)
    if chunks:
        cache.save(out, keys, vectors)
    meta = {
        "format": FORMAT, "model": embedder.name, "chunks": len(chunks),
        "encoded": encoded, "reused": len(chunks) - encoded,
        "embed_seconds": round(embed_seconds, 3),
    }
    (out / META_FILE).write_text(json.dumps(meta, indent=1), encoding="utf-8")
    counts = Counter(c.source for c in chunks)
    return {document.source: counts.get(document.source, 0) for document in documents}


def export_query_encoder(embedder: Any, out: Path, previous: Path | None) -> None:
    """The model exported to ONNX beside the index, so queries need no PyTorch; a model the
    exporter cannot reproduce (or no onnx package) leaves queries on PyTorch."""
    try:
        from partnership_kg.search.embed_onnx import reuse_or_export
    except ImportError:
        return
    reuse_or_export(embedder.folder, embedder.name, out, Path(previous) if previous else None)


def rrf_fuse(
    rankings: list[list[str]], k_rrf: float = RRF_K, weights: list[float] | None = None
) -> list[tuple[str, float]]:
    """Reciprocal rank fusion of several rankings of ids, best first."""
    scores: dict[str, float] = {}
    for position, ranking in enumerate(rankings):
        weight = weights[position] if weights else 1.0
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k_rrf + rank)
    # Ties keep the order of first appearance (sorted is stable; dicts keep insertion order).
    return sorted(scores.items(), key=lambda pair: -pair[1])


class SearchIndex:
    """A built index folder, opened for queries; each part loads on first use."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not (self.path / META_FILE).is_file():
            raise FileNotFoundError(f"no search index at {self.path}: build one first")
        self.meta: dict[str, Any] = json.loads((self.path / META_FILE).read_text("utf-8"))
        self.rrf_k: float = RRF_K
        self.candidates: int = CANDIDATES
        self.dense_weight: float = DENSE_WEIGHT
        self._lock = threading.RLock()  # the web UI may query from several threads
        self._chunks: dict[str, Chunk] | None = None
        self._dense: Any = None
        self._keyword: Any = None
        self._embedder: Any = None

    # -- lazily loaded parts --------------------------------------------------------------------
    @property
    def chunks(self) -> dict[str, Chunk]:
        with self._lock:
            if self._chunks is None:
                with (self.path / CHUNKS_FILE).open(encoding="utf-8") as handle:
                    loaded = [Chunk.from_dict(json.loads(line)) for line in handle if line.strip()]
                self._chunks = {c.id: c for c in loaded}
            return self._chunks

    @property
    def dense(self) -> Any:
        with self._lock:
            if self._dense is None:
                from partnership_kg.search.dense import DenseIndex

                self._dense = DenseIndex.load(self.path)
            return self._dense

    @property
    def keyword(self) -> Any:
        with self._lock:
            if self._keyword is None:
                from partnership_kg.search.keyword import KeywordIndex

                self._keyword = KeywordIndex.load(self.path / BM25_FOLDER)
            return self._keyword

    @property
    def embedder(self) -> Any:
        """The query embedder; it must be the model the index was built with. The build's ONNX
        export of that model where there is one (no PyTorch import), else the model itself."""
        with self._lock:
            if self._embedder is None:
                from partnership_kg.search.embed import shared_embedder

                embedder = shared_embedder()
                if self.meta.get("chunks") and embedder.name != self.meta.get("model"):
                    raise ValueError(
                        f"the index was built with model {self.meta.get('model')} but "
                        f"{embedder.name} is configured: rebuild the index"
                    )
                self._embedder = self._onnx_embedder(embedder.name) or embedder
            return self._embedder

    def _onnx_embedder(self, model: str) -> Any:
        from partnership_kg.search.embed_onnx import OnnxEmbedder, exported_identity

        if exported_identity(self.path) != model:
            return None
        try:
            import onnxruntime  # noqa: F401 - only whether it is installed
        except ImportError:
            return None
        return OnnxEmbedder(self.path)

    @property
    def embedder_loaded(self) -> bool:
        """Whether a model is already in memory (so sentence similarity costs nothing extra)."""
        return self._embedder is not None and self._embedder.loaded

    # -- queries --------------------------------------------------------------------------------
    def _dense_ranking(self, query: str, depth: int) -> list[tuple[str, float]]:
        if not self.dense.ids:
            return []
        return self.dense.search(self.embedder.encode_query(query), depth)

    def ranked(self, query: str, mode: str, depth: int) -> list[tuple[str, float]]:
        """(chunk id, score) best first, at most ``depth`` of them."""
        if mode == "bm25":
            return self.keyword.search(query, depth)
        if mode == "dense":
            return self._dense_ranking(query, depth)
        candidates = max(depth, self.candidates)
        keyword = [cid for cid, _ in self.keyword.search(query, candidates)]
        dense = [cid for cid, _ in self._dense_ranking(query, candidates)]
        return rrf_fuse([keyword, dense], self.rrf_k, [1.0, self.dense_weight])[:depth]

    def search(self, query: str, k: int = 10, mode: str = "hybrid") -> list[dict[str, Any]]:
        """The ``k`` best passages for ``query``; ``mode`` is hybrid, dense or bm25."""
        if mode not in MODES:
            raise ValueError(f"unknown search mode {mode!r}: use one of {', '.join(MODES)}")
        if k <= 0 or not query.strip():
            return []
        results = []
        for chunk_id, score in self.ranked(query, mode, k):
            c = self.chunks[chunk_id]
            results.append({
                "source": c.source, "page": c.page, "text": c.text, "score": round(score, 6),
                "title": c.part_title, "section": c.section, "part_type": c.part_type,
                "part_years": c.part_years, "chunk_id": c.id,
            })
        return results

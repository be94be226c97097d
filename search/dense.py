"""The vector index: FAISS inner product over normalised vectors (= cosine), beside its id map.

Exact search (``IndexFlatIP``) is fast enough up to ~100k passages; past that an HNSW graph
keeps query time flat at a small loss of recall.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

INDEX_FILE = "dense.faiss"
IDS_FILE = "dense_ids.json"
HNSW_THRESHOLD = 100_000
HNSW_NEIGHBOURS = 32
HNSW_EF_SEARCH = 128


class DenseIndex:
    def __init__(self, index: object | None, ids: list[str]) -> None:
        self.index = index  # a faiss.Index, or None when there is nothing to search
        self.ids = ids

    @classmethod
    def build(cls, vectors: np.ndarray, ids: list[str]) -> DenseIndex:
        if len(ids) == 0:
            return cls(None, [])
        import faiss  # imported here: opening a store for BM25 or graph answers never needs it

        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        dimension = vectors.shape[1]
        if len(ids) >= HNSW_THRESHOLD:
            index = faiss.IndexHNSWFlat(dimension, HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efSearch = HNSW_EF_SEARCH
        else:
            index = faiss.IndexFlatIP(dimension)
        index.add(vectors)
        return cls(index, list(ids))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / IDS_FILE).write_text(json.dumps(self.ids), encoding="utf-8")
        if self.index is not None:
            import faiss

            faiss.write_index(self.index, str(folder / INDEX_FILE))

    @classmethod
    def load(cls, folder: Path) -> DenseIndex:
        ids = json.loads((folder / IDS_FILE).read_text(encoding="utf-8"))
        if not ids:
            return cls(None, [])
        import faiss

        index = faiss.read_index(str(folder / INDEX_FILE))
        if index.ntotal != len(ids):
            raise ValueError(f"{folder}: the vector index and its id map disagree; rebuild")
        if hasattr(index, "hnsw"):
            index.hnsw.efSearch = HNSW_EF_SEARCH
        return cls(index, ids)

    def search(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) best first."""
        if self.index is None or k <= 0:
            return []
        query = np.ascontiguousarray(vector.reshape(1, -1), dtype=np.float32)
        scores, rows = self.index.search(query, min(k, len(self.ids)))
        return [
            (self.ids[row], float(score))
            for row, score in zip(rows[0], scores[0], strict=True)
            if row >= 0
        ]

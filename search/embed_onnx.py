"""The query encoder without PyTorch: the build's model exported to ONNX, run by onnxruntime
with the model's own ``tokenizer.json`` (the ``tokenizers`` library).

A cold ``ask`` then loads two small libraries instead of importing PyTorch (seconds). The export
runs at build time with PyTorch, from the local model folder, and is kept in the index folder::

    query_encoder/model.onnx      the transformer: token ids -> token vectors
    query_encoder/tokenizer.json  the model's tokenizer
    query_encoder/encoder.json    the model identity, sequence limit, pooling

Pooling and normalisation are done here, as the model's sentence-transformers modules say; a
model with another pooling than mean tokens (or without L2 normalisation) is not exported, and
queries keep to PyTorch.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
import threading
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from partnership_kg.search.embed import encode_by_length

FOLDER = "query_encoder"
MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
CONFIG_FILE = "encoder.json"


class NotExportable(ValueError):
    """A model this exporter cannot reproduce exactly (its pooling or files differ)."""


def _pipeline_of(model_folder: Path) -> dict[str, Any]:
    """Sequence limit, pooling and normalisation from the sentence-transformers files."""
    modules = json.loads((model_folder / "modules.json").read_text(encoding="utf-8"))
    kinds = [module["type"].rsplit(".", 1)[-1] for module in modules]
    if kinds[:2] != ["Transformer", "Pooling"] or set(kinds[2:]) - {"Normalize"}:
        raise NotExportable(f"modules {kinds}: only Transformer, mean Pooling, Normalize")
    pooling = json.loads((model_folder / modules[1]["path"] / "config.json").read_text("utf-8"))
    chosen = [key for key, value in pooling.items() if key.startswith("pooling_mode") and value]
    if chosen != ["pooling_mode_mean_tokens"]:
        raise NotExportable(f"pooling {chosen}: only mean tokens")
    if not (model_folder / TOKENIZER_FILE).is_file():
        raise NotExportable("no tokenizer.json in the model folder")
    settings = json.loads((model_folder / "sentence_bert_config.json").read_text("utf-8"))
    return {"max_seq_length": int(settings.get("max_seq_length", 256)),
            "normalize": "Normalize" in kinds}


def export(model_folder: Path, identity: str, out: Path) -> Path:
    """Write the ONNX query encoder for ``model_folder`` into ``out/query_encoder``."""
    import torch
    from transformers import AutoModel

    pipeline = _pipeline_of(model_folder)
    target = Path(out) / FOLDER
    target.mkdir(parents=True, exist_ok=True)
    model = AutoModel.from_pretrained(str(model_folder), local_files_only=True).eval()

    class TokenVectors(torch.nn.Module):
        """The transformer with named inputs (its own forward's argument order varies)."""

        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.model(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    # Two rows, the second padded, so the traced graph keeps the attention mask's work.
    example = torch.ones((2, 8), dtype=torch.long)
    mask = example.clone()
    mask[1, 5:] = 0
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on constants; equality is tested
        torch.onnx.export(
            TokenVectors(), (example, mask, torch.zeros_like(example)),
            str(target / MODEL_FILE),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["last_hidden_state"], opset_version=17, dynamo=False,
            dynamic_axes={name: {0: "batch", 1: "tokens"} for name in
                          ("input_ids", "attention_mask", "token_type_ids",
                           "last_hidden_state")})
    shutil.copyfile(model_folder / TOKENIZER_FILE, target / TOKENIZER_FILE)
    (target / CONFIG_FILE).write_text(json.dumps({"model": identity, **pipeline}, indent=1),
                                      encoding="utf-8")
    return target


# This process's exports by model identity: a second build in the same process (a test
# session, a benchmark) copies the export instead of tracing the model again.
_EXPORTED: dict[str, Path] = {}


def reuse_or_export(model_folder: Path, identity: str, out: Path,
                    previous: Path | None) -> Path | None:
    """The previous build's export when it is of the same model, else a fresh one; None (and
    queries on PyTorch) when the model cannot be exported."""
    for earlier in (previous, _EXPORTED.get(identity)):
        if earlier is not None and exported_identity(earlier) == identity:
            shutil.copytree(earlier / FOLDER, Path(out) / FOLDER, dirs_exist_ok=True)
            return Path(out) / FOLDER
    try:
        exported = export(model_folder, identity, out)
    except NotExportable:
        return None
    # Kept aside: ``out`` is a build's staging folder, renamed away when the build ends.
    kept = Path(tempfile.mkdtemp(prefix="partnership-kg-onnx-"))
    shutil.copytree(exported, kept / FOLDER)
    atexit.register(shutil.rmtree, kept, True)
    _EXPORTED[identity] = kept
    return exported


def exported_identity(index_folder: Path) -> str | None:
    """The model identity an index folder's ONNX encoder was exported from, if it has one."""
    config = Path(index_folder) / FOLDER / CONFIG_FILE
    if not (config.is_file() and (config.parent / MODEL_FILE).is_file()):
        return None
    try:
        return str(json.loads(config.read_text(encoding="utf-8"))["model"])
    except (OSError, ValueError, KeyError):
        return None


class OnnxEmbedder:
    """Encodes texts as the exported model does under PyTorch: L2-normalised float32 vectors.
    Same interface as ``embed.Embedder`` for queries; the session loads on first use."""

    def __init__(self, index_folder: Path) -> None:
        self.folder = Path(index_folder) / FOLDER
        self.config: dict[str, Any] = json.loads((self.folder / CONFIG_FILE).read_text("utf-8"))
        self.name = str(self.config["model"])
        self._lock = threading.Lock()
        self._session: Any = None
        self._tokenizer: Any = None

    @property
    def loaded(self) -> bool:
        return self._session is not None

    def _load(self) -> tuple[Any, Any]:
        with self._lock:
            if self._session is None:
                import onnxruntime
                from tokenizers import Tokenizer

                tokenizer = Tokenizer.from_file(str(self.folder / TOKENIZER_FILE))
                tokenizer.enable_truncation(max_length=int(self.config["max_seq_length"]))
                tokenizer.enable_padding(pad_id=tokenizer.token_to_id("[PAD]") or 0)
                options = onnxruntime.SessionOptions()
                # One thread: a query is short, and on a busy machine threads wait on each other.
                options.intra_op_num_threads = int(os.environ.get("OMP_NUM_THREADS", "1"))
                options.inter_op_num_threads = 1
                self._session = onnxruntime.InferenceSession(
                    str(self.folder / MODEL_FILE), options, providers=["CPUExecutionProvider"])
                self._tokenizer = tokenizer
            return self._session, self._tokenizer

    @property
    def dimension(self) -> int:
        session, _ = self._load()
        return int(session.get_outputs()[0].shape[-1])

    def encode(self, texts: Sequence[str],
               on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        session, tokenizer = self._load()

        def encode_batch(texts: list[str]) -> np.ndarray:
            batch = tokenizer.encode_batch(texts)
            ids = np.array([item.ids for item in batch], dtype=np.int64)
            mask = np.array([item.attention_mask for item in batch], dtype=np.int64)
            types = np.array([item.type_ids for item in batch], dtype=np.int64)
            tokens = session.run(None, {"input_ids": ids, "attention_mask": mask,
                                        "token_type_ids": types})[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (tokens * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            if self.config.get("normalize", True):
                pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            return pooled

        return encode_by_length(texts, self.dimension, encode_batch, on_batch)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]

"""The ONNX query encoder: exported at build time, equal to the PyTorch model's vectors, and a
cold passage answer that never imports PyTorch."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from partnership_kg.search.embed_onnx import (
    CONFIG_FILE,
    FOLDER,
    NotExportable,
    OnnxEmbedder,
    _pipeline_of,
)

DOCS = Path(__file__).resolve().parent / "partnership_docs" / "northshire"
# Asked of the invented Northshire agreements; no graph fact answers it, so passages do.
PASSAGE_QUESTION = "How will partners work together on community safety?"


@pytest.fixture(scope="module")
def onnx_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from partnership_kg.pipeline import build

    store = tmp_path_factory.mktemp("onnx") / "store"
    report = build([DOCS], store)
    assert not report["failed"], report["failed"]
    return store


def test_the_build_exports_the_query_encoder_of_its_own_model(onnx_store: Path) -> None:
    index = onnx_store / "index"
    config = json.loads((index / FOLDER / CONFIG_FILE).read_text(encoding="utf-8"))
    meta = json.loads((index / "meta.json").read_text(encoding="utf-8"))
    assert config == {"model": meta["model"], "max_seq_length": 256, "normalize": True}


def test_onnx_vectors_equal_the_pytorch_ones_on_every_dev_chunk(corpus_store: Path) -> None:
    import numpy as np

    from partnership_kg.search.embed import EmbeddingCache, text_key
    from partnership_kg.search.index import SearchIndex

    index = SearchIndex(corpus_store / "index")
    texts = [chunk.indexed_text for chunk in index.chunks.values()]
    # The build encoded every chunk with PyTorch and kept the vectors in the index's cache.
    built = EmbeddingCache.load(corpus_store / "index").vectors
    torch = np.vstack([built[text_key(index.meta["model"], text)] for text in texts])
    onnx = OnnxEmbedder(corpus_store / "index").encode(texts)
    cosines = (onnx * torch).sum(axis=1)
    assert len(texts) == index.meta["chunks"]
    assert float(cosines.min()) >= 0.999


def test_queries_use_the_onnx_encoder_only_for_the_model_it_was_exported_from(
        onnx_store: Path, tmp_path: Path) -> None:
    from partnership_kg.search.embed import Embedder
    from partnership_kg.search.index import SearchIndex

    assert isinstance(SearchIndex(onnx_store / "index").embedder, OnnxEmbedder)
    other = tmp_path / "index"
    shutil.copytree(onnx_store / "index", other)
    config = other / FOLDER / CONFIG_FILE
    config.write_text(json.dumps({**json.loads(config.read_text()), "model": "another-model"}))
    assert isinstance(SearchIndex(other).embedder, Embedder)


def test_a_cold_passage_answer_never_imports_torch(onnx_store: Path) -> None:
    probe = ("import runpy, sys\n"
             "sys.argv = ['partnership-kg', '--store', sys.argv[1], 'ask', sys.argv[2], '--json']\n"
             "try:\n"
             "    runpy.run_module('partnership_kg.ui.cli', run_name='__main__')\n"
             "except SystemExit:\n"
             "    pass\n"
             "print('TORCH' if 'torch' in sys.modules else 'NO-TORCH', file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", probe, str(onnx_store), PASSAGE_QUESTION],
                            capture_output=True, text=True, timeout=600)
    answer = json.loads(result.stdout)
    assert answer["method"] == "passages"
    assert answer["citations"][0]["source"].startswith("northshire_csa_")
    assert result.stderr.strip().splitlines()[-1] == "NO-TORCH"


def _model_folder(tmp_path: Path, pooling: dict[str, bool]) -> Path:
    folder = tmp_path / "wessex-model"
    (folder / "1_Pooling").mkdir(parents=True)
    (folder / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling",
         "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize",
         "type": "sentence_transformers.models.Normalize"}]))
    (folder / "1_Pooling" / "config.json").write_text(json.dumps(pooling))
    (folder / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 128}))
    (folder / "tokenizer.json").write_text("{}")
    return folder


def test_only_mean_pooled_models_are_exported(tmp_path: Path) -> None:
    mean = _model_folder(tmp_path / "mean", {"pooling_mode_mean_tokens": True,
                                             "pooling_mode_cls_token": False})
    assert _pipeline_of(mean) == {"max_seq_length": 128, "normalize": True}
    cls = _model_folder(tmp_path / "cls", {"pooling_mode_mean_tokens": False,
                                           "pooling_mode_cls_token": True})
    with pytest.raises(NotExportable, match="only mean tokens"):
        _pipeline_of(cls)


def test_a_second_build_in_one_process_copies_the_export(
        onnx_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from partnership_kg.search import embed_onnx
    from partnership_kg.search.embed import Embedder

    def no_second_trace(*_args: object) -> Path:
        raise AssertionError("the model was traced again")

    monkeypatch.setattr(embed_onnx, "export", no_second_trace)
    embedder = Embedder()
    assert embed_onnx.reuse_or_export(embedder.folder, embedder.name, tmp_path, None) == (
        tmp_path / FOLDER)
    assert embed_onnx.exported_identity(tmp_path) == embedder.name

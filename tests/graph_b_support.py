"""Shared by graph B's tests: the real corpus (or a renamed copy) ingested, built and stored.

Built once per test session per corpus folder; the store is read through the same
``OxigraphStore`` the CLI uses, so the queries are tested as users run them.
"""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from partnership_kg.graph.build import build_graph
from partnership_kg.graph.oxigraph import OxigraphStore
from partnership_kg.ingest import extract

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLD = Path(__file__).resolve().parent / "gold"


def gold(name: str) -> object:
    return json.loads((GOLD / name).read_text(encoding="utf-8"))


def corpus_files(folder: Path = CORPUS) -> list[Path]:
    return sorted(path for path in folder.iterdir()
                  if path.suffix in {".txt", ".pdf"} and not path.name.startswith("__"))


@lru_cache(maxsize=4)
def built(folder: str = str(CORPUS)) -> tuple[object, OxigraphStore]:
    """(dataset, read-only store) for the corpus in ``folder``."""
    documents = [extract(path) for path in corpus_files(Path(folder))]
    dataset = build_graph(documents)
    folder = tempfile.mkdtemp(prefix="graph-b-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)  # no store left in /tmp
    target = Path(folder) / "graph"
    return dataset, OxigraphStore.create(target, dataset)

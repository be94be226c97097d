"""The store folder: documents, graph and index, replaced as a whole on every build.

Layout::

    STORE/
      manifest.json        {"format": 1, "documents": {source: {"sha256", "type", "chunks"}},
                            "graph": {"backend": "sparql", "query", "update", "graphs"}}
      documents/*.json     one serialised ingest.model.Document per file
      graph/               the on-disk Oxigraph store (absent where "graph" names a server)
      index/               chunks, FAISS and BM25 indexes

A build writes a complete new store in ``STORE.building`` and swaps it in with two renames,
so a build that fails or is killed leaves the previous store answering. A swap interrupted
between its two renames leaves ``STORE.previous``, which ``recover`` puts back.
"""

from __future__ import annotations

import fcntl
import json
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from partnership_kg.ingest.model import Document

FORMAT = 1


class MissingStoreError(Exception):
    """No built store at the given path."""


def _sibling(store: Path, suffix: str) -> Path:
    return store.with_name(store.name + suffix)


# How long a reader waits for a running build's second rename before it gives up on the store.
SWAP_WAIT_S = 5.0


def recover(store: Path) -> None:
    """Finish or undo a swap that was interrupted between its two renames; while a build is
    running its swap is not interrupted but under way, so wait for it instead of undoing it."""
    if not _sibling(store, ".previous").exists():
        return
    lock = _sibling(store, ".lock")
    if not lock.exists():
        _undo_swap(store)
        return
    with lock.open("rb") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:  # a build holds the lock: its second rename comes next
            deadline = time.monotonic() + SWAP_WAIT_S
            while not store.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            return
        try:
            _undo_swap(store)
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _undo_swap(store: Path) -> None:
    previous = _sibling(store, ".previous")
    if previous.exists() and not store.exists():
        previous.rename(store)
    elif previous.exists():
        shutil.rmtree(previous, ignore_errors=True)


def exists(store: Path) -> bool:
    recover(store)
    return (store / "manifest.json").is_file()


def require(store: Path) -> None:
    if not exists(store):
        raise MissingStoreError(
            f"no store at {store}: run 'partnership-kg build' first (or pass --store PATH)"
        )


def read_manifest(store: Path) -> dict[str, Any]:
    if not exists(store):
        return {"format": FORMAT, "documents": {}}
    return json.loads((store / "manifest.json").read_text(encoding="utf-8"))


def document_file(store: Path, source: str) -> Path:
    return store / "documents" / f"{source}.json"


def load_documents(store: Path) -> list[Document]:
    manifest = read_manifest(store)
    return [
        Document.from_json(document_file(store, source).read_text(encoding="utf-8"))
        for source in sorted(manifest["documents"])
    ]


def load_document(store: Path, source: str) -> Document | None:
    """One stored document by its source file name; None where the store holds none."""
    if source not in read_manifest(store)["documents"]:
        return None
    return Document.from_json(document_file(store, source).read_text(encoding="utf-8"))


def graph_server(store: Path) -> dict[str, Any] | None:
    """The SPARQL server holding the store's graph (URLs and graph names), None if embedded."""
    return read_manifest(store).get("graph")


def write_documents(store: Path, documents: list[Document], chunks: dict[str, int],
                    graph_server: dict[str, Any] | None = None) -> None:
    folder = store / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    entries = {}
    for document in documents:
        document_file(store, document.source).write_text(document.to_json(), encoding="utf-8")
        entries[document.source] = {
            "sha256": document.sha256,
            "type": document.type,
            "chunks": chunks.get(document.source, 0),
            "partnership_given": document.partnership_given,
            "folder": document.folder,
        }
    manifest: dict[str, Any] = {"format": FORMAT, "documents": entries}
    if graph_server is not None:
        manifest["graph"] = graph_server
    (store / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")


class BuildInProgress(Exception):
    """Another build holds the store's lock."""


@contextmanager
def _build_lock(store: Path) -> Iterator[None]:
    """One build per store at a time. The kernel drops the lock when its process dies, so a
    killed build never leaves the store locked."""
    store.parent.mkdir(parents=True, exist_ok=True)
    with _sibling(store, ".lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildInProgress(
                f"another build is writing {store}: try again when it ends") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def staging(store: Path) -> Iterator[Path]:
    """Yield an empty folder to build the new store in; swap it in if the block succeeds."""
    with _build_lock(store):
        yield from _staged(store)


def _staged(store: Path) -> Iterator[Path]:
    _undo_swap(store)  # this build holds the lock: a swap left half-done is a killed build's
    building = _sibling(store, ".building")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    try:
        yield building
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    previous = _sibling(store, ".previous")
    if store.exists():
        store.rename(previous)
    building.rename(store)
    shutil.rmtree(previous, ignore_errors=True)

"""The build, in one visible function: files -> documents -> graph + index -> swapped-in store."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partnership_kg import settings, storage
from partnership_kg.ingest.model import Document, IngestError

if TYPE_CHECKING:
    from partnership_kg.graph.sparql_endpoint import Endpoint, SparqlEndpointStore

# Called once per file with (file name, files done, files in all) so a UI can show progress.
ProgressCallback = Callable[[str, int, int], None]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def folder_of(path: Path, roots: list[Path]) -> str | None:
    """The first folder under the build root the file was found in: ``docs/riverford/a.pdf``
    under ``docs`` -> "riverford"; None for a file named directly or lying in the root."""
    for root in roots:
        if root.is_dir():
            try:
                relative = path.relative_to(root)
            except ValueError:
                continue
            return relative.parts[0] if len(relative.parts) > 1 else None
    return None


def _ingest(
    files: list[Path], known: dict[str, Any], on_file: ProgressCallback | None,
    roots: list[Path], partnership: str | None,
) -> tuple[list[Document], list[dict[str, Any]], list[dict[str, Any]]]:
    """Extract every new or changed file; returns (documents, unchanged, failed). A file is
    unchanged only if its bytes, the partnership it was given and its folder are all the same."""
    from partnership_kg.ingest import extract

    documents: list[Document] = []
    unchanged: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []
    for done, path in enumerate(files):
        if on_file:
            on_file(path.name, done, len(files))
        try:
            folder = folder_of(path, roots)
            entry = known.get(path.name, {})
            if (entry.get("sha256") == file_sha256(path)
                    and entry.get("partnership_given") == partnership
                    and entry.get("folder") == folder):
                unchanged.append({"source": path.name})
                continue
            document = extract(path)
            document.partnership_given, document.folder = partnership, folder
            documents.append(document)
        except IngestError as error:
            failed.append({"source": path.name, "error": str(error)})
        except OSError as error:
            failed.append({"source": path.name, "error": f"cannot read file: {error.strerror}"})
    return documents, unchanged, failed


def build(
    paths: Sequence[str | Path] | None,
    store: str | Path,
    progress: bool = False,
    on_file: ProgressCallback | None = None,
    partnership: str | None = None,
    endpoint: Endpoint | None = None,
) -> dict[str, Any]:
    """Ingest ``paths`` (default: the bundled corpus) into ``store``; the contract's build JSON.

    ``partnership`` says whose documents they are (else each one's text, else its folder).
    ``endpoint`` puts the graph on a SPARQL server (default: where the store's graph already
    is, else the embedded store); the server is checked before any file is read.

    Unchanged files are skipped; when nothing changed the store is not touched at all.
    Otherwise the whole store is rebuilt aside and swapped in, so a failure keeps the old one.
    """
    from partnership_kg.ingest import discover

    store = Path(store)
    old_server = _server_of(store)
    target = endpoint or (old_server.endpoint if old_server else None)
    if target is not None:
        _server_check(target)
    moving = target != (old_server.endpoint if old_server else None) and storage.exists(store)
    roots = [Path(path) for path in paths] if paths else [settings.bundled_corpus()]
    missing = [str(root) for root in roots if not root.exists()]
    files = discover([root for root in roots if root.exists()])
    manifest = storage.read_manifest(store)
    partnership = " ".join(partnership.split()) if partnership else None
    new_documents, unchanged, failed = _ingest(files, manifest["documents"], on_file, roots,
                                               partnership or None)
    failed += [{"source": name, "error": "no such file or folder"} for name in missing]
    report: dict[str, Any] = {"ingested": [], "unchanged": unchanged, "failed": failed}
    if not new_documents and not moving:
        return report

    kept = {doc.source: doc for doc in storage.load_documents(store)}
    kept.update({doc.source: doc for doc in new_documents})
    documents = [kept[source] for source in sorted(kept)]

    from partnership_kg.graph.build import build_graph
    from partnership_kg.graph.oxigraph import OxigraphStore
    from partnership_kg.graph.sparql_endpoint import SparqlEndpointStore
    from partnership_kg.search.index import build_index

    previous_index = store / "index" if storage.exists(store) else None
    new_server: SparqlEndpointStore | None = None
    try:
        with storage.staging(store) as building:
            dataset = build_graph(documents)
            if target is None:
                OxigraphStore.create(building / "graph", dataset)
            else:  # new graphs first; the manifest swapped in below switches to them
                new_server = SparqlEndpointStore.create(target, dataset)
            chunks = build_index(documents, building / "index", previous=previous_index,
                                 progress=progress)
            storage.write_documents(building, documents, chunks, graph_server=(
                new_server.as_manifest() if new_server else None))
    except BaseException:
        if new_server is not None:
            new_server.drop()
        raise
    if old_server is not None:
        old_server.drop()  # this store's previous graphs, now that nothing names them

    report["ingested"] = [
        {"source": doc.source, "type": doc.type, "pages": doc.page_count,
         "chunks": chunks.get(doc.source, 0), "parts": len(doc.parts),
         **({"warnings": doc.warnings} if doc.warnings else {})}
        for doc in new_documents
    ]
    return report


def _server_check(endpoint: Endpoint) -> None:
    """Fail fast, before any file is read, where the server does not answer."""
    from partnership_kg.graph.sparql_endpoint import SparqlEndpointStore

    SparqlEndpointStore(endpoint, {}).check()


def _server_of(store: Path) -> SparqlEndpointStore | None:
    """The store's graph on its SPARQL server, None where it is embedded."""
    from partnership_kg.graph.sparql_endpoint import SparqlEndpointStore, endpoint_from_manifest

    entry = storage.graph_server(store) if storage.exists(store) else None
    return SparqlEndpointStore(*endpoint_from_manifest(entry)) if entry else None

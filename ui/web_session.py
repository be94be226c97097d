"""The web UI's hold on the store: one Workspace, opened once, reopened after an upload's build.

Derived views (labels, agreements, the networkx projection) are computed on first use and dropped
when the Workspace is reopened, so every tab sees the same store.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from partnership_kg.ingest.errors import SUPPORTED
from partnership_kg.ui import web_data
from partnership_kg.ui.web_common import counted

# File types the Documents tab accepts: whatever ingestion reads.
UPLOAD_TYPES = sorted(SUPPORTED)

# (file name or stage, steps done, steps in all)
Progress = Callable[[int, int, str], None]


class Session:
    def __init__(self, workspace: Any) -> None:
        self.workspace = workspace
        self._lock = threading.Lock()  # one build at a time; readers never wait on it
        self._cache: dict[str, Any] = {}
        # (fn, inputs, outputs) to run when the page loads; filled by the tab builders.
        self.on_load: list[tuple[Callable[..., Any], list[Any], list[Any]]] = []
        # (component, fn giving its new value) to redraw on page load and after an upload.
        self.refreshers: list[tuple[Any, Callable[[], Any]]] = []
        self._stamp = self._store_stamp()

    def _store_stamp(self) -> tuple[int, int] | None:
        """What changes when a build swaps a new store in (a new manifest file)."""
        try:
            stat = (Path(self.workspace.path) / "manifest.json").stat()
        except (OSError, TypeError, AttributeError):
            return None
        return stat.st_ino, stat.st_mtime_ns

    def follow_store(self) -> None:
        """Reopen the store where a build (from the command line, or another server) has swapped
        a new one in since it was opened; a page then never shows an older store."""
        if self._store_stamp() != self._stamp:
            with self._lock:
                self.reopen()

    def _cached(self, key: str, compute: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    # -- derived views ------------------------------------------------------------------------
    def summaries(self) -> list[dict[str, Any]]:
        return self._cached("summaries", self.workspace.document_summaries)

    def labels(self) -> list[str]:
        return self._cached("labels", lambda: web_data.concept_labels(self.workspace))

    def agreements(self, partnership: str | None = None) -> list[dict[str, Any]]:
        """Agreement versions, oldest first: one each however many files state it."""
        return self._cached(f"agreements:{partnership}",
                            lambda: web_data.agreements(self.workspace, partnership))

    def documents_by_source(self) -> dict[str, Any]:
        """The stored documents (pages and text) by file name, for "View source"."""
        return self._cached("documents", lambda: {d.source: d for d in self.workspace.documents})

    def agreement_choices(self, partnership: str | None = None) -> list[tuple[str, str]]:
        return [(a["name"], a["key"]) for a in self.agreements(self.scope(partnership))]

    def partnerships(self) -> list[str]:
        """The store's partnerships by name (the page's picker shows when there are several)."""
        return self._cached("partnerships", lambda: [
            p["partnership"] for p in self.workspace.partnerships()])

    def topic_years(self) -> list[int]:
        """The start years of every version mapped to a topic (the Partnerships year picker)."""
        return self._cached("topic_years", lambda: sorted({
            entry["year"] for cell in self.workspace.topics()["cells"]
            for entry in cell["entries"] if entry["year"] is not None}))

    def scope(self, partnership: str | None) -> str | None:
        """The partnership to ask about: None on a store of one (today's answers, unchanged)."""
        return partnership if partnership and len(self.partnerships()) > 1 else None

    def example_questions(self) -> list[str]:
        """Suggested questions from the store's own priorities (asked once per opened store:
        every page load shows them)."""
        def compute() -> list[str]:
            first = next(iter(self.partnerships()), None)
            years = sorted({a["year"] for a in self.agreements(self.scope(first)) if a["year"]})
            current = self.workspace.priorities(partnership=self.scope(first))
            return web_data.example_questions(current.get("priorities", []), years)

        return self._cached("examples", compute)

    def partnership_flows(self, partnership: str | None = None
                          ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        scope = self.scope(partnership)
        return self._cached(f"flows:{scope}",
                            lambda: web_data.partnership_flows(self.workspace, scope))

    def network(self) -> nx.MultiDiGraph:
        def project() -> nx.MultiDiGraph:
            from partnership_kg.graph.project import project_networkx

            return project_networkx(self.workspace.graph.dataset())

        return self._cached("network", project)

    def node_choices(self, partnership: str | None = None) -> list[tuple[str, str]]:
        """Explore's starting points; another partnership's versions, priorities, documents and
        meetings left out where the store holds several (Acts, posts, plans are shared)."""
        try:
            choices = web_data.node_choices(self.network())
        except Exception:  # noqa: BLE001 - Explore then says why when used
            return []
        scope = self.scope(partnership)
        if scope is None:
            return choices
        owners = self._cached("owners", lambda: web_data.node_partnerships(self.workspace))
        return [(name, node) for name, node in choices if owners.get(node, scope) == scope]

    def headline(self) -> str:
        """What the store holds, in words: files, agreement versions (a version stated in two
        files counts once) and their years, priorities and themes."""
        versions = self.agreements()
        years = [a["year"] for a in versions if a["year"]]
        span = f", {min(years)}–{max(years)}" if years else ""
        return (f"{counted(len(self.summaries()), 'document')} · "
                f"{counted(len(versions), 'agreement version')}{span} · "
                f"{counted(len(self.labels()), 'priority or theme', 'priorities and themes')}")

    def documents_table(self) -> Any:
        import pandas as pd

        rows = []
        for doc in self.summaries():
            period = doc.get("period") or doc.get("date") or ""
            parts = doc.get("parts") or []
            kinds = ", ".join(dict.fromkeys(str(p.get("type")) for p in parts))
            rows.append([doc.get("title"), doc.get("source"), doc.get("type"), period,
                         doc.get("pages"), f"{len(parts)} ({kinds})" if parts else "0",
                         doc.get("chunks")])
        # The title first: file names in a store are often hash-like.
        return pd.DataFrame(rows, columns=["title", "file", "type", "date or period", "pages",
                                           "parts", "passages"])

    # -- uploads ------------------------------------------------------------------------------
    def add_files(self, paths: list[Path], limit_mb: int, progress: Progress) -> dict[str, Any]:
        """Build the uploaded files into the store and reopen it; the build JSON of the contract.

        Files over the size limit or of another type are reported, not read. Uploads are copied
        under their own names first, because the store keys documents by file name.
        """
        from partnership_kg import pipeline

        failed: list[dict[str, Any]] = []
        folder = Path(tempfile.mkdtemp(prefix="pkg-upload-"))
        accepted: list[Path] = []
        for path in paths:
            name = path.name
            if path.suffix.lower() not in UPLOAD_TYPES:
                failed.append({"source": name, "error": "only PDF, Word .docx, web page .html "
                               "and text files can be added"})
            elif path.stat().st_size > limit_mb * 1024 * 1024:
                failed.append({"source": name,
                               "error": f"larger than the {limit_mb} MB limit for uploads"})
            else:
                target = folder / name
                shutil.copyfile(path, target)
                accepted.append(target)
        if not accepted:
            return {"ingested": [], "unchanged": [], "failed": failed}

        def on_file(name: str, done: int, total: int) -> None:
            progress(done, total + 1, f"Reading {name}")

        store = Path(self.workspace.path)
        with self._lock:
            try:
                result = pipeline.build(accepted, store, on_file=on_file)
            except Exception as error:  # noqa: BLE001 - the previous store keeps answering
                result = {"ingested": [], "unchanged": [],
                          "failed": [{"source": ", ".join(p.name for p in accepted),
                                      "error": f"the build failed: {error}"}]}
            progress(len(accepted) + 1, len(accepted) + 1, "Done")
            if result.get("ingested"):
                self.reopen()
        shutil.rmtree(folder, ignore_errors=True)
        result["failed"] = failed + list(result.get("failed", []))
        return result

    def reopen(self) -> None:
        """Open the freshly swapped-in store and forget everything derived from the old one."""
        self.workspace = type(self.workspace)(self.workspace.path)
        self._cache.clear()
        self._stamp = self._store_stamp()

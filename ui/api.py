"""The HTTP API beside the web UI: ``/api/*`` returns the contract's JSON, ``/sparql`` is a
read-only SPARQL 1.1 Protocol endpoint, ``/api/docs`` describes both.

``serve`` is what ``partnership-kg serve`` runs: one FastAPI app with these routes first and the
Gradio page mounted at ``/`` after them, under uvicorn. Handlers only read, so any number of
replicas can serve the same store; each notices a rebuild swapping the store in (see
``LiveStore``) and answers from the new one without a restart.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse

from partnership_kg import storage
from partnership_kg.graph.base import QueryRefused
from partnership_kg.ui.sparql_protocol import add_sparql_endpoint

SEARCH_KEYS = ("source", "page", "text", "score", "title", "section")
OPENAPI_URL = "/api/openapi.json"

Text = Annotated[str, Query(min_length=1, max_length=2000)]
Partnership = Annotated[str | None, Query(min_length=1, max_length=200,
                                          description="a partnership's name, acronym, area or "
                                                      "part of its name")]


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _validation_message(error: RequestValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first.get("loc", ())[1:]) or "request"
    return f"{where}: {first.get('msg', 'invalid')}"


def _required(value: str, name: str) -> str:
    if not value.strip():
        raise ValueError(f"{name}: give a non-blank value")
    return value.strip()


class LiveStore:
    """The Workspace of the store as it is now, and answers already given from it.

    A build swaps a whole new store folder in by renaming, so the folder's inode names one
    build: when it changes, the next request opens the new store (and forgets old answers).
    The store never changes under one inode, so an answer can be kept while it stands.
    """

    def __init__(self, path: Path, cache_size: int = 1024,
                 opener: Callable[[Path], Any] | None = None) -> None:
        self.path = Path(path)
        self.cache_size = cache_size
        self._open = opener or open_with_cached_reads
        self._lock = threading.Lock()
        storage.require(self.path)
        self._identity = os.stat(self.path).st_ino
        self._workspace = self._open(self.path)
        self._answers: OrderedDict[tuple[Any, ...], Any] = OrderedDict()

    def current(self) -> tuple[int, Any]:
        """(build identity, its Workspace). Between a swap's two renames the folder is briefly
        missing: the old store keeps answering (``storage.require`` would undo the swap)."""
        try:
            identity = os.stat(self.path).st_ino
        except FileNotFoundError:
            identity = self._identity
        with self._lock:
            if identity != self._identity:
                self._identity, self._workspace = identity, self._open(self.path)
                self._answers.clear()
            return self._identity, self._workspace

    @property
    def workspace(self) -> Any:
        return self.current()[1]

    def answer(self, key: tuple[Any, ...], compute: Callable[[Any], Any]) -> Any:
        """``compute(workspace)``, remembered under ``key`` for this build of the store."""
        identity, workspace = self.current()
        # The identity is part of the key: an answer finished on the old store after a swap
        # is never handed out for the new one.
        full_key = (identity, *key)
        with self._lock:
            if full_key in self._answers:
                self._answers.move_to_end(full_key)
                return self._answers[full_key]
        result = compute(workspace)
        if self.cache_size > 0:
            with self._lock:
                self._answers[full_key] = result
                while len(self._answers) > self.cache_size:
                    self._answers.popitem(last=False)
        return result


def open_with_cached_reads(path: Path) -> Any:
    """A Workspace whose graph queries are remembered (the store is read-only while open)."""
    from partnership_kg.ui.read_cache import CachedReads
    from partnership_kg.workspace import Workspace

    workspace = Workspace(path)
    workspace.graph = CachedReads(workspace.graph)
    return workspace


def create_app(live: LiveStore) -> FastAPI:
    """The API over a live store, without the web UI."""
    app = FastAPI(title="partnership-kg", summary="Questions, lineage, priorities, passages "
                  "and SPARQL over a partnership knowledge graph.",
                  docs_url=None, redoc_url=None, openapi_url=OPENAPI_URL)

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(_request: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse({"error": _validation_message(error)}, status_code=400)

    @app.exception_handler(ValueError)
    async def refused_value(_request: Request, error: ValueError) -> JSONResponse:
        return JSONResponse({"error": _one_line(error)}, status_code=400)

    @app.exception_handler(QueryRefused)
    async def refused_query(_request: Request, error: QueryRefused) -> JSONResponse:
        return JSONResponse({"error": _one_line(error)}, status_code=400)

    @app.get("/api/ask", tags=["answers"], summary="Answer a question with citations")
    def ask(q: Text, partnership: Partnership = None) -> dict[str, Any]:
        text = _required(q, "q")
        return live.answer(("ask", text, partnership),
                           lambda ws: ws.ask(text, partnership=partnership))

    @app.get("/api/lineage", tags=["answers"], summary="The history of a priority or theme")
    def lineage(name: Text, partnership: Partnership = None) -> dict[str, Any]:
        text = _required(name, "name")
        return live.answer(("lineage", text, partnership),
                           lambda ws: ws.lineage(text, partnership=partnership))

    @app.get("/api/priorities", tags=["answers"], summary="Priorities and themes in force")
    def priorities(year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
                   partnership: Partnership = None) -> dict[str, Any]:
        return live.answer(("priorities", year, partnership),
                           lambda ws: ws.priorities(year=year, partnership=partnership))

    @app.get("/api/search", tags=["passages"], summary="Ranked passages")
    def search(q: Text, k: Annotated[int, Query(ge=1, le=100)] = 5,
               mode: Literal["hybrid", "dense", "bm25"] = "hybrid") -> dict[str, Any]:
        text = _required(q, "q")
        results = live.answer(("search", text, k, mode),
                              lambda ws: ws.search(text, k=k, mode=mode))
        return {"query": text,
                "results": [{key: result.get(key) for key in SEARCH_KEYS} for result in results]}

    @app.get("/api/documents", tags=["store"], summary="What is in the store")
    def documents() -> list[dict[str, Any]]:
        return live.answer(("documents",), lambda ws: ws.document_summaries())

    @app.get("/api/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(docs_page(app.openapi()))

    add_sparql_endpoint(app, lambda: live.workspace)
    return app


def docs_page(spec: dict[str, Any]) -> str:
    """The OpenAPI description as one plain page: no scripts, so nothing comes from a CDN."""
    rows = []
    for path, operations in spec.get("paths", {}).items():
        for method, operation in operations.items():
            params = ", ".join(
                f"<code>{html.escape(p['name'])}</code>{'' if p.get('required') else '?'}"
                for p in operation.get("parameters", []))
            rows.append(f"<tr><td>{method.upper()}</td><td><code>{html.escape(path)}</code></td>"
                        f"<td>{params}</td><td>{html.escape(operation.get('summary', ''))}</td>"
                        "</tr>")
    info = spec.get("info", {})
    return ("<!doctype html><html><head><meta charset='utf-8'>"
            f"<title>{html.escape(info.get('title', 'API'))} API</title></head><body>"
            f"<h1>{html.escape(info.get('title', 'API'))} HTTP API</h1>"
            f"<p>{html.escape(info.get('summary', ''))} Machine-readable description: "
            f"<a href='{OPENAPI_URL}'>{OPENAPI_URL}</a>. Bad parameters get a 400 with "
            "<code>{\"error\": \"...\"}</code>.</p>"
            "<table border='1' cellpadding='4'><tr><th>method</th><th>path</th>"
            f"<th>parameters (? optional)</th><th>what</th></tr>{''.join(rows)}</table>"
            "<pre>" + html.escape(json.dumps(spec, indent=2)) + "</pre></body></html>")


def warm(workspace: Any) -> None:
    """Load the graph, documents, index, model and the queries every answer runs before the
    first request, so concurrent first requests do not each load them."""
    workspace.graph.triples_count()
    workspace.document_summaries()
    workspace.search("warm", k=1)
    workspace.concept_label_vectors  # noqa: B018 - computed on first use
    with contextlib.suppress(ValueError):  # a store without agreements: nothing to warm
        workspace.priorities()


def serve(store: Path | str, host: str = "127.0.0.1", port: int = 7860,
          cache_size: int = 1024) -> None:
    """The API and the web UI on one port until interrupted."""
    import uvicorn

    # Gradio through ``web``, which turns its analytics off before importing it.
    from partnership_kg.ui import web

    gr = web.gr

    live = LiveStore(Path(store), cache_size=cache_size)
    app = create_app(live)
    blocks = web.build_app(live.workspace)
    blocks.queue(default_concurrency_limit=2)
    gr.mount_gradio_app(app, blocks, path="/", server_name=host, server_port=port,
                        show_error=False, theme=web.THEME, css=web.CSS,
                        i18n=web.ANNOUNCEMENTS)
    warm(live.workspace)
    print(f"serving http://{host}:{port}/ (web UI), /api/docs, /sparql", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")

"""``/sparql``: a read-only SPARQL 1.1 Protocol endpoint over the embedded store.

The query comes in the URL (GET), a form field (POST ``application/x-www-form-urlencoded``) or
the body (POST ``application/sparql-query``). Results are written by pyoxigraph in the format the
``Accept`` header prefers: SPARQL JSON (the default), CSV, TSV or XML for SELECT and ASK; Turtle
(the default), N-Triples or RDF/XML for CONSTRUCT and DESCRIBE. Updates and ``SERVICE`` are
refused with a 400 before the store sees them, and the store is opened read-only anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyoxigraph as ox
from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from partnership_kg.graph.base import PREFIXES, QueryError, QueryRefused, check_local_query

RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
}
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"


class ProtocolError(ValueError):
    """A request the endpoint answers with 400 (or ``status``) and one line."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def preferred(accept: str, offered: dict[str, Any]) -> str | None:
    """The offered media type ``accept`` ranks highest (q-values, ``*/*`` and ``type/*``);
    the first offered when the header is empty; None when nothing offered is acceptable."""
    if not accept.strip():
        return next(iter(offered))
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate(accept.split(",")):
        media, *params = (piece.strip() for piece in item.split(";"))
        weight = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if weight > 0:
            ranked.append((-weight, position, media.lower()))
    for _, _, media in sorted(ranked):
        if media in offered:
            return media
        if media == "*/*":
            return next(iter(offered))
        if media.endswith("/*"):
            match = next((m for m in offered if m.startswith(media[:-1])), None)
            if match:
                return match
    return None


async def query_text(request: Request) -> str:
    """The query of a GET or POST as the protocol allows it; updates are refused."""
    params = request.query_params
    if request.method == "POST":
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == UPDATE_BODY:
            raise ProtocolError("read-only: SPARQL updates are refused")
        if content_type == QUERY_BODY:
            return (await request.body()).decode("utf-8", errors="replace")
        if content_type == FORM:
            form = await request.form()
            if "update" in form:
                raise ProtocolError("read-only: SPARQL updates are refused")
            value = form.get("query")
            return value if isinstance(value, str) else ""
        raise ProtocolError(f"unsupported Content-Type {content_type or '(none)'}: send "
                            f"{QUERY_BODY} or {FORM}", status=415)
    if "update" in params:
        raise ProtocolError("read-only: SPARQL updates are refused")
    return params.get("query", "")


def run_query(store: ox.Store, query: str, accept: str) -> tuple[bytes, str]:
    """Serialised results and their media type."""
    if not query.strip():
        raise ProtocolError("missing query: give it as ?query=, a form field or the body")
    check_local_query(query)
    try:
        result = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as error:
        raise QueryError(f"SPARQL syntax error: {' '.join(str(error).split())}") from error
    offered: dict[str, Any] = (GRAPH_TYPES if isinstance(result, ox.QueryTriples)
                               else RESULT_TYPES)
    # A client asking for a type these results cannot take (rdflib's SPARQLStore asks for
    # SPARQL JSON even for CONSTRUCT) gets the default and reads it by its Content-Type.
    media = preferred(accept, offered) or next(iter(offered))
    return result.serialize(format=offered[media]), media


def add_sparql_endpoint(app: FastAPI, current_workspace: Callable[[], Any]) -> None:
    """Route GET and POST ``/sparql`` to the embedded store of the workspace now open."""

    async def sparql(request: Request) -> Response:
        try:
            query = await query_text(request)
            store = getattr(current_workspace().graph, "store", None)
            if not isinstance(store, ox.Store):
                raise ProtocolError("this store's graph lives in a SPARQL server: query that "
                                    "server's endpoint", status=501)
            body, media = await run_in_threadpool(run_query, store, query,
                                                  request.headers.get("accept", ""))
        except ProtocolError as error:
            return PlainTextResponse(str(error), status_code=error.status)
        except (QueryRefused, QueryError) as error:
            return PlainTextResponse(str(error), status_code=400)
        charset = "; charset=utf-8" if media.startswith("text/") or "json" in media else ""
        return Response(body, media_type=media + charset)

    # One route per method: OpenAPI names each operation once (one route for both, duplicated).
    for method in ("GET", "POST"):
        app.add_api_route("/sparql", sparql, methods=[method], summary="SPARQL 1.1 Protocol, "
                          "read-only", tags=["sparql"], response_class=Response,
                          operation_id=f"sparql_{method.lower()}")

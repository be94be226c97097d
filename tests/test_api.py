"""The HTTP API and /sparql as other programs use them: a real ``partnership-kg serve`` on a free
loopback port, asked by real HTTP clients (httpx, urllib, rdflib's SPARQLStore)."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

DOCS = Path(__file__).resolve().parent / "partnership_docs" / "northshire"
RESULTS_NS = "{http://www.w3.org/2005/sparql-results#}"
LABELS_2019 = ["Domestic Abuse", "Fraud and Scams", "Road Safety", "Rural Crime"]
LABELS_QUERY = ("SELECT DISTINCT ?label WHERE { ?p a csa:Priority ; skos:prefLabel ?label } "
                "ORDER BY ?label")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def api_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two invented Northshire agreements (2016-19, 2019-22), built by the real pipeline."""
    from partnership_kg.pipeline import build

    store = tmp_path_factory.mktemp("api") / "store"
    report = build([DOCS], store)
    assert not report["failed"], report["failed"]
    return store


@pytest.fixture(scope="module")
def api_url(api_store: Path) -> Iterator[str]:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "partnership_kg.ui.cli", "--store", str(api_store), "serve",
         "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            if server.poll() is not None:
                pytest.fail(f"serve exited: {server.stdout.read() if server.stdout else ''}")
            try:
                if httpx.get(f"{url}/api/documents", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.5)
        else:
            pytest.fail("serve did not answer within 120 s")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def get(url: str, path: str, **params: object) -> httpx.Response:
    return httpx.get(f"{url}{path}", params=params, timeout=60)


# -- /api/* --------------------------------------------------------------------------------

def test_api_ask_answers_from_the_graph_with_the_quote_naming_the_lead(api_url: str) -> None:
    response = get(api_url, "/api/ask", q="Who leads Fraud and Scams?")
    assert response.status_code == 200
    body = response.json()
    assert body["method"] == "graph"
    assert body["answer"] == ("In the 2019-22 agreement the lead for 'Fraud and Scams' was Head "
                              "of Trading Standards, Northshire County Council.")
    assert body["citations"] == [{
        "source": "northshire_csa_2019.txt", "title": "Northshire Community Safety Agreement "
        "2019-22", "page": None,
        "quote": "Fraud and Scams Head of Trading Standards, Northshire County Council"}]


def test_api_priorities_of_a_year_are_that_agreements(api_url: str) -> None:
    body = get(api_url, "/api/priorities", year=2020).json()
    assert body["agreement"]["source"] == "northshire_csa_2019.txt"
    assert sorted(p["label"] for p in body["priorities"]) == LABELS_2019
    fraud = next(p for p in body["priorities"] if p["label"] == "Fraud and Scams")
    assert fraud["leads"] == ["Head of Trading Standards, Northshire County Council"]


def test_api_lineage_gives_the_timeline_of_each_version(api_url: str) -> None:
    body = get(api_url, "/api/lineage", name="Rural Crime", partnership="Northshire").json()
    assert body["partnership"] == "Northshire Community Safety Partnership"
    assert [(step["period"], step["source"]) for step in body["timeline"]] == [
        ("2016-19", "northshire_csa_2016.txt"), ("2019-22", "northshire_csa_2019.txt")]


def test_api_search_returns_k_passages_in_the_contract_shape(api_url: str) -> None:
    body = get(api_url, "/api/search", q="Trading Standards", k=2).json()
    assert body["query"] == "Trading Standards"
    assert len(body["results"]) == 2
    assert set(body["results"][0]) == {"source", "page", "text", "score", "title", "section"}
    assert "Trading Standards" in body["results"][0]["text"]


def test_api_documents_lists_every_file(api_url: str) -> None:
    body = get(api_url, "/api/documents").json()
    assert [doc["source"] for doc in body] == ["northshire_csa_2016.txt",
                                               "northshire_csa_2019.txt"]


@pytest.mark.parametrize(("path", "params", "message"), [
    ("/api/ask", {}, "q: Field required"),
    ("/api/ask", {"q": "   "}, "q: give a non-blank value"),
    ("/api/search", {"q": "x", "k": 0}, "k: Input should be greater than or equal to 1"),
    ("/api/search", {"q": "x", "mode": "fuzzy"}, "mode: Input should be 'hybrid', 'dense' or "
                                                 "'bm25'"),
    ("/api/priorities", {"year": "soon"}, "year: Input should be a valid integer, unable to "
                                          "parse string as an integer"),
    ("/api/lineage", {"name": "Rural Crime", "partnership": "Wessex"},
     "no partnership 'Wessex' in the store; it holds: Northshire Community Safety Partnership"),
])
def test_api_bad_parameters_get_a_400_with_one_line(api_url: str, path: str,
                                                    params: dict[str, object],
                                                    message: str) -> None:
    response = get(api_url, path, **params)
    assert response.status_code == 400
    assert response.json() == {"error": message}


def test_api_docs_are_served_without_any_outside_asset(api_url: str) -> None:
    page = get(api_url, "/api/docs")
    assert page.status_code == 200
    assert "<script" not in page.text and "cdn" not in page.text.lower()
    assert "/api/ask" in page.text
    spec = get(api_url, "/api/openapi.json").json()
    assert {"/api/ask", "/api/lineage", "/api/priorities", "/api/search", "/api/documents",
            "/sparql"} <= set(spec["paths"])


def test_the_web_ui_is_still_served_at_the_root(api_url: str) -> None:
    page = get(api_url, "/")
    assert page.status_code == 200
    assert "gradio" in page.text.lower()


def test_the_web_ui_under_serve_answers_in_the_ask_tab_offline(api_url: str) -> None:
    """The page ``serve`` mounts beside the API (the browser tests drive ``web.launch``)."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    leaked: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update"])
        try:
            page = browser.new_page()
            page.set_default_timeout(120_000)

            def only_local(route: object) -> None:
                url = route.request.url  # type: ignore[attr-defined]
                if url.startswith(api_url) or url.startswith("data:"):
                    route.continue_()  # type: ignore[attr-defined]
                else:
                    leaked.append(url)
                    route.abort()  # type: ignore[attr-defined]

            page.route("**/*", only_local)
            page.goto(api_url)
            page.fill("#ask-question textarea", "Who leads Fraud and Scams?")
            page.press("#ask-question textarea", "Enter")
            page.wait_for_selector("#ask-answer mark")
            shown = page.locator("#ask-answer").inner_text()
        finally:
            browser.close()
    assert "Head of Trading Standards, Northshire County Council" in shown
    assert "northshire_csa_2019.txt" in shown
    assert leaked == []


# -- /sparql ---------------------------------------------------------------------------------

def _labels_from_json(body: dict[str, object]) -> list[str]:
    return [row["label"]["value"] for row in body["results"]["bindings"]]  # type: ignore[index]


def test_sparql_get_answers_in_sparql_json_by_default(api_url: str) -> None:
    response = get(api_url, "/sparql", query=LABELS_QUERY)
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert _labels_from_json(response.json()) == LABELS_2019


def test_sparql_post_takes_a_form_or_a_query_body(api_url: str) -> None:
    form = httpx.post(f"{api_url}/sparql", data={"query": LABELS_QUERY}, timeout=60)
    body = httpx.post(f"{api_url}/sparql", content=LABELS_QUERY.encode(), timeout=60,
                      headers={"Content-Type": "application/sparql-query"})
    assert _labels_from_json(form.json()) == LABELS_2019
    assert _labels_from_json(body.json()) == LABELS_2019


@pytest.mark.parametrize(("accept", "media", "delimiter"), [
    ("text/csv", "text/csv", ","), ("text/tab-separated-values", "text/tab-separated-values",
                                    "\t")])
def test_sparql_csv_and_tsv_by_accept(api_url: str, accept: str, media: str,
                                      delimiter: str) -> None:
    response = httpx.get(f"{api_url}/sparql", params={"query": LABELS_QUERY},
                         headers={"Accept": accept}, timeout=60)
    assert response.headers["content-type"].startswith(media)
    rows = list(csv.reader(io.StringIO(response.text), delimiter=delimiter))
    values = [row[0].strip('"') for row in rows[1:]]
    assert values == LABELS_2019


def test_sparql_xml_by_accept(api_url: str) -> None:
    response = httpx.get(f"{api_url}/sparql", params={"query": LABELS_QUERY}, timeout=60,
                         headers={"Accept": "text/html;q=0.9, application/sparql-results+xml"})
    assert response.headers["content-type"].startswith("application/sparql-results+xml")
    root = ET.fromstring(response.content)
    assert [node.text for node in root.iter(f"{RESULTS_NS}literal")] == LABELS_2019


def test_sparql_construct_answers_in_turtle(api_url: str) -> None:
    from rdflib import Graph

    response = get(api_url, "/sparql", query="CONSTRUCT { ?p skos:prefLabel ?label } WHERE { "
                   "?p a csa:Priority ; skos:prefLabel ?label }")
    assert response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    assert sorted({str(label) for label in graph.objects()}) == LABELS_2019


@pytest.mark.parametrize("request_kind", ["update-body", "update-form", "update-param",
                                          "delete-as-query", "service"])
def test_sparql_updates_and_service_are_refused_with_400(api_url: str, api_store: Path,
                                                         request_kind: str) -> None:
    update = "DELETE WHERE { ?s ?p ?o }"
    url = f"{api_url}/sparql"
    if request_kind == "update-body":
        response = httpx.post(url, content=update, timeout=60,
                              headers={"Content-Type": "application/sparql-update"})
    elif request_kind == "update-form":
        response = httpx.post(url, data={"update": update}, timeout=60)
    elif request_kind == "update-param":
        response = httpx.get(url, params={"update": update}, timeout=60)
    elif request_kind == "delete-as-query":
        response = httpx.get(url, params={"query": update}, timeout=60)
    else:
        response = httpx.get(url, params={"query": "SELECT * WHERE { SERVICE "
                                          "<http://example.org/sparql> { ?s ?p ?o } }"},
                             timeout=60)
    assert response.status_code == 400
    assert response.text.count("\n") == 0
    assert ("refused" in response.text)
    assert _labels_from_json(get(api_url, "/sparql", query=LABELS_QUERY).json()) == LABELS_2019


def test_sparql_a_bad_query_is_a_400_with_one_line(api_url: str) -> None:
    response = get(api_url, "/sparql", query="SELECT WHERE {")
    assert response.status_code == 400
    assert response.text.startswith("SPARQL syntax error:")
    assert "\n" not in response.text
    assert get(api_url, "/sparql").text == ("missing query: give it as ?query=, a form field "
                                            "or the body")


def test_rdflib_sparqlstore_queries_the_endpoint(api_url: str) -> None:
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    prefixes = ("PREFIX csa: <https://w3id.org/partnership-kg/csa#> "
                "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ")
    for method in ("GET", "POST"):
        graph = Graph(store=SPARQLStore(f"{api_url}/sparql", method=method))
        rows = graph.query(prefixes + LABELS_QUERY)
        assert [str(row[0]) for row in rows] == LABELS_2019
        assert graph.query("ASK { ?s ?p ?o }").askAnswer is True
        triples = graph.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3")
        assert len(triples.graph) == 3


def test_sparql_json_matches_the_cli_rows(api_url: str, api_store: Path) -> None:
    cli = subprocess.run([sys.executable, "-m", "partnership_kg.ui.cli", "--store",
                          str(api_store), "sparql", LABELS_QUERY, "--format", "json"],
                         capture_output=True, text=True, check=True)
    assert [row["label"] for row in json.loads(cli.stdout)] == LABELS_2019


# -- the parts behind it, on their own -------------------------------------------------------

def _empty_store(path: Path) -> Path:
    path.mkdir()
    (path / "manifest.json").write_text('{"format": 1, "documents": {}}', encoding="utf-8")
    return path


def test_live_store_keeps_answers_until_a_rebuild_swaps_the_store(tmp_path: Path) -> None:
    from partnership_kg.ui.api import LiveStore

    store = _empty_store(tmp_path / "store")
    opened: list[Path] = []
    live = LiveStore(store, opener=lambda path: opened.append(path) or len(opened))
    computed: list[int] = []

    def answer() -> str:
        return live.answer(("ask", "Who leads Fraud?"),
                           lambda ws: computed.append(ws) or f"from build {ws}")

    assert [answer(), answer()] == ["from build 1", "from build 1"]
    assert computed == [1]
    # What ``storage.staging`` does: a new folder renamed into place.
    store.rename(tmp_path / "store.previous")
    _empty_store(store)
    assert answer() == "from build 2"
    assert computed == [1, 2]


def test_live_store_mid_swap_keeps_answering_and_leaves_the_swap_alone(tmp_path: Path) -> None:
    from partnership_kg.ui.api import LiveStore

    store = _empty_store(tmp_path / "store")
    live = LiveStore(store, opener=lambda path: "build 1")
    store.rename(tmp_path / "store.previous")  # the first of a swap's two renames
    assert live.answer(("documents",), lambda ws: f"from {ws}") == "from build 1"
    assert not store.exists() and (tmp_path / "store.previous").exists()


def test_live_store_without_a_cache_computes_every_answer(tmp_path: Path) -> None:
    from partnership_kg.ui.api import LiveStore

    live = LiveStore(_empty_store(tmp_path / "store"), cache_size=0, opener=lambda path: 1)
    computed: list[int] = []
    for _ in range(3):
        live.answer(("documents",), lambda ws: computed.append(ws))
    assert computed == [1, 1, 1]


@pytest.mark.parametrize(("accept", "chosen"), [
    ("", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/csv;q=0.5, text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+xml;q=0.2, text/csv;q=0.8", "text/csv"),
    ("text/*", "text/csv"),
    ("text/html", None),
    ("text/csv;q=0", None),
])
def test_accept_picks_the_highest_ranked_offered_type(accept: str, chosen: str | None) -> None:
    from partnership_kg.ui.sparql_protocol import RESULT_TYPES, preferred

    assert preferred(accept, RESULT_TYPES) == chosen

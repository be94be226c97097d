"""The graph on a real SPARQL server (Oxigraph server and Virtuoso, each on a loopback port):
the same answers as the embedded store, this store's own graphs only, a failed rebuild leaving
the old graphs answering, credentials never on disk, a dead server one line and exit 2."""

from __future__ import annotations

import json
import shutil
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sparql_servers import Server, free_port

import partnership_kg
from partnership_kg import pipeline
from partnership_kg.evaluation import judge, load_questions
from partnership_kg.graph import queries
from partnership_kg.graph.base import names_graphs
from partnership_kg.graph.sparql_endpoint import Endpoint, GraphServerError, SparqlEndpointStore
from partnership_kg.ui.cli import cli

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DOCS = ROOT / "tests" / "partnership_docs"
QUESTIONS = load_questions(ROOT / "benchmarks" / "data" / "dev_questions.jsonl")


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server_store(request: pytest.FixtureRequest, partnerships_store: Path,
                 tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The partnerships store moved onto the server: same files, so only the graph is rebuilt
    (one build per server)."""
    server: Server = request.getfixturevalue(f"{request.param}_server")
    store = tmp_path_factory.mktemp(request.param) / "store"
    shutil.copytree(partnerships_store, store)
    report = pipeline.build([CORPUS, DOCS], store, endpoint=server.endpoint)
    assert report["ingested"] == [] and report["failed"] == []
    return store


@pytest.fixture(scope="module")
def embedded(partnerships_store: Path) -> partnership_kg.Workspace:
    return partnership_kg.open(partnerships_store)


def test_a_store_on_a_server_keeps_no_graph_folder_and_names_its_urls(
        server_store: Path) -> None:
    manifest = json.loads((server_store / "manifest.json").read_text(encoding="utf-8"))
    assert not (server_store / "graph").exists()
    assert manifest["graph"]["backend"] == "sparql"
    assert manifest["graph"]["query"].startswith("http://127.0.0.1:")
    ws = partnership_kg.open(server_store)
    assert isinstance(ws.graph, SparqlEndpointStore)


@pytest.mark.parametrize("question", QUESTIONS, ids=[q["id"] for q in QUESTIONS])
def test_dev_questions_answer_alike_on_the_server(server_store: Path,
                                                  embedded: partnership_kg.Workspace,
                                                  question: dict) -> None:
    answer = _workspace(server_store).ask(question["question"], partnership="Kent")
    passed, why = judge(question, answer)
    assert passed, (why, answer["answer"])
    assert answer == embedded.ask(question["question"], partnership="Kent")


_WORKSPACES: dict[Path, partnership_kg.Workspace] = {}


def _workspace(store: Path) -> partnership_kg.Workspace:
    """One workspace per store for the module: its graph model is read once."""
    return _WORKSPACES.setdefault(store, partnership_kg.open(store))


def test_lineage_priorities_diff_and_documents_equal_the_embedded_stores(
        server_store: Path, embedded: partnership_kg.Workspace) -> None:
    ws = _workspace(server_store)
    assert ws.document_summaries() == embedded.document_summaries()
    assert ws.partnerships() == embedded.partnerships()
    for name in queries.concept_labels(embedded.graph):
        assert ws.lineage(name) == embedded.lineage(name), name
    for partnership in queries.partnerships(embedded.graph):
        versions = [v for v in queries.agreement_versions(embedded.graph)
                    if v["partnership"] == partnership.iri]
        label = partnership.label
        for year in range(min(v["year"] for v in versions), max(v["year"] for v in versions) + 2):
            assert ws.priorities(year, partnership=label) == embedded.priorities(
                year, partnership=label), (label, year)
        first, last = versions[0]["source"], versions[-1]["source"]
        assert ws.diff(first, last, partnership=label) == embedded.diff(
            first, last, partnership=label)
    # DISTINCT: the embedded store's union of graphs repeats a triple each part states.
    count = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a csa:Priority }"
    assert ws.sparql(count) == embedded.sparql(count)


# -- this store's graphs, and only those -------------------------------------------------------

def _server_graphs(server: Server) -> set[str]:
    body = urllib.parse.urlencode({"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"})
    request = urllib.request.Request(server.endpoint.query_url, data=body.encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        rows = json.load(response)["results"]["bindings"]
    return {row["g"]["value"] for row in rows}


def _own_graphs(store: Path) -> set[str]:
    """The server graphs a store's manifest names: one per part and their union."""
    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    return {*manifest["graph"]["graphs"], manifest["graph"]["union"]}


@pytest.fixture
def two_stores(tmp_path: Path, oxigraph_server: Server) -> tuple[Path, Path, Path]:
    """Northshire's and Riverford's documents in two stores on one server; Northshire's files
    copied so that a test may change one."""
    files = tmp_path / "northshire"
    shutil.copytree(DOCS / "northshire", files)
    north, river = tmp_path / "north", tmp_path / "river"
    for store, paths in ((north, [files]), (river, [DOCS / "riverford"])):
        assert pipeline.build(paths, store, endpoint=oxigraph_server.endpoint)["failed"] == []
    return north, river, files


def test_a_store_reads_its_own_graphs_though_the_server_holds_others(
        two_stores: tuple[Path, Path, Path]) -> None:
    north, river, _files = two_stores
    query = "SELECT DISTINCT ?name WHERE { ?p a csa:Partnership ; skos:prefLabel ?name }"
    assert partnership_kg.open(river).sparql(query) == [{"name": "Safer Riverford Partnership"}]
    assert partnership_kg.open(north).sparql(query) == [
        {"name": "Northshire Community Safety Partnership"}]
    graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    # Its one document part's graph and the shared topic scheme's, under this build's names.
    assert partnership_kg.open(river).sparql(graphs) == [{"n": 2}]


def test_a_rebuild_replaces_only_its_own_graphs(two_stores: tuple[Path, Path, Path],
                                                oxigraph_server: Server) -> None:
    north, river, files = two_stores
    old_north, river_graphs = _own_graphs(north), _own_graphs(river)
    river_before = partnership_kg.open(river).priorities()
    agreement = files / "northshire_csa_2019.txt"
    agreement.write_text(agreement.read_text(encoding="utf-8").replace(
        "Rural Crime", "Heritage Crime"), encoding="utf-8")
    assert pipeline.build([files], north)["ingested"] != []  # the server is remembered
    on_server = _server_graphs(oxigraph_server)
    assert old_north.isdisjoint(on_server)
    assert _own_graphs(north) <= on_server and river_graphs <= on_server
    labels = [p["label"] for p in partnership_kg.open(north).priorities(2020)["priorities"]]
    assert "Heritage Crime" in labels and "Rural Crime" not in labels
    assert partnership_kg.open(river).priorities() == river_before


def test_a_failed_rebuild_leaves_the_old_graphs_answering(
        two_stores: tuple[Path, Path, Path], oxigraph_server: Server,
        monkeypatch: pytest.MonkeyPatch) -> None:
    north, _river, files = two_stores
    before_graphs, before = _server_graphs(oxigraph_server), partnership_kg.open(north).priorities()

    def index_fails(*_args: Any, **_kwargs: Any) -> dict[str, int]:
        raise OSError("disk full")

    monkeypatch.setattr("partnership_kg.search.index.build_index", index_fails)
    agreement = files / "northshire_csa_2016.txt"
    agreement.write_text(agreement.read_text(encoding="utf-8") + "\nA new line.\n",
                         encoding="utf-8")
    with pytest.raises(OSError, match="disk full"):
        pipeline.build([files], north)
    assert _server_graphs(oxigraph_server) == before_graphs  # the new graphs were dropped
    assert partnership_kg.open(north).priorities() == before


# -- errors and credentials ----------------------------------------------------------------------

def test_an_unreachable_server_is_one_line_and_exit_2(tmp_path: Path) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "s"), "build",
                                      "--sparql-endpoint", f"{dead}/query",
                                      "--sparql-update-endpoint", f"{dead}/update", str(DOCS)])
    assert result.exit_code == 2
    assert result.output.strip() == (f"Error: SPARQL server {dead}/query cannot be reached: "
                                     "[Errno 111] Connection refused")
    assert not (tmp_path / "s").exists()


def test_a_server_gone_after_the_build_is_one_line_and_exit_2(
        two_stores: tuple[Path, Path, Path]) -> None:
    north = two_stores[0]
    manifest_file = north / "manifest.json"
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    manifest["graph"]["query"] = f"http://127.0.0.1:{free_port()}/query"
    manifest_file.write_text(json.dumps(manifest), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--store", str(north), "priorities"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "cannot be reached" in result.output
    assert "Traceback" not in result.output


def test_a_failing_server_is_one_line_and_exit_2(tmp_path: Path,
                                                 oxigraph_server: Server) -> None:
    query_url = oxigraph_server.endpoint.query_url  # no updates here: the server says 4xx
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "s"), "build",
                                      "--sparql-endpoint", query_url,
                                      "--sparql-update-endpoint", query_url,
                                      str(DOCS / "riverford")])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: SPARQL server {query_url} answered 4")
    assert result.output.count("\n") == 1
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize("args", [["--sparql-endpoint", "http://127.0.0.1:1/query"],
                                  ["--sparql-update-endpoint", "http://127.0.0.1:1/update"]])
def test_the_two_endpoint_urls_go_together(tmp_path: Path, args: list[str]) -> None:
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "s"), "build", *args])
    assert result.exit_code == 2
    assert result.output.strip() == ("Error: --sparql-endpoint and --sparql-update-endpoint "
                                     "go together: give both")


class _Recorder(BaseHTTPRequestHandler):
    """A stand-in SPARQL server that answers ASK true and records each request's headers."""

    seen: list[dict[str, str]] = []

    bodies: list[list[tuple[str, str]]] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        type(self).seen.append(dict(self.headers))
        type(self).bodies.append(urllib.parse.parse_qsl(body))
        body = b'{"head": {}, "boolean": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: Any) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[str]:
    """The stand-in server's URL, its records emptied."""
    _Recorder.seen.clear()
    _Recorder.bodies.clear()
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/sparql"
    finally:
        server.shutdown()


def test_a_read_names_the_union_graph_and_the_part_graphs_only_where_it_reads_them(
        recorder: str) -> None:
    store = SparqlEndpointStore(Endpoint(recorder, recorder), {"urn:b:0": "https://x/g0"},
                                union="urn:b:union")
    store.select("ASK { ?s a csa:Priority }")
    store.select("ASK { GRAPH ?g { ?s a csa:Priority } }")
    dataset = [[(key, value) for key, value in body if key != "query"]
               for body in _Recorder.bodies]
    assert dataset == [
        [("default-graph-uri", "urn:b:union"), ("named-graph-uri", "urn:partnership-kg:no-graph")],
        [("default-graph-uri", "urn:b:union"), ("named-graph-uri", "urn:b:0")]]


@pytest.mark.parametrize("query", ["SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                                   "select * { graph <urn:wessex> { ?s ?p ?o } }"])
def test_rule_a_graph_clause_reads_named_graphs(query: str) -> None:
    assert names_graphs(query)


@pytest.mark.parametrize("query", ["SELECT ?graph WHERE { ?graph a csa:Graph }",
                                   'SELECT * WHERE { ?s rdfs:label "GRAPH" }',
                                   "SELECT * WHERE { ?s csa:graph ?o } # GRAPH"])
def test_rule_the_word_graph_elsewhere_reads_the_default_graph_only(query: str) -> None:
    assert not names_graphs(query)


def test_credentials_come_from_the_environment_when_a_store_is_opened(
        monkeypatch: pytest.MonkeyPatch, recorder: str) -> None:
    url = recorder
    monkeypatch.setenv("PARTNERSHIP_KG_SPARQL_USER", "wessex")
    monkeypatch.setenv("PARTNERSHIP_KG_SPARQL_PASSWORD", "s3cret")
    assert SparqlEndpointStore(Endpoint(url, url), {}).select("ASK {}") == [{"ask": True}]
    monkeypatch.delenv("PARTNERSHIP_KG_SPARQL_USER")
    SparqlEndpointStore(Endpoint(url, url), {}).check()
    assert _Recorder.seen[0]["Authorization"] == "Basic d2Vzc2V4OnMzY3JldA=="
    assert "Authorization" not in _Recorder.seen[1]


def test_credentials_are_never_written_to_the_store(tmp_path: Path, oxigraph_server: Server,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTNERSHIP_KG_SPARQL_USER", "riverford-admin")
    monkeypatch.setenv("PARTNERSHIP_KG_SPARQL_PASSWORD", "hunter2-riverford")
    store = tmp_path / "s"
    assert pipeline.build([DOCS / "riverford"], store,
                          endpoint=oxigraph_server.endpoint)["failed"] == []
    written = b"".join(path.read_bytes() for path in store.rglob("*") if path.is_file())
    assert b"riverford-admin" not in written and b"hunter2-riverford" not in written
    assert partnership_kg.open(store).priorities()["agreement"] is not None



class _Silent(BaseHTTPRequestHandler):
    """A stand-in server that takes longer to answer than the client waits."""

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        time.sleep(1.5)

    def log_message(self, *_args: Any) -> None:
        pass


def test_a_server_slower_than_the_timeout_is_one_line_saying_so() -> None:
    server = HTTPServer(("127.0.0.1", 0), _Silent)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/sparql"
    store = SparqlEndpointStore(Endpoint(url, url), {})
    store._client.timeout_s = 0.2
    try:
        with pytest.raises(GraphServerError) as raised:
            store.select("ASK {}")
    finally:
        server.shutdown()
    assert str(raised.value) == f"SPARQL server {url} did not answer within 0.2 s"

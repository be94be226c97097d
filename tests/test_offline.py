"""Nothing leaves the machine: SPARQL federation is refused before any connection is tried."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal, URIRef

from partnership_kg.graph.base import FederationRefused, is_federated
from partnership_kg.graph.oxigraph import OxigraphStore
from partnership_kg.ui.cli import cli


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service silent <http://example.org/q> { ?s ?p ?o } }",
    "SELECT * WHERE { ?x <urn:p> ?endpoint . SERVICE ?endpoint { ?s ?p ?o } }",
    "PREFIX ex: <urn:x#>\nSELECT * WHERE {\n  SERVICE\n  <http://h/> { ?s ?p ?o } }",
])
def test_rule_a_service_clause_is_federation(query: str) -> None:
    assert is_federated(query)


@pytest.mark.parametrize("query", [
    "SELECT ?service WHERE { ?service <urn:p> ?o }",
    'SELECT ?s WHERE { ?s <urn:p> "SERVICE <http://h/> { }" }',
    "SELECT ?s WHERE { ?s <urn:x#SERVICE> ?o } # SERVICE <http://h/>",
    "PREFIX service: <urn:s#>\nSELECT ?s WHERE { ?s service:of ?o }",
])
def test_rule_the_word_service_elsewhere_is_not_federation(query: str) -> None:
    assert not is_federated(query)


def _listener() -> socket.socket:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    return listener


def _store(tmp_path: Path) -> OxigraphStore:
    dataset = Dataset()
    dataset.graph(URIRef("urn:g")).add((URIRef("urn:s"), URIRef("urn:p"), Literal("Wessex")))
    return OxigraphStore.create(tmp_path / "graph", dataset)


def test_the_store_refuses_service_and_no_connection_is_made(tmp_path: Path) -> None:
    store = _store(tmp_path)
    with _listener() as listener:
        port = listener.getsockname()[1]
        with pytest.raises(FederationRefused):
            store.select(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/q> {{ ?s ?p ?o }} }}")
        with pytest.raises(TimeoutError):
            listener.accept()
    assert [row["o"] for row in store.select("SELECT ?o WHERE { ?s ?p ?o }")] == ["Wessex"]


def test_the_sparql_command_refuses_service_with_exit_2(corpus_store: Path) -> None:
    with _listener() as listener:
        port = listener.getsockname()[1]
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
        result = CliRunner().invoke(cli, ["--store", str(corpus_store), "sparql", query])
        with pytest.raises(TimeoutError):
            listener.accept()
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "Error: SERVICE is refused: queries run on the local graph only and never reach the "
        "network"]
    local = CliRunner().invoke(cli, ["--store", str(corpus_store), "sparql", "--format", "json",
                                     "ASK { ?s a skos:Concept }"])
    assert (local.exit_code, json.loads(local.stdout)) == (0, [{"ask": True}])


_ONNX_SESSION = """
import partnership_kg.search.embed_onnx  # the package, as every entry point imports it first
import time

import onnxruntime
from onnx import TensorProto, helper

value = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])
graph = helper.make_graph([helper.make_node("Identity", ["x"], ["y"])], "probe", [value],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])])
session = onnxruntime.InferenceSession(helper.make_model(graph).SerializeToString(),
                                       providers=["CPUExecutionProvider"])
session.run(None, {"x": [1.0]})
time.sleep(10)  # the telemetry look-up comes about 6 s after the session starts
"""


def test_an_onnx_session_sends_no_telemetry(tmp_path: Path) -> None:
    """onnxruntime looks up its telemetry host when a session starts unless told not to."""
    import os
    import shutil
    import subprocess
    import sys

    from offline_support import TRACE, off_machine

    if not shutil.which("strace"):
        if os.environ.get("CI"):
            pytest.fail("strace is needed to prove onnxruntime stays offline")
        pytest.skip("strace is not installed")
    trace = tmp_path / "trace.txt"
    env = {k: v for k, v in os.environ.items() if k != "ORT_DISABLE_TELEMETRY"}
    subprocess.run([*TRACE, "-o", str(trace), sys.executable, "-c", _ONNX_SESSION],
                   check=True, env=env, timeout=120)
    assert off_machine(trace.read_text(errors="replace")) == []

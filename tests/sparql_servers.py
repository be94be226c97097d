"""Real SPARQL servers for the tests, each started on a free loopback port in a folder of its own:
Oxigraph server (the ``oxigraph`` PyPI package, a dev extra) and Virtuoso (Debian's
``virtuoso-opensource``, which ``.ci/run`` installs). A server that cannot start raises
``ServerUnavailable`` with the reason, for the fixture to skip (or, with CI set, fail) on."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from partnership_kg.graph.sparql_endpoint import Endpoint

START_TIMEOUT_S = 60


class ServerUnavailable(Exception):
    """The server's program is missing or did not start; the message says why."""


@dataclass
class Server:
    name: str
    endpoint: Endpoint
    process: subprocess.Popen[bytes]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_answering(server: Server, log: Path) -> None:
    url = server.endpoint.query_url + "?query=ASK%7B%7D"
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerUnavailable(f"{server.name} exited: {log.read_text()[-300:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    server.process.kill()
    raise ServerUnavailable(f"{server.name} did not answer within {START_TIMEOUT_S} s")


def _program(name: str) -> str | None:
    beside_python = Path(sys.executable).parent / name  # the venv's bin, not on PATH in tests
    return str(beside_python) if beside_python.is_file() else shutil.which(name)


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[Server]:
    program = _program("oxigraph")
    if program is None:
        raise ServerUnavailable("the oxigraph server is not installed (pip install oxigraph, "
                                "a dev extra)")
    port = free_port()
    log = folder / "oxigraph.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [program, "serve", "--location", str(folder / "data"), "--bind",
             f"127.0.0.1:{port}"], stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    server = Server("oxigraph", Endpoint(f"{base}/query", f"{base}/update"), process)
    yield from _running(server, log)


_VIRTUOSO_INI = """[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., /usr/share/virtuoso-opensource-7/vad
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 4
Charset = UTF-8
[SPARQL]
; Virtuoso's default (10000 rows) would cut a whole-store read short
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 300
"""


@contextmanager
def virtuoso_server(folder: Path) -> Iterator[Server]:
    program, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if program is None or isql is None:
        raise ServerUnavailable("Virtuoso is not installed (apt-get install "
                                "virtuoso-opensource)")
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(folder=folder, sql_port=sql_port, http_port=http_port))
    log = folder / "virtuoso.out"
    with log.open("wb") as out:
        process = subprocess.Popen([program, "+foreground", "+configfile", str(ini)],
                                   stdout=out, stderr=subprocess.STDOUT, cwd=folder)
    url = f"http://127.0.0.1:{http_port}/sparql"
    server = Server("virtuoso", Endpoint(url, url), process)
    # A fresh database: its SPARQL account may read only until granted updates.
    grant = [isql, f"127.0.0.1:{sql_port}", "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";']
    yield from _running(server, log, after_start=grant)


def _running(server: Server, log: Path, after_start: list[str] | None = None
             ) -> Iterator[Server]:
    try:
        _wait_until_answering(server, log)
        if after_start:
            done = subprocess.run(after_start, capture_output=True, timeout=60, check=False)
            if done.returncode != 0:
                raise ServerUnavailable(f"{server.name} setup failed: {done.stderr[-300:]!r}")
        yield server
    finally:
        server.process.terminate()
        try:
            server.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.process.kill()

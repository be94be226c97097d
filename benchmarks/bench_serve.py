"""The HTTP API under load: concurrent clients against a real ``partnership-kg serve``.

    python benchmarks/bench_serve.py [--store STORE] [--clients 20] [--requests 10]
                                     [--max-seconds 300] [--cache 1024]

Starts ``serve`` on a free loopback port, then each client sends ``--requests`` requests (a mix
of graph questions, passage questions, lineage, priorities, search and /sparql, drawn in turn
from the dev questions) and stops early when ``--max-seconds`` have passed. Prints errors,
latency median / p95 / max per kind and overall, and throughput. ``--cache 0`` measures every
request answered afresh; the default keeps answers per build as ``serve`` does.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

QUESTIONS = Path(__file__).parent / "data" / "dev_questions.jsonl"
SPARQL = "SELECT ?label WHERE { ?p a csa:Priority ; skos:prefLabel ?label } LIMIT 50"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(len(ordered) * share) - 1)]


def figures(kind: str, seconds: list[float]) -> str:
    return (f"  {kind:<16} n={len(seconds):4d}  median {statistics.median(seconds) * 1000:7.0f} ms"
            f"  p95 {percentile(seconds, 0.95) * 1000:7.0f} ms  max {max(seconds) * 1000:7.0f} ms")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request_mix(questions: list[dict[str, str]], labels: list[str]
                ) -> list[tuple[str, str, dict[str, object]]]:
    """(kind, path, params): every dev question asked, with lineage (of the store's own
    priority labels), priorities, search and SPARQL requests between them."""
    mix: list[tuple[str, str, dict[str, object]]] = []
    for number, question in enumerate(questions):
        mix.append((f"ask:{question.get('kind', 'any')}", "/api/ask",
                    {"q": question["question"]}))
        extra = number % 4
        if extra == 0:
            mix.append(("search", "/api/search", {"q": question["question"], "k": 5}))
        elif extra == 1:
            mix.append(("lineage", "/api/lineage", {"name": labels[number % len(labels)]}))
        elif extra == 2:
            mix.append(("priorities", "/api/priorities", {"year": 2015 + number % 10}))
        else:
            mix.append(("sparql", "/sparql", {"query": SPARQL}))
    return mix


def start_server(store: Path, port: int, cache: int) -> subprocess.Popen[str]:
    server = subprocess.Popen(
        [sys.executable, "-m", "partnership_kg.ui.cli", "--store", str(store), "serve",
         "--port", str(port), "--cache", str(cache)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for _ in range(600):
        if server.poll() is not None:
            raise SystemExit(f"serve exited: {server.stderr.read() if server.stderr else ''}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/documents", timeout=5).raise_for_status()
            return server
        except httpx.TransportError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("serve did not start within 300 s")


def main() -> None:
    parser = argparse.ArgumentParser(description="HTTP API latency under concurrent clients")
    parser.add_argument("--store", type=Path)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=10, help="per client")
    parser.add_argument("--max-seconds", type=float, default=300)
    parser.add_argument("--cache", type=int, default=1024, help="serve --cache")
    args = parser.parse_args()
    store = args.store
    if store is None:
        import partnership_kg

        store = Path(tempfile.mkdtemp()) / "store"
        partnership_kg.build(None, store)
    questions = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line]

    port = free_port()
    server = start_server(store, port, args.cache)
    base = f"http://127.0.0.1:{port}"
    # Lineage is asked of the store's own labels, whatever the corpus.
    rows = httpx.get(f"{base}/sparql", params={"query": SPARQL}, timeout=120).json()
    labels = sorted({row["label"]["value"] for row in rows["results"]["bindings"]})
    mix = request_mix(questions, labels or ["-"])
    timings: dict[str, list[float]] = {}
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + args.max_seconds

    def client(number: int) -> None:
        with httpx.Client(base_url=base, timeout=120) as http:
            for step in range(args.requests):
                if time.monotonic() > deadline:
                    return
                kind, path, params = mix[(number * args.requests + step) % len(mix)]
                started = time.perf_counter()
                try:
                    status = http.get(path, params=params).status_code
                except httpx.HTTPError as error:
                    status, kind = 0, f"{kind} ({type(error).__name__})"
                elapsed = time.perf_counter() - started
                with lock:
                    timings.setdefault(kind.split(" ")[0], []).append(elapsed)
                    if status != 200:
                        errors.append(f"{kind} {path} {params}: HTTP {status}")

    started = time.perf_counter()
    try:
        threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        wall = time.perf_counter() - started
        server.terminate()
        server.wait(timeout=30)

    every = [t for values in timings.values() for t in values]
    print(f"{args.clients} clients, {len(every)} requests in {wall:.1f} s "
          f"({len(every) / wall:.1f}/s), cache {args.cache}, errors {len(errors)}")
    for kind, values in sorted(timings.items()):
        print(figures(kind, values))
    if every:
        print(figures("all", every))
    for line in errors[:10]:
        print(f"  error: {line}")


if __name__ == "__main__":
    main()

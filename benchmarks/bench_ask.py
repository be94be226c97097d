"""``ask`` latency: cold (a new process per question) and warm (one open workspace).

    python benchmarks/bench_ask.py [--store STORE]

Cold runs time the whole ``partnership-kg ask`` command, start-up included; warm runs time
``Workspace.ask`` after one warm-up call, for graph-answerable and passage questions apart.
Last, a cold passage answer (on the store's ONNX query encoder, no PyTorch) against a process
that only imports PyTorch and loads the model: the ratio is what the ONNX encoder saves.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import partnership_kg

QUESTIONS = Path(__file__).parent / "data" / "dev_questions.jsonl"


def summary(times_ms: list[float]) -> str:
    ordered = sorted(times_ms)
    p95 = ordered[max(0, round(len(ordered) * 0.95) - 1)]
    return f"median {statistics.median(ordered):7.1f} ms   p95 {p95:7.1f} ms   (n={len(ordered)})"


def main() -> None:
    parser = argparse.ArgumentParser(description="ask latency")
    parser.add_argument("--store", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    store = args.store
    if store is None:
        store = Path(tempfile.mkdtemp()) / "store"
        partnership_kg.build(None, store)
    questions = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line]

    workspace = partnership_kg.open(store)
    warm: dict[str, list[float]] = {"graph": [], "passages": []}
    for question in questions:
        workspace.ask(question["question"])
    for _ in range(args.repeat):
        for question in questions:
            started = time.perf_counter()
            result = workspace.ask(question["question"])
            elapsed = (time.perf_counter() - started) * 1000
            warm.setdefault(result["method"], []).append(elapsed)

    cold: dict[str, list[float]] = {}
    command = [sys.executable, "-m", "partnership_kg.ui.cli", "--store", str(store), "ask"]
    for question in questions[:: max(1, len(questions) // 8)]:
        started = time.perf_counter()
        output = subprocess.run([*command, question["question"], "--json"], check=True,
                                capture_output=True, text=True).stdout
        elapsed = (time.perf_counter() - started) * 1000
        cold.setdefault(json.loads(output)["method"], []).append(elapsed)

    for label, times in (("warm", warm), ("cold", cold)):
        for method, values in sorted(times.items()):
            if values:
                print(f"{label} ask, {method:<8} answers: {summary(values)}")

    from partnership_kg.search.embed import Embedder

    load_torch = ("import sentence_transformers; sentence_transformers.SentenceTransformer("
                  f"{str(Embedder().folder)!r}, device='cpu', local_files_only=True)")
    torch_only = [timed_run([sys.executable, "-c", load_torch]) for _ in range(args.repeat)]
    passages = [question["question"] for question in questions
                if question.get("kind") == "passage"][:args.repeat] or [questions[0]["question"]]
    passage_cold = [timed_run([*command, question, "--json"]) for question in passages]
    print(f"cold passage ask:              {summary(passage_cold)}")
    print(f"import torch + load the model: {summary(torch_only)}")
    ratio = statistics.median(passage_cold) / statistics.median(torch_only)
    print(f"cold passage ask / (import torch + load the model), medians: {ratio:.2f}")


def timed_run(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    main()

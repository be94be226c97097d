"""What the topic mapping pass adds to a graph build.

    python benchmarks/bench_topics.py

Builds the graph of the development documents (the bundled corpus, ``tests/partnership_docs``
and ``tests/topic_docs``) in one process: first cold (the scheme's names encoded once), then
warm with and without ``graph.topics.corpus_pass``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from partnership_kg.graph import build, topics  # noqa: E402
from partnership_kg.ingest import discover, extract  # noqa: E402


def timed(documents: list, passes: list) -> float:
    saved = build.CORPUS_PASSES[:]
    build.CORPUS_PASSES[:] = passes
    try:
        started = time.perf_counter()
        build.build_graph(documents)
        return time.perf_counter() - started
    finally:
        build.CORPUS_PASSES[:] = saved


def main() -> None:
    folders = [ROOT / "corpus", ROOT / "tests" / "partnership_docs", ROOT / "tests" / "topic_docs"]
    documents = [extract(path) for path in discover(folders)]
    topics._default_embedder().encode(["load the model"])  # the index pays this load too
    every = build.CORPUS_PASSES[:]
    without = [step for step in every if step is not topics.corpus_pass]
    print(f"build_graph, {len(documents)} documents, first in this process: "
          f"{timed(documents, every):.2f} s (the scheme's names encoded once)")
    for name, passes in (("with the topics pass", every), ("without it", without),
                         ("with the topics pass", every)):
        print(f"build_graph {name}: {timed(documents, passes):.2f} s")


if __name__ == "__main__":
    main()

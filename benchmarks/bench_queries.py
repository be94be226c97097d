"""Read queries at scale: lineage and priorities on 200 invented partnerships x 10 versions.

    python benchmarks/bench_queries.py [--partnerships 200] [--versions 10] [--questions 40]

The benchmark writes ten small invented agreements for one template partnership, reads them
with the real pipeline (ingest and graph extraction), then copies that graph for each invented
partnership ("Wessex 001" ... "Wessex 200", every IRI and name renamed) into one embedded
Oxigraph store, and into an Oxigraph server started on a free loopback port. It prints p95 and
median of ``lineage`` and ``priorities`` on both, each question about a partnership not asked
before (its model read from its own graphs, nothing cached), and what reading the whole store's
model once costs, as every read query did before the per-partnership scope.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from partnership_kg.graph import queries
from partnership_kg.graph.base import GraphStore
from partnership_kg.graph.build import build_graph
from partnership_kg.graph.oxigraph import OxigraphStore, to_ox
from partnership_kg.graph.query.model import Model
from partnership_kg.graph.sparql_endpoint import Endpoint, SparqlEndpointStore
from partnership_kg.graph.vocab import mint
from partnership_kg.ingest import extract

TEMPLATE = "Wessex"
EVIDENCE = str(mint("evidence"))
UNION = "urn:partnership-kg:build:bench:union"
PRIORITIES = ["Road Safety", "Domestic Abuse", "Rural Crime", "Fraud and Scams",
              "Anti-Social Behaviour", "Knife Crime", "Reducing Reoffending", "Substance Misuse",
              "Hate Crime", "Cyber Crime"]
LEADS = ["Chief Fire Officer, {p} Fire and Rescue Service", "Chair of {p} Domestic Abuse Forum",
         "Head of Policing, {p} Police", "Head of Trading Standards, {p} County Council"]


def agreement_text(version: int, first_year: int = 2006) -> str:
    """One invented agreement: four priorities, one of them new in each version, and leads."""
    start = first_year + 2 * version
    period = f"{start}-{str(start + 2)[2:]}"
    chosen = [PRIORITIES[(version + k) % len(PRIORITIES)] for k in range(4)]
    previous = f"{start - 2}-{str(start)[2:]}"
    leads = "\n".join(f"{label}\t{LEADS[k].format(p=TEMPLATE)}"
                      for k, label in enumerate(chosen))
    return (f"{TEMPLATE} Community Safety Agreement {period}\n\nForeword\n\n"
            f"As Chair of the {TEMPLATE} Community Safety Partnership I am pleased to present the "
            f"new {TEMPLATE} Community Safety Agreement for {period}.\n\n1. Introduction\n\n"
            f"1.1. This agreement sets out the priorities of the {TEMPLATE} Community Safety "
            f"Partnership for {period} and replaces the {previous} agreement.\n\n"
            f"2. County Priorities {period}\n\n2.1. The priorities for {TEMPLATE} are: "
            f"{'; '.join(chosen[:-1])}; and {chosen[-1]}.\n\n3. Leads\n\nPriority\tLead\n{leads}\n")


def template_quads(versions: int, folder: Path) -> list[tuple[object, ...]]:
    """The template partnership's graph, read from its invented agreements by the pipeline."""
    folder.mkdir(parents=True)
    documents = []
    for version in range(versions):
        path = folder / f"{TEMPLATE.lower()}_csa_v{version:02d}.txt"
        path.write_text(agreement_text(version), encoding="utf-8")
        documents.append(extract(path))
    return list(build_graph(documents).quads((None, None, None, None)))


def renamed(quads: list[tuple[object, ...]], name: str) -> Iterator[ox.Quad]:
    """The template's quads as another partnership's: every IRI, literal and blank node
    renamed ("Wessex" -> "Wessex 007" in text, "wessex-007" in IRIs), as if extracted from
    that partnership's own texts."""
    slug = name.lower().replace(" ", "-")

    def rename(term: object) -> object:
        if isinstance(term, URIRef):
            text = str(term).replace(TEMPLATE, slug).replace(TEMPLATE.lower(), slug)
            if text.startswith(EVIDENCE):  # keyed by a digest of the part: make it this one's
                text += f"-{slug}"
            return URIRef(text)
        if isinstance(term, Literal):
            text = str(term).replace(TEMPLATE, name).replace(TEMPLATE.lower(), slug)
            return Literal(text, lang=term.language, datatype=term.datatype)
        if isinstance(term, BNode):
            return BNode(f"{term}{slug}")
        return term

    for s, p, o, g in quads:
        yield ox.Quad(to_ox(rename(s)), to_ox(rename(p)), to_ox(rename(o)), to_ox(rename(g)))


def p95(times_ms: list[float]) -> float:
    ordered = sorted(times_ms)
    return ordered[max(0, round(len(ordered) * 0.95) - 1)]


def timed(label: str, calls: list[Callable[[], object]]) -> None:
    times = []
    for call in calls:
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    print(f"  {label:<34} median {statistics.median(times):8.1f} ms   "
          f"p95 {p95(times):8.1f} ms   (n={len(times)})")


def questions(store: GraphStore, names: list[str], count: int,
              seed: int) -> tuple[list[Callable[[], object]], list[Callable[[], object]]]:
    """``count`` lineage and ``count`` priorities questions, each about a partnership not
    asked before (so none is answered from a model already read)."""
    rng = random.Random(seed)
    chosen = rng.sample(names, 2 * count)
    labels = [rng.choice(PRIORITIES) for _ in range(count)]
    years = [rng.randrange(2008, 2026) for _ in range(count)]
    lineage = [partial(queries.lineage, store, label, partnership=name)
               for name, label in zip(chosen[:count], labels, strict=True)]
    priorities = [partial(queries.priorities, store, year, partnership=name)
                  for name, year in zip(chosen[count:], years, strict=True)]
    return lineage, priorities


def start_server(location: Path, port: int) -> subprocess.Popen[bytes]:
    program = Path(sys.executable).parent / "oxigraph"
    process = subprocess.Popen([str(shutil.which("oxigraph") or program), "serve",
                                "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=2)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the Oxigraph server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description="lineage and priorities at scale")
    parser.add_argument("--partnerships", type=int, default=200)
    parser.add_argument("--versions", type=int, default=10)
    parser.add_argument("--questions", type=int, default=40,
                        help="questions of each kind (each about a different partnership)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-queries-"))
    try:
        run(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, work: Path) -> None:
    started = time.perf_counter()
    template = template_quads(args.versions, work / "texts")
    names = [f"{TEMPLATE} {n:03d}" for n in range(1, args.partnerships + 1)]
    raw = ox.Store(str(work / "embedded"))
    for name in names:
        raw.bulk_extend(renamed(template, name))
    raw.optimize()
    quads = len(raw)
    del raw
    shutil.copytree(work / "embedded", work / "server")
    served = ox.Store(str(work / "server"))  # with the union graph a build writes there
    served.bulk_extend([ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(UNION))
                        for q in served])
    del served
    print(f"{args.partnerships} partnerships x {args.versions} versions: "
          f"{quads} quads in {args.partnerships * args.versions} named graphs "
          f"(generated in {time.perf_counter() - started:.1f} s)")

    embedded = OxigraphStore.open(work / "embedded")
    print("embedded Oxigraph store:")
    lineage, priorities = questions(embedded, names, args.questions, seed=1)
    timed("lineage (partnership named)", lineage)
    timed("priorities (partnership named)", priorities)
    timed("whole-store model, read once", [lambda: Model(embedded)])

    port = _free_port()
    server = start_server(work / "server", port)
    try:
        endpoint = Endpoint(f"http://127.0.0.1:{port}/query", f"http://127.0.0.1:{port}/update")
        graphs = {name: name for name in embedded.named_graphs()}
        remote = SparqlEndpointStore(endpoint, graphs, union=UNION)
        print("Oxigraph server (loopback):")
        lineage, priorities = questions(remote, names, args.questions, seed=2)
        timed("lineage (partnership named)", lineage)
        timed("priorities (partnership named)", priorities)
        timed("whole-store model, read once", [lambda: Model(remote)])
    finally:
        server.terminate()
        server.wait(timeout=30)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


if __name__ == "__main__":
    main()

"""Build benchmarks: the bundled corpus against the floor, a no-change rebuild, and scale.

    python benchmarks/bench_build.py [--scale 200] [--partnerships 0]

Prints:
- wall time of a full build of the bundled corpus;
- ingestion time per page of the corpus as text and as PDFs (rendered here in both council
  styles of tests/pdf_render.py: ruled one-column, two-column);
- the floor: the bare model encoding the same chunk texts (what this machine allows);
- a rebuild with nothing changed (should do no work);
- a scale run that repeats the corpus to N documents (each copy's text made distinct, so
  nothing is served from the embedding cache) and how build time and query latency grow; with
  ``--partnerships P`` the N documents are instead invented agreements of P invented
  partnerships (N / P versions each), and the run adds ask latency and peak memory.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import partnership_kg
from partnership_kg import settings
from partnership_kg.ingest import discover, extract
from partnership_kg.search.chunk import chunk
from partnership_kg.search.embed import Embedder

QUERIES = ["Who leads Road Safety?", "Community Trigger criteria", "What is Themis?",
           "domestic abuse share of violent crime", "Police and Crime Commissioner grant"]


def timed(function, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


def ingest_per_page(paths: list[Path]) -> tuple[float, int]:
    """Milliseconds of ``extract`` per page over ``paths``, and the pages read."""
    seconds, documents = timed(lambda: [extract(path) for path in paths])
    pages = sum(document.page_count for document in documents)
    return 1000 * seconds / max(1, pages), pages


def ingest_figures(corpus: Path, work: Path) -> None:
    """Ingestion per page of the corpus as text, and as PDFs in each rendering style."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from pdf_render import STYLES, render_corpus

    per_page, pages = ingest_per_page(sorted(corpus.glob("*.txt")))
    print(f"ingest, text: {per_page:.1f} ms per page ({pages} pages)")
    for style in STYLES:
        pdfs = render_corpus(corpus, work / f"pdf-{style}", style)
        per_page, pages = ingest_per_page(pdfs)
        print(f"ingest, PDF ({style}): {per_page:.1f} ms per page ({pages} pages)")


def encoding_floor(corpus: Path) -> tuple[float, int]:
    """Seconds for the bare model to encode every chunk of the corpus (model load excluded)."""
    texts = [c.indexed_text for path in discover([corpus]) for c in chunk(extract(path))]
    embedder = Embedder()
    embedder.encode(texts[:8])  # load and warm the model outside the timing
    seconds, _ = timed(embedder.encode, texts)
    return seconds, len(texts)


def make_scaled_corpus(corpus: Path, target: Path, documents: int) -> None:
    """``documents`` text files, copies of the corpus made distinct by a per-copy token."""
    sources = [path for path in discover([corpus])]
    for number in range(documents):
        source = sources[number % len(sources)]
        copy = number // len(sources)
        text = source.read_text(encoding="utf-8")
        if copy:
            # A distinct word in every sentence keeps the embedding cache from serving copies.
            text = text.replace(". ", f". Copy{copy} ")
        (target / f"{number:04d}_{source.name}").write_text(text, encoding="utf-8")


# Invented partnerships: area names from these parts, priorities from generic topics.
AREA_PARTS = (["Vel", "Quor", "Brim", "Tarn", "Wyth", "Ost", "Yarr", "Zell", "Clun",
               "Mirr"], ["shire", "wick", "mere", "dale", "holm"])
TOPICS = ["Road Safety", "Domestic Abuse", "Rural Crime", "Fraud and Scams", "Serious Violence",
          "Substance Misuse", "Anti-Social Behaviour", "Reducing Reoffending", "Cyber Crime",
          "Modern Slavery", "Youth Violence", "Preventing Extremism"]
AGREEMENT = """{area} Community Safety Agreement {start}-{end:02d}

Foreword

As Chair of the {area} Community Safety Partnership I am pleased to present the {area} Community
Safety Agreement for {start}-{end:02d}, which sets out how partners will work together on the
community safety priorities for the county.

1. Introduction

1.1. This agreement sets out the priorities of the {area} Community Safety Partnership for
{start}-{end:02d} and replaces the previous agreement.

2. County Priorities {start}-{end:02d}

2.1. The priorities for {area} are: {listed}.

3. Leads

Priority\tLead
{leads}

4. Delivery

{delivery}
"""


def invented_agreement(area: str, version: int) -> str:
    start = 1990 + 3 * version
    chosen = [TOPICS[(version + step * 5) % len(TOPICS)] for step in range(3 + version % 3)]
    delivery = "\n\n".join(
        f"4.{n}. In {start} the {area} partners will review {topic.lower()} each quarter, "
        f"share what the {area} Police and the district councils see, and report progress on "
        f"{topic.lower()} to the partnership board." for n, topic in enumerate(chosen, 1))
    return AGREEMENT.format(
        area=area, start=start, end=(start + 3) % 100,
        listed="; ".join(chosen[:-1]) + f"; and {chosen[-1]}",
        leads="\n".join(f"{topic}\tHead of {topic}, {area} County Council" for topic in chosen),
        delivery=delivery)


def make_partnerships_corpus(target: Path, documents: int, partnerships: int) -> list[str]:
    """``documents`` agreements, spread over ``partnerships`` folders; their area names."""
    areas = [prefix + suffix for suffix in AREA_PARTS[1] for prefix in AREA_PARTS[0]]
    areas = [areas[n % len(areas)] + ("" if n < len(areas) else f" {n // len(areas) + 1}")
             for n in range(partnerships)]
    for number in range(documents):
        area, version = areas[number % partnerships], number // partnerships
        folder = target / area.lower().replace(" ", "-")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{folder.name}_csa_v{version:02d}.txt").write_text(
            invented_agreement(area, version), encoding="utf-8")
    return areas


def ask_latency(store: Path, areas: list[str]) -> tuple[float, float]:
    workspace = partnership_kg.open(store)
    questions = [f"Who leads {TOPICS[n % len(TOPICS)]} in {area}?"
                 for n, area in enumerate(areas[:10])]
    questions += [f"How do the {area} partners report progress?" for area in areas[:5]]
    # Warm both paths outside the timing, on a partnership not asked about: a graph answer
    # (the graph store) and a passage answer (the index, the query encoder, the extractive
    # reader), so the figures are of asking, not of loading.
    workspace.ask(f"Who leads {TOPICS[0]} in {areas[-1]}?")
    workspace.ask(f"How do the {areas[-1]} partners report progress?")
    times = []
    for question in questions:
        seconds, _ = timed(workspace.ask, question)
        times.append(seconds * 1000)
    times.sort()
    return statistics.median(times), times[max(0, round(len(times) * 0.95) - 1)]


def query_latency(store: Path) -> tuple[float, float]:
    workspace = partnership_kg.open(store)
    workspace.search(QUERIES[0], k=5)  # load the index and the model
    times = []
    for _ in range(5):
        for query in QUERIES:
            seconds, _ = timed(workspace.search, query, k=5)
            times.append(seconds * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description="Build benchmarks.")
    parser.add_argument("--scale", type=int, default=200,
                        help="documents in the scale run (0: skip it)")
    parser.add_argument("--partnerships", type=int, default=0,
                        help="invented partnerships in the scale run (0: copies of the corpus)")
    args = parser.parse_args()
    if args.scale > 0 and args.partnerships > 0:
        partnerships_run(args.scale, args.partnerships)
        return
    corpus = settings.bundled_corpus()
    work = Path(tempfile.mkdtemp(prefix="pkg-bench-"))

    build_seconds, report = timed(partnership_kg.build, [corpus], work / "store")
    chunks = sum(entry["chunks"] for entry in report["ingested"])
    floor_seconds, floor_chunks = encoding_floor(corpus)
    rebuild_seconds, _ = timed(partnership_kg.build, [corpus], work / "store")
    print(f"build, bundled corpus ({len(report['ingested'])} files, {chunks} chunks): "
          f"{build_seconds:.2f} s")
    print(f"floor, bare model encoding the same {floor_chunks} chunks: {floor_seconds:.2f} s "
          f"(build / floor = {build_seconds / floor_seconds:.2f}x)")
    print(f"rebuild, nothing changed: {rebuild_seconds:.3f} s "
          f"({100 * rebuild_seconds / build_seconds:.1f}% of a build)")
    ingest_figures(corpus, work)
    median, p95 = query_latency(work / "store")
    print(f"search latency at {len(report['ingested'])} documents: median {median:.1f} ms, "
          f"p95 {p95:.1f} ms")

    if args.scale <= 0:
        return
    scaled = work / "scaled"
    scaled.mkdir()
    make_scaled_corpus(corpus, scaled, args.scale)
    scale_seconds, scale_report = timed(partnership_kg.build, [scaled], work / "scaled-store")
    scale_chunks = sum(entry["chunks"] for entry in scale_report["ingested"])
    median, p95 = query_latency(work / "scaled-store")
    print(f"scale, {args.scale} documents ({scale_chunks} chunks): build {scale_seconds:.1f} s "
          f"({scale_seconds / args.scale:.2f} s per document); search median {median:.1f} ms, "
          f"p95 {p95:.1f} ms")


def partnerships_run(documents: int, partnerships: int) -> None:
    """The scale run over invented partnerships alone (the bundled corpus is not built)."""
    work = Path(tempfile.mkdtemp(prefix="pkg-bench-"))
    areas = make_partnerships_corpus(work / "docs", documents, partnerships)
    seconds, report = timed(partnership_kg.build, [work / "docs"], work / "store")
    chunks = sum(entry["chunks"] for entry in report["ingested"])
    search_median, search_p95 = query_latency(work / "store")
    ask_median, ask_p95 = ask_latency(work / "store", areas)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"scale, {documents} documents of {partnerships} partnerships ({chunks} chunks, "
          f"{len(report['failed'])} failed): build {seconds:.1f} s "
          f"({seconds / documents:.2f} s per document)")
    print(f"  search median {search_median:.1f} ms, p95 {search_p95:.1f} ms; ask median "
          f"{ask_median:.1f} ms, p95 {ask_p95:.1f} ms; peak memory {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()

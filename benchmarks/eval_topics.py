"""Topic mapping precision and recall against hand-labelled tables.

    python benchmarks/eval_topics.py [--store STORE]

Two tables, each row a label and the topics a person judged right for it (topic IRIs after
``https://w3id.org/partnership-kg/topic/``):

- ``benchmarks/data/topic_labels.csv``: every priority and theme of the development store (the
  bundled corpus, ``tests/partnership_docs`` and ``tests/topic_docs``), labels as the store
  reads them, mapped at build time. The scheme's alternative labels were written while looking
  at these, so this is a development figure.
- ``benchmarks/data/topic_labels_unseen.csv``: invented labels written after the rules were
  frozen, mapped by the same code (rules, then the encoder): a fairer figure.

A mapping counts where it is confident (low-confidence ones are kept in the graph for review
and counted apart). Without ``--store`` the development store is built in a temporary folder.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import partnership_kg  # noqa: E402
from partnership_kg.graph.topic_scheme import load_scheme  # noqa: E402
from partnership_kg.graph.topics import map_labels  # noqa: E402

TOPIC = "https://w3id.org/partnership-kg/topic/"
DATA = ROOT / "benchmarks" / "data"
# The table judges what each label names; a scope mapping comes from what the text says the
# priority includes, not from its label, so it is listed apart for a reader to check.
_Q_MAPPED = """SELECT DISTINCT ?partnership ?label ?topic ?low WHERE {
  ?m a csa:TopicMapping ; csa:concept ?c ; csa:topic ?topic ; csa:lowConfidence ?low ;
     csa:method ?method . FILTER(?method != "scope")
  ?c skos:prefLabel ?label ; skos:inScheme/csa:partnership/skos:prefLabel ?partnership }"""

_Q_SCOPED = """SELECT DISTINCT ?partnership ?label ?item ?topic WHERE {
  ?m a csa:TopicMapping ; csa:concept ?c ; csa:topic ?topic ; csa:method "scope" ;
     csa:matchedText ?item .
  ?c skos:prefLabel ?label ; skos:inScheme/csa:partnership/skos:prefLabel ?partnership
} ORDER BY ?partnership ?label ?item"""

Pairs = set[tuple[str, str, str]]  # (partnership, label, topic slug)


def read_table(path: Path) -> Pairs:
    with path.open(encoding="utf-8", newline="") as handle:
        return {(row.get("partnership", ""), row["label"], topic)
                for row in csv.DictReader(handle) for topic in row["topics"].split()}


def score(name: str, gold: Pairs, predicted: Pairs, low: Pairs) -> None:
    right = gold & predicted
    precision = len(right) / len(predicted) if predicted else 0.0
    recall = len(right) / len(gold) if gold else 0.0
    labels = {(p, label) for p, label, _ in gold}
    print(f"{name}: {len(labels)} labels, {len(gold)} judged mappings, {len(predicted)} "
          f"confident mappings ({len(low)} low-confidence kept apart)")
    print(f"  precision {precision:.3f}  recall {recall:.3f}")
    for kind, pairs in (("wrong", predicted - gold), ("missed", gold - predicted),
                        ("low", low)):
        for partnership, label, topic in sorted(pairs):
            where = f"{partnership}: " if partnership else ""
            print(f"  {kind:6} {where}{label!r} -> {topic}")


def development(store: Path) -> None:
    rows = partnership_kg.open(store).sparql(_Q_MAPPED)
    predicted = {(str(r["partnership"]), str(r["label"]), str(r["topic"]).removeprefix(TOPIC))
                 for r in rows if not r["low"]}
    low = {(str(r["partnership"]), str(r["label"]), str(r["topic"]).removeprefix(TOPIC))
           for r in rows if r["low"]}
    gold = read_table(DATA / "topic_labels.csv")
    in_store = {(p, label) for p, label, _ in predicted | low}
    unlabelled = in_store - {(p, label) for p, label, _ in gold}
    for partnership, label in sorted(unlabelled):
        print(f"  (not in the table: {partnership}: {label!r})")
    score("development store", gold, predicted, low)
    scoped = partnership_kg.open(store).sparql(_Q_SCOPED)
    print(f"scope mappings (from what a priority includes, not judged by the table): "
          f"{len(scoped)}")
    for row in scoped:
        print(f"  scope  {row['partnership']}: {str(row['label'])!r} includes "
              f"{str(row['item'])!r} -> {str(row['topic']).removeprefix(TOPIC)}")


def unseen() -> None:
    gold = read_table(DATA / "topic_labels_unseen.csv")
    labels = sorted({label for _, label, _ in gold})
    scheme = load_scheme()
    started = time.perf_counter()
    mapped = map_labels(labels, scheme)
    first = time.perf_counter() - started
    started = time.perf_counter()
    map_labels(labels, scheme)
    again = time.perf_counter() - started
    names = sum(1 + len(topic.alt_labels) for topic in scheme.topics.values())
    print(f"mapping {len(labels)} labels: {first * 1000:.0f} ms, {again * 1000:.0f} ms again "
          f"(the encoder loads and the scheme's {names} names are encoded once per process)")
    predicted = {("", label, m.topic.removeprefix(TOPIC)) for label, found in mapped.items()
                 for m in found if not m.low}
    low = {("", label, m.topic.removeprefix(TOPIC)) for label, found in mapped.items()
           for m in found if m.low}
    score("unseen labels", gold, predicted, low)


def main() -> None:
    parser = argparse.ArgumentParser(description="topic mapping precision and recall")
    parser.add_argument("--store", type=Path, help="a built development store")
    args = parser.parse_args()
    store = args.store
    if store is None:
        store = Path(tempfile.mkdtemp()) / "store"
        partnership_kg.build([ROOT / "corpus", ROOT / "tests" / "partnership_docs",
                              ROOT / "tests" / "topic_docs"], store)
    development(store)
    unseen()


if __name__ == "__main__":
    main()

"""Scores partnership-kg on a development set of other partnerships' documents.

    python benchmarks/eval_external.py --data DIR [--store PATH] [--json]

DIR holds one folder per partnership (so the folder names whose documents they are when the
text does not) and ``DIR/expected.jsonl``: one line per document and plan it states, with the
priorities as the text words them and plain questions with the facts a right answer states
(format: benchmarks/README.md). The script builds a store from DIR's folders (into --store,
incrementally, else a temporary one) and reports per document:

- priorities' precision and recall, labels matched after normalising (``names.normalise``;
  one label containing the other as whole words also matches), twice:
  "doc" is what the store reads from that document itself (``priorities(document=...)``);
  "version" is what it says was in force for that partnership and year
  (``priorities(partnership=, year=)``), or store-wide for the year where the store has no
  partnerships yet, which the report says;
- each question: right when the answer states every expected fact and cites the document
  (``partnership_kg.evaluation.judge``, file names compared).

Totals: questions right with a citation n/N, micro-averaged precision and recall, and the
shapes (the ``shape`` note of each expected line) of the documents that fail. It is a
benchmark: exit 0 whatever the scores; 2 when DIR or its expected.jsonl is missing or malformed.
"""

from __future__ import annotations

import argparse
import inspect
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import partnership_kg
from partnership_kg.evaluation import ListScore, judge_by_file_name, micro_average, score_labels

REQUIRED = {"file": str, "partnership": str, "priorities": list, "questions": list}
NO_DOCUMENT = "\x00no such document"


def load_expected(path: Path) -> list[dict]:
    """The expected lines; ``ValueError`` names the first bad line."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path.name} line {number}: not JSON ({error.msg})") from None
        for key, kind in REQUIRED.items():
            if not isinstance(row.get(key), kind):
                raise ValueError(f"{path.name} line {number}: '{key}' must be a {kind.__name__}")
        if not all(isinstance(q, dict) and isinstance(q.get("question"), str)
                   for q in row["questions"]):
            raise ValueError(f"{path.name} line {number}: each question needs a 'question'")
        rows.append(row)
    return rows


def accepts(method: Any, option: str) -> bool:
    """Whether an API call takes ``option`` (other helpers add ``partnership=`` in parallel)."""
    return option in inspect.signature(method).parameters


def labels_of(result: dict[str, Any]) -> list[str]:
    """Priority labels of a ``priorities`` answer, flat or grouped per partnership."""
    groups = result.get("partnerships")
    if isinstance(groups, list):
        return [label for group in groups if isinstance(group, dict) for label in labels_of(group)]
    return [entry["label"] for entry in result.get("priorities") or []]


def document_labels(ws: Any, source: str | None, fallback: dict | None) -> list[str] | None:
    """What the store reads from the document itself; None when it reads no version there
    (``priorities(document=)`` falls back to the latest agreement for an unknown document)."""
    if source is None:
        return None
    result = ws.priorities(document=source)
    agreement = result.get("agreement")
    if not agreement:
        return None
    if agreement == fallback and Path(agreement.get("source", "")).name != Path(source).name:
        return None
    return labels_of(result)


def version_labels(ws: Any, row: dict, by_partnership: bool) -> tuple[list[str] | None, str]:
    """What the store says was in force for the row's partnership and year, and how it was asked."""
    year = row.get("year")
    if year is None:
        return None, "no year stated"
    try:
        if by_partnership:
            return labels_of(ws.priorities(partnership=row["partnership"], year=year)), \
                "partnership+year"
        return labels_of(ws.priorities(year=year)), "store-wide year (no partnership option)"
    except Exception as error:  # noqa: BLE001 - a benchmark reports whatever goes wrong
        return None, f"error: {error}"


def ask(ws: Any, question: dict, file_name: str) -> dict[str, Any]:
    question = {"expect_all": [], **question,
                "sources": question.get("sources") or [file_name]}
    try:
        result = ws.ask(question["question"])
        passed, why = judge_by_file_name(question, result)
    except Exception as error:  # noqa: BLE001
        result, passed, why = {"answer": "", "method": "error", "citations": []}, False, str(error)
    return {"question": question["question"], "passed": passed, "why": why,
            "method": result.get("method"), "answer": result.get("answer", "")[:400],
            "cited": sorted({Path(c["source"]).name for c in result.get("citations", [])})}


def score_dict(score: ListScore | None) -> dict[str, Any] | None:
    if score is None:
        return None
    return {"precision": score.precision, "recall": score.recall, "matched": score.matched,
            "missed": score.missed, "extra": score.extra}


def evaluate(ws: Any, rows: list[dict]) -> dict[str, Any]:
    summaries = {Path(s["source"]).name: s for s in ws.document_summaries()}
    by_partnership = accepts(ws.priorities, "partnership")
    fallback = ws.priorities(document=NO_DOCUMENT).get("agreement")
    documents = []
    for row in rows:
        name = Path(row["file"]).name
        summary = summaries.get(name, {})
        found_doc = document_labels(ws, summary.get("source"), fallback)
        found_version, how = version_labels(ws, row, by_partnership)
        expected = row["priorities"]
        doc_score = score_labels(expected, found_doc or [])
        version_score = score_labels(expected, found_version) if found_version is not None \
            and expected else None
        documents.append({
            "file": row["file"], "partnership": row["partnership"], "plan": row.get("plan"),
            "period": row.get("period"), "year": row.get("year"), "shape": row.get("shape", ""),
            "ingested": bool(summary), "type": summary.get("type"), "title": summary.get("title"),
            "store_partnership": summary.get("partnership"),
            "doc": score_dict(doc_score), "version": score_dict(version_score),
            "version_query": how,
            "other_kinds_listed": [label for label in doc_score.extra if any(
                score_labels(items, [label]).matched
                for items in (row.get("other_lists") or {}).values())],
            "questions": [ask(ws, question, name) for question in row["questions"]],
        })
    return {"partnership_option": by_partnership, "documents": documents,
            "totals": totals(documents)}


def totals(documents: list[dict]) -> dict[str, Any]:
    questions = [q for d in documents for q in d["questions"]]
    def scores(key: str) -> list[ListScore]:
        return [ListScore(d[key]["matched"], d[key]["missed"], d[key]["extra"])
                for d in documents if d[key] is not None]
    doc_p, doc_r = micro_average(scores("doc"))
    version_p, version_r = micro_average(scores("version"))
    return {"questions": len(questions), "right_with_citation": sum(q["passed"] for q in questions),
            "doc_precision": doc_p, "doc_recall": doc_r,
            "version_precision": version_p, "version_recall": version_r}


def failing(document: dict) -> bool:
    scores = [s for s in (document["doc"], document["version"]) if s]
    return (not all(q["passed"] for q in document["questions"])
            or any(s["missed"] or s["extra"] for s in scores))


def ratio(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


def pr(score: dict | None) -> str:
    if score is None:
        return "     -     "
    return f"{ratio(score['precision'])}/{ratio(score['recall'])}"


def print_report(report: dict[str, Any]) -> None:
    if not report["partnership_option"]:
        print("note: priorities() takes no partnership yet: 'version' scores use the store-wide "
              "priorities of the year")
    print(f"{'file':<52} {'type':<10} {'doc P/R':<11} {'version P/R':<11} Q   title")
    for d in report["documents"]:
        right = sum(q["passed"] for q in d["questions"])
        title = (d["title"] or "(not ingested)")[:40]
        print(f"{d['file']:<52} {str(d['type'])[:10]:<10} {pr(d['doc'])} {pr(d['version'])} "
              f"{right}/{len(d['questions'])} {title}")
        for key in ("doc", "version"):
            if d[key] and (d[key]["missed"] or d[key]["extra"]):
                print(f"    {key}: missed {d[key]['missed']}; extra {d[key]['extra'][:6]}")
        for q in d["questions"]:
            if not q["passed"]:
                print(f"    FAIL [{q['method']}] {q['question']} -- {q['why']}")
    t = report["totals"]
    print(f"\nquestions right with a citation: {t['right_with_citation']}/{t['questions']}")
    print(f"priorities read from the document (micro): precision {ratio(t['doc_precision'])}, "
          f"recall {ratio(t['doc_recall'])}")
    print(f"priorities in force for the version (micro): precision "
          f"{ratio(t['version_precision'])}, recall {ratio(t['version_recall'])}")
    shapes = [d for d in report["documents"] if failing(d)]
    print(f"\nfailing shapes ({len(shapes)} documents):")
    for d in shapes:
        print(f"  - {d['file']}: {d['shape'] or '(no shape noted)'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--store", type=Path)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args()
    expected_file = args.data / "expected.jsonl"
    if not args.data.is_dir():
        print(f"eval_external: no such data folder: {args.data}", file=sys.stderr)
        return 2
    try:
        rows = load_expected(expected_file)
    except (OSError, ValueError) as error:
        reason = "no expected.jsonl there" if isinstance(error, FileNotFoundError) else error
        print(f"eval_external: {args.data}: {reason}", file=sys.stderr)
        return 2
    store = args.store or Path(tempfile.mkdtemp()) / "store"
    # Built from DIR itself, as a user would: the first folder under the build root names the
    # partnership of a document whose text names none (a folder given as a root names nothing).
    built = partnership_kg.build([args.data], store)
    built["failed"] = [failure for failure in built.get("failed", [])
                       if failure["source"] != expected_file.name]
    for failure in built["failed"]:
        print(f"build: {failure['source']}: {failure['error']}", file=sys.stderr)
    report = evaluate(partnership_kg.open(store), rows)
    report["failed_to_build"] = built.get("failed", [])
    if args.json:
        print(json.dumps(report, indent=1, ensure_ascii=False))
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())

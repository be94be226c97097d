"""Mark as skipped every cosmic-ray mutant that falls inside a type annotation.

With ``from __future__ import annotations`` (every module here) annotations are never
evaluated, so a mutant of ``int | None`` is equivalent by construction: running it only costs
time. Usage, between ``cosmic-ray init`` and ``cosmic-ray exec``:

    python benchmarks/mutation/skip_annotations.py SESSION.sqlite
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from cosmic_ray.work_db import use_db
from cosmic_ray.work_item import WorkerOutcome, WorkResult

Span = tuple[tuple[int, int], tuple[int, int]]


def _char_col(lines: list[str], line: int, byte_col: int) -> int:
    """ast counts columns in UTF-8 bytes, cosmic-ray (parso) in characters."""
    return len(lines[line - 1].encode("utf-8")[:byte_col].decode("utf-8"))


def annotation_spans(source: str) -> list[Span]:
    """(start, end) positions, line and character column, of every annotation in ``source``."""
    lines = source.splitlines()
    spans = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            ann = node.returns
        elif isinstance(node, (ast.arg, ast.AnnAssign)):
            ann = node.annotation
        else:
            continue
        if ann is not None and ann.end_lineno is not None and ann.end_col_offset is not None:
            start = (ann.lineno, _char_col(lines, ann.lineno, ann.col_offset))
            end = (ann.end_lineno, _char_col(lines, ann.end_lineno, ann.end_col_offset))
            spans.append((start, end))
    return spans


def main(session: str) -> int:
    with use_db(session) as db:
        skipped: set[str] = set()
        cache: dict[Path, list[Span]] = {}
        for item in db.pending_work_items:
            for mutation in item.mutations:
                path = mutation.module_path
                if path not in cache:
                    cache[path] = annotation_spans(path.read_text("utf-8"))
                start = tuple(mutation.start_pos)
                if any(lo <= start < hi for lo, hi in cache[path]):
                    skipped.add(item.job_id)
        if skipped:
            db.set_multiple_results(sorted(skipped), WorkResult(
                output="annotation: never evaluated", worker_outcome=WorkerOutcome.SKIPPED))
    print(f"{len(skipped)} annotation mutants skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

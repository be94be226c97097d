"""Keep a fixed random sample of a cosmic-ray session's pending mutants; skip the rest.

For the large rule modules a full run takes longer than a test session should; a seeded sample
gives the same mutants on every run of the same source. Usage, after ``cosmic-ray init`` (and
``skip_annotations.py``):

    python benchmarks/mutation/sample.py SESSION.sqlite KEEP
"""

from __future__ import annotations

import random
import sys

from cosmic_ray.work_db import use_db
from cosmic_ray.work_item import WorkerOutcome, WorkResult


def main(session: str, keep: int) -> int:
    with use_db(session) as db:
        # Job ids are fresh on every init: order the mutants by what they change instead.
        pending = sorted(db.pending_work_items, key=lambda item: [
            (str(m.module_path), m.operator_name, m.occurrence) for m in item.mutations])
        kept = {item.job_id for item in random.Random(0).sample(pending, min(keep, len(pending)))}
        skipped = [item.job_id for item in pending if item.job_id not in kept]
        if skipped:
            db.set_multiple_results(skipped, WorkResult(
                output="not in the sample", worker_outcome=WorkerOutcome.SKIPPED))
    print(f"{len(kept)} mutants kept, {len(skipped)} left out of the sample")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))

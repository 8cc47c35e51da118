"""Thousands of reports on Celery workers: `docgen build`'s batch, spread over machines.

The task is docgen.batch.build_folder itself, the function `docgen build DIR1 DIR2 …`
runs in its worker processes: one folder built, every failure turned into a result row
(never an exception), arguments and result plain JSON. Each worker process prepares
once what every build shares (the format profiles, the PDF fonts parsed), when it
starts (worker_process_init); Celery does the queueing, retrying and spreading —
nothing here schedules anything.

Run a worker on each machine (every worker must see the content folders and the
output folder, e.g. on a shared disk):

    export DOCGEN_BROKER=redis://queue:6379/0 DOCGEN_RESULTS=redis://queue:6379/1
    celery -A celery_batch worker --concurrency 8

and submit a batch from anywhere (the same two variables set):

    python celery_batch.py --out /shared/build /shared/content/*/

tests/test_task_queue.py runs it in-process with task_always_eager (no broker, no worker).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from celery import Celery, group
from celery.signals import worker_process_init

from docgen.batch import FAILED, BuildRequest, FolderResult, build_folder, prepare, refuse_clashes, summary_table

# What this deployment builds: the worker processes prepare its profiles and fonts when they start.
DEPLOYMENT = BuildRequest(out_dir="build", formats=("docx", "pdf"), brief_formats=("pdf",))

# Where tasks wait and where their results come back: e.g. redis://queue:6379/0 for both.
app = Celery("docgen_batch", broker=os.environ.get("DOCGEN_BROKER"), backend=os.environ.get("DOCGEN_RESULTS"))
app.conf.update(
    task_serializer="json", result_serializer="json", accept_content=["json"],   # no pickle from the wire
    worker_prefetch_multiplier=1,   # a report takes a fraction of a second: hand them out one by one
    task_acks_late=True,            # a worker that dies mid-build gives its folder back to the queue
)


@worker_process_init.connect
def prepare_worker(**_) -> None:
    """Once per worker process: profiles loaded, fonts prepared (the cache filled if it is empty)
    and parsed, so that no task parses a font again."""
    prepare(DEPLOYMENT)


@app.task(name="docgen.build_folder")
def build_folder_task(folder: str, request: dict) -> dict:
    return build_folder(folder, BuildRequest.from_dict(request)).as_dict()


def submit(folders: Sequence[Path], request: BuildRequest) -> list[FolderResult]:
    """Build every folder on the workers and wait; the results in the folders' order.
    Folders whose files would overwrite each other are refused first (BatchRefused)."""
    refuse_clashes(folders, Path(request.out_dir))
    job = group(build_folder_task.s(str(folder), request.as_dict()) for folder in folders).apply_async()
    return [FolderResult.from_dict(row) for row in job.get()]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--out", default=DEPLOYMENT.out_dir)
    args = parser.parse_args(argv)
    results = submit(args.folders, BuildRequest(args.out, DEPLOYMENT.formats, DEPLOYMENT.brief_formats))
    for result in results:
        for line in result.errors:
            print(line, file=sys.stderr)
    for line in summary_table(results):
        print(line)
    return 1 if any(result.status == FAILED for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())

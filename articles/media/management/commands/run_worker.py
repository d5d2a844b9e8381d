"""``manage.py run_worker``: django-tasks-db's worker, telling what it did.

Every option of ``db_worker`` works (``--batch`` runs what is queued and
stops; ``--interval``, ``--max-tasks``, ``--queue-name``…). Each task that
ends prints one line; on exit, a summary of how many succeeded, failed and
were queued again for a retry.
"""

import time
from collections import Counter

from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.management.commands.db_worker import Command as WorkerCommand


class Command(WorkerCommand):
    help = "Run the background tasks (renditions, document text, re-indexing)."

    def handle(self, *args, **options):
        self.counts = Counter()
        self.started = time.monotonic()
        self.verbose = verbose = options["verbosity"] >= 1
        task_finished.connect(self.finished, dispatch_uid="run_worker_progress")
        try:
            super().handle(*args, **options)
        finally:
            task_finished.disconnect(dispatch_uid="run_worker_progress")
            if verbose:
                self.stdout.write(self.summary())

    def finished(self, sender, task_result, **kwargs) -> None:
        succeeded = task_result.status == TaskResultStatus.SUCCESSFUL
        self.counts["succeeded" if succeeded else "failed"] += 1
        if self.verbose:
            if succeeded:
                outcome = task_result.return_value
            else:
                outcome = "failed: " + task_result.errors[-1].exception_class_path
            arguments = ", ".join(map(repr, task_result.args))
            self.stdout.write(f"  {task_result.task.name}({arguments}): {outcome}")

    def summary(self) -> str:
        total = self.counts["succeeded"] + self.counts["failed"]
        seconds = time.monotonic() - self.started
        return (
            f"Ran {total:,} task(s) in {seconds:.1f} s: {self.counts['succeeded']:,} succeeded, "
            f"{self.counts['failed']:,} failed (failures are listed in the admin, "
            "Tasks → Database task results, and retried while attempts are left)."
        )

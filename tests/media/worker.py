"""Runs the queued background tasks in the test's own process."""

import io
from unittest import mock

from django.core.management import call_command

WORKER = "django_tasks_db.management.commands.db_worker"


def run_tasks() -> str:
    """``manage.py run_worker --batch``: every task that is due, then stop.
    Returns what the worker printed.

    A worker process drops its database connection between tasks when it is
    not in autocommit mode (``close_old_connections``); here it runs inside
    the test's transaction, whose connection must stay open, so that step is
    left out."""
    out = io.StringIO()
    with mock.patch(f"{WORKER}.close_old_connections", lambda: None):
        call_command("run_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=out)
    return out.getvalue()

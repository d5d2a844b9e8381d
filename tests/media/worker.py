"""Runs the queued background tasks in the test's own process."""

import io

from django.core.management import call_command


def run_tasks() -> str:
    """``manage.py run_worker --batch``: every task that is due, then stop.
    Returns what the worker printed."""
    out = io.StringIO()
    call_command("run_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=out)
    return out.getvalue()

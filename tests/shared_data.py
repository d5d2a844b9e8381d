"""Access to ../shared (seed texts, treebank data) beside the checkout.

A user's clone has no ../shared: tests that need it skip with a clear
reason. Under CI (CI=true) it must be there, so they fail instead.
"""

import os
from pathlib import Path

import pytest

SHARED_DIR = Path(__file__).resolve().parent.parent.parent / "shared"


def shared_path(*parts: str) -> Path:
    path = SHARED_DIR.joinpath(*parts)
    if not path.exists():
        message = f"{path} is missing: these tests need the shared seed data beside the checkout"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path

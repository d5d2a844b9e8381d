"""Two editors saving the same article at the same moment, each request in a
process thread of its own with its own database connection: the second one
gets the conflict message (articles/edit_conflicts.py), never a 500 such as
SQLite's "database is locked" (README, "Configuration")."""

import json

import pytest

from tests.databases import migrated_databases, run


@pytest.fixture(scope="module")
def new_database(tmp_path_factory):
    with migrated_databases(tmp_path_factory.mktemp("databases")) as new:
        yield new


def test_the_second_of_two_simultaneous_saves_gets_the_conflict_message(new_database):
    result = run(new_database(), "-m", "tests.workers", "editors")

    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.splitlines()[-1])
    refused, saved = sorted(("aigerim", "dmitry"), key=lambda name: outcome[name]["status"])
    assert outcome[saved] == {"status": 302, "conflict": False, "locked": False}, outcome
    assert outcome[refused] == {"status": 200, "conflict": True, "locked": False}, outcome
    # The first save stands whole; nothing of the refused one was written.
    if saved == "aigerim":
        assert outcome["title_ru"] == "Правка Айгерим", outcome
        assert outcome["body_kk"] != "<p>Дмитрийдің мәтіні</p>", outcome
    else:
        assert outcome["body_kk"] == "<p>Дмитрийдің мәтіні</p>", outcome
        assert outcome["title_ru"] != "Правка Айгерим", outcome

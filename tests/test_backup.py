"""Backup and restore: `manage.py backup` then `loaddata` into a fresh
database keeps every object, translation, link and history entry, also
when the commands run under a non-UTF-8 locale (README, "Backup and restore").
"""

import json
import os
import re
import subprocess
import sys
import time
import uuid
from io import StringIO
from pathlib import Path

import pytest
import reversion
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.db import connection
from reversion.models import Revision, Version

from articles import backups
from articles.models import Affiliation, Article
from tests.databases import drop_database, migrated_databases, postgres_server, run
from tests.factories import make_article, make_initiative, make_organization, make_person

ROOT = Path(__file__).resolve().parent.parent
KAZAKH_TITLE = "Сыбайлас жемқорлыққа қарсы іс-қимыл: «Әділдік» ұйымының есебі"


def build_newsroom() -> Article:
    """Stories in three languages with links, affiliations, people with a
    role, and history entries made by a named editor."""
    editors, _ = Group.objects.get_or_create(name="Editor")
    editor = User.objects.create_user("aigerim", password="correct-horse-battery", is_staff=True)
    editor.groups.add(editors)
    person, organization, initiative = make_person(), make_organization(), make_initiative()
    Affiliation.objects.create(
        person=person, organization=organization, role_kk="Төраға", role_ru="Председатель"
    )
    initiative.people.add(person)
    with reversion.create_revision():
        reversion.set_user(editor)
        reversion.set_comment("Бірінші нұсқа")
        article = make_article(
            title_kk=KAZAKH_TITLE,
            byline_ru="Ерке Ерқоңыр",
            source_kk=organization,
            people=[person],
            organizations=[organization],
            initiatives=[initiative],
        )
    with reversion.create_revision():
        reversion.set_user(editor)
        article.body_en = "A second version, with “quotes” and ёлка."
        article.save()
    make_article(status=Article.Status.DRAFT, title_ru="Черновик")
    return article


@pytest.mark.django_db(transaction=True)
def test_backup_then_loaddata_into_an_empty_database_keeps_everything(tmp_path):
    article = build_newsroom()
    before = tmp_path / "before.json"
    call_command("backup", before, verbosity=0)
    counts = {model: model.objects.count() for model in (Article, Version, Revision, User)}

    call_command("flush", interactive=False, verbosity=0)
    assert not Article.objects.exists()
    call_command("loaddata", before, verbosity=0)

    after = tmp_path / "after.json"
    call_command("backup", after, verbosity=0)
    assert after.read_bytes() == before.read_bytes()
    assert {model: model.objects.count() for model in counts} == counts
    restored = Article.objects.get(pk=article.pk)
    assert restored.title_kk == KAZAKH_TITLE
    assert restored.byline_ru == "Ерке Ерқоңыр"
    assert restored.updated_at == article.updated_at
    assert {p.pk for p in restored.people.all()} == {p.pk for p in article.people.all()}
    assert restored.source_kk_id == article.source_kk_id
    versions = Version.objects.get_for_object(restored)
    assert [v.revision.user.username for v in versions] == ["aigerim", "aigerim"]
    assert (
        versions.first().field_dict["body_en"] == "<p>A second version, with “quotes” and ёлка.</p>"
    )
    assert User.objects.get(username="aigerim").groups.get().name == "Editor"


@pytest.mark.django_db(transaction=True)
def test_the_backup_is_utf8_json_without_derived_rows(tmp_path):
    build_newsroom()
    path = tmp_path / "backup.json"

    call_command("backup", path, verbosity=0)

    records = json.loads(path.read_text(encoding="utf-8"))
    models = {record["model"] for record in records}
    assert {"articles.article", "reversion.version", "reversion.revision", "auth.user"} <= models
    assert not {m for m in models if m.startswith(("contenttypes.", "sessions.", "search."))}
    assert "auth.permission" not in models
    assert KAZAKH_TITLE in path.read_text(encoding="utf-8")


# --- In a fresh database, under LANG=C --------------------------------------------


def c_locale_environment(database_url: str) -> dict[str, str]:
    """A server shell with no UTF-8 anywhere: Python then encodes files and
    standard output as ASCII unless told otherwise."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHON"))}
    env.update(LANG="C", LC_ALL="C", PYTHONUTF8="0", DATABASE_URL=database_url)
    return env


def manage(database_url: str, *arguments) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *map(str, arguments)],
        cwd=ROOT,
        env=c_locale_environment(database_url),
        capture_output=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")[-3000:]
    return result.stdout.decode("ascii", "replace")


def round_trip(source: str, target: str, tmp_path: Path) -> None:
    """Seed ``source``, back it up, restore into the fresh ``target``, and
    compare the backups of both, byte for byte."""
    manage(source, "migrate", "--verbosity", "0")
    manage(source, "loaddata", "seed", "--verbosity", "0")
    manage(source, "createinitialrevisions", "articles", "--comment", "Seeded", "--verbosity", "0")
    manage(source, "backup", tmp_path / "source.json")
    manage(target, "migrate", "--verbosity", "0")
    output = manage(target, "loaddata", tmp_path / "source.json")
    manage(target, "backup", tmp_path / "target.json")

    assert "Installed" in output
    original = (tmp_path / "source.json").read_bytes()
    assert (tmp_path / "target.json").read_bytes() == original
    records = json.loads(original.decode("utf-8"))
    kinds = {record["model"] for record in records}
    assert {"articles.article", "articles.affiliation", "reversion.version"} <= kinds
    assert any(r["fields"].get("comment") == "Seeded" for r in records)
    assert any("Тоқаев" in r["fields"].get("name_kk", "") for r in records)


def test_backup_and_restore_on_sqlite_under_the_c_locale(tmp_path):
    round_trip(
        f"sqlite:///{tmp_path / 'source.sqlite3'}",
        f"sqlite:///{tmp_path / 'target.sqlite3'}",
        tmp_path,
    )


@pytest.fixture
def postgres_databases():
    """Two new, empty PostgreSQL databases on the test database's server."""
    if connection.vendor != "postgresql":
        pytest.skip("runs when the tests run on PostgreSQL (DATABASE_URL=postgres://...)")
    import psycopg

    server = postgres_server()
    names = [f"newsroom_backup_{uuid.uuid4().hex[:8]}_{side}" for side in ("source", "target")]
    # CREATE DATABASE cannot run in a transaction: a connection of its own.
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        for name in names:
            admin.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'")
    base = f"postgres://{server['user']}:{server['password']}@{server['host']}:{server['port']}"
    yield [f"{base}/{name}" for name in names]
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        for name in names:
            drop_database(admin, name)


def test_backup_and_restore_on_postgresql_under_the_c_locale(postgres_databases, tmp_path):
    source, target = postgres_databases
    round_trip(source, target, tmp_path)


# --- While an editor saves --------------------------------------------------------


@pytest.fixture(scope="module")
def new_database(tmp_path_factory):
    with migrated_databases(tmp_path_factory.mktemp("databases")) as new:
        yield new


def test_backups_taken_while_an_editor_saves_each_restore_a_committed_state(new_database, tmp_path):
    source, target = new_database(), new_database()
    ready, stop = tmp_path / "ready", tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.workers", "writer", ready, stop],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": source},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    files = [tmp_path / f"backup-{number}.json" for number in range(5)]
    try:
        deadline = time.monotonic() + 60
        while not ready.exists() and writer.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ready.exists(), "the writer did not start saving"
        backed_up = run(source, "-m", "tests.workers", "backup", *files)
    finally:
        stop.touch()
        rounds, errors = writer.communicate(timeout=60)
    assert writer.returncode == 0, errors[-3000:]
    assert backed_up.returncode == 0, backed_up.stderr[-3000:]

    restored = run(target, "-m", "tests.workers", "restore", *files)

    assert restored.returncode == 0, restored.stderr[-3000:]
    states = [json.loads(line) for line in restored.stdout.splitlines() if line.startswith("{")]
    assert len(states) == len(files)
    for state in states:
        last = len(state["people"])
        whole = list(range(1, last + 1))
        assert state["people"] == state["affiliations"] == state["articles"] == whole, state
        assert state["revisions"] == [0, *whole], state
        assert len(state["versions per round"]) == 1, state
        assert state["shared title"] == f"round {last}", state
        assert state["shared versions"] == last + 1, state
    # The writer really saved while the backups ran, and went on afterwards.
    assert len({len(state["people"]) for state in states}) > 1
    assert int(rounds) > max(len(state["people"]) for state in states)


@pytest.mark.django_db(transaction=True)
def test_a_backup_with_broken_references_fails_and_keeps_the_previous_file(tmp_path, monkeypatch):
    build_newsroom()
    path = tmp_path / "backup.json"
    path.write_text("the previous backup")
    # People left out: their affiliations and history would point at nothing.
    monkeypatch.setattr(backups, "EXCLUDED", [*backups.EXCLUDED, "articles.person"])

    with pytest.raises(CommandError, match="broken references") as refused:
        call_command("backup", path, verbosity=0)

    message = str(refused.value)
    assert "3 broken references" in message
    for source in ("articles.affiliation", "articles.article", "articles.initiative"):
        assert re.search(rf"^{source} \d+: (person|people) → articles.person \d+$", message, re.M)
    assert path.read_text() == "the previous backup"
    assert list(tmp_path.iterdir()) == [path]


@pytest.mark.django_db(transaction=True)
def test_history_of_a_story_left_out_of_the_backup_is_a_broken_reference(tmp_path, monkeypatch):
    article = build_newsroom()
    monkeypatch.setattr(backups, "EXCLUDED", [*backups.EXCLUDED, "articles.article"])

    with pytest.raises(CommandError, match="broken references") as refused:
        call_command("backup", tmp_path / "backup.json", verbosity=0)

    assert re.search(
        rf"^reversion.version \d+: object → articles.article {article.pk}$",
        str(refused.value),
        re.M,
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db(transaction=True)
def test_history_of_a_deleted_story_is_kept_and_the_backup_reports_progress(tmp_path):
    article = build_newsroom()
    deleted = str(article.pk)
    article.delete()
    path = tmp_path / "backup.json"
    output = StringIO()

    call_command("backup", path, stdout=output)

    records = json.loads(path.read_text(encoding="utf-8"))
    history = [r for r in records if r["model"] == "reversion.version"]
    assert any(r["fields"]["object_id"] == deleted for r in history)
    lines = output.getvalue().splitlines()
    assert "  articles.article: 1" in lines
    assert f"  reversion.version: {len(history)}" in lines
    assert lines[-1].startswith(f"Wrote {path}: {len(records)} objects of ")
    assert "references checked" in lines[-1]

"""Backup and restore: `manage.py backup` then `loaddata` into a fresh
database keeps every object, translation, link and history entry, also
when the commands run under a non-UTF-8 locale (README, "Backup and restore").
"""

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import reversion
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection
from reversion.models import Revision, Version

from articles.models import Affiliation, Article
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
    assert versions.first().field_dict["body_en"].endswith("ёлка.")
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


def drop_database(admin, name: str, attempts: int = 20) -> None:
    """DROP DATABASE, waiting out an autovacuum worker on it: FORCE may not
    end a superuser's process, and the tests' role is not one."""
    import psycopg

    for attempt in range(attempts):
        try:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            return
        except (psycopg.errors.InsufficientPrivilege, psycopg.errors.ObjectInUse):
            if attempt == attempts - 1:
                raise
            time.sleep(0.5)


@pytest.fixture
def postgres_databases():
    """Two new, empty PostgreSQL databases on the test database's server."""
    if connection.vendor != "postgresql":
        pytest.skip("runs when the tests run on PostgreSQL (DATABASE_URL=postgres://...)")
    import psycopg

    database = settings.DATABASES["default"]
    server = {
        "host": database["HOST"] or "localhost",
        "port": database["PORT"] or 5432,
        "user": database["USER"],
        "password": database["PASSWORD"],
    }
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

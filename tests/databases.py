"""Throwaway databases for tests that run the site in processes of their own:
migrated and empty, on the same engine as the test run (SQLite files, or
databases on the test database's PostgreSQL server)."""

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def run(database_url: str, *command: str, timeout: int = 120) -> subprocess.CompletedProcess:
    """``python COMMAND…`` from the repository, on ``database_url``."""
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONUTF8": "1"}
    return subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def postgres_server() -> dict:
    database = settings.DATABASES["default"]
    return {
        "host": database["HOST"] or "localhost",
        "port": database["PORT"] or 5432,
        "user": database["USER"],
        "password": database["PASSWORD"],
    }


def postgres_url(name: str) -> str:
    server = postgres_server()
    return (
        f"postgres://{server['user']}:{server['password']}@{server['host']}:{server['port']}/{name}"
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


@contextmanager
def migrated_databases(directory: Path) -> Iterator[Callable[[], str]]:
    """Yields a function that returns the URL of a new migrated, empty
    database; each is a copy of one template, so ``migrate`` runs once."""
    if connection.vendor == "sqlite":
        template = directory / "template.sqlite3"
        _migrate(f"sqlite:///{template}")

        def new_sqlite() -> str:
            copy = directory / f"{uuid.uuid4().hex[:8]}.sqlite3"
            shutil.copyfile(template, copy)
            return f"sqlite:///{copy}"

        yield new_sqlite
        return

    import psycopg

    prefix = f"newsroom_throwaway_{uuid.uuid4().hex[:8]}"
    names = [f"{prefix}_template"]
    # CREATE DATABASE cannot run in a transaction: a connection of its own.
    with psycopg.connect(dbname="postgres", autocommit=True, **postgres_server()) as admin:
        admin.execute(f"CREATE DATABASE {names[0]} TEMPLATE template0 ENCODING 'UTF8'")
        try:
            _migrate(postgres_url(names[0]))

            def new_postgres() -> str:
                names.append(f"{prefix}_{len(names)}")
                admin.execute(f"CREATE DATABASE {names[-1]} TEMPLATE {names[0]}")
                return postgres_url(names[-1])

            yield new_postgres
        finally:
            for name in names:
                drop_database(admin, name)


def _migrate(database_url: str) -> None:
    result = run(database_url, "manage.py", "migrate", "--verbosity", "0")
    assert result.returncode == 0, result.stderr[-3000:]

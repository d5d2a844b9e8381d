"""Programs the concurrency tests run in processes of their own, on the
database in DATABASE_URL (see tests/databases.py):

    python -m tests.workers writer READY STOP    save in rounds until STOP exists
    python -m tests.workers backup FILE…         manage.py backup to each FILE in turn
    python -m tests.workers restore FILE…        load each backup, print its state
    python -m tests.workers editors              two editors save one article at once
"""

import json
import os
import sys
import threading
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

import reversion  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402
from reversion.models import Revision, Version  # noqa: E402

import articles.admin.forms  # noqa: E402
from articles.models import Affiliation, Article, Person  # noqa: E402
from tests.factories import make_article, make_organization, make_person, make_user  # noqa: E402

SHARED = "Shared story"


def writer(ready: str, stop: str) -> None:
    """Round n, in one transaction and one revision: a person "Writer n", their
    affiliation, an article "Writer n", and the shared story retitled
    "round n". A consistent backup holds rounds 1…n, each whole, for some n."""
    organization = make_organization()
    with reversion.create_revision():
        reversion.set_comment("round 0")
        shared = make_article(title_en="round 0", title_kk=SHARED)
    number = 0
    while not Path(stop).exists():
        number += 1
        with transaction.atomic(), reversion.create_revision():
            reversion.set_comment(f"round {number}")
            person = make_person(name_en=f"Writer {number}")
            Affiliation.objects.create(person=person, organization=organization, role_en="Chair")
            make_article(title_en=f"Writer {number}")
            shared.title_en = f"round {number}"
            shared.save()
        if number == 5:
            Path(ready).touch()
    sys.stdout.write(f"{number}\n")


def backup(*files: str) -> None:
    for file in files:
        call_command("backup", file, verbosity=0)


def restore(*files: str) -> None:
    for file in files:
        call_command("flush", interactive=False, verbosity=0)
        call_command("loaddata", file, verbosity=0)
        sys.stdout.write(json.dumps(describe()) + "\n")


def describe() -> dict:
    """Which rounds of the writer the database holds, per kind of row."""

    def rounds(values) -> list[int]:
        return sorted({int(value.split()[-1]) for value in values})

    writers = Person.objects.filter(name_en__startswith="Writer ")
    versions = Version.objects.filter(revision__comment__startswith="round ")
    shared = Article.objects.get(title_kk=SHARED)
    per_round: dict[str, int] = {}
    for comment in versions.values_list("revision__comment", flat=True):
        per_round[comment] = per_round.get(comment, 0) + 1
    return {
        "people": rounds(writers.values_list("name_en", flat=True)),
        "affiliations": rounds(
            Affiliation.objects.filter(person__in=writers).values_list("person__name_en", flat=True)
        ),
        "articles": rounds(
            Article.objects.filter(title_en__startswith="Writer ").values_list(
                "title_en", flat=True
            )
        ),
        "revisions": rounds(
            Revision.objects.filter(comment__startswith="round ").values_list("comment", flat=True)
        ),
        "versions per round": sorted(set(per_round.values()) - {per_round.get("round 0")}),
        "shared title": shared.title_en,
        "shared versions": Version.objects.get_for_object(shared).count(),
    }


def editors() -> None:
    """Both editors open the same article, then save different changes at
    the same moment; the conflict check is held open for a moment so that
    the two requests overlap. Prints each one's status and whether its page
    carries the conflict message, and what the article holds."""
    setup_test_environment()
    with reversion.create_revision():
        article = make_article(status=Article.Status.DRAFT)
    from tests.helpers import article_form_data

    opened = article_form_data(article)
    with translation.override("en"):
        url = reverse("admin:articles_article_change", args=[article.pk])
    changes = {
        "aigerim": {"title_ru": "Правка Айгерим"},
        "dmitry": {"body_kk": "Дмитрийдің мәтіні"},
    }
    clients = {}
    for username in changes:
        clients[username] = Client(raise_request_exception=False)
        clients[username].force_login(make_user(role="Editor", username=username))

    read_token = articles.admin.forms.current_token

    def slow_current_token(instance):
        token = read_token(instance)
        time.sleep(0.5)
        return token

    articles.admin.forms.current_token = slow_current_token
    start, results = threading.Barrier(len(changes)), {}

    def save(username: str) -> None:
        start.wait()
        response = clients[username].post(url, {**opened, **changes[username]})
        content = response.content.decode()
        results[username] = {
            "status": response.status_code,
            "conflict": "Someone else saved this after you opened it" in content,
            "locked": "database is locked" in content,
        }
        connection.close()

    threads = [threading.Thread(target=save, args=(username,)) for username in changes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    article.refresh_from_db()
    results["title_ru"], results["body_kk"] = article.title_ru, article.body_kk
    sys.stdout.write(json.dumps(results) + "\n")


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    programs = {"writer": writer, "backup": backup, "restore": restore, "editors": editors}
    programs[command](*arguments)

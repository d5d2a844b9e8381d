"""The data migration that turned plain-text bodies into rich text: a
database migrated from plain bodies holds what loading the seed gives."""

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command

from articles.models import Article
from articles.richtext.plain import plain_text

pytestmark = pytest.mark.django_db

migration = importlib.import_module("articles.migrations.0008_bodies_as_html")


def test_migrating_plain_bodies_gives_what_loading_the_seed_gives():
    call_command("loaddata", "seed", verbosity=0)
    loaded = {
        article.pk: {column: getattr(article, column) for column in migration.BODY_COLUMNS}
        for article in Article.objects.all()
    }
    # As the bodies were before: their text, paragraphs at empty lines.
    for pk, bodies in loaded.items():
        Article.objects.filter(pk=pk).update(
            **{column: plain_text(body or "") for column, body in bodies.items()}
        )
    assert not Article.objects.filter(body_kk__startswith="<p>").exists()

    migration.bodies_to_html(apps, None)

    migrated = {
        article.pk: {column: getattr(article, column) for column in migration.BODY_COLUMNS}
        for article in Article.objects.all()
    }
    assert migrated == loaded
    assert sum(body.count("<p>") for bodies in loaded.values() for body in bodies.values()) > 50


def test_the_migration_leaves_rich_bodies_and_empty_ones_alone():
    rich = Article.objects.create(
        title_kk="Бай мәтін", lead_kk="Лид", body_kk="<h2>Тақырып</h2><p>Мәтін</p>"
    )
    Article.objects.filter(pk=rich.pk).update(body_ru="", body_en="Бір жол\nекінші жол")

    migration.bodies_to_html(apps, None)

    rich.refresh_from_db()
    assert rich.body_kk == "<h2>Тақырып</h2><p>Мәтін</p>"
    assert rich.body_ru == ""
    assert rich.body_en == "<p>Бір жол<br>екінші жол</p>"

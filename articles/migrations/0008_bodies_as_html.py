"""Plain-text bodies become the sanitised HTML of articles/richtext/.

Each paragraph (text between empty lines) becomes a <p>, each line break
inside one a <br>, with the text itself unchanged: plain_text() of the new
body gives the old text back. The same conversion that loaddata and every
save apply to plain text, so a migrated database and a freshly loaded seed
hold the same bodies. Editorial roles get the rights on sections, topics
and authors: Editors file and credit stories, Publishers also delete.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from articles.richtext.plain import from_plain_text, looks_like_html

BODY_COLUMNS = ("body", "body_kk", "body_ru", "body_en")
MODELS = ("section", "topic", "author")
EDITOR = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "view")]
EDITOR += [
    f"{action}_{model}"
    for model in ("articletopic", "byline")
    for action in ("add", "change", "delete", "view")
]
PUBLISHER = EDITOR + [f"delete_{model}" for model in MODELS]


def bodies_to_html(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.only("pk", *BODY_COLUMNS).iterator(chunk_size=500):
        changed = {}
        for column in BODY_COLUMNS:
            value = getattr(article, column) or ""
            if value and not looks_like_html(value):
                changed[column] = from_plain_text(value)
        if changed:
            Article.objects.filter(pk=article.pk).update(**changed)


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    labels = ["taxonomy", "authors"]
    for name, codenames in (("Editor", EDITOR), ("Publisher", PUBLISHER)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label__in=labels, codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=["Editor", "Publisher"]):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label__in=["taxonomy", "authors"])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_sections_topics_rich_bodies"),
        ("authors", "0001_initial"),
        ("taxonomy", "0001_initial"),
        ("articles", "0002_editorial_roles"),
    ]

    operations = [
        # Bodies are read back as plain text by plain_text(), which the
        # reverse would need per paragraph; going back is not supported.
        migrations.RunPython(bodies_to_html, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(grant, revoke),
    ]

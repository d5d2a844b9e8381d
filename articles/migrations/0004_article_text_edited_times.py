"""Existing articles and the roles, brought up to the editorial workflow.

* Each language version that has text gets its article's last change as the
  time it was last edited: the only time known, and the same for all of an
  article's languages, so no version starts out "out of date".
* Both roles may view, add, change and delete corrections and decide
  suggested links; as with articles, the admin keeps an Editor from
  deleting a correction of a published story.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import F, Q

LANGUAGES = ("kk", "ru", "en")
TEXT_FIELDS = ("title", "lead", "body")

EDITOR = [
    "add_correction",
    "change_correction",
    "delete_correction",
    "view_correction",
    "change_mentionsuggestion",
    "view_mentionsuggestion",
]
PUBLISHER = EDITOR


def backfill_edit_times(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for code in LANGUAGES:
        has_text = Q()
        for field in TEXT_FIELDS:
            has_text |= Q(**{f"{field}_{code}__gt": ""})
        Article.objects.filter(has_text).update(**{f"edited_at_{code}": F("updated_at")})


def grant_permissions(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Editor", EDITOR), ("Publisher", PUBLISHER)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
        )


def revoke_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Editor", "Publisher"]):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="articles", codename__in=PUBLISHER)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_editorial_workflow"),
    ]

    operations = [
        migrations.RunPython(backfill_edit_times, migrations.RunPython.noop),
        migrations.RunPython(grant_permissions, revoke_permissions),
    ]

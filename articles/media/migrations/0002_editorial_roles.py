"""The editorial roles' rights in the media library.

Editors and Publishers upload and edit images and documents and place
images in stories; only Publishers delete from the library (an image or
document in use cannot be deleted at all: the links protect it). Both may
view the background tasks' results, to see why a rendition or a text
extraction failed.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = [
    *(f"{action}_{model}" for model in ("image", "document") for action in ("add", "change", "view")),
]
PUBLISHER = EDITOR + ["delete_image", "delete_document"]
STORY_IMAGES = ["add_storyimage", "change_storyimage", "delete_storyimage", "view_storyimage"]
TASKS = ["view_dbtaskresult"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Editor", EDITOR), ("Publisher", PUBLISHER)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="media", codename__in=codenames),
            *Permission.objects.filter(
                content_type__app_label="articles", codename__in=STORY_IMAGES
            ),
            *Permission.objects.filter(
                content_type__app_label="django_tasks_database", codename__in=TASKS
            ),
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=["Editor", "Publisher"]):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="media"),
            *Permission.objects.filter(codename__in=STORY_IMAGES + TASKS),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("media", "0001_initial"),
        ("articles", "0005_media"),
        ("articles", "0002_editorial_roles"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

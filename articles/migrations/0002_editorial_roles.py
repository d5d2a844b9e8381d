"""The two editorial roles.

Editor: creates and edits articles and entities, may delete unpublished
articles, cannot publish, unpublish or delete published items (enforced in
the admin and services on top of these permissions).
Publisher: everything an Editor does, plus publishing and deleting.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_MODELS = ("article", "person", "organization", "initiative", "affiliation")

EDITOR = [
    f"{action}_{model}"
    for model in CONTENT_MODELS
    for action in ("add", "change", "view")
]
EDITOR += ["delete_article", "delete_affiliation"]
PUBLISHER = (
    EDITOR + [f"delete_{model}" for model in CONTENT_MODELS] + ["publish_article"]
)


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations have run; a
    # fresh database needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Editor", EDITOR), ("Publisher", PUBLISHER)):
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label="articles", codename__in=set(codenames)
        )
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Editor", "Publisher"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]

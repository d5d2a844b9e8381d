"""Optimistic locking: a save based on a stale copy of an object is refused.

When an editor opens a change form, the form carries the object's
``updated_at`` as an edit token. If someone else saves the object in the
meantime, the token no longer matches and the save is refused with a
message naming who changed what (from the object's history), instead of
silently overwriting their work.
"""

from datetime import datetime

from django.db import models
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator
from reversion.models import Version


def edit_token(instance: models.Model) -> str:
    updated_at = getattr(instance, "updated_at", None)
    return updated_at.isoformat() if updated_at else ""


def current_token(instance: models.Model) -> str:
    """The token of the stored row, locking it until the transaction ends
    (on PostgreSQL) so that two saves cannot both pass the check."""
    stored = (
        type(instance)
        ._default_manager.select_for_update()
        .filter(pk=instance.pk)
        .values_list("updated_at", flat=True)
        .first()
    )
    return stored.isoformat() if stored else ""


def describe_changes_since(instance: models.Model, token: str) -> str:
    """Who saved ``instance`` after ``token`` and which fields they changed."""
    try:
        opened_at = datetime.fromisoformat(token)
    except ValueError:
        return ""
    versions = Version.objects.get_for_object(instance).select_related("revision__user")[:50]
    # History stores times to the millisecond, the database to the microsecond.
    opened_at_ms = opened_at.replace(microsecond=opened_at.microsecond // 1000 * 1000)
    loaded, newer = None, []
    for version in versions:  # newest first
        saved = version.field_dict.get("updated_at")
        if saved is not None and saved <= opened_at_ms:
            loaded = version
            break
        newer.append(version)
    editors = sorted({str(v.revision.user) for v in newer if v.revision.user is not None})
    changed = []
    if loaded is not None:
        stored = loaded.field_dict
        for field in _compared_fields(type(instance)):
            before = stored.get(field.name, stored.get(field.attname))
            if hasattr(before, "pk"):
                before = before.pk
            if before != getattr(instance, field.attname):
                changed.append(str(field.verbose_name))
    parts = []
    if editors:
        parts.append(
            _("Saved meanwhile by %(editors)s.") % {"editors": get_text_list(editors, _("and"))}
        )
    if changed:
        parts.append(_("Changed: %(fields)s.") % {"fields": ", ".join(changed)})
    return " ".join(parts)


def _compared_fields(model: type[models.Model]) -> list[models.Field]:
    """Editable columns, with each translated field counted per language only."""
    try:
        translated = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        translated = set()
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in translated
    ]

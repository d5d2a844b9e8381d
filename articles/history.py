"""Restoring one object from its history.

django-reversion restores a whole revision: every object saved with the
chosen one. A revision may hold other stories (older bulk actions saved all
selected stories together) or other people's affiliations, and restoring
them would change what readers see without a trace in their own history,
by someone who may not be allowed to. A restore here reverts the chosen
object and the rows its history follows (a person's or an organization's
affiliations), nothing else; the admin then saves it as a new version of
that object.
"""

from django.db import transaction
from django.db.models.deletion import Collector
from reversion.models import Version, _safe_revert
from reversion.revisions import _follow_relations_recursive, _get_options


def _followed_keys(model) -> dict:
    """For each model whose rows ``model``'s history follows through a
    reverse foreign key: the attribute that points back at the object."""
    keys = {}
    for name in _get_options(model).follow:
        relation = model._meta.get_field(name)
        if relation.one_to_many:
            keys[relation.related_model] = relation.field.attname
    return keys


def object_versions(version: Version) -> list[Version]:
    """``version`` and the versions, in its revision, of the rows that the
    object follows; not those of any other object saved with it."""
    keys = _followed_keys(version._model)
    chosen = [version]
    for other in version.revision.version_set.exclude(pk=version.pk):
        attname = keys.get(other._model)
        if attname and str(other.field_dict.get(attname)) == str(version.object_id):
            chosen.append(other)
    return chosen


def rows_added_since(version: Version) -> list:
    """Rows the object follows today that ``version`` did not record: a
    restore deletes them."""
    versions = object_versions(version)
    current = version._model._default_manager.using(version.db).filter(pk=version.object_id)
    recorded = {(other._model, str(other.object_id)) for other in versions}
    return [
        row
        for obj in current
        for row in _follow_relations_recursive(obj)
        if (type(row), str(row.pk)) not in recorded
    ]


def revert_object(version: Version, *, delete: bool = True) -> None:
    """Put the object back as ``version`` recorded it, with the rows it
    follows; with ``delete``, followed rows added since are deleted (as
    django-reversion does for a whole revision)."""
    with transaction.atomic(using=version.db):
        if delete:
            added = rows_added_since(version)
            collector = Collector(using=version.db)
            for model in {type(row) for row in added}:
                collector.collect([row for row in added if type(row) is model])
            collector.delete()
        _safe_revert(object_versions(version))

"""Restoring one object's version from its history.

A django-reversion revision holds every object saved in one request or
service call, and ``Revision.revert`` puts all of them back. A history page
restores one object: anything else the revision holds (another story saved
by the same bulk action, say) is left as it is now, so that a restore can
only change the object on whose page it was chosen, under the rules checked
for that object.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models.deletion import Collector
from reversion.models import Version
from reversion.revisions import _follow_relations_recursive, _get_options


def owned_versions(version: Version) -> list[Version]:
    """``version`` and, from the same revision, the versions of the rows it
    follows (its inlines, e.g. a person's affiliations), parents first."""
    others = list(version.revision.version_set.exclude(pk=version.pk))
    owned, queue = [version], [version]
    while queue:
        parent = queue.pop(0)
        for name in _get_options(parent._model).follow:
            relation = parent._model._meta.get_field(name)
            if not relation.one_to_many:
                raise ImproperlyConfigured(f"{parent._model.__name__}.{name}: not an inline")
            for candidate in others:
                if (
                    candidate not in owned
                    and candidate._model is relation.related_model
                    and str(candidate.field_dict.get(relation.field.attname)) == parent.object_id
                ):
                    owned.append(candidate)
                    queue.append(candidate)
    return owned


def version_restore(version: Version) -> None:
    """Put the object back as ``version`` holds it, with the rows it follows:
    those added since are deleted, those the version holds are restored.
    Nothing else in the version's revision changes."""
    versions = owned_versions(version)
    with transaction.atomic(using=version.db):
        current = version._model._default_manager.using(version.db).filter(pk=version.object_id)
        kept = {(v.content_type_id, v.object_id) for v in versions}
        added = [
            obj
            for root in current
            for obj in _follow_relations_recursive(root)
            if (_content_type_id(obj, version.db), str(obj.pk)) not in kept
        ]
        if added:
            collector = Collector(using=version.db)
            collector.collect(added)
            collector.delete()
        for owned in versions:
            owned.revert()


def _content_type_id(obj, using: str) -> int:
    return ContentType.objects.db_manager(using).get_for_model(obj).pk

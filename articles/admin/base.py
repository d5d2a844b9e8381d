"""What every admin of the app shares: translation tabs with history
(compare and restore), the preloaded autocomplete widget of the inlines and
the changelists' story count."""

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from reversion.admin import VersionAdmin
from reversion_compare.admin import CompareVersionAdmin

from .. import history


class VersionedTranslationAdmin(CompareVersionAdmin, TabbedTranslationAdmin):
    """Translation tabs plus per-object history with compare and restore."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # Restoring a version is a deliberate overwrite: the row was just
        # reverted in this request, so its edit token is new by design.
        form.check_conflicts = not getattr(request, "restoring_version", False)
        form.user = request.user
        return form

    def revision_view(self, request, object_id, version_id, extra_context=None):
        request.restoring_version = True
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        request.restoring_version = True
        return super().recover_view(request, version_id, extra_context)

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        # django-reversion's view reverts the version's whole revision, which
        # may hold other objects (another story saved by the same bulk
        # action): restoring them would skip their own rules and history.
        # The view's flow (rollback on GET, history comment on POST) is kept;
        # only this object and its inlines are put back.
        version.revision.revert = lambda delete=False: history.version_restore(version)
        return super()._reversion_revisionform_view(request, version, template_name, extra_context)

    def changelist_view(self, request, extra_context=None):
        # VersionAdmin runs the changelist, actions included, in one revision,
        # which would save every object a bulk action changes in one shared
        # revision; the services record one revision per object instead.
        context = {
            "has_change_permission": self.has_change_permission(request),
            **(extra_context or {}),
        }
        return super(VersionAdmin, self).changelist_view(request, context)

    history_latest_first = True
    # Django 6 makes https the default scheme for bare domains; use it now.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """Renders the selected option from the row's already-loaded related
    object, so that an inline with many rows does not query once per row."""

    def optgroups(self, name, value, attr=None):
        preloaded = getattr(self, "preloaded", {})
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if not selected or not selected <= preloaded.keys():
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        for key in sorted(selected):
            label = self.choices.field.label_from_instance(preloaded[key])
            options.append(self.create_option(name, key, label, selected, len(options)))
        return [(None, options, 0)]


class StoryCountMixin:
    """A changelist column with the number of linked stories, in one query."""

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(story_count=Count("articles", distinct=True))

    @admin.display(description=_("stories"), ordering="story_count")
    def stories(self, obj) -> int:
        return obj.story_count

import reversion
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from reversion.admin import VersionAdmin
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from . import history, services
from .forms import ArticleAdminForm, EntityFormMixin, PartialPeriodFormMixin
from .models import (
    LANGUAGE_CODES,
    Affiliation,
    Article,
    ArticleStatus,
    Initiative,
    Language,
    Organization,
    Person,
)
from .workflow_admin import (
    ArticleWorkflowAdminMixin,
    CorrectionInline,
    MentionSuggestionInline,
    TranslationStatusFilter,
)

PERIOD_FIELDSET = (_("Period"), {"fields": ("start", "end")})


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


# --- Articles ----------------------------------------------------------------


class CompleteInLanguageFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [
            (code, _("incomplete in %(language)s") % {"language": label})
            for code, label in Language.choices
        ]

    def queryset(self, request, queryset):
        if self.value() not in LANGUAGE_CODES:
            return queryset
        code = self.value()
        incomplete = Q()
        for field in ("title", "lead", "body"):
            incomplete |= Q(**{f"{field}_{code}__isnull": True})
            incomplete |= Q(**{f"{field}_{code}": ""})
        return queryset.filter(incomplete)


# An article's history holds the article and its links only. Registered
# here, before ArticleAdmin, so that django-reversion does not follow the
# admin's inlines: restoring an earlier version must neither delete the
# corrections made since nor undo decisions on suggested links.
if not reversion.is_registered(Article):
    reversion.register(Article)


@admin.register(Article)
class ArticleAdmin(ArticleWorkflowAdminMixin, VersionedTranslationAdmin):
    form = ArticleAdminForm
    list_display = (
        "title",
        "status",
        "original_language",
        "languages_complete",
        "translation_state",
        "published_at",
        "updated_at",
    )
    list_filter = (
        "status",
        "original_language",
        CompleteInLanguageFilter,
        TranslationStatusFilter,
        ("published_at", admin.DateFieldListFilter),
        ("people", admin.RelatedOnlyFieldListFilter),
        ("organizations", admin.RelatedOnlyFieldListFilter),
        ("initiatives", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = (
        "title_kk",
        "title_ru",
        "title_en",
        "lead_kk",
        "lead_ru",
        "lead_en",
        "slug",
    )
    date_hierarchy = "published_at"
    autocomplete_fields = (
        "source_kk",
        "source_ru",
        "source_en",
        "people",
        "organizations",
        "initiatives",
    )
    fieldsets = (
        (None, {"fields": ("title", "lead", "body", "byline", "edit_token")}),
        (
            _("Publication"),
            {"fields": ("status", "published_at", "original_language", "slug")},
        ),
        (_("Source"), {"fields": ("source", "source_url")}),
        (_("Concerns"), {"fields": ("people", "organizations", "initiatives")}),
    )
    inlines = (MentionSuggestionInline, CorrectionInline)
    actions = (
        "publish_selected",
        "unpublish_selected",
        "submit_selected_for_review",
        "suggest_links_selected",
    )
    list_per_page = 50

    @admin.display(description=_("complete languages"))
    def languages_complete(self, article: Article) -> str:
        return " ".join(code.upper() for code in article.complete_languages()) or "—"

    # Publication rules: only a Publisher publishes, unpublishes, reschedules
    # or deletes what readers can see, whichever admin path is taken.

    def has_publish_permission(self, request) -> bool:
        return services.user_can_publish(request.user)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if (
            obj
            and obj.status == ArticleStatus.PUBLISHED
            and not self.has_publish_permission(request)
        ):
            readonly += ["status", "published_at"]
        return readonly

    def has_delete_permission(self, request, obj=None):
        if (
            obj is not None
            and obj.status == ArticleStatus.PUBLISHED
            and not self.has_publish_permission(request)
        ):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            actions["delete_selected"] = (
                ArticleAdmin.delete_selected_guarded,
                "delete_selected",
                delete_selected.short_description,
            )
        return actions

    @admin.action(description=delete_selected.short_description)
    def delete_selected_guarded(self, request, queryset):
        if (
            not self.has_publish_permission(request)
            and queryset.filter(status=ArticleStatus.PUBLISHED).exists()
        ):
            self.message_user(
                request,
                _("Only a Publisher can delete published articles. Nothing was deleted."),
                messages.ERROR,
            )
            return None
        return delete_selected(self, request, queryset)

    @admin.action(description=_("Publish selected articles"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        # Stories without a title and a lead in every language are left
        # out: publishing one anyway is a deliberate choice made on its page.
        ready, incomplete = [], []
        for article in queryset:
            unpublished = article.status != ArticleStatus.PUBLISHED
            (incomplete if unpublished and article.missing_for_publication() else ready).append(
                article
            )
        count = services.article_publish(articles=ready, user=request.user)
        self.message_user(
            request,
            ngettext("%(count)d article published.", "%(count)d articles published.", count)
            % {"count": count},
            messages.SUCCESS,
        )
        if incomplete:
            self.message_user(
                request,
                _(
                    "Not published, for want of a title or a lead in some language: "
                    "%(articles)s. Complete them, or publish each from its page with "
                    "“Publish without all translations”."
                )
                % {"articles": ", ".join(f"“{article}”" for article in incomplete)},
                messages.WARNING,
            )

    @admin.action(description=_("Unpublish selected articles"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = services.article_unpublish(articles=queryset, user=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d article returned to draft.",
                "%(count)d articles returned to draft.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Submit selected drafts for review"), permissions=["change"])
    def submit_selected_for_review(self, request, queryset):
        count = services.article_submit_for_review(articles=queryset, user=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d draft submitted for review.",
                "%(count)d drafts submitted for review.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def _check_version_publication(self, request, version: Version, current: Article | None):
        """Restoring a version must not publish or unpublish for an Editor."""
        if self.has_publish_permission(request):
            return
        stored = version.field_dict
        if current is None:
            current = Article(status=ArticleStatus.DRAFT)
        if services.changes_publication(
            current,
            status=stored.get("status"),
            published_at=stored.get("published_at"),
        ):
            raise PermissionDenied(
                _("Only a Publisher can restore a version that publishes or unpublishes.")
            )

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id, object_id=unquote(object_id))
        current = Article.objects.filter(pk=unquote(object_id)).first()
        self._check_version_publication(request, version, current)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id)
        self._check_version_publication(request, version, None)
        return super().recover_view(request, version_id, extra_context)


# --- Entities ------------------------------------------------------------------


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


class AffiliationForm(PartialPeriodFormMixin):
    class Meta:
        model = Affiliation
        fields = ("person", "organization", "role")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            return
        for name in ("person", "organization"):
            if name in self.fields:
                widget = getattr(self.fields[name].widget, "widget", self.fields[name].widget)
                related = getattr(self.instance, name)
                widget.preloaded = {str(related.pk): related}


class AffiliationInline(TranslationTabularInline):
    model = Affiliation
    form = AffiliationForm
    fields = ("organization", "role", "start", "end")
    autocomplete_fields = ("organization",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "organization")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class OrganizationAffiliationInline(AffiliationInline):
    fields = ("person", "role", "start", "end")
    autocomplete_fields = ("person",)


class StoryCountMixin:
    """A changelist column with the number of linked stories, in one query."""

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(story_count=Count("articles", distinct=True))

    @admin.display(description=_("stories"), ordering="story_count")
    def stories(self, obj) -> int:
        return obj.story_count


class PersonForm(EntityFormMixin):
    class Meta:
        model = Person
        fields = ("slug",)


class OrganizationForm(EntityFormMixin):
    class Meta:
        model = Organization
        fields = ("slug",)


@admin.register(Person)
class PersonAdmin(StoryCountMixin, VersionedTranslationAdmin):
    form = PersonForm
    list_display = ("name", "position", "slug", "stories", "updated_at")
    search_fields = (
        "name_kk",
        "name_ru",
        "name_en",
        "name_variants_kk",
        "name_variants_ru",
        "name_variants_en",
        "position_kk",
        "position_ru",
        "slug",
    )
    inlines = (AffiliationInline,)
    fields = ("name", "name_variants", "position", "biography", "slug", "edit_token")


@admin.register(Organization)
class OrganizationAdmin(StoryCountMixin, VersionedTranslationAdmin):
    form = OrganizationForm
    list_display = ("name", "short_name", "kind", "parent", "stories")
    list_filter = ("kind",)
    list_select_related = ("parent",)
    search_fields = (
        "name_kk",
        "name_ru",
        "name_en",
        "short_name_kk",
        "short_name_ru",
        "short_name_en",
        "name_variants_kk",
        "name_variants_ru",
        "name_variants_en",
        "slug",
    )
    autocomplete_fields = ("parent",)
    fields = (
        "name",
        "short_name",
        "name_variants",
        "description",
        "kind",
        "is_office",
        "parent",
        "website",
        "slug",
        "edit_token",
    )
    inlines = (OrganizationAffiliationInline,)


class InitiativeForm(EntityFormMixin, PartialPeriodFormMixin):
    class Meta:
        model = Initiative
        fields = ("slug", "status")


@admin.register(Initiative)
class InitiativeAdmin(StoryCountMixin, VersionedTranslationAdmin):
    form = InitiativeForm
    list_display = ("name", "status", "period_display", "stories")
    list_filter = ("status",)
    search_fields = (
        "name_kk",
        "name_ru",
        "name_en",
        "name_variants_kk",
        "name_variants_ru",
        "name_variants_en",
        "slug",
    )
    autocomplete_fields = ("organizations", "people")
    fieldsets = (
        (
            None,
            {"fields": ("name", "name_variants", "description", "status", "slug", "edit_token")},
        ),
        PERIOD_FIELDSET,
        (_("Involved"), {"fields": ("organizations", "people")}),
    )

    @admin.display(description=_("period"))
    def period_display(self, initiative: Initiative) -> str:
        return initiative.period_display

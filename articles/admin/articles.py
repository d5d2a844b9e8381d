"""The article admin: its list, form and bulk actions, behind one
publication guard (PublicationGuardMixin). The editorial workflow's pages
and inlines are in workflow.py."""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.models import Version

from .. import services
from ..models import Article, ArticleStatus
from ..richtext.history import BodyCompareMixin
from .base import VersionedTranslationAdmin
from .filing import BylineInline, TopicInline
from .forms import ArticleAdminForm
from .illustrations import StoryImageInline
from .workflow import (
    ArticleWorkflowAdminMixin,
    CorrectionInline,
    MentionSuggestionInline,
    TranslationStatusFilter,
)


class PublicationGuardMixin:
    """A published article is changed (status and date), deleted or
    restored by a Publisher only, whichever admin path is taken: the form,
    the delete page, the bulk delete, the history's restore and recover.
    The rule itself is ``services.may_change_live_article``."""

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj and not services.may_change_live_article(request.user, obj):
            readonly += ["status", "published_at"]
        return readonly

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not services.may_change_live_article(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            actions["delete_selected"] = (
                PublicationGuardMixin.delete_selected_guarded,
                "delete_selected",
                delete_selected.short_description,
            )
        return actions

    @admin.action(description=delete_selected.short_description)
    def delete_selected_guarded(self, request, queryset):
        if not all(
            services.may_change_live_article(request.user, article)
            for article in queryset.only("pk", "status")
        ):
            self.message_user(
                request,
                _("Only a Publisher can delete published articles. Nothing was deleted."),
                messages.ERROR,
            )
            return None
        return delete_selected(self, request, queryset)

    def _check_version_publication(self, request, version: Version, current: Article | None):
        """Restoring a version must not publish or unpublish for an Editor."""
        if services.user_can_publish(request.user):
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


# An article's history holds the article and its links only. Registered
# here, before ArticleAdmin, so that django-reversion does not follow the
# admin's inlines: restoring an earlier version must neither delete the
# corrections made since nor undo decisions on suggested links.
if not reversion.is_registered(Article):
    reversion.register(Article)


@admin.register(Article)
class ArticleAdmin(
    BodyCompareMixin, PublicationGuardMixin, ArticleWorkflowAdminMixin, VersionedTranslationAdmin
):
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
        "section",
        "original_language",
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
        "lead_image",
        "documents",
        "section",
    )
    fieldsets = (
        (None, {"fields": ("title", "lead", "body", "byline", "edit_token")}),
        (_("Filing"), {"fields": ("section", "featured")}),
        (
            _("Pictures and documents"),
            {"fields": ("lead_image", "lead_image_caption", "documents")},
        ),
        (
            _("Publication"),
            {"fields": ("status", "published_at", "original_language", "slug")},
        ),
        (_("Source"), {"fields": ("source", "source_url")}),
        (_("Concerns"), {"fields": ("people", "organizations", "initiatives")}),
    )
    inlines = (
        BylineInline,
        TopicInline,
        StoryImageInline,
        MentionSuggestionInline,
        CorrectionInline,
    )
    actions = (
        "publish_selected",
        "unpublish_selected",
        "submit_selected_for_review",
        "suggest_links_selected",
    )
    list_per_page = 50

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The form's links replace the story's: add back what the bodies link.
        form.instance.link_body_entities()

    @admin.display(description=_("complete languages"))
    def languages_complete(self, article: Article) -> str:
        return " ".join(code.upper() for code in article.complete_languages()) or "—"

    def has_publish_permission(self, request) -> bool:
        return services.user_can_publish(request.user)

    @admin.action(description=_("Publish selected articles"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        # Stories without a title and a lead in every language are left
        # out: publishing one anyway is a deliberate choice made on its page.
        ready, incomplete = services.publication_partition(queryset)
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

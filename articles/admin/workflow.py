"""The editorial workflow in the article admin: suggested entity links,
corrections, translation status, the translations page and the preview.

ArticleAdmin (articles.py) mixes ArticleWorkflowAdminMixin in and lists the
inlines, filter and column defined here, which keeps articles.py to the
article's own editing and publication rules.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationStackedInline

from .. import services
from ..languages import SELF_NAMES
from ..models import (
    LANGUAGE_CODES,
    TRANSLATION_WORK,
    Article,
    Correction,
    Language,
    MentionSuggestion,
    TranslationStatus,
)
from ..views import ArticlePreviewView
from .forms import CorrectionForm

# How many articles the translations page lists per language and state; the
# rest are a click away in the article list, filtered.
TRANSLATIONS_PAGE_ROWS = 100


class TranslationStatusFilter(admin.SimpleListFilter):
    title = _("translation status")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        choices = [("any", _("needs translation"))]
        for code, language in Language.choices:
            for status in TRANSLATION_WORK:
                choices.append(
                    (
                        f"{code}-{status.value}",
                        _("%(language)s: %(status)s")
                        % {"language": language, "status": status.label},
                    )
                )
        return choices

    def queryset(self, request, queryset):
        value = self.value() or ""
        if value == "any":
            return queryset.needing_translation()
        code, _separator, status = value.partition("-")
        if code in LANGUAGE_CODES and status in TRANSLATION_WORK:
            return queryset.translation_status(code, status)
        return queryset


class MentionSuggestionInline(admin.TabularInline):
    """The entities the text names but the article does not link: an
    editor accepts (links) or rejects each by saving the article."""

    model = MentionSuggestion
    # Each row starts with the entity's name (the admin shows the object).
    fields = ("kind", "found", "status", "decision")
    readonly_fields = ("kind", "found", "decision")
    radio_fields = {"status": admin.HORIZONTAL}
    extra = 0
    can_delete = False
    verbose_name = _("suggested link")
    verbose_name_plural = _("suggested links")

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # suggestions come from detection only

    def get_queryset(self, request):
        pending_first = Case(
            When(status=MentionSuggestion.Status.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return (
            super()
            .get_queryset(request)
            .select_related("person", "organization", "initiative", "decided_by")
            .order_by(pending_first, "pk")
        )

    @admin.display(description=_("kind"))
    def kind(self, suggestion: MentionSuggestion) -> str:
        """The kind of entity, linked to its page in the admin."""
        entity = suggestion.entity
        url = reverse(f"admin:articles_{entity._meta.model_name}_change", args=[entity.pk])
        return format_html('<a href="{}">{}</a>', url, entity._meta.verbose_name)

    @admin.display(description=_("found as"))
    def found(self, suggestion: MentionSuggestion) -> str:
        return format_html(
            "<strong>{}</strong> ({})<br>{}",
            suggestion.matched_text,
            suggestion.get_language_display(),
            suggestion.excerpt,
        )

    @admin.display(description=_("decided"))
    def decision(self, suggestion: MentionSuggestion) -> str:
        if suggestion.decided_at is None:
            return "—"
        when = date_format(suggestion.decided_at, "SHORT_DATETIME_FORMAT")
        return f"{suggestion.decided_by or '—'}, {when}"


class CorrectionInline(TranslationStackedInline):
    model = Correction
    form = CorrectionForm
    fields = ("date", "text")
    extra = 0

    def has_delete_permission(self, request, obj=None) -> bool:
        # A correction of a published story is part of the public record:
        # only a Publisher removes it.
        if obj is not None and not services.may_change_live_article(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)


class ArticleWorkflowAdminMixin:
    """ArticleAdmin's pages and actions for the editorial workflow."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        # Before the admin's own patterns, whose "<path:object_id>/" would
        # take "translations/" for an object.
        return [
            path(
                "translations/",
                self.admin_site.admin_view(self.translations_view),
                name="{}_{}_translations".format(*info),
            ),
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="{}_{}_preview".format(*info),
            ),
            *super().get_urls(),
        ]

    def get_fieldsets(self, request, obj=None):
        """The Publication fieldset also shows each language's state and, to
        a Publisher, the confirmation to publish without all of them."""
        added = ["translation_states"]
        if self.has_publish_permission(request):
            added.append("publish_incomplete")
        return [
            (name, {**options, "fields": (*options["fields"], *added)})
            if "status" in options["fields"]
            else (name, options)
            for name, options in super().get_fieldsets(request, obj)
        ]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "translation_states"]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "preview_links": preview_links(object_id)}
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("translations"))
    def translation_states(self, article: Article) -> str:
        """Every language's state, for the article's page."""
        return " · ".join(
            f"{code.upper()}: {status.label}"
            for code, status in article.translation_statuses().items()
        )

    @admin.display(description=_("translations"))
    def translation_state(self, article: Article) -> str:
        """The unfinished languages only, for the article list."""
        unfinished = [
            f"{code.upper()}: {status.label}"
            for code, status in article.translation_statuses().items()
            if status != TranslationStatus.COMPLETE
        ]
        return "; ".join(unfinished) or "—"

    def save_formset(self, request, form, formset, change):
        if formset.model is not MentionSuggestion:
            return super().save_formset(request, form, formset, change)
        # Only the suggestions whose decision changed; after the article's
        # own links were saved, so that an accepted link is added to them.
        for suggestion in formset.save(commit=False):
            suggestion.article = form.instance
            services.mention_decide(
                suggestion=suggestion, status=suggestion.status, user=request.user
            )
        return None

    @admin.action(description=_("Suggest entity links"), permissions=["change"])
    def suggest_links_selected(self, request, queryset):
        changes = services.mention_suggestions_refresh(articles=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d new link suggested; open the articles to accept or reject it.",
                "%(count)d new links suggested; open the articles to accept or reject them.",
                changes.added,
            )
            % {"count": changes.added},
            messages.SUCCESS,
        )

    def translations_view(self, request):
        """Articles whose versions need translating, by language and state."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        articles = list(
            Article.objects.needing_translation()
            .with_translation_statuses()
            .only("pk", "title_kk", "title_ru", "title_en", "status", "original_language")
            .order_by("-updated_at", "-pk")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Translations to do"),
            "opts": self.opts,
            "groups": translation_groups(articles),
            "changelist_url": reverse("admin:articles_article_changelist"),
        }
        return TemplateResponse(request, "admin/articles/article/translations.html", context)

    def preview_view(self, request, object_id):
        """The article as readers will see it, whatever its status; behind
        the admin's login (admin_view), for staff who may view articles."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return ArticlePreviewView.as_view()(request, pk=article.pk)


def preview_links(object_id) -> list[tuple[str, str, str]]:
    """(language, its name, preview URL) for each language of the site."""
    links = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            url = reverse("admin:articles_article_preview", args=[object_id])
        links.append((code, SELF_NAMES[code], url))
    return links


def translation_groups(articles: list[Article]) -> list[dict]:
    """Per language, per state of work: the articles (as annotated by
    ``with_translation_statuses``), at most TRANSLATIONS_PAGE_ROWS each."""
    groups = []
    for code, language in Language.choices:
        states = []
        for status in TRANSLATION_WORK:
            rows = [a for a in articles if getattr(a, f"translation_{code}") == status]
            if rows:
                states.append(
                    {
                        "status": status,
                        "count": len(rows),
                        "articles": rows[:TRANSLATIONS_PAGE_ROWS],
                        "filter": f"{code}-{status.value}",
                    }
                )
        groups.append({"code": code, "language": language, "states": states})
    return groups

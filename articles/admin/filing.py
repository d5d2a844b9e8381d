"""Sections, topics and authors in the admin, and a story's topics and
byline as inlines of its page."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..authors.models import Author, Byline
from ..taxonomy.models import ArticleTopic, Section, Topic
from .base import VersionedTranslationAdmin


class FiledAdmin(VersionedTranslationAdmin):
    """Deleting one that stories use is refused, with those stories listed
    (the links protect it; Django's delete page names them)."""

    search_fields = ("name_kk", "name_ru", "name_en", "slug")
    readonly_fields = ("story_count",)

    def get_queryset(self, request):
        return super().get_queryset(request).with_story_counts()

    @admin.display(description=_("published stories"), ordering="story_count")
    def story_count(self, obj) -> int:
        return obj.story_count


@admin.register(Section)
class SectionAdmin(FiledAdmin):
    list_display = ("name", "position", "slug", "story_count")
    list_editable = ("position",)
    fields = ("name", "description", "slug", "position", "story_count")


@admin.register(Topic)
class TopicAdmin(FiledAdmin):
    list_display = ("name", "slug", "story_count")
    fields = ("name", "description", "slug", "story_count")


@admin.register(Author)
class AuthorAdmin(FiledAdmin):
    list_display = ("name", "role", "slug", "story_count")
    list_filter = ("role",)
    fields = ("name", "role", "biography", "portrait", "slug", "story_count")
    autocomplete_fields = ("portrait",)


class TopicInline(admin.TabularInline):
    model = ArticleTopic
    autocomplete_fields = ("topic",)
    extra = 0
    verbose_name = _("topic")
    verbose_name_plural = _("topics")


class BylineInline(admin.TabularInline):
    model = Byline
    fields = ("author", "position")
    autocomplete_fields = ("author",)
    extra = 0

"""The pictures placed in a story's body, edited on the story's page."""

from modeltranslation.admin import TranslationTabularInline

from ..models import StoryImage


class StoryImageInline(TranslationTabularInline):
    model = StoryImage
    fields = ("image", "after_paragraph", "caption", "position")
    autocomplete_fields = ("image",)
    extra = 0

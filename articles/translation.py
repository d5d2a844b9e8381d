"""The human-language fields that django-modeltranslation stores per language."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    Affiliation,
    Article,
    Correction,
    Initiative,
    Organization,
    Person,
    StoryImage,
)


@register(Organization)
class OrganizationTranslationOptions(TranslationOptions):
    fields = ("name", "short_name", "name_variants", "description")
    required_languages = ("kk",)


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("name", "name_variants", "position", "biography")
    required_languages = ("kk",)


@register(Affiliation)
class AffiliationTranslationOptions(TranslationOptions):
    fields = ("role",)


@register(Initiative)
class InitiativeTranslationOptions(TranslationOptions):
    fields = ("name", "name_variants", "description")
    required_languages = ("kk",)


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    # Each language version keeps its own byline and source (the Kazakh and
    # Russian versions of one story may come from different outlets).
    fields = ("title", "lead", "body", "byline", "source", "source_url", "lead_image_caption")
    required_languages = {"default": ()}


@register(Correction)
class CorrectionTranslationOptions(TranslationOptions):
    # A story may be corrected in any of its languages; the inline form asks
    # for at least one.
    fields = ("text",)
    required_languages = {"default": ()}


@register(StoryImage)
class StoryImageTranslationOptions(TranslationOptions):
    fields = ("caption",)
    required_languages = {"default": ()}

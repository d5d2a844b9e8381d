"""The human-language fields that django-modeltranslation stores per language."""

from modeltranslation.translator import TranslationOptions, register

from .models import Affiliation, Article, Initiative, Organization, Person


@register(Organization)
class OrganizationTranslationOptions(TranslationOptions):
    fields = ("name", "short_name", "description")
    required_languages = ("kk",)


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("name", "position", "biography")
    required_languages = ("kk",)


@register(Affiliation)
class AffiliationTranslationOptions(TranslationOptions):
    fields = ("role",)


@register(Initiative)
class InitiativeTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("kk",)


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    # Each language version keeps its own byline and source (the Kazakh and
    # Russian versions of one story may come from different outlets).
    fields = ("title", "lead", "body", "byline", "source", "source_url")
    required_languages = {"default": ()}

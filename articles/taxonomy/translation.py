from modeltranslation.translator import TranslationOptions, register

from .models import Section, Topic


@register(Section)
class SectionTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("kk",)


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("kk",)

"""The texts of images and documents that each language has its own of."""

from modeltranslation.translator import TranslationOptions, register

from .models import Document, Image


@register(Image)
class ImageTranslationOptions(TranslationOptions):
    fields = ("alt", "caption")
    required_languages = {"default": ()}


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("kk",)

"""The model field of story bodies: sanitised on every save.

``pre_save`` runs clean_body on every path that saves through the model
(admin, services, importer, shell); the form field runs it too, so the
editor sees the cleaned body when a form is shown again. Fixtures, which
Django saves raw, are cleaned by the pre_save signal in signals.py.
"""

from django.db import models
from django_prose_editor.fields import ProseEditorFormField

from .sanitizer import clean_body
from .widgets import BodyEditorWidget

# The editor's tools, in django-prose-editor's configuration format: exactly
# what clean_body keeps, so nothing an editor makes is lost on save.
EDITOR_CONFIG = {
    "extensions": {
        "Paragraph": True,
        "Heading": {"levels": [2, 3]},
        "Bold": True,
        "Italic": True,
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HardBreak": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
        "History": True,
    }
}


class RichTextField(models.TextField):
    def pre_save(self, model_instance, add):
        value = clean_body(getattr(model_instance, self.attname))
        # Not setattr: for the untranslated ``body`` column modeltranslation's
        # descriptor would write the value into the active language's field.
        model_instance.__dict__[self.attname] = value
        return value

    def formfield(self, **kwargs):
        kwargs.pop("widget", None)  # the admin's textarea: the editor replaces it
        return super().formfield(
            **{
                "form_class": ProseEditorFormField,
                "config": EDITOR_CONFIG,
                "preset": "configurable",
                "sanitize": clean_body,
                "widget": BodyEditorWidget,
                **kwargs,
            }
        )

"""File fields that keep only a clean copy of what is uploaded.

The check runs twice over: as the field's validator, so that a form shows
what is wrong as a field error, and again inside ``FieldFile.save``, the
one call through which any code path (the admin, a command, the shell)
writes the file to storage. A file that fails never reaches the storage.
"""

from collections.abc import Callable

from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import FieldFile

# A cleaner takes the uploaded file and its name and returns
# (bytes to store, name to store them under, facts to set on the instance),
# or raises ValidationError.
Cleaner = Callable[[object, str], tuple[bytes, str, dict]]


class SanitizedFieldFile(FieldFile):
    def save(self, name, content, save=True):
        cleaned = getattr(content, "_newsroom_cleaned", None)
        if cleaned is None:
            cleaned = self.field.cleaner(content, name)
        data, clean_name, facts = cleaned
        for attribute, value in facts.items():
            setattr(self.instance, attribute, value)
        super().save(clean_name, ContentFile(data), save=save)


class SanitizedFileField(models.FileField):
    """A FileField whose ``cleaner`` decides what is stored."""

    attr_class = SanitizedFieldFile

    def __init__(self, *args, cleaner: Cleaner | None = None, accept: str = "", **kwargs):
        self.cleaner = cleaner
        self.accept = accept
        kwargs.setdefault("max_length", 255)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 255:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value and not value._committed:
            upload = value.file
            # Checked once: save() reuses the result for this very upload.
            upload._newsroom_cleaned = self.cleaner(upload, getattr(upload, "name", value.name))

    def formfield(self, **kwargs):
        field = super().formfield(**kwargs)
        if self.accept:
            field.widget.attrs["accept"] = self.accept
        return field

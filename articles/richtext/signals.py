"""Bodies that arrive raw (loaddata) are cleaned like every other save."""

from django.apps import apps
from django.db.models.signals import pre_save

from .fields import RichTextField
from .sanitizer import clean_body


def clean_raw_bodies(sender, instance, raw, **kwargs):
    if not raw:
        return  # RichTextField.pre_save cleans them
    for field in sender._meta.concrete_fields:
        if isinstance(field, RichTextField):
            value = clean_body(instance.__dict__.get(field.attname))
            instance.__dict__[field.attname] = value


def connect() -> None:
    pre_save.connect(
        clean_raw_bodies,
        sender=apps.get_model("articles", "Article"),
        dispatch_uid="richtext-clean-raw-bodies",
    )

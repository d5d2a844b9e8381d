from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RichTextConfig(AppConfig):
    name = "articles.richtext"
    label = "richtext"
    verbose_name = _("Story bodies")

    def ready(self):
        from . import signals

        signals.connect()

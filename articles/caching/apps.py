from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles.caching"
    label = "caching"
    verbose_name = _("Page cache")

    def ready(self) -> None:
        from . import signals

        signals.connect()

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from .db_functions import register_sqlite_functions


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("Newsroom")

    def ready(self) -> None:
        # The reader's text filter lower-cases Cyrillic, which SQLite cannot
        # do by itself (see UnicodeLower).
        connection_created.connect(register_sqlite_functions, dispatch_uid="articles_sqlite")

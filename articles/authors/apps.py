from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthorsConfig(AppConfig):
    name = "articles.authors"
    label = "authors"
    verbose_name = _("Authors")

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """The one row (pk 1) whose ``generation`` changes with every change to
    what the public pages show (see the package docstring)."""

    generation = models.PositiveBigIntegerField(_("generation"), default=1)
    changed_at = models.DateTimeField(
        _("changed"), help_text=_("When the public content last changed.")
    )
    next_publication = models.DateTimeField(
        _("next scheduled publication"),
        null=True,
        blank=True,
        help_text=_("When the next scheduled story becomes public: the version changes then."),
    )

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self) -> str:
        return f"{self.generation} ({self.changed_at:%Y-%m-%d %H:%M:%S})"

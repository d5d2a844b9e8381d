"""Pictures placed in a story's body, from the image library."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StoryImage(models.Model):
    """One image of the library shown inside a story, after a paragraph."""

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="story_images",
        verbose_name=_("article"),
    )
    image = models.ForeignKey(
        "media.Image", on_delete=models.PROTECT, related_name="story_uses", verbose_name=_("image")
    )
    after_paragraph = models.PositiveSmallIntegerField(
        _("after paragraph"),
        default=1,
        help_text=_(
            "Shown after this block of the body: a paragraph, subheading, list or quote "
            "(0: before the first)."
        ),
    )
    caption = models.TextField(
        _("caption"), blank=True, help_text=_("This story's caption; the image's own when empty.")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["after_paragraph", "position", "pk"]
        verbose_name = _("image in the story")
        verbose_name_plural = _("images in the story")

    def __str__(self) -> str:
        return str(self.image)

    @property
    def shown_caption(self) -> str:
        return self.caption or self.image.caption

"""Pictures placed in a story's body, from the image library."""

from typing import NamedTuple

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
        help_text=_("Shown after this paragraph of the body (0: before the first)."),
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


class Block(NamedTuple):
    """A piece of a story's body: a paragraph's text, or a picture."""

    text: str = ""
    picture: StoryImage | None = None


def body_blocks(paragraphs: list[str], pictures) -> list[Block]:
    """``paragraphs`` with each picture after its paragraph; pictures placed
    past the last paragraph come at the end."""
    by_paragraph: dict[int, list[StoryImage]] = {}
    for picture in pictures:
        place = min(picture.after_paragraph, len(paragraphs))
        by_paragraph.setdefault(place, []).append(picture)
    blocks = [Block(picture=picture) for picture in by_paragraph.get(0, [])]
    for number, text in enumerate(paragraphs, 1):
        blocks.append(Block(text=text))
        blocks.extend(Block(picture=picture) for picture in by_paragraph.get(number, []))
    return blocks

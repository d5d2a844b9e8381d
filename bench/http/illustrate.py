"""Gives ILLUSTRATED published stories (40) a lead image and ten pictures
in the body, for bench/http/run's "illustrated" page: eleven library images
of 2400×1350 pixels, stored and rendered as the worker would. Stories that
have pictures already are left as they are.

Run as: python bench/http/illustrate.py [STORIES] (from the repository root).
"""

import io
import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from PIL import Image as Picture  # noqa: E402
from PIL import ImageDraw  # noqa: E402

from articles.caching import versions  # noqa: E402
from articles.media import renditions  # noqa: E402
from articles.media.models import Image  # noqa: E402
from articles.models import Article, StoryImage  # noqa: E402

PICTURES = 11


def scene(number: int) -> bytes:
    picture = Picture.new("RGB", (2400, 1350))
    draw = ImageDraw.Draw(picture)
    for y in range(1350):
        draw.line([(0, y), (2400, y)], fill=(number * 20 % 255, 255 - y // 8, 200))
    for left in range(0, 2400, 200):
        draw.rectangle([left + 10, 700 + left % 300, left + 170, 1350], fill=(50, 40, 70))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def main(count: int) -> None:
    stories = list(
        Article.objects.published().filter(story_images__isnull=True).order_by("?")[:count]
    )
    images = list(Image.objects.filter(title__startswith="bench-")[:PICTURES])
    for number in range(len(images), PICTURES):
        image = Image(title=f"bench-{number}", alt_kk="Сурет", alt_ru="Снимок", credit="Bench")
        image.file.save(f"bench-{number}.jpg", ContentFile(scene(number)))
        renditions.generate(image)
        Image.objects.filter(pk=image.pk).update(renditions_ready=True)
        images.append(image)
        sys.stdout.write(f"  picture {number + 1} of {PICTURES} stored and rendered\n")
    lead, *body = images
    for story in stories:
        Article.objects.filter(pk=story.pk).update(lead_image=lead)
    StoryImage.objects.bulk_create(
        StoryImage(article=story, image=image, after_paragraph=place % 4)
        for story in stories
        for place, image in enumerate(body)
    )
    versions.bump()
    sys.stdout.write(f"{len(stories)} stories illustrated with {PICTURES} pictures each\n")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)

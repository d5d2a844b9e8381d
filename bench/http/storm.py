"""The publish storm of bench/http/run: while readers load the pages, one
change a second for STORM_SECONDS, as a busy newsroom makes them: every
other second a published story's English title is edited, and in between a
draft is published. Each change is a new content version. Prints one line at
the end: STORM <changes>.

Run as: python bench/http/storm.py SECONDS (from the repository root, with
the server's environment).
"""

import os
import random
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from articles.models import Article  # noqa: E402
from articles.services import article_publish  # noqa: E402


def storm(seconds: int) -> int:
    rng = random.Random(7)
    editor, _created = get_user_model().objects.get_or_create(
        username="bench-storm", defaults={"is_staff": True, "is_superuser": True}
    )
    published = list(Article.objects.published().order_by("-published_at")[:200])
    drafts = list(Article.objects.filter(status=Article.Status.DRAFT)[: seconds + 1])
    changes = 0
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if changes % 2 == 0 or not drafts:
            story = rng.choice(published)
            story.title_en = f"{story.title_en.split(' · ')[0]} · update {changes}"
            story.save()
        else:
            article_publish(articles=[drafts.pop()], user=editor, allow_incomplete=True)
        changes += 1
        time.sleep(max(0.0, started + changes - time.monotonic()))
    return changes


if __name__ == "__main__":
    sys.stdout.write(f"STORM {storm(int(sys.argv[1]))}\n")

"""The front page (a lead story, the stories beside it, a block per section)
and what lists and story pages show of a story: its section, a note when it
is not translated, the filters folded away, the "corrected" mark."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Correction
from tests.factories import make_article, make_image, make_section
from tests.helpers import url

pytestmark = pytest.mark.django_db


def hours_ago(hours: int):
    return timezone.now() - timedelta(hours=hours)


def home(client, language="en") -> str:
    response = client.get(url("home", language))
    assert response.status_code == 200
    return response.content.decode()


def lead_story(content: str) -> str:
    return content.split('<article class="lead-story', 1)[1].split("</article>", 1)[0]


def test_the_featured_story_leads_the_front_page_over_newer_ones(client):
    make_article(title_en="Newest story", published_at=hours_ago(1))
    make_article(title_en="Featured story", published_at=hours_ago(30), featured=True)

    content = home(client)

    assert "Featured story" in lead_story(content)
    assert "Newest story" in content.split('class="top-stories"', 1)[1]


def test_without_a_featured_story_the_newest_leads_and_is_not_repeated(client):
    make_article(title_en="Older story", published_at=hours_ago(5))
    make_article(title_en="Newest story", published_at=hours_ago(1))

    content = home(client)

    assert "Newest story" in lead_story(content)
    assert content.count(">Newest story</a>") == 1


def test_a_lead_story_without_a_picture_gets_the_typographic_lead(client):
    make_article(title_en="Words only", lead_en="The standfirst says what happened.")

    content = home(client)

    assert '<article class="lead-story" aria-labelledby="lead-story-title">' in content
    assert '<p class="standfirst" lang="en">The standfirst says what happened.</p>' in (
        lead_story(content)
    )


def test_a_lead_story_with_a_picture_shows_it_large(client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    make_article(title_en="With a picture", lead_image=make_image(alt_en="The court"))

    lead = lead_story(home(client))

    assert lead.startswith(" has-image")
    assert 'class="lead-story-image"' in lead and 'fetchpriority="high"' in lead


def test_every_section_with_stories_gets_a_block_of_its_newest_in_section_order(client):
    politics = make_section(name_en="Politics", position=2)
    courts = make_section(name_en="Courts", position=1)
    empty = make_section(name_en="Empty section", position=3)
    for hours in range(1, 6):
        make_article(section=politics, title_en=f"Politics {hours}", published_at=hours_ago(hours))
    make_article(section=courts, title_en="Courts 1")
    make_article(section=empty, title_en="Hidden", status=Article.Status.DRAFT)

    content = home(client)

    blocks = content.split('<div class="section-blocks">', 1)[1]
    headings = re.findall(r'<h2 id="section-\d+-heading"><a href="([^"]+)">([^<]+)</a>', blocks)
    assert headings == [
        (url("section", "en", slug=courts.slug), "Courts"),
        (url("section", "en", slug=politics.slug), "Politics"),
    ]
    politics_block = blocks.split(">Politics</a>", 1)[1].split("</section>", 1)[0]
    assert re.findall(r">(Politics \d)</a>", politics_block) == [
        "Politics 1",
        "Politics 2",
        "Politics 3",
    ]
    assert "Empty section" not in blocks and "Hidden" not in content


def test_the_lists_say_when_a_story_is_shown_in_another_language(client):
    make_article(
        title_kk="Тек қазақша",
        **{f"{field}_{code}": "" for field in ("title", "lead", "body") for code in ("ru", "en")},
    )
    make_article(title_en="Translated story")

    for path in (url("home", "en"), url("list", "en")):
        content = client.get(path).content.decode()
        card = content.split("Тек қазақша", 1)[1].split("</article>", 1)[0]
        assert '<p class="untranslated">Not yet translated: in Kazakh</p>' in card
        translated = content.split("Translated story", 1)[1].split("</article>", 1)[0]
        assert "untranslated" not in translated


@pytest.mark.parametrize(("query", "opened"), [("", False), ("?year=2025", True)])
def test_the_story_list_folds_its_filters_behind_a_disclosure(client, query, opened):
    make_article()

    content = client.get(url("list", "en") + query).content.decode()

    assert (
        '<details class="filter-disclosure" open>' in content
        if opened
        else ('<details class="filter-disclosure">' in content)
    )
    assert content.index("<summary>") < content.index('<form class="filters"')


def test_a_corrected_story_says_so_beside_its_date(client):
    story = make_article()
    Correction.objects.create(article=story, date=timezone.localdate(), text_en="A fix.")

    content = client.get(url("detail", "en", slug=story.slug)).content.decode()

    byline = content.split('<div class="byline-row">', 1)[1].split("</div>", 1)[0]
    assert '<a class="corrected" href="#corrections">Corrected' in byline
    assert 'id="corrections"' in content


def test_an_uncorrected_story_has_no_mark(client):
    story = make_article()

    content = client.get(url("detail", "en", slug=story.slug)).content.decode()

    assert 'class="corrected"' not in content

"""The reads behind the reader site: what is public, counts, related stories."""

from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from articles.models import Affiliation, Article, Initiative, Organization, Person
from tests.factories import (
    make_article,
    make_initiative,
    make_organization,
    make_person,
)

pytestmark = pytest.mark.django_db


def make_hidden_articles(**links) -> list[Article]:
    """One article in each state that the public must not see."""
    return [
        make_article(status=Article.Status.DRAFT, **links),
        make_article(status=Article.Status.IN_REVIEW, **links),
        make_article(published_at=timezone.now() + timedelta(days=1), **links),
    ]


# --- published() ---------------------------------------------------------------


def test_it_publishes_only_published_articles_dated_in_the_past():
    public = make_article()
    make_hidden_articles()

    assert list(Article.objects.published()) == [public]


def test_it_publishes_a_scheduled_article_once_its_time_has_come():
    article = make_article(published_at=timezone.now() + timedelta(seconds=1))
    article.published_at = timezone.now() - timedelta(seconds=1)
    article.save()

    assert list(Article.objects.published()) == [article]


def test_it_orders_published_articles_newest_first():
    older = make_article(published_at=timezone.now() - timedelta(days=2))
    newer = make_article(published_at=timezone.now() - timedelta(days=1))

    assert list(Article.objects.published()) == [newer, older]


# --- story counts ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("make_entity", "link"),
    [
        (make_person, "people"),
        (make_organization, "organizations"),
        (make_initiative, "initiatives"),
    ],
)
def test_it_counts_only_published_stories(make_entity, link):
    entity = make_entity()
    make_article(**{link: [entity]})
    make_article(**{link: [entity]})
    make_hidden_articles(**{link: [entity]})

    annotated = type(entity).objects.with_story_counts().get(pk=entity.pk)

    assert annotated.story_count == 2


def test_it_counts_zero_for_an_entity_without_published_stories():
    person = make_person()
    make_hidden_articles(people=[person])

    assert Person.objects.with_story_counts().get(pk=person.pk).story_count == 0


def test_it_does_not_count_an_organization_credited_only_as_a_source():
    organization = make_organization()
    make_article(source_kk=organization)

    annotated = Organization.objects.with_story_counts().get(pk=organization.pk)

    assert annotated.story_count == 0


def test_it_lists_the_most_written_about_first_and_leaves_out_the_unmentioned():
    busy, quiet, unmentioned = make_person(), make_person(), make_person()
    make_article(people=[busy, quiet])
    make_article(people=[busy])
    make_hidden_articles(people=[quiet, unmentioned])

    in_the_news = list(Person.objects.in_the_news())

    assert in_the_news == [busy, quiet]
    assert [person.story_count for person in in_the_news] == [2, 1]


def test_it_finds_entities_with_published_stories_only():
    mentioned, hidden_only = make_initiative(), make_initiative()
    make_article(initiatives=[mentioned])
    make_hidden_articles(initiatives=[hidden_only])

    assert list(Initiative.objects.with_published_stories()) == [mentioned]


def test_it_finds_the_sources_of_the_active_languages_published_versions():
    kazakh_source, russian_source, draft_source = (make_organization() for _ in range(3))
    make_article(source_kk=kazakh_source, source_ru=russian_source)
    make_article(status=Article.Status.DRAFT, source_ru=draft_source)

    assert list(Organization.objects.sources("kk")) == [kazakh_source]
    assert list(Organization.objects.sources("ru")) == [russian_source]
    with translation.override("ru"):
        assert list(Organization.objects.sources()) == [russian_source]


def test_it_lists_only_active_initiatives_as_active():
    active = make_initiative(status=Initiative.Status.ACTIVE)
    make_initiative(status=Initiative.Status.COMPLETED)

    assert list(Initiative.objects.active()) == [active]


# --- related stories ----------------------------------------------------------------


def test_it_relates_stories_that_share_a_person_organization_or_initiative():
    person, organization, initiative = make_person(), make_organization(), make_initiative()
    article = make_article(people=[person], organizations=[organization], initiatives=[initiative])
    by_person = make_article(people=[person])
    by_organization = make_article(organizations=[organization])
    by_initiative = make_article(initiatives=[initiative, make_initiative()])
    make_article(people=[make_person()])  # unrelated

    related = Article.objects.published().related_to(article)

    assert set(related) == {by_person, by_organization, by_initiative}


def test_it_lists_a_story_sharing_several_entities_once_and_never_itself():
    people = [make_person(), make_person()]
    article = make_article(people=people)
    other = make_article(people=people)

    assert list(Article.objects.published().related_to(article)) == [other]


def test_it_relates_only_published_stories():
    person = make_person()
    article = make_article(people=[person])
    make_hidden_articles(people=[person])

    assert list(Article.objects.published().related_to(article)) == []


def test_it_relates_nothing_to_a_story_about_nobody():
    make_article(people=[make_person()])

    assert list(Article.objects.published().related_to(make_article())) == []


# --- detail prefetches ----------------------------------------------------------------


def test_it_lists_ongoing_affiliations_before_ended_ones():
    person = make_person()
    ended = Affiliation.objects.create(
        person=person,
        organization=make_organization(),
        start_date=date(2015, 1, 1),
        end_date=date(2019, 12, 31),
    )
    ongoing = Affiliation.objects.create(
        person=person, organization=make_organization(), start_date=date(2010, 1, 1)
    )
    recent = Affiliation.objects.create(
        person=person,
        organization=make_organization(),
        start_date=date(2020, 1, 1),
        end_date=date(2023, 6, 30),
    )

    loaded = Person.objects.for_detail().get(pk=person.pk)

    assert list(loaded.affiliations.all()) == [ongoing, recent, ended]

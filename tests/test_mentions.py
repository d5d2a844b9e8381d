"""Entity mention detection: what it finds in Kazakh, Russian and English
text, the suggestions it stores, accepting and rejecting them in the admin,
the commands, and precision and recall on the seed stories."""

from datetime import UTC, date, datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.mentions import KINDS, MentionFinder, evaluate
from articles.models import Affiliation, Article, MentionSuggestion
from articles.services import mention_decide, mention_suggestions_refresh
from tests.factories import (
    make_article,
    make_initiative,
    make_organization,
    make_person,
    make_user,
)
from tests.helpers import ROLES, article_form_data

pytestmark = pytest.mark.django_db


def found(text: str, language: str = "kk") -> dict[str, str]:
    """Entity name -> the text matched, for the names found in ``text``."""
    finder = MentionFinder()
    return {
        finder.label(match.name.entity): normalised[match.start : match.end]
        for match, normalised in finder.find_in_text(text, language)
    }


@pytest.fixture
def tokayev():
    return make_person(
        name_kk="Қасым-Жомарт Тоқаев",
        name_ru="Касым-Жомарт Токаев",
        name_en="Kassym-Jomart Tokayev",
        name_variants_kk="Тоқаев",
        name_variants_ru="Токаев",
        name_variants_en="Tokayev",
    )


@pytest.fixture
def agency():
    return make_organization(
        name_kk="Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі",
        name_ru="Агентство по противодействию коррупции",
        name_en="Anti-Corruption Agency",
    )


# --- What counts as a mention ---------------------------------------------------------


def test_it_finds_inflected_kazakh_forms(tokayev, agency):
    text = "Тоқаевтың айтуынша, Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігінің жұмысы артты."

    assert found(text) == {
        "Қасым-Жомарт Тоқаев": "Тоқаевтың",
        "Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі": (
            "Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігінің"
        ),
    }


def test_it_finds_russian_case_forms_of_names_and_titles(tokayev, agency):
    nazarbayev = make_person(name_kk="Нұрсұлтан Назарбаев", name_ru="Нурсултан Назарбаев")
    nazarbayev.name_variants_ru = "Назарбаев"
    nazarbayev.save()
    text = "Встреча с Токаевым и Назарбаевым прошла в Агентстве по противодействию коррупции."

    assert set(found(text, "ru")) == {
        "Қасым-Жомарт Тоқаев",
        "Нұрсұлтан Назарбаев",
        "Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі",
    }


def test_it_finds_initials_with_or_without_a_space():
    make_person(name_kk="Әлихан Смайылов", name_variants_kk="Ә. Смайылов")

    assert found("Ә.Смайыловқа тапсырылды") == {"Әлихан Смайылов": "Ә.Смайыловқа"}
    assert found("Ә. Смайылов айтты") == {"Әлихан Смайылов": "Ә. Смайылов"}


def test_it_finds_a_person_spelled_as_another_language_spells_them(tokayev):
    # Russian spelling with a Kazakh ending, English with a possessive.
    assert set(found("Токаевтың сөзі")) == {"Қасым-Жомарт Тоқаев"}
    assert set(found("Tokayev's speech", "en")) == {"Қасым-Жомарт Тоқаев"}


def test_a_name_in_capitals_matches_only_capitals():
    make_organization(name_kk="Біріккен Ұлттар Ұйымы", short_name_kk="БҰҰ")
    make_organization(name_kk="«ЖАҢАРУ» қозғалысы", short_name_kk="ЖАҢАРУ")

    assert found("БҰҰ-ның конвенциясы") == {"Біріккен Ұлттар Ұйымы": "БҰҰ"}
    assert found("Қоғамдағы жаңару үдерісі") == {}


def test_a_one_word_name_with_a_capital_needs_a_capital():
    make_organization(
        name_kk="Парламент", name_en="Parliament of Kazakhstan", short_name_en="Parliament"
    )

    assert set(found("Parliament passed the law.", "en")) == {"Парламент"}
    assert found("The regional parliament met.", "en") == {}


def test_a_one_word_name_in_quotes_needs_quotes():
    make_organization(name_kk="«Факт» бюросы", short_name_kk="«Факт»")

    assert set(found("«Факт» бюросының өкілі")) == {"«Факт» бюросы"}
    assert found("Бұл факт белгілі болды.") == {}


def test_the_words_of_a_name_must_follow_each_other():
    make_organization(name_kk="Жас заңгерлер палатасы")
    make_organization(name_kk="Цифрлық даму, қорғаныс және аэроғарыш өнеркәсібі министрлігі")

    assert found("Жас заңгерлер. Палатасы жаңа.") == {}
    assert found("Жас заңгерлер, палатасы") == {}
    assert set(found("Жас заңгерлер палатасының мүшесі")) == {"Жас заңгерлер палатасы"}
    assert set(found("Цифрлық даму, қорғаныс және аэроғарыш өнеркәсібі министрлігіне")) == {
        "Цифрлық даму, қорғаныс және аэроғарыш өнеркәсібі министрлігі"
    }


def test_the_longest_name_wins(agency):
    make_organization(
        name_kk="Мемлекеттік қызмет істері және сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі"
    )

    text = "Мемлекеттік қызмет істері және сыбайлас жемқорлыққа қарсы іс-қимыл агенттігінің рөлі"

    assert set(found(text)) == {
        "Мемлекеттік қызмет істері және сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі"
    }


def test_a_shorter_name_inside_a_longer_one_counts_when_it_is_what_the_longer_belongs_to():
    un = make_organization(name_kk="Біріккен Ұлттар Ұйымы", short_name_kk="БҰҰ")
    convention = make_initiative(name_kk="БҰҰ Сыбайлас жемқорлыққа қарсы конвенциясы")
    text = "БҰҰ Сыбайлас жемқорлыққа қарсы конвенциясының ережелері"

    assert set(found(text)) == {"БҰҰ Сыбайлас жемқорлыққа қарсы конвенциясы"}

    convention.organizations.add(un)

    assert set(found(text)) == {
        "БҰҰ Сыбайлас жемқорлыққа қарсы конвенциясы",
        "Біріккен Ұлттар Ұйымы",
    }


def test_an_office_names_whoever_held_it_on_the_articles_date(tokayev):
    nazarbayev = make_person(name_kk="Нұрсұлтан Назарбаев")
    president = make_organization(
        name_kk="Қазақстан Республикасының Президенті",
        name_variants_kk="Мемлекет басшысы",
        is_office=True,
    )
    Affiliation.objects.create(
        person=nazarbayev,
        organization=president,
        start_date=date(1990, 4, 24),
        end_date=date(2019, 3, 20),
    )
    Affiliation.objects.create(person=tokayev, organization=president, start_date=date(2019, 3, 20))
    finder = MentionFinder()

    def named(year: int) -> set[str]:
        article = make_article(
            body_kk="Мемлекет басшысы жиын өткізді.",
            published_at=datetime(year, 6, 1, tzinfo=UTC),
        )
        return {finder.label(entity) for entity in finder.find(article)}

    assert named(2018) == {"Қазақстан Республикасының Президенті", "Нұрсұлтан Назарбаев"}
    assert named(2021) == {"Қазақстан Республикасының Президенті", "Қасым-Жомарт Тоқаев"}


def test_it_searches_title_lead_body_and_byline_in_every_language(tokayev, agency):
    author = make_person(name_kk="Ерке Ерқоңыр", name_en="Yerke Yerkonyr")
    article = make_article(
        title_en="Tokayev speaks",
        lead_ru="Агентство по противодействию коррупции сообщило",
        byline_kk="Ерке ЕРҚОҢЫР",
    )

    mentions = MentionFinder().find(article)

    by_entity = {(e.kind, e.pk): (m.language, m.field) for e, m in mentions.items()}
    assert by_entity == {
        ("person", tokayev.pk): ("en", "title"),
        ("organization", agency.pk): ("ru", "lead"),
        ("person", author.pk): ("kk", "byline"),
    }


# --- Suggestions -------------------------------------------------------------------------


def test_it_suggests_the_links_an_article_lacks(tokayev, agency):
    article = make_article(body_kk="Тоқаевтың агенттікке сапары", people=[])
    article.body_ru = "Агентство по противодействию коррупции и Токаев"
    article.save()
    article.organizations.add(agency)

    changes = mention_suggestions_refresh(articles=[article])

    suggestion = MentionSuggestion.objects.get()
    assert changes.added == 1
    assert (suggestion.person, suggestion.status, suggestion.language) == (
        tokayev,
        MentionSuggestion.Status.PENDING,
        "kk",
    )
    assert suggestion.matched_text == "Тоқаевтың"
    assert "сапары" in suggestion.excerpt


def test_running_it_again_changes_nothing(tokayev):
    article = make_article(body_kk="Тоқаевтың сапары")
    mention_suggestions_refresh(articles=[article])

    changes = mention_suggestions_refresh(articles=[article])

    assert changes == (0, 0)
    assert MentionSuggestion.objects.count() == 1


def test_a_rejected_suggestion_is_not_made_again(tokayev):
    article = make_article(body_kk="Тоқаевтың сапары")
    mention_suggestions_refresh(articles=[article])
    suggestion = MentionSuggestion.objects.get()
    mention_decide(
        suggestion=suggestion, status=MentionSuggestion.Status.REJECTED, user=make_user()
    )

    changes = mention_suggestions_refresh(articles=[article])

    assert changes.added == 0
    suggestion.refresh_from_db()
    assert suggestion.status == MentionSuggestion.Status.REJECTED
    assert not article.people.exists()


def test_a_pending_suggestion_is_withdrawn_once_linked_or_no_longer_named(tokayev, agency):
    article = make_article(
        body_kk="Тоқаевтың сапары, Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі"
    )
    mention_suggestions_refresh(articles=[article])
    article.people.add(tokayev)
    article.body_kk = "Сапар"
    article.save()

    changes = mention_suggestions_refresh(articles=[article])

    assert changes.withdrawn == 2
    assert not MentionSuggestion.objects.exists()


def test_accepting_links_the_entity_and_records_who_decided(tokayev):
    article = make_article(body_kk="Тоқаевтың сапары")
    mention_suggestions_refresh(articles=[article])
    suggestion = MentionSuggestion.objects.get()
    user = make_user(role="Editor")

    mention_decide(suggestion=suggestion, status=MentionSuggestion.Status.ACCEPTED, user=user)

    assert list(article.people.all()) == [tokayev]
    suggestion.refresh_from_db()
    assert suggestion.decided_by == user
    assert suggestion.decided_at is not None


# --- In the admin ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_both_roles_suggest_links_for_selected_articles(client, role, tokayev):
    client.force_login(make_user(role=role))
    articles = [make_article(body_kk="Тоқаевтың сапары") for _ in range(2)]

    response = client.post(
        reverse("admin:articles_article_changelist"),
        {
            "action": "suggest_links_selected",
            "_selected_action": [a.pk for a in articles],
            "index": 0,
        },
        follow=True,
    )

    assert MentionSuggestion.objects.filter(person=tokayev).count() == 2
    assert "2" in [str(m) for m in response.context["messages"]][0]


def suggestion_form_data(article: Article, decisions: dict[MentionSuggestion, str]) -> dict:
    data = article_form_data(article)
    prefix = "mention_suggestions"
    data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = str(len(decisions))
    for index, (suggestion, status) in enumerate(decisions.items()):
        data[f"{prefix}-{index}-id"] = suggestion.pk
        data[f"{prefix}-{index}-article"] = article.pk
        data[f"{prefix}-{index}-status"] = status
    return data


@pytest.mark.parametrize("role", ROLES)
def test_an_editor_accepts_and_rejects_suggestions_on_the_article_page(client, role, tokayev):
    agency = make_organization(name_kk="Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі")
    user = make_user(role=role)
    client.force_login(user)
    article = make_article(
        body_kk="Тоқаев Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігінде болды",
        status=Article.Status.DRAFT,
    )
    mention_suggestions_refresh(articles=[article])
    person_suggestion = MentionSuggestion.objects.get(person=tokayev)
    organization_suggestion = MentionSuggestion.objects.get(organization=agency)
    url = reverse("admin:articles_article_change", args=[article.pk])

    page = client.get(url).content.decode()
    assert "Тоқаев" in page and "агенттігінде" in page

    response = client.post(
        url,
        suggestion_form_data(
            article,
            {
                person_suggestion: MentionSuggestion.Status.ACCEPTED,
                organization_suggestion: MentionSuggestion.Status.REJECTED,
            },
        ),
    )

    assert response.status_code == 302
    assert list(article.people.all()) == [tokayev]
    assert not article.organizations.exists()
    organization_suggestion.refresh_from_db()
    assert organization_suggestion.status == MentionSuggestion.Status.REJECTED
    assert organization_suggestion.decided_by == user
    assert mention_suggestions_refresh(articles=[article]).added == 0


def test_accepting_keeps_the_links_chosen_in_the_same_save(client, tokayev):
    other = make_person()
    client.force_login(make_user(role="Editor"))
    article = make_article(body_kk="Тоқаевтың сапары", status=Article.Status.DRAFT)
    mention_suggestions_refresh(articles=[article])
    data = suggestion_form_data(
        article, {MentionSuggestion.objects.get(): MentionSuggestion.Status.ACCEPTED}
    )
    data["people"] = [other.pk]

    client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    assert set(article.people.all()) == {tokayev, other}


@pytest.mark.parametrize("role", ROLES)
def test_the_article_page_lists_suggestions_in_a_fixed_number_of_queries(client, role):
    client.force_login(make_user(role=role))

    def page_queries(count: int) -> int:
        people = [make_person(name_kk=f"Адам Тегі{n}") for n in range(count)]
        article = make_article(body_kk=" ".join(f"{p.name_kk} келді." for p in people))
        mention_suggestions_refresh(articles=[article])
        assert article.mention_suggestions.count() == count
        url = reverse("admin:articles_article_change", args=[article.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert page_queries(1) == page_queries(25)


def test_suggesting_for_many_articles_runs_a_fixed_number_of_queries_per_article(tokayev):
    def queries(count: int) -> int:
        articles = [make_article(body_kk="Тоқаевтың сапары") for _ in range(count)]
        with CaptureQueriesContext(connection) as captured:
            mention_suggestions_refresh(
                articles=Article.objects.filter(pk__in=[a.pk for a in articles])
            )
        return len(captured)

    assert queries(10) - queries(5) == 5  # one insert per article


# --- Commands ---------------------------------------------------------------------------


def test_the_command_suggests_links_for_every_article(tokayev, capsys):
    make_article(body_kk="Тоқаевтың сапары")
    make_article(body_ru="Визит Токаева")

    call_command("suggest_entity_links", verbosity=2)

    assert MentionSuggestion.objects.filter(person=tokayev).count() == 2
    output = capsys.readouterr().out
    assert "Suggested 2 new links for 2 articles" in output
    assert "Тоқаевтың" in output


def test_the_command_writes_nothing_on_a_dry_run(tokayev, capsys):
    article = make_article(body_kk="Тоқаевтың сапары")

    call_command("suggest_entity_links", article.slug, dry_run=True)

    assert not MentionSuggestion.objects.exists()
    assert "Would suggest 1 new links" in capsys.readouterr().out


def test_the_command_refuses_unknown_slugs():
    with pytest.raises(CommandError, match="no-such-story"):
        call_command("suggest_entity_links", "no-such-story")


# --- Precision and recall on the seed stories -------------------------------------------


def test_it_finds_the_seed_stories_links_with_precision_and_recall_of_at_least_0_9(seed):
    articles = Article.objects.prefetch_related("people", "organizations", "initiatives")

    result = evaluate(articles)

    # README, "Editorial workflow", gives the figures and what is missed.
    assert result.overall.precision >= 0.9, result.false_alarms
    assert result.overall.recall >= 0.9, result.misses
    for kind in KINDS:
        assert result.by_kind[kind].precision >= 0.9, (kind, result.false_alarms)
        assert result.by_kind[kind].recall >= 0.9, (kind, result.misses)


def test_the_evaluation_command_prints_the_figures(seed, capsys):
    call_command("evaluate_mentions", minimum=0.9)

    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["precision", "recall", "found", "false", "missed"]
    assert [line.split()[0] for line in lines[1:]] == ["all", *KINDS]


def test_the_evaluation_command_fails_below_the_minimum(seed):
    with pytest.raises(CommandError, match="below 0.99"):
        call_command("evaluate_mentions", minimum=0.99)

"""A reader in a real browser: the home page in each language, the language
switcher on a story, and the article filters and entity links (with
JavaScript off: the site must not need it)."""

import re

from django.utils import translation

from articles.models import Article, Organization, Person

# The home page's heading, as the compiled catalogs give it: spelled out here
# so that a missing or stale translation shows up as a failure.
HOME_HEADINGS = {
    "kk": "Қазақстандағы сыбайлас жемқорлыққа қарсы күрес туралы жаңалықтар",
    "ru": "Новости о борьбе с коррупцией в Казахстане",
    "en": "News about the fight against corruption in Kazakhstan",
}
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
# Seed stories (fixtures/seed.json), by slug.
NUR_OTAN = "nur-otan-partiiasy-sybailas-jemqorlyqqa-qarsy-is-qimyl-jumysyn-jandandyrdy"
PRESIDENT = "prezident-songy-ush-jylda-900-den-astam-jemqor-ustalganyn-malimdedi"
TOKAYEV = "qasym-jomart-toqaev"


def title(slug: str, language: str) -> str:
    return getattr(Article.objects.get(slug=slug), f"title_{language}")


def heading(page) -> str:
    return page.locator("h1").inner_text().strip()


def test_it_shows_the_home_page_in_each_language(page):
    for language, expected_heading in HOME_HEADINGS.items():
        page.goto(f"/{language}/")

        assert page.locator("html").get_attribute("lang") == language
        assert heading(page) == expected_heading
        # Four seed stories: the newest leads, the others are beside it.
        top = page.locator("section.top-stories")
        story = top.get_by_role("link", name=title(PRESIDENT, language), exact=True)
        assert story.get_attribute("href") == f"/{language}/articles/{PRESIDENT}/"


def test_it_switches_language_on_a_story_and_stays_on_it(page):
    page.goto(f"/kk/articles/{NUR_OTAN}/")
    assert heading(page) == title(NUR_OTAN, "kk")

    for language in ("ru", "en", "kk"):
        switcher = page.locator("nav.language-switcher")
        switcher.get_by_role("link", name=LANGUAGE_NAMES[language], exact=True).click()

        page.wait_for_url(f"**/{language}/articles/{NUR_OTAN}/")
        assert page.locator("html").get_attribute("lang") == language
        assert heading(page) == title(NUR_OTAN, language)
        current = switcher.locator("[aria-current=true]")
        assert current.inner_text().strip() == LANGUAGE_NAMES[language]


def test_it_filters_stories_by_person_and_follows_entity_links_without_javascript(open_page):
    page = open_page(java_script_enabled=False)
    person = Person.objects.get(slug=TOKAYEV)
    with translation.override("en"):
        expected = {article.title for article in Article.objects.published().filter(people=person)}
    assert 0 < len(expected) < Article.objects.published().count()  # a real narrowing

    page.goto("/en/articles/")
    # The filters fold away behind a disclosure, which opens without JavaScript.
    page.locator("details.filter-disclosure > summary").click()
    form = page.locator("form.filters")
    form.get_by_label(re.compile(r"^Person\b")).select_option(label=person.name_en)
    form.get_by_role("button", name="Show stories").click()

    page.wait_for_url(re.compile(rf"/en/articles/\?(.*&)?person={TOKAYEV}(&|$)"))
    results = page.locator("section[aria-labelledby=results-heading] .card h3 a")
    assert set(results.all_inner_texts()) == expected

    # The first story, then the person and an organization it is about.
    story, href = results.first.inner_text(), results.first.get_attribute("href")
    results.first.click()
    page.wait_for_url(f"**{href}")
    assert heading(page) == story
    about = page.locator("section[aria-labelledby=about-heading]")
    about.get_by_role("link", name=person.name_en, exact=True).click()

    page.wait_for_url(f"**/en/people/{TOKAYEV}/")
    assert heading(page) == person.name_en
    assert story in page.locator("section[aria-labelledby=stories-heading]").inner_text()

    page.go_back()
    organization_link = about.locator("h3:text-is('Organizations') + ul a").first
    organization_name = organization_link.inner_text()
    organization_link.click()

    slug = Organization.objects.get(name_en=organization_name).slug
    page.wait_for_url(f"**/en/organizations/{slug}/")
    assert heading(page).startswith(organization_name)  # then "(short name)", if any

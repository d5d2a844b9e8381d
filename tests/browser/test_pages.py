"""Every kind of reader page in a real browser, in every language: it fits a
360 px screen, meets basic accessibility facts, loads nothing from another
host, and is saved as a screenshot for a person to look at."""

import pytest

LANGUAGES = ("kk", "ru", "en")
PHONE, DESKTOP = 360, 1280  # CSS pixels
# One page of each kind, showing seed objects (fixtures/seed.json) that have
# stories, people, organizations and initiatives to show.
NUR_OTAN_STORY = "nur-otan-partiiasy-sybailas-jemqorlyqqa-qarsy-is-qimyl-jumysyn-jandandyrdy"
PAGES = {
    "home": "/{language}/",
    "articles": "/{language}/articles/",
    "article": f"/{{language}}/articles/{NUR_OTAN_STORY}/",
    "people": "/{language}/people/",
    "person": "/{language}/people/qasym-jomart-toqaev/",
    "organizations": "/{language}/organizations/",
    "organization": "/{language}/organizations/sybailas-jemqorlyqqa-qarsy-is-qimyl-agenttigi/",
    "initiatives": "/{language}/initiatives/",
    "initiative": "/{language}/initiatives/nur-otan-sybailas-jemqorlyqqa-qarsy-bagdarlamasy/",
    "search": "/{language}/search/?q=Nur+Otan",
    "section": "/{language}/sections/saiasat/",
    "topics": "/{language}/topics/",
    "topic": "/{language}/topics/sybailas-jemqorlyqqa-qarsy-saiasat/",
    "authors": "/{language}/authors/",
    "author": "/{language}/authors/erke-erqonyr/",
}
SCREENSHOT_PAGES = ("home", "articles", "article", "section", "topic", "author")

# For the failure message: up to five of the innermost elements that stick
# out to the right of the screen or whose content overflows them.
WIDER_THAN_THE_SCREEN = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("body *")].filter(
        (element) =>
            element.getBoundingClientRect().right > width + 0.5 ||
            (element.scrollWidth > element.clientWidth + 1 &&
                getComputedStyle(element).overflowX === "visible")
    );
    return wide
        .filter((element) => !wide.some((other) => other !== element && element.contains(other)))
        .slice(0, 5)
        .map((element) => element.outerHTML.slice(0, 120));
}"""
# Whether the site's stylesheet arrived: served, parsed and allowed by the
# Content-Security-Policy.
STYLESHEET_APPLIED = """() => [...document.styleSheets].some(
    (sheet) => sheet.href?.includes("/static/css/") && sheet.cssRules.length > 0
)"""
# The accessibility facts of a page, in one round trip. "unlabelled" lists
# form controls that no <label> with text names (hidden inputs and buttons
# need none), buttons without text, and images without an alt attribute.
# textContent, not innerText: chromium gives the innerText of what a closed
# <details> holds (the list's filter form) as "".
ACCESSIBILITY_FACTS = """() => ({
    h1: document.querySelectorAll("h1").length,
    first_link: document.querySelector("body a")?.getAttribute("href"),
    main: document.querySelectorAll("main#main").length,
    unlabelled: [
        ...[...document.querySelectorAll("input, select, textarea")]
            .filter((control) => !["hidden", "submit", "button", "reset"].includes(control.type))
            .filter((control) => ![...control.labels].some((label) => label.textContent.trim())),
        ...[...document.querySelectorAll("button")].filter((button) => !button.textContent.trim()),
        ...document.querySelectorAll("img:not([alt])"),
    ].map((element) => element.outerHTML.slice(0, 120)),
})"""


def each_page(page, network, names=tuple(PAGES), languages=LANGUAGES):
    """Opens the pages in the languages and yields (name, language) on each.

    Each page must answer 200 and have the site's stylesheet. After the last
    one, it checks that no request of the whole walk went to another host
    and that none failed.
    """
    for language in languages:
        for name in names:
            url = PAGES[name].format(language=language)
            response = page.goto(url)
            assert response is not None and response.ok, f"{url}: {response and response.status}"
            assert page.evaluate(STYLESHEET_APPLIED), f"{url}: no stylesheet"
            yield name, language
    assert network.foreign_urls() == [], "requests to other hosts"
    assert network.failures == [], "failed requests"


def test_it_fits_every_page_on_a_360px_screen(open_page, network):
    page = open_page(width=PHONE)
    too_wide = {}
    for name, language in each_page(page, network):
        if page.evaluate("document.scrollingElement.scrollWidth") > PHONE:
            too_wide[f"{name} ({language})"] = page.evaluate(WIDER_THAN_THE_SCREEN)
    assert too_wide == {}


def test_it_meets_basic_accessibility_facts_on_every_page(page, network):
    # In Kazakh only: every language renders the same templates, and a missing
    # translation falls back to English text, so no label can come out empty.
    problems = {}
    for name, language in each_page(page, network, languages=["kk"]):
        facts = page.evaluate(ACCESSIBILITY_FACTS)
        # One h1; first of all a skip link to <main id="main">; nothing unnamed.
        expected = {"h1": 1, "first_link": "#main", "main": 1, "unlabelled": []}
        if facts != expected:
            problems[f"{name} ({language})"] = facts
    assert problems == {}


def test_it_skips_to_the_main_content_from_the_keyboard(page):
    page.goto("/kk/")

    page.keyboard.press("Tab")
    skip_link = page.locator("a.skip-link")
    assert skip_link.evaluate("link => link === document.activeElement")
    assert skip_link.bounding_box()["y"] >= 0  # on screen once focused
    page.keyboard.press("Enter")

    page.wait_for_url("**/kk/#main")
    assert page.evaluate("document.activeElement.id") == "main"


def test_it_notices_a_page_that_loads_from_another_host(page, network):
    """each_page checks that no page loads anything from another host; this
    shows that the check sees such a request (the browser never sends it)."""
    page.goto("/kk/")
    with page.expect_event("requestfailed"):
        page.evaluate("""() => {
            const image = document.createElement("img");
            image.src = "https://cdn.example.com/logo.png";
            image.alt = "";
            document.body.append(image);
        }""")

    assert network.foreign_urls() == ["https://cdn.example.com/logo.png"]


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_it_saves_screenshots_of_the_main_pages(open_page, network, screenshots, width):
    """Full-page screenshots for a person to look at (see README.md,
    "Browser tests"): <page>-<language>-<width>.png."""
    page = open_page(width=width)
    for name, language in each_page(page, network, SCREENSHOT_PAGES):
        path = screenshots / f"{name}-{language}-{width}.png"
        page.screenshot(path=path, full_page=True)
        assert path.stat().st_size > 0

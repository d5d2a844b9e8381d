"""The story body's rich-text editor in the admin, in chromium: it starts
under the strict Content-Security-Policy, from this site's own files, and
what an editor formats is saved as the body's clean HTML."""

import pytest
from django.conf import settings
from django.test import Client

from articles.models import Article
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every Content-Security-Policy violation of the page, as the browser reports it.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def editor_page(open_page, live_server):
    """The change page of the first seed story, signed in to the admin.
    (A transactional test's database has no roles: their data migration's
    rows are flushed, so the user is a superuser.)"""
    client = Client()
    client.force_login(make_user(superuser=True))
    page = open_page()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.add_init_script(RECORD_VIOLATIONS)
    article = Article.objects.order_by("pk").first()
    page.goto(f"/kk/admin/articles/article/{article.pk}/change/")
    return page, article


def test_the_editor_starts_under_the_strict_policy_from_local_files(editor_page, network):
    page, _article = editor_page
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message))

    page.reload()
    editor = page.locator("#id_body_kk").locator("xpath=..").get_by_role("textbox")
    editor.wait_for()

    assert editor.get_attribute("contenteditable") == "true"
    # The admin has no icon of its own: the browser's /favicon.ico is a 404.
    assert page.evaluate("window.cspViolations") == []
    assert network.foreign_urls() == []
    errors = [message for message in console_errors if "favicon" not in message.location["url"]]
    assert [(message.text, message.location["url"]) for message in errors] == []


def test_what_an_editor_makes_bold_is_saved_as_strong(editor_page):
    page, article = editor_page
    editor = page.locator("#id_body_kk").locator("xpath=..").get_by_role("textbox")
    editor.wait_for()

    editor.locator("p").last.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+b")
    page.keyboard.type("Маңызды сөз")
    page.keyboard.press("Control+b")
    page.keyboard.type(" және жай мәтін.")
    # The save's response is the change form again: wait for it, not for
    # the page already on screen.
    with page.expect_navigation():
        page.locator('input[name="_continue"]').click()

    article.refresh_from_db()
    assert "<p><strong>Маңызды сөз</strong> және жай мәтін.</p>" in article.body_kk
    assert page.evaluate("window.cspViolations") == []

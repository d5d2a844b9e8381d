"""Every kind of public page, in every language, passes the W3C Nu HTML
checker (vnu) without errors and axe-core without serious or critical
violations in chromium.

Both tools come from npm (package.json at the top of the repository:
``npm ci`` installs them, ./scripts/test does); vnu also needs Java. When
either is missing the tests are skipped, except under CI (CI=true), where
they fail, as the other browser tests do. bench/quality/run measures the
same pages with Lighthouse.
"""

import json
import shutil
import subprocess
import urllib.request

import pytest
from django.urls import reverse
from django.utils import translation

from tests.browser.conftest import REPOSITORY, browser_unavailable
from tests.browser.test_pages import LANGUAGES, NUR_OTAN_STORY

NODE_MODULES = REPOSITORY / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
# One page of each kind (URL names of articles/urls.py), showing seed objects
# (fixtures/seed.json) that have stories to list.
PAGE_KINDS = {
    "home": {},
    "list": {},
    "detail": {"slug": NUR_OTAN_STORY},
    "search": {},
    "person-list": {},
    "person-detail": {"slug": "qasym-jomart-toqaev"},
    "organization-list": {},
    "organization-detail": {"slug": "sybailas-jemqorlyqqa-qarsy-is-qimyl-agenttigi"},
    "initiative-list": {},
    "initiative-detail": {"slug": "nur-otan-sybailas-jemqorlyqqa-qarsy-bagdarlamasy"},
    "section": {"slug": "saiasat"},
    "topic-list": {},
    "topic": {"slug": "sybailas-jemqorlyqqa-qarsy-saiasat"},
    "author-list": {},
    "author": {"slug": "erke-erqonyr"},
}
QUERIES = {"search": "?q=Nur+Otan"}  # a search with results
BLOCKING_IMPACTS = {"serious", "critical"}


def page_url(kind: str, language: str) -> str:
    """The path of the page of that kind in that language."""
    with translation.override(language):
        return reverse(f"articles:{kind}", kwargs=PAGE_KINDS[kind]) + QUERIES.get(kind, "")


def tool_unavailable(path, what: str) -> None:
    if not path.exists():
        browser_unavailable(f"{what} is not installed ({path} is missing): run `npm ci`")


def test_it_serves_valid_html_on_every_page(live_server, seed, tmp_path):
    """All pages go through one vnu run (one Java start-up, about a second)."""
    tool_unavailable(VNU_JAR, "vnu-jar")
    java = shutil.which("java")
    if java is None:
        browser_unavailable("no java for the Nu HTML checker: apt-get install default-jre-headless")
    urls = {}
    for language in LANGUAGES:
        for kind in PAGE_KINDS:
            url = page_url(kind, language)
            with urllib.request.urlopen(live_server.url + url) as response:
                html = response.read()
            path = tmp_path / f"{kind}-{language}.html"
            path.write_bytes(html)
            urls[path.name] = url

    checked = subprocess.run(
        [
            java,
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--errors-only",
            *map(str, tmp_path.iterdir()),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(checked.stderr)["messages"]  # vnu reports on stderr
    errors = [
        f"{urls.get(message.get('url', '').rpartition('/')[2], message.get('url'))}"
        f":{message.get('lastLine', '?')}: "
        f"{message['message']}  [{message.get('extract', '').strip()[:100]}]"
        for message in messages
        if message["type"] in {"error", "non-document-error"}
    ]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_it_has_no_serious_accessibility_violations(open_page, kind):
    tool_unavailable(AXE, "axe-core")
    # The Content-Security-Policy refuses inline scripts, so add_script_tag
    # cannot add axe; evaluate runs it through the DevTools protocol instead,
    # which the policy does not govern.
    axe = AXE.read_text()
    page = open_page()
    problems = []
    for language in LANGUAGES:
        url = page_url(kind, language)
        response = page.goto(url)
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        page.evaluate(axe)
        results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        problems += [
            f"{url}: {violation['id']} ({violation['impact']}): "
            + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            for violation in results["violations"]
            if violation["impact"] in BLOCKING_IMPACTS
        ]
    assert not problems, "\n".join(problems)

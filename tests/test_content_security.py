"""newsroom/content_security.py: the site's policy, built once, is the one
django-csp would build; a view's own policy still goes through django-csp."""

import pytest
from csp.constants import HEADER
from csp.decorators import csp_update
from csp.middleware import CSPMiddleware as LibraryCSPMiddleware
from csp.utils import build_policy
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from newsroom.content_security import CSPMiddleware

pytestmark = pytest.mark.django_db


def directives(policy: str) -> set[str]:
    """A policy's directives; django-csp writes them in no fixed order."""
    return {directive.strip() for directive in policy.split(";")}


def respond(view):
    middleware = CSPMiddleware(view)
    return middleware(RequestFactory().get("/kk/"))


def test_every_page_gets_the_policy_django_csp_builds(client):
    response = client.get("/kk/")

    assert directives(response[HEADER]) == directives(build_policy())
    assert {"script-src 'self'", "frame-ancestors 'none'"} <= directives(response[HEADER])


def test_a_changed_setting_gives_the_changed_policy():
    respond(lambda request: HttpResponse("page"))
    changed = {"DIRECTIVES": {"default-src": ["'self'"], "img-src": ["'self'", "media.example"]}}

    with override_settings(CONTENT_SECURITY_POLICY=changed):
        response = respond(lambda request: HttpResponse("page"))

    assert directives(response[HEADER]) == {"default-src 'self'", "img-src 'self' media.example"}


def test_a_views_own_policy_still_counts():
    @csp_update({"img-src": "media.example"})
    def view(request):
        return HttpResponse("page")

    response = respond(view)

    assert "img-src 'self' media.example" in directives(response[HEADER])


def test_a_request_that_used_a_nonce_gets_django_csps_own_header():
    def view(request):
        return HttpResponse(str(request.csp_nonce))

    ours = respond(view)
    library = LibraryCSPMiddleware(view)(RequestFactory().get("/kk/"))

    assert directives(ours[HEADER]) == directives(library[HEADER])

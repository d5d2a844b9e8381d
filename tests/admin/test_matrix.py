"""Who may do what in the admin: every admin URL of the articles app, auth
and axes, and every action, for each role.

Each row names a request and what each role gets: the status code and, for
writes, whether the database changed. Anonymous visitors are always sent to
the login page and change nothing. An Editor cannot publish, unpublish,
delete published items or manage users by any path (form, bulk action,
history, direct POST).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
import reversion
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, Initiative, Organization, Person
from tests.factories import (
    make_article,
    make_initiative,
    make_organization,
    make_person,
    make_user,
)
from tests.helpers import article_form_data

pytestmark = pytest.mark.django_db

ANONYMOUS, EDITOR, PUBLISHER, SUPERUSER = "anonymous", "Editor", "Publisher", "superuser"
ROLES = [ANONYMOUS, EDITOR, PUBLISHER, SUPERUSER]


@dataclass
class World:
    draft: Article
    in_review: Article
    published: Article
    person: Person
    organization: Organization
    initiative: Initiative
    same_status_version: Version  # restoring it changes no publication state
    published_version: Version  # of an article that is now a draft
    deleted_published_version: Version  # of a published article since deleted
    staff: User
    group: Group
    attempt: AccessAttempt
    users_before: int = field(default=0)


@pytest.fixture
def world() -> World:
    person, organization, initiative = make_person(), make_organization(), make_initiative()
    with reversion.create_revision():
        published = make_article(people=[person], organizations=[organization])
    with reversion.create_revision():
        published.title_en = "Edited"
        published.save()
    with reversion.create_revision():
        unpublished = make_article()
    with reversion.create_revision():
        unpublished.status = Article.Status.DRAFT
        unpublished.save()
    with reversion.create_revision():
        gone = make_article()
    deleted_version = Version.objects.get_for_object(gone).get()
    gone.delete()
    staff = make_user(role="Editor", username="colleague")
    return World(
        draft=unpublished,
        in_review=make_article(status=Article.Status.IN_REVIEW),
        published=published,
        person=person,
        organization=organization,
        initiative=initiative,
        same_status_version=Version.objects.get_for_object(published).last(),
        published_version=Version.objects.get_for_object(unpublished).last(),
        deleted_published_version=deleted_version,
        staff=staff,
        group=Group.objects.get(name="Editor"),
        attempt=AccessAttempt.objects.create(
            username="someone", ip_address="203.0.113.7", failures_since_start=5
        ),
    )


def log_in(client, role: str) -> None:
    if role == SUPERUSER:
        client.force_login(make_user(superuser=True))
    elif role != ANONYMOUS:
        client.force_login(make_user(role=role))


# --- Pages (GET) ----------------------------------------------------------------------

# name, arguments (from the world), (Editor, Publisher, superuser)
PAGES: list[tuple[str, Callable[[World], list], tuple[int, int, int]]] = [
    ("admin:index", lambda w: [], (200, 200, 200)),
    ("admin:app_list", lambda w: ["articles"], (200, 200, 200)),
    ("admin:app_list", lambda w: ["auth"], (404, 404, 200)),
    ("admin:app_list", lambda w: ["axes"], (404, 404, 200)),
    ("admin:password_change", lambda w: [], (200, 200, 200)),
    ("admin:autocomplete", lambda w: [], (200, 200, 200)),
    ("admin:articles_article_changelist", lambda w: [], (200, 200, 200)),
    ("admin:articles_article_add", lambda w: [], (200, 200, 200)),
    ("admin:articles_article_change", lambda w: [w.published.pk], (200, 200, 200)),
    ("admin:articles_article_history", lambda w: [w.published.pk], (200, 200, 200)),
    ("admin:articles_article_delete", lambda w: [w.draft.pk], (200, 200, 200)),
    ("admin:articles_article_delete", lambda w: [w.published.pk], (403, 200, 200)),
    (
        "admin:articles_article_revision",
        lambda w: [w.published.pk, w.same_status_version.pk],
        (200, 200, 200),
    ),
    (
        "admin:articles_article_revision",
        lambda w: [w.draft.pk, w.published_version.pk],
        (403, 200, 200),
    ),
    ("admin:articles_article_recoverlist", lambda w: [], (200, 200, 200)),
    (
        "admin:articles_article_recover",
        lambda w: [w.deleted_published_version.pk],
        (403, 200, 200),
    ),
    ("admin:auth_user_changelist", lambda w: [], (403, 403, 200)),
    ("admin:auth_user_add", lambda w: [], (403, 403, 200)),
    ("admin:auth_user_change", lambda w: [w.staff.pk], (403, 403, 200)),
    ("admin:auth_user_password_change", lambda w: [w.staff.pk], (403, 403, 200)),
    ("admin:auth_user_delete", lambda w: [w.staff.pk], (403, 403, 200)),
    ("admin:auth_user_history", lambda w: [w.staff.pk], (403, 403, 200)),
    ("admin:auth_group_changelist", lambda w: [], (403, 403, 200)),
    ("admin:auth_group_add", lambda w: [], (403, 403, 200)),
    ("admin:auth_group_change", lambda w: [w.group.pk], (403, 403, 200)),
    ("admin:auth_group_delete", lambda w: [w.group.pk], (403, 403, 200)),
    ("admin:auth_group_history", lambda w: [w.group.pk], (403, 403, 200)),
    ("admin:axes_accessattempt_changelist", lambda w: [], (403, 403, 200)),
    ("admin:axes_accessattempt_change", lambda w: [w.attempt.pk], (403, 403, 200)),
    ("admin:axes_accessattempt_delete", lambda w: [w.attempt.pk], (403, 403, 200)),
    ("admin:axes_accesslog_changelist", lambda w: [], (403, 403, 200)),
]
for model in ("person", "organization", "initiative"):
    PAGES += [
        (f"admin:articles_{model}_changelist", lambda w: [], (200, 200, 200)),
        (f"admin:articles_{model}_add", lambda w: [], (200, 200, 200)),
        (
            f"admin:articles_{model}_change",
            lambda w, m=model: [getattr(w, m).pk],
            (200, 200, 200),
        ),
        (
            f"admin:articles_{model}_history",
            lambda w, m=model: [getattr(w, m).pk],
            (200, 200, 200),
        ),
        (
            f"admin:articles_{model}_delete",
            lambda w, m=model: [getattr(w, m).pk],
            (403, 200, 200),
        ),
        (f"admin:articles_{model}_recoverlist", lambda w: [], (200, 200, 200)),
    ]

AUTOCOMPLETE = {"app_label": "articles", "model_name": "article", "field_name": "people"}


@pytest.mark.parametrize(
    ("name", "arguments", "expected"),
    PAGES,
    ids=[f"{name}{'-' if i else ''}{i}" for i, (name, _, _) in enumerate(PAGES)],
)
def test_who_may_open_each_admin_page(world, name, arguments, expected):
    """Reading changes nothing, so the four roles share one set of data."""
    url = reverse(name, args=arguments(world))
    query = AUTOCOMPLETE if name == "admin:autocomplete" else None
    statuses = dict(zip([EDITOR, PUBLISHER, SUPERUSER], expected, strict=True))
    for role in ROLES:
        client = Client()
        log_in(client, role)

        response = client.get(url, query)

        if role == ANONYMOUS:
            assert response.status_code == 302, role
            assert response["Location"].startswith(reverse("admin:login")), role
        else:
            assert response.status_code == statuses[role], role


# --- Writes (POST) --------------------------------------------------------------------


def changelist_action(action: str, obj_attr: str, model: str = "article"):
    def request(w: World):
        obj = getattr(w, obj_attr)
        data = {"action": action, "_selected_action": [obj.pk], "index": 0}
        if action == "delete_selected":
            data["post"] = "yes"
        return reverse(f"admin:articles_{model}_changelist"), data

    return request


def status_of(obj_attr: str):
    def read(w: World) -> str:
        obj = getattr(w, obj_attr)
        row = Article.objects.filter(pk=obj.pk).values_list("status", flat=True).first()
        return row or "deleted"

    return read


def exists(model, obj_attr: str):
    def read(w: World) -> bool:
        return model.objects.filter(pk=getattr(w, obj_attr).pk).exists()

    return read


def change_form(obj_attr: str, **overrides):
    def request(w: World):
        article = getattr(w, obj_attr)
        return reverse("admin:articles_article_change", args=[article.pk]), article_form_data(
            article, **overrides
        )

    return request


def add_published(w: World):
    return reverse("admin:articles_article_add"), article_form_data(
        status="published", title_kk="Жаңа", slug="brand-new"
    )


def restore(version_attr: str, obj_attr: str):
    def request(w: World):
        article = getattr(w, obj_attr)
        version = getattr(w, version_attr)
        return reverse(
            "admin:articles_article_revision", args=[article.pk, version.pk]
        ), article_form_data(article, status="published")

    return request


def recover(w: World):
    version = w.deleted_published_version
    stored = version.field_dict
    data = article_form_data(status="published", slug=stored["slug"], title_kk="Қайтарылды")
    data["published_at_0"], data["published_at_1"] = "2024-01-01", "10:00:00"
    return reverse("admin:articles_article_recover", args=[version.pk]), data


def recovered(w: World) -> bool:
    return Article.objects.filter(slug=w.deleted_published_version.field_dict["slug"]).exists()


def add_user(w: World):
    return reverse("admin:auth_user_add"), {
        "username": "intruder",
        "password1": "Very-long-passphrase-42",
        "password2": "Very-long-passphrase-42",
        "usable_password": "true",
    }


def make_superuser(w: World):
    staff = w.staff
    return reverse("admin:auth_user_change", args=[staff.pk]), {
        "username": staff.username,
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "date_joined_0": "2024-01-01",
        "date_joined_1": "10:00:00",
        "initial-date_joined_0": "2024-01-01",
        "initial-date_joined_1": "10:00:00",
    }


def set_password(w: World):
    return reverse("admin:auth_user_password_change", args=[w.staff.pk]), {
        "password1": "Another-long-passphrase-7",
        "password2": "Another-long-passphrase-7",
    }


def grant_group_everything(w: World):
    from django.contrib.auth.models import Permission

    return reverse("admin:auth_group_change", args=[w.group.pk]), {
        "name": w.group.name,
        "permissions": list(Permission.objects.values_list("pk", flat=True)),
    }


def delete_entity(model: str):
    def request(w: World):
        return reverse(f"admin:articles_{model}_delete", args=[getattr(w, model).pk]), {
            "post": "yes"
        }

    return request


def delete_article(obj_attr: str):
    def request(w: World):
        return reverse("admin:articles_article_delete", args=[getattr(w, obj_attr).pk]), {
            "post": "yes"
        }

    return request


def unlock(w: World):
    return reverse("admin:axes_accessattempt_delete", args=[w.attempt.pk]), {"post": "yes"}


@dataclass(frozen=True)
class Write:
    name: str
    request: Callable[[World], tuple[str, dict]]
    effect: Callable[[World], object]  # what to read back from the database
    before: object  # the value before the request, and after a refused one
    after: object  # the value after an allowed one
    allowed: tuple[bool, bool, bool]  # Editor, Publisher, superuser


WRITES = [
    Write("publish action", changelist_action("publish_selected", "draft"),
          status_of("draft"), "draft", "published", (False, True, True)),
    Write("unpublish action", changelist_action("unpublish_selected", "published"),
          status_of("published"), "published", "draft", (False, True, True)),
    Write("submit for review action", changelist_action("submit_selected_for_review", "draft"),
          status_of("draft"), "draft", "in_review", (True, True, True)),
    Write("bulk delete a published article", changelist_action("delete_selected", "published"),
          status_of("published"), "published", "deleted", (False, True, True)),
    Write("bulk delete a draft", changelist_action("delete_selected", "draft"),
          status_of("draft"), "draft", "deleted", (True, True, True)),
    Write("bulk delete a person", changelist_action("delete_selected", "person", "person"),
          exists(Person, "person"), True, False, (False, True, True)),
    Write("publish through the change form", change_form("in_review", status="published"),
          status_of("in_review"), "in_review", "published", (False, True, True)),
    Write("unpublish through the change form", change_form("published", status="draft"),
          status_of("published"), "published", "draft", (False, True, True)),
    Write("add an article as published", add_published,
          lambda w: Article.objects.filter(slug="brand-new", status="published").exists(),
          False, True, (False, True, True)),
    Write("delete a published article", delete_article("published"),
          status_of("published"), "published", "deleted", (False, True, True)),
    Write("delete a draft", delete_article("draft"),
          status_of("draft"), "draft", "deleted", (True, True, True)),
    Write("restore a version that publishes", restore("published_version", "draft"),
          status_of("draft"), "draft", "published", (False, True, True)),
    Write("recover a deleted published article", recover, recovered, False, True,
          (False, True, True)),
    Write("delete a person", delete_entity("person"), exists(Person, "person"), True, False,
          (False, True, True)),
    Write("delete an organization", delete_entity("organization"),
          exists(Organization, "organization"), True, False, (False, True, True)),
    Write("delete an initiative", delete_entity("initiative"),
          exists(Initiative, "initiative"), True, False, (False, True, True)),
    Write("add a user", add_user, lambda w: User.objects.filter(username="intruder").exists(),
          False, True, (False, False, True)),
    Write("make a user superuser", make_superuser,
          lambda w: User.objects.get(pk=w.staff.pk).is_superuser, False, True,
          (False, False, True)),
    Write("set a user's password", set_password,
          lambda w: User.objects.get(pk=w.staff.pk).check_password("Another-long-passphrase-7"),
          False, True, (False, False, True)),
    Write("grant a group every permission", grant_group_everything,
          lambda w: w.group.permissions.filter(codename="delete_user").exists(),
          False, True, (False, False, True)),
    Write("unlock a locked-out login", unlock,
          lambda w: AccessAttempt.objects.filter(pk=w.attempt.pk).exists(), True, False,
          (False, False, True)),
]  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("write", WRITES, ids=[write.name for write in WRITES])
def test_who_may_change_what(client, world, role, write):
    log_in(client, role)
    url, data = write.request(world)
    assert write.effect(world) == write.before

    response = client.post(url, data)

    if role == ANONYMOUS:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
        allowed = False
    else:
        allowed = dict(zip([EDITOR, PUBLISHER, SUPERUSER], write.allowed, strict=True))[role]
        if allowed:
            assert response.status_code == 302, getattr(response, "context", None) and [
                form.errors for form in response.context.get("adminform", [None])[:0]
            ]
        else:
            # Refused: 403, the form again with an error, or the changelist
            # with a message; never a change.
            assert response.status_code in (200, 302, 403)
    assert write.effect(world) == (write.after if allowed else write.before)

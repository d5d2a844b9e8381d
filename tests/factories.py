"""Small hand-written factories: each test builds the data it depends on."""

import itertools
from datetime import timedelta

from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.utils import timezone

from articles.authors.models import Author, Byline
from articles.media.models import Document, Image
from articles.models import Article, Initiative, Organization, Person
from articles.taxonomy.models import Section, Topic

_sequence = itertools.count(1)


def _next() -> int:
    return next(_sequence)


def make_organization(**fields) -> Organization:
    number = _next()
    fields.setdefault("name_kk", f"Ұйым {number}")
    fields.setdefault("name_ru", f"Организация {number}")
    fields.setdefault("name_en", f"Organization {number}")
    fields.setdefault("kind", Organization.Kind.NGO)
    return Organization.objects.create(**fields)


def make_person(**fields) -> Person:
    number = _next()
    fields.setdefault("name_kk", f"Адам {number}")
    fields.setdefault("name_ru", f"Человек {number}")
    fields.setdefault("name_en", f"Person {number}")
    return Person.objects.create(**fields)


def make_initiative(**fields) -> Initiative:
    number = _next()
    fields.setdefault("name_kk", f"Бастама {number}")
    fields.setdefault("name_ru", f"Инициатива {number}")
    fields.setdefault("name_en", f"Initiative {number}")
    return Initiative.objects.create(**fields)


def make_section(**fields) -> Section:
    number = _next()
    fields.setdefault("name_kk", f"Бөлім {number}")
    fields.setdefault("name_ru", f"Раздел {number}")
    fields.setdefault("name_en", f"Section {number}")
    return Section.objects.create(**fields)


def make_topic(**fields) -> Topic:
    number = _next()
    fields.setdefault("name_kk", f"Тақырып {number}")
    fields.setdefault("name_ru", f"Тема {number}")
    fields.setdefault("name_en", f"Topic {number}")
    return Topic.objects.create(**fields)


def make_author(**fields) -> Author:
    number = _next()
    fields.setdefault("name_kk", f"Автор {number}")
    fields.setdefault("name_ru", f"Автор {number}")
    fields.setdefault("name_en", f"Author {number}")
    return Author.objects.create(**fields)


def make_article(
    *, people=(), organizations=(), initiatives=(), topics=(), authors=(), **fields
) -> Article:
    """A published article (published an hour ago) unless told otherwise."""
    number = _next()
    fields.setdefault("title_kk", f"Жаңалық {number}")
    fields.setdefault("title_ru", f"Новость {number}")
    fields.setdefault("title_en", f"Story {number}")
    for language in ("kk", "ru", "en"):
        fields.setdefault(f"lead_{language}", f"Lead {language} {number}")
        fields.setdefault(f"body_{language}", f"Body {language} {number}")
    fields.setdefault("status", Article.Status.PUBLISHED)
    if fields["status"] == Article.Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now() - timedelta(hours=1))
    article = Article.objects.create(**fields)
    article.people.add(*people)
    article.organizations.add(*organizations)
    article.initiatives.add(*initiatives)
    article.topics.add(*topics)
    for position, author in enumerate(authors):
        Byline.objects.create(article=article, author=author, position=position)
    return article


def make_user(*, role: str | None = None, superuser: bool = False, **fields) -> User:
    """A staff user in the "Editor" or "Publisher" group (created by a data migration)."""
    number = _next()
    fields.setdefault("username", f"user{number}")
    user = User.objects.create_user(
        password="correct-horse-battery",
        is_staff=role is not None or superuser,
        **fields,
    )
    if superuser:
        user.is_superuser = True
        user.save(update_fields=["is_superuser"])
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def make_image(*, data: bytes | None = None, name: str = "photo.jpg", **fields) -> Image:
    """An image of the library, stored through the model like any upload."""
    from tests.media.files import encoded, photo

    fields.setdefault("title", f"Image {_next()}")
    image = Image(**fields)
    content = data if data is not None else encoded(photo(64, 48), "JPEG")
    image.file.save(name, ContentFile(content, name=name))
    return image


def make_document(*, data: bytes | None = None, name: str = "ruling.pdf", **fields) -> Document:
    from tests.media.files import pdf

    fields.setdefault("title_kk", f"Құжат {_next()}")
    document = Document(**fields)
    content = data if data is not None else pdf(["Сот шешімі"])
    document.file.save(name, ContentFile(content, name=name))
    return document

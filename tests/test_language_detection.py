"""Language detection (articles/language_detection.py): short texts,
Kazakh names inside Russian, and every text and paragraph of the seed
fixture."""

import pytest

from articles.language_detection import detect_language
from articles.models import Article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # Kazakh with no Kazakh-only letter.
        ("Ол мектепке барады", "kk"),
        ("Кездесу болды", "kk"),
        ("Мемлекет басшысы", "kk"),
        ("Тоқаев кеңес өткізді", "kk"),
        ("Бүгін", "kk"),
        # Russian naming Kazakh people and places in Kazakh spelling.
        ("Токаев встретился с Жүсіпбаевым", "ru"),
        ("Аким Акмолинской области", "ru"),
        ("Президент Токаев провёл совещание", "ru"),
        ("Сегодня", "ru"),
        (
            "Председатель Ү. Жүсіпбаев и руководитель департамента Ғ. Тұрсынбаев "
            "провели заседание группы",
            "ru",
        ),
        ("The agency said", "en"),
        ("Nur Otan party steps up its anti-corruption work", "en"),
    ],
)
def test_it_detects_the_language_of_short_texts(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_it_detects_the_language_of_every_fixture_text(seed, language):
    for article in Article.objects.all():
        body = getattr(article, f"body_{language}")
        assert detect_language(body) == language, article.slug


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_it_detects_the_language_of_every_fixture_paragraph(seed, language):
    for article in Article.objects.all():
        for paragraph in getattr(article, f"body_{language}").split("\n\n"):
            assert detect_language(paragraph) == language, paragraph

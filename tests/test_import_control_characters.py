"""import_articles and control characters: a story holding ANSI escapes,
other C0 or C1 controls or bidi overrides is refused with where they are,
and nothing the command prints carries them raw. These tests build their
own files, so they run without ../shared."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.importing import StoryError, parse_story, read_story
from articles.models import Article
from tests.helpers import import_articles

pytestmark = pytest.mark.django_db


STORY = (
    "Агенттік жиын өткізді\n"
    "Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі аудандық әкімдікте жиын өткізді.\n"
    "Жиынға аудан тұрғындары мен кәсіпкерлер қатысты.\n"
)
RAW_CONTROLS = ("\x1b", "\u202e", "\x9b", "\x07", "\u2066")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("\x1b[31mАгенттік жиын өткізді\x1b[0m" + STORY[21:], "U+001B on line 1, column 1"),
        (STORY.replace("жиын өткізді\n", "жиын \u202eөткізді\n", 1), "U+202E (RIGHT-TO-LEFT"),
        (STORY.replace("Жиынға", "Жиынға\x9b2J"), "U+009B on line 3, column 7"),
        (STORY.replace("тұрғындары", "тұрғын\x07дары"), "U+0007 on line 3"),
        (STORY + "\u2066Ерке ЕРҚОҢЫР\u2069\n", "U+2066 (LEFT-TO-RIGHT ISOLATE) on line 4"),
    ],
)
def test_it_refuses_a_story_with_control_characters_and_says_where(tmp_path, text, where):
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(StoryError, match="control character") as raised:
        read_story(path)

    assert where in str(raised.value)


def test_tabs_and_any_line_breaks_are_not_control_characters(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(STORY.replace("\n", "\r\n").replace("Жиынға ", "Жиынға\t").encode())

    assert parse_story(read_story(path)).title == "Агенттік жиын өткізді"


@pytest.mark.django_db
@pytest.mark.parametrize("verbosity", [0, 1, 2])
def test_the_command_refuses_control_characters_and_never_echoes_them(tmp_path, verbosity):
    (tmp_path / "ansi.txt").write_text("\x1b]0;pwned\x07\x1b[2J" + STORY, encoding="utf-8")
    (tmp_path / "bidi.txt").write_text(STORY.replace("жиын", "\u202eжиын", 1), encoding="utf-8")

    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError, match="all 2 files failed"):
        call_command("import_articles", str(tmp_path), stdout=out, stderr=err, verbosity=verbosity)

    output = out.getvalue() + err.getvalue()
    assert not Article.objects.exists()
    assert not any(control in output for control in RAW_CONTROLS), repr(output)
    assert f"{tmp_path / 'ansi.txt'}: " in output and "control character U+001B" in output
    assert "control character U+202E (RIGHT-TO-LEFT OVERRIDE) on line 1, column 10" in output


@pytest.mark.django_db
@pytest.mark.parametrize("verbosity", [0, 1, 2])
def test_the_command_escapes_control_characters_in_file_names(tmp_path, verbosity):
    (tmp_path / "\x1b[31mgood\u202etxt.exe.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "\x1b[2Jbad\x07.txt").write_bytes(b"")

    output = import_articles(tmp_path, verbosity=verbosity)

    assert not any(control in output for control in RAW_CONTROLS), repr(output)
    assert "\\x1b[2Jbad\\x07.txt: empty file" in output
    if verbosity:
        assert "\\x1b[31mgood\\u202etxt.exe.txt" in output
    assert Article.objects.get().title_kk == "Агенттік жиын өткізді"

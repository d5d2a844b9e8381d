"""clean_body: what survives on the way into the database."""

import pytest

from articles.richtext.plain import from_plain_text, plain_text
from articles.richtext.sanitizer import clean_body
from tests.factories import make_organization, make_person

WORD_PASTE = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<style>p.MsoNormal {margin:0cm; font-family:"Calibri"}</style></head><body>
<!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]-->
<h1 class="MsoTitle" style="mso-outline-level:1">Тергеу нәтижесі</h1>
<p class="MsoNormal" style="margin:0cm"><span style="font-size:12pt;color:red">Сот
<b>900-ден астам</b> іс <i>қарады</i>.</span><o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<ul style="margin-top:0cm"><li class="MsoListParagraph" style="mso-list:l0">Бірінші</li>
<li class="MsoListParagraph">   </li><li>Екінші</li></ul>
<p class="MsoNormal" onclick="steal()"><a href="https://example.com/report"
style="color:blue">Баяндама</a></p>
</body></html>"""


def test_a_body_pasted_from_word_keeps_its_structure_and_loses_its_styles():
    assert clean_body(WORD_PASTE) == (
        "<h2>Тергеу нәтижесі</h2>"
        "<p>Сот\n<strong>900-ден астам</strong> іс <em>қарады</em>.</p>"
        "<ul><li>Бірінші</li><li>Екінші</li></ul>"
        '<p><a href="https://example.com/report" rel="noopener noreferrer">Баяндама</a></p>'
    )


@pytest.mark.parametrize(
    "dirty",
    [
        '<p>Text<script>alert("x")</script></p>',
        "<p>Text<style>p { color: red }</style></p>",
        '<p>Text<iframe src="https://video.example/embed/1"></iframe></p>',
        '<p onmouseover="alert(1)">Text</p>',
        '<p style="background:url(javascript:alert(1))" class="evil">Text</p>',
        "<p>Text<object data='x.swf'></object><embed src='x.swf'></p>",
        "<p>Text<svg><script>alert(1)</script></svg></p>",
        "<p>Te<blink>x</blink>t</p>",
    ],
)
def test_scripts_styles_frames_handlers_and_unknown_tags_never_survive(dirty):
    clean = clean_body(dirty)
    assert clean == "<p>Text</p>"


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
    ],
)
def test_dangerous_link_addresses_leave_plain_text(href):
    assert clean_body(f'<p><a href="{href}">click</a> here</p>') == "<p>click here</p>"


def test_links_to_other_sites_get_noopener_and_keep_an_editors_nofollow():
    body = clean_body(
        '<p><a href="https://a.example/x" rel="nofollow ugc" target="_blank">a</a> '
        '<a href="http://b.example/" rel="author">b</a> <a href="mailto:desk@example.com">m</a></p>'
    )
    assert body == (
        '<p><a href="https://a.example/x" rel="noopener noreferrer nofollow ugc">a</a> '
        '<a href="http://b.example/" rel="noopener noreferrer">b</a> '
        '<a href="mailto:desk@example.com">m</a></p>'
    )


def test_empty_and_whitespace_only_blocks_are_dropped():
    assert clean_body(
        "<p> </p><p>&nbsp;</p><h2>\n</h2><p><br></p><ul><li> </li></ul><p>Kept</p>"
    ) == ("<p>Kept</p>")
    assert clean_body("<p>\n \t</p>") == ""
    assert clean_body("   ") == ""


def test_text_outside_blocks_becomes_paragraphs_and_headings_are_levelled():
    assert clean_body("Loose <b>text</b><h1>Top</h1>tail<h5>Small</h5>") == (
        "<p>Loose <strong>text</strong></p><h2>Top</h2><p>tail</p><h3>Small</h3>"
    )


def test_quotes_keep_their_paragraphs_and_nested_links_keep_the_inner_one():
    body = clean_body(
        "<blockquote>«Нөлдік төзбеушілік»<p>— Бауыржан Байбек</p></blockquote>"
        '<p><a href="https://a.example/"><a href="https://b.example/">x</a></a></p>'
    )
    assert body == (
        "<blockquote><p>«Нөлдік төзбеушілік»</p><p>— Бауыржан Байбек</p></blockquote>"
        '<p><a href="https://b.example/" rel="noopener noreferrer">x</a></p>'
    )


@pytest.mark.django_db
def test_a_pasted_address_of_an_entity_page_becomes_a_link_by_id():
    person = make_person(slug="tokayev")
    organization = make_organization(slug="agency")
    body = clean_body(
        '<p><a href="/ru/people/tokayev/">Токаев</a>, '
        '<a href="http://testserver/en/organizations/agency">the agency</a>, '
        '<a href="https://elsewhere.example/ru/people/tokayev/">not ours</a>, '
        '<a href="/kk/people/nobody/">unknown</a></p>'
    )
    assert body == (
        f'<p><a href="/go/person/{person.pk}/">Токаев</a>, '
        f'<a href="/go/organization/{organization.pk}/">the agency</a>, '
        '<a href="https://elsewhere.example/ru/people/tokayev/" rel="noopener noreferrer">'
        "not ours</a>, "
        '<a href="/kk/people/nobody/">unknown</a></p>'
    )


@pytest.mark.parametrize(
    "value",
    [
        WORD_PASTE,
        "<p>a &amp; b &lt; c &gt; d \xa0e «ә» \"quoted\" 'single'</p>",
        '<ol start="3"><li>x<ul><li>y</li></ul></li></ol>',
        "Plain\n\ntext & <3\nwith a line break",
        '<p><a href="https://x.example/?a=1&amp;b=2" title="T">t</a></p>',
    ],
)
def test_cleaning_a_clean_body_changes_nothing(value):
    once = clean_body(value)
    assert clean_body(once) == once


def test_plain_text_becomes_paragraphs_and_reads_back_verbatim():
    text = "Бірінші абзац & <тег>.\nЖаңа жол.\n\n  Екінші «абзац»  \n\n\n\nҮшінші"
    body = clean_body(text)
    assert (
        body
        == from_plain_text(text)
        == (
            "<p>Бірінші абзац &amp; &lt;тег&gt;.<br>Жаңа жол.</p><p>Екінші «абзац»</p><p>Үшінші</p>"
        )
    )
    assert plain_text(body) == "Бірінші абзац & <тег>.\nЖаңа жол.\n\nЕкінші «абзац»\n\nҮшінші"


def test_plain_text_reads_each_block_as_a_paragraph():
    body = "<h2>Head</h2><p>One <strong>two</strong></p><ul><li>a</li><li>b</li></ul>"
    body += "<blockquote><p>q</p><p>— s</p></blockquote>"
    assert plain_text(body) == "Head\n\nOne two\n\na\n\nb\n\nq\n\n— s"

"""The body editor of the admin: django-prose-editor (ProseMirror/Tiptap),
from our own static files, under the strict Content-Security-Policy.

django-prose-editor's own media use an inline import map, which
``script-src 'self'`` forbids, and Tiptap would inject a <style> element,
which ``style-src 'self'`` forbids; body_editor.js imports the editor by
its path instead and starts it without injected styles (body_editor.css
has those rules).
"""

from django import forms
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import Script


class BodyEditorWidget(AdminProseEditorWidget):
    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                    "articles/admin/body_editor.css",
                ]
            },
            js=[Script("articles/admin/body_editor.js", type="module")],
        )

"""Tags for the pages editors share with readers (the preview). None of them
queries the database."""

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def story_url(context, article) -> str:
    """The article's address in the active language: its public page, or
    its preview on a preview page (a draft has no public page yet)."""
    if context.get("preview"):
        return reverse("admin:articles_article_preview", args=[article.pk])
    return article.get_absolute_url()

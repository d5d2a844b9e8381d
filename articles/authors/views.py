from django.views.generic import ListView

from ..taxonomy.views import FiledStoriesView
from ..views import PageMixin, VersionCountMixin
from .models import Author


class AuthorView(FiledStoriesView):
    model = Author
    story_field = "authors"
    description_field = "biography"
    template_name = "authors/author_detail.html"
    og_type = "profile"

    def get_object_queryset(self):
        # An author is credited once per story (byline_author_once): no
        # duplicate stories, so no DISTINCT.
        return Author.objects.select_related("portrait")


class AuthorListView(PageMixin, VersionCountMixin, ListView):
    model = Author
    paginate_by = 100
    template_name = "authors/author_list.html"

    def get_queryset(self):
        return Author.objects.select_related("portrait").with_story_counts()

    def get_page_title(self) -> str:
        return str(Author._meta.verbose_name_plural).capitalize()

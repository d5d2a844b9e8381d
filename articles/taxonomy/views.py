"""The public pages of sections and topics (and, through FiledStoriesView,
of authors): what the page is, and its published stories, newest first."""

from django.views.generic import ListView
from django.views.generic.detail import SingleObjectMixin

from ..models import Article
from ..views import PageMixin, VersionCountMixin
from .models import Section, Topic


class FiledStoriesView(PageMixin, VersionCountMixin, SingleObjectMixin, ListView):
    """A section's, topic's or author's page: the object, then its
    published stories, paginated (two queries besides the count)."""

    paginate_by = 20
    description_field = "description"
    # The Article field that files a story under the object.
    story_field = ""

    def get(self, request, *args, **kwargs):
        self.object = self.get_object(queryset=self.get_object_queryset())
        return super().get(request, *args, **kwargs)

    def get_object_queryset(self):
        return self.model.objects.all()

    def get_queryset(self):
        published = Article.objects.published().for_listing()
        return published.filter(**{self.story_field: self.object})

    def get_page_title(self) -> str:
        return str(self.object)

    def get_page_description(self) -> str:
        return getattr(self.object, self.description_field) or super().get_page_description()


class SectionView(FiledStoriesView):
    model = Section
    story_field = "section"
    template_name = "taxonomy/section_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(current_section=self.object, **kwargs)


class TopicView(FiledStoriesView):
    model = Topic
    story_field = "topics"
    template_name = "taxonomy/topic_detail.html"


class TopicListView(PageMixin, VersionCountMixin, ListView):
    """Every topic with its number of published stories."""

    model = Topic
    paginate_by = 100
    template_name = "taxonomy/topic_list.html"

    def get_queryset(self):
        return Topic.objects.with_story_counts()

    def get_page_title(self) -> str:
        return str(Topic._meta.verbose_name_plural).capitalize()

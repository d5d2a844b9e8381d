"""The reader's article filters: every value lives in the query string.

Bad input never reaches the database as an error: each field validates its
value, and an invalid form gives an empty list with the form's messages
(FilterView's ``strict`` mode) instead of a 500.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

import django_filters
from django import forms
from django.db import models
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from .caching import versions
from .models import Article, Initiative, Language, Organization, Person
from .search.query import MAX_QUERY_LENGTH
from .search.results import Search
from .taxonomy.models import Section, Topic

# Beyond these (and MAX_QUERY_LENGTH), values are refused before any query runs.
FIRST_YEAR, LAST_YEAR = 1991, 2100
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}")  # as SlugField(max_length=80) allows


class SlugModelChoiceField(ModelChoiceField):
    """A choice looked up by slug. What cannot be a slug is refused without a
    query: PostgreSQL, for one, raises an error on a NUL byte."""

    def to_python(self, value):
        if value not in self.empty_values and not SLUG.fullmatch(str(value)):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = SlugModelChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class ArticleFilterForm(forms.Form):
    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("date_from"), cleaned_data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(
                _("The “from” date is after the “to” date."), code="reversed_range"
            )
        return cleaned_data


# The choices: only what published articles are about (or credit, for the
# source). Which rows those are is worked out once per content version
# (articles/caching/), which changes whenever a story is published,
# unpublished or comes due: finding them reads every link in the archive.


def _published_choices(request, model, key: str, rows: Callable[[], models.QuerySet]):
    ids = versions.cached(
        f"filter-choices:{key}",
        lambda: list(rows().values_list("pk", flat=True)),
        version=versions.for_request(request),
    )
    return model.objects.filter(pk__in=ids).order_by("name")


def _people(request):
    return _published_choices(request, Person, "people", Person.objects.with_published_stories)


def _organizations(request):
    return _published_choices(
        request, Organization, "organizations", Organization.objects.with_published_stories
    )


def _initiatives(request):
    return _published_choices(
        request, Initiative, "initiatives", Initiative.objects.with_published_stories
    )


def _sources(request):
    # Each language version has its own source: the active language's.
    return _published_choices(
        request, Organization, f"sources:{get_language()}", Organization.objects.sources
    )


def _sections(request):
    return _published_choices(request, Section, "sections", Section.objects.with_published_stories)


def _topics(request):
    return _published_choices(request, Topic, "topics", Topic.objects.with_published_stories)


def _date_input() -> forms.DateInput:
    # type="date" needs ISO values whatever the language's own date format.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    value: str
    remove_query: str  # the current query string without this filter


_form_classes = versions.RecentValues(8)


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Words in the text"),
        method="search_text",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    section = SlugChoiceFilter(
        label=_("Section"), field_name="section", queryset=_sections, empty_label=_("Any section")
    )
    topic = SlugChoiceFilter(
        label=_("Topic"), field_name="topics", queryset=_topics, empty_label=_("Any topic")
    )
    person = SlugChoiceFilter(
        label=_("Person"), field_name="people", queryset=_people, empty_label=_("Anyone")
    )
    organization = SlugChoiceFilter(
        label=_("Organization"),
        field_name="organizations",
        queryset=_organizations,
        empty_label=_("Any organization"),
    )
    initiative = SlugChoiceFilter(
        label=_("Initiative"),
        field_name="initiatives",
        queryset=_initiatives,
        empty_label=_("Any initiative"),
    )
    language = django_filters.ChoiceFilter(
        label=_("Original language"),
        field_name="original_language",
        choices=Language.choices,
        empty_label=_("Any language"),
    )
    # A plain "source" lookup is rewritten by modeltranslation to the active
    # language's column (source_kk, ...), the source that readers see.
    source = SlugChoiceFilter(
        label=_("Source"), field_name="source", queryset=_sources, empty_label=_("Any source")
    )
    date_from = django_filters.DateFilter(
        label=_("From date"),
        field_name="published_at",
        lookup_expr="date__gte",
        widget=_date_input(),
    )
    date_to = django_filters.DateFilter(
        label=_("To date"),
        field_name="published_at",
        lookup_expr="date__lte",
        widget=_date_input(),
    )
    year = YearFilter(
        label=_("Year"),
        field_name="published_at",
        lookup_expr="year",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )

    class Meta:
        model = Article
        fields = []  # all declared above
        form = ArticleFilterForm

    def get_form_class(self):
        """Building the form's fields (four choice lists of published
        entities) costs more than validating the form: the class is built
        once per content version and language in each process. Each form
        copies its fields, so sharing the class shares nothing mutable."""
        key = f"{versions.for_request(self.request).generation}:{get_language()}"
        form_class = _form_classes.get(key)
        if form_class is None:
            form_class = super().get_form_class()
            _form_classes.put(key, form_class)
        return form_class

    @cached_property
    def search(self) -> Search:
        """The search for ``q`` (empty without one), parsed once per request:
        the search page reads its query, passages and names from here."""
        if self.is_bound:
            self.errors  # noqa: B018 - cleans the form
        return Search(getattr(self.form, "cleaned_data", {}).get("q") or "", request=self.request)

    def search_text(self, queryset, name, value):
        """Articles that match every word, in any form and any language, or
        name a linked person or organization; the best matches first (see
        articles/search/query.py)."""
        return self.search.rank(queryset, key=self.window_key())

    def window_key(self) -> str:
        """The filters that decide which stories a search ranks: all but the page."""
        data = self.form.cleaned_data
        return repr(sorted((name, repr(getattr(data[name], "pk", data[name]))) for name in data))

    def filter_queryset(self, queryset):
        # The search ranks the newest matches of what the other filters leave
        # (query.py's relevance window), so it runs after them.
        data = self.form.cleaned_data
        for name in sorted(data, key=lambda name: name == "q"):
            queryset = self.filters[name].filter(queryset, data[name])
        return queryset

    def is_active(self) -> bool:
        """Whether any filter was asked for (valid or not)."""
        return any(self.data.get(name) for name in self.filters)

    def active_filters(self) -> list[ActiveFilter]:
        """The filters in the query string, each with a link that drops it.

        Invalid values are listed too (as typed, shortened), so that one click
        removes them.
        """
        cleaned_data = getattr(self.form, "cleaned_data", {})
        active = []
        for name, field in self.form.fields.items():
            raw = self.data.get(name)
            if not raw:
                continue
            value = cleaned_data.get(name)
            query = self.data.copy()
            query.pop(name)
            query.pop("page", None)
            active.append(
                ActiveFilter(
                    label=str(field.label),
                    value=self._display(field, value, raw),
                    remove_query=query.urlencode(),
                )
            )
        return active

    @staticmethod
    def _display(field: forms.Field, value, raw: str) -> str:
        if value in (None, ""):
            return Truncator(raw.replace("\x00", "")).chars(40)
        if isinstance(field, forms.DateField):
            return formats.date_format(value, "DATE_FORMAT")
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            return str(dict(field.choices).get(value, value))
        return str(value)

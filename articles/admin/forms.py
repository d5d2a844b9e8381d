"""Every admin form: partial dates, slug prefill, edit conflicts, the
article's publication rules, corrections, and the entities' forms."""

import json

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..edit_conflicts import current_token, describe_changes_since, edit_token
from ..models import (
    LANGUAGE_CODES,
    Affiliation,
    Article,
    ArticleStatus,
    Correction,
    Initiative,
    Language,
    Organization,
    Person,
)
from ..partial_dates import parse_partial_date, partial_date_to_text
from ..services import changes_publication, user_can_publish
from ..transliteration import ASCII_FOLD, KAZAKH_2021, RUSSIAN, SLUG_MAX_LENGTH


class PartialDateField(forms.CharField):
    """Accepts "2019", "2019-05" or "2019-05-14"."""

    default_error_messages = {
        "invalid": _("Enter a year (2019), a month (2019-05) or a date (2019-05-14)."),
    }

    def __init__(self, *, end: bool = False, **kwargs):
        self.end = end
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("help_text", _("A year, a month (YYYY-MM) or a date (YYYY-MM-DD)."))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return parse_partial_date(value, end=self.end)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class OptimisticLockFormMixin(forms.ModelForm):
    """Refuses a save when the object changed after the form was opened.

    The refused form keeps everything the editor typed and carries the new
    token, so saving it again after reviewing the message replaces the other
    editor's version deliberately, never silently.
    """

    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)
    check_conflicts = True  # switched off while restoring a version from history

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["edit_token"] = edit_token(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        if not (self.instance.pk and self.check_conflicts):
            return cleaned_data
        submitted = cleaned_data.get("edit_token", "")
        stored = current_token(self.instance)
        if submitted != stored:
            changes = describe_changes_since(self.instance, submitted)
            self.data = self.data.copy()
            self.data[self.add_prefix("edit_token")] = stored
            raise forms.ValidationError(
                _(
                    "Someone else saved this after you opened it, so your changes were not "
                    "saved. %(changes)s Review the changes, then save again to replace them "
                    "with yours."
                ),
                params={"changes": changes},
                code="conflict",
            )
        return cleaned_data


class PartialPeriodFormMixin(forms.ModelForm):
    """Edits start_date/start_precision and end_date/end_precision as two
    text fields; the model's check constraint keeps end not before start."""

    start = PartialDateField(label=_("Start"))
    end = PartialDateField(label=_("End"), end=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault(
                "start",
                partial_date_to_text(self.instance.start_date, self.instance.start_precision),
            )
            self.initial.setdefault(
                "end",
                partial_date_to_text(self.instance.end_date, self.instance.end_precision),
            )

    def clean(self):
        cleaned_data = super().clean()
        for name in ("start", "end"):
            if name not in cleaned_data:
                continue
            parsed = cleaned_data[name]
            date, precision = parsed if parsed else (None, "day")
            setattr(self.instance, f"{name}_date", date)
            setattr(self.instance, f"{name}_precision", precision)
        start, end = cleaned_data.get("start"), cleaned_data.get("end")
        if start and end and end[0] < start[0]:
            self.add_error("end", _("The end cannot be before the start."))
        return cleaned_data


class SlugPrefillWidget(forms.TextInput):
    """A slug input that the admin script fills from the Kazakh or Russian
    title while the editor has not typed a slug, with the same
    transliteration the server uses (the tables are passed as data)."""

    template_name = "django/forms/widgets/text.html"

    class Media:
        js = ("articles/admin/slug_prefill.js",)

    def __init__(self, sources: dict[str, str], attrs=None):
        tables = {"kk": KAZAKH_2021, "ru": RUSSIAN, "fold": ASCII_FOLD}
        attrs = {
            "data-slug-sources": json.dumps(sources),
            "data-slug-tables": json.dumps(tables, ensure_ascii=False),
            "data-slug-max-length": str(SLUG_MAX_LENGTH),
            **(attrs or {}),
        }
        super().__init__(attrs)


def slug_widget(**sources: str) -> SlugPrefillWidget:
    return SlugPrefillWidget(
        sources={language: f"id_{field}" for language, field in sources.items()}
    )


class EntityFormMixin(OptimisticLockFormMixin):
    """Person, organization and initiative forms: the slug follows the
    Kazakh name unless the editor types one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].widget = slug_widget(kk="name_kk")
            self.fields["slug"].help_text = _(
                "Filled in from the Kazakh name; leave empty to derive it on save."
            )


class ArticleAdminForm(OptimisticLockFormMixin):
    """The article change form; knows who is editing so that only a
    Publisher can publish, unpublish or reschedule, and only with a title
    and a lead in every language unless they confirm otherwise."""

    user = None  # set by ArticleAdmin.get_form

    publish_incomplete = forms.BooleanField(
        label=_("Publish without all translations"),
        required=False,
        help_text=_(
            "Publishing needs a title and a lead in Kazakh, Russian and English. Tick this "
            "to publish the story all the same."
        ),
    )

    class Meta:
        model = Article
        # The admin's fieldsets decide the full list of fields.
        fields = ("slug", "status", "published_at")
        widgets = {"slug": slug_widget(kk="title_kk", ru="title_ru", en="title_en")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _(
            "Filled in from the Kazakh or Russian title; leave empty to derive it on save."
        )
        self.was_published = self.instance.status == ArticleStatus.PUBLISHED
        if not user_can_publish(self.user):
            self.fields.pop("publish_incomplete", None)
        if "status" in self.fields and not user_can_publish(self.user):
            self.fields["status"].choices = [
                choice
                for choice in self.fields["status"].choices
                if choice[0] != ArticleStatus.PUBLISHED
            ]

    def clean(self):
        cleaned_data = super().clean()
        status = cleaned_data.get("status", self.instance.status)
        published_at = cleaned_data.get("published_at", self.instance.published_at)
        if status == ArticleStatus.PUBLISHED and not published_at:
            published_at = cleaned_data["published_at"] = timezone.now()
        # The instance still holds the stored values here: the form copies
        # cleaned data onto it only after clean().
        if not user_can_publish(self.user) and changes_publication(
            self.instance, status=status, published_at=published_at
        ):
            raise forms.ValidationError(
                _("Only a Publisher can publish, unpublish or reschedule an article."),
                code="permission",
            )
        return cleaned_data

    def _post_clean(self):
        # After the form has copied its data onto the instance, so that the
        # check reads the texts as they will be saved.
        super()._post_clean()
        article = self.instance
        if (
            user_can_publish(self.user)
            and article.status == ArticleStatus.PUBLISHED
            and not self.was_published
            and not self.cleaned_data.get("publish_incomplete")
        ):
            missing = article.missing_for_publication()
            if missing:
                self.add_error(
                    None,
                    forms.ValidationError(
                        _(
                            "Publishing needs a title and a lead in every language; "
                            "missing in: %(languages)s. Add them, or tick “Publish "
                            "without all translations”."
                        ),
                        params={"languages": ", ".join(str(Language(c).label) for c in missing)},
                        code="incomplete",
                    ),
                )


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = Correction
        fields = ("date", "text")

    def clean(self):
        cleaned_data = super().clean()
        if not any(cleaned_data.get(f"text_{code}") for code in LANGUAGE_CODES):
            raise forms.ValidationError(
                _("Write the correction in at least one language."), code="empty"
            )
        return cleaned_data


class AffiliationForm(PartialPeriodFormMixin):
    class Meta:
        model = Affiliation
        fields = ("person", "organization", "role")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            return
        for name in ("person", "organization"):
            if name in self.fields:
                widget = getattr(self.fields[name].widget, "widget", self.fields[name].widget)
                related = getattr(self.instance, name)
                widget.preloaded = {str(related.pk): related}


class PersonForm(EntityFormMixin):
    class Meta:
        model = Person
        fields = ("slug",)


class OrganizationForm(EntityFormMixin):
    class Meta:
        model = Organization
        fields = ("slug",)


class InitiativeForm(EntityFormMixin, PartialPeriodFormMixin):
    class Meta:
        model = Initiative
        fields = ("slug", "status")

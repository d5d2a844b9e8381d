"""The admins of the entities stories concern: people, organizations and
initiatives, with a person's or an organization's affiliations inline."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from ..models import Affiliation, Initiative, Organization, Person
from .base import PreloadedAutocompleteSelect, StoryCountMixin, VersionedTranslationAdmin
from .forms import AffiliationForm, InitiativeForm, OrganizationForm, PersonForm

PERIOD_FIELDSET = (_("Period"), {"fields": ("start", "end")})


class AffiliationInline(TranslationTabularInline):
    model = Affiliation
    form = AffiliationForm
    fields = ("organization", "role", "start", "end")
    autocomplete_fields = ("organization",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "organization")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class OrganizationAffiliationInline(AffiliationInline):
    fields = ("person", "role", "start", "end")
    autocomplete_fields = ("person",)


@admin.register(Person)
class PersonAdmin(StoryCountMixin, VersionedTranslationAdmin):
    form = PersonForm
    list_display = ("name", "position", "slug", "stories", "updated_at")
    search_fields = (
        "name_kk",
        "name_ru",
        "name_en",
        "name_variants_kk",
        "name_variants_ru",
        "name_variants_en",
        "position_kk",
        "position_ru",
        "slug",
    )
    inlines = (AffiliationInline,)
    autocomplete_fields = ("portrait", "documents")
    fields = (
        "name",
        "name_variants",
        "position",
        "biography",
        "portrait",
        "documents",
        "slug",
        "edit_token",
    )


@admin.register(Organization)
class OrganizationAdmin(StoryCountMixin, VersionedTranslationAdmin):
    form = OrganizationForm
    list_display = ("name", "short_name", "kind", "parent", "stories")
    list_filter = ("kind",)
    list_select_related = ("parent",)
    search_fields = (
        "name_kk",
        "name_ru",
        "name_en",
        "short_name_kk",
        "short_name_ru",
        "short_name_en",
        "name_variants_kk",
        "name_variants_ru",
        "name_variants_en",
        "slug",
    )
    autocomplete_fields = ("parent", "logo", "documents")
    fields = (
        "name",
        "short_name",
        "name_variants",
        "description",
        "kind",
        "is_office",
        "parent",
        "website",
        "logo",
        "documents",
        "slug",
        "edit_token",
    )
    inlines = (OrganizationAffiliationInline,)


@admin.register(Initiative)
class InitiativeAdmin(StoryCountMixin, VersionedTranslationAdmin):
    form = InitiativeForm
    list_display = ("name", "status", "period_display", "stories")
    list_filter = ("status",)
    search_fields = (
        "name_kk",
        "name_ru",
        "name_en",
        "name_variants_kk",
        "name_variants_ru",
        "name_variants_en",
        "slug",
    )
    autocomplete_fields = ("organizations", "people", "documents")
    fieldsets = (
        (
            None,
            {"fields": ("name", "name_variants", "description", "status", "slug", "edit_token")},
        ),
        PERIOD_FIELDSET,
        (_("Involved"), {"fields": ("organizations", "people")}),
        (_("Documents"), {"fields": ("documents",)}),
    )

    @admin.display(description=_("period"))
    def period_display(self, initiative: Initiative) -> str:
        return initiative.period_display

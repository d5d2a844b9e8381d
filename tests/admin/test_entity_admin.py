"""People, organizations and initiatives in the admin: partial dates, affiliations."""

import pytest
from django.urls import reverse

from articles.edit_conflicts import edit_token
from articles.models import Initiative, Person
from articles.partial_dates import Precision
from tests.factories import (
    make_organization,
    make_person,
)

pytestmark = pytest.mark.django_db


# --- Partial dates in entity forms ------------------------------------------------


def initiative_form_data(**overrides) -> dict:
    data = {
        "name_kk": "Бағдарлама",
        "name_ru": "Программа",
        "name_en": "Programme",
        "description_kk": "",
        "description_ru": "",
        "description_en": "",
        "status": "active",
        "slug": "",
        "start": "",
        "end": "",
    }
    data.update(overrides)
    return data


def test_it_accepts_a_year_alone_for_an_initiative_period(editor_client):
    response = editor_client.post(
        reverse("admin:articles_initiative_add"), initiative_form_data(start="2019", end="2025")
    )

    assert response.status_code == 302
    initiative = Initiative.objects.get()
    assert (initiative.start_date.isoformat(), initiative.start_precision) == (
        "2019-01-01",
        Precision.YEAR,
    )
    assert (initiative.end_date.isoformat(), initiative.end_precision) == (
        "2025-12-31",
        Precision.YEAR,
    )
    assert initiative.slug == "bagdarlama"


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [("2020", "2019-05", "end"), ("20x9", "", "start"), ("2019-13", "", "start")],
)
def test_it_rejects_bad_periods_with_field_errors(editor_client, start, end, field):
    response = editor_client.post(
        reverse("admin:articles_initiative_add"), initiative_form_data(start=start, end=end)
    )

    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not Initiative.objects.exists()


def test_it_edits_affiliations_inline_on_a_person(editor_client):
    person = make_person()
    organization = make_organization()
    prefix = "affiliations"
    data = {
        "name_kk": person.name_kk,
        "name_ru": person.name_ru,
        "name_en": person.name_en,
        "position_kk": "",
        "position_ru": "",
        "position_en": "",
        "biography_kk": "",
        "biography_ru": "",
        "biography_en": "",
        "slug": person.slug,
        "edit_token": edit_token(person),
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-0-organization": organization.pk,
        f"{prefix}-0-role_kk": "Төраға",
        f"{prefix}-0-role_ru": "Председатель",
        f"{prefix}-0-role_en": "Chairman",
        f"{prefix}-0-start": "2019-03",
        f"{prefix}-0-end": "",
    }

    response = editor_client.post(reverse("admin:articles_person_change", args=[person.pk]), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    affiliation = Person.objects.get(pk=person.pk).affiliations.get()
    assert affiliation.role_en == "Chairman"
    assert affiliation.start_precision == Precision.MONTH

import datetime

import pytest
from django.utils import translation

from articles.partial_dates import (
    Precision,
    format_partial_date,
    parse_partial_date,
    partial_date_to_text,
)


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("2019", False, (datetime.date(2019, 1, 1), Precision.YEAR)),
        ("2019", True, (datetime.date(2019, 12, 31), Precision.YEAR)),
        ("2024-02", True, (datetime.date(2024, 2, 29), Precision.MONTH)),
        ("2024-02", False, (datetime.date(2024, 2, 1), Precision.MONTH)),
        ("2018-11-27", True, (datetime.date(2018, 11, 27), Precision.DAY)),
    ],
)
def test_it_parses_years_months_and_days(text, end, expected):
    assert parse_partial_date(text, end=end) == expected


@pytest.mark.parametrize("text", ["", "19", "2019-13", "2019-02-30", "abcd", "2019/05"])
def test_it_rejects_what_is_not_a_partial_date(text):
    with pytest.raises(ValueError):
        parse_partial_date(text)


def test_it_round_trips_to_the_editor_form():
    for text in ("2019", "2019-05", "2019-05-14"):
        assert partial_date_to_text(*parse_partial_date(text, end=True)) == text


def test_it_formats_for_readers_in_the_active_language():
    with translation.override("ru"):
        assert format_partial_date(datetime.date(2025, 12, 31), Precision.YEAR) == "2025"
        assert "2019" in format_partial_date(datetime.date(2019, 5, 1), Precision.MONTH)
    assert format_partial_date(None, Precision.DAY) == ""

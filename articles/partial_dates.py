"""Dates that may be known only to the year or the month.

An initiative "started in 2019" or an affiliation "until March 2021" is
stored as a real date plus a precision. A start is stored as the first day
of its period and an end as the last day of its period, so that plain date
comparisons (and the database check "end not before start") stay right:
"2019" to "2019-05" is a valid period, "2019-06" to "2019" is too.
"""

import calendar
import datetime
import re

from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    YEAR = "year", _("year")
    MONTH = "month", _("month")
    DAY = "day", _("day")


PARTIAL_DATE_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*$")


def parse_partial_date(text: str, *, end: bool = False) -> tuple[datetime.date, str]:
    """Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD" into (date, precision).

    With ``end=True`` a year or month is stored as its last day.
    Raises ValueError on anything else.
    """
    match = PARTIAL_DATE_RE.match(text or "")
    if not match:
        raise ValueError(text)
    year, month, day = (int(part) if part else None for part in match.groups())
    if month is None:
        date = datetime.date(year, 12, 31) if end else datetime.date(year, 1, 1)
        return date, Precision.YEAR
    if day is None:
        last_day = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 1
        date = datetime.date(year, month, last_day if end else 1)
        return date, Precision.MONTH
    return datetime.date(year, month, day), Precision.DAY


def partial_date_to_text(date: datetime.date | None, precision: str) -> str:
    """The editor-facing form of a stored partial date ("2019", "2019-05", ...)."""
    if date is None:
        return ""
    if precision == Precision.YEAR:
        return f"{date.year:04d}"
    if precision == Precision.MONTH:
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat()


def format_partial_date(date: datetime.date | None, precision: str) -> str:
    """A partial date for readers, in the active language's conventions."""
    if date is None:
        return ""
    if precision == Precision.YEAR:
        return str(date.year)
    if precision == Precision.MONTH:
        return formats.date_format(date, "YEAR_MONTH_FORMAT")
    return formats.date_format(date, "DATE_FORMAT")

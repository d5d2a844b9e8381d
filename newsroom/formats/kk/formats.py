"""Kazakh (kk) date, time and number formats.

Django ships no formats module for Kazakh, so without this one dates render
in the English pattern ("Наурыз 5, 2024", "03/05/2024") and numbers without
grouping ("1234567.5"). Modelled on Django's ru/formats.py; the Kazakh
conventions are year first with "ж." (жыл), the month name in lower case
after the day, dd.mm.yyyy for short dates, the 24-hour clock, Monday as the
first day of the week, a decimal comma and a non-breaking space between
groups of thousands.

The "E" format character takes the month from the "alt. month" pgettext
context, which newsroom/locale/kk/LC_MESSAGES/django.po translates in lower
case (наурыз), as a month name is written inside a Kazakh date. "F" gives the
capitalised stand-alone name (Наурыз) used in calendars and headings.

The *_FORMAT strings use the Django date format syntax, see
https://docs.djangoproject.com/en/stable/ref/templates/builtins/#date
(Cyrillic letters are not format characters, so "ж." needs no escaping).
"""

DATE_FORMAT = "Y ж. j E"  # 2024 ж. 5 наурыз
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "Y ж. j E, H:i"  # 2024 ж. 5 наурыз, 14:30
YEAR_MONTH_FORMAT = "Y ж. E"  # 2024 ж. наурыз
MONTH_DAY_FORMAT = "j E"  # 5 наурыз
SHORT_DATE_FORMAT = "d.m.Y"  # 05.03.2024
SHORT_DATETIME_FORMAT = "d.m.Y H:i"  # 05.03.2024 14:30
FIRST_DAY_OF_WEEK = 1  # Monday

# The *_INPUT_FORMATS strings use the Python strftime format syntax,
# see https://docs.python.org/library/datetime.html#strftime-strptime-behavior
# The first format of each list is the one used to display a value in a form
# field, so d.m.Y comes first; the ISO forms are accepted as well.
DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # '05.03.2024'
    "%d.%m.%y",  # '05.03.24'
    "%Y-%m-%d",  # '2024-03-05' (ISO 8601)
]
TIME_INPUT_FORMATS = [
    "%H:%M:%S",  # '14:30:59'
    "%H:%M:%S.%f",  # '14:30:59.000200'
    "%H:%M",  # '14:30'
]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M:%S",  # '05.03.2024 14:30:59'
    "%d.%m.%Y %H:%M:%S.%f",  # '05.03.2024 14:30:59.000200'
    "%d.%m.%Y %H:%M",  # '05.03.2024 14:30'
    "%d.%m.%y %H:%M:%S",  # '05.03.24 14:30:59'
    "%d.%m.%y %H:%M:%S.%f",  # '05.03.24 14:30:59.000200'
    "%d.%m.%y %H:%M",  # '05.03.24 14:30'
    "%Y-%m-%d %H:%M:%S",  # '2024-03-05 14:30:59' (ISO 8601)
    "%Y-%m-%d %H:%M:%S.%f",  # '2024-03-05 14:30:59.000200'
    "%Y-%m-%d %H:%M",  # '2024-03-05 14:30'
    "%Y-%m-%dT%H:%M:%S",  # '2024-03-05T14:30:59'
    "%Y-%m-%dT%H:%M:%S.%f",  # '2024-03-05T14:30:59.000200'
    "%Y-%m-%dT%H:%M",  # '2024-03-05T14:30'
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space
NUMBER_GROUPING = 3

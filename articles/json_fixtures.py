"""The JSON serialization format, with a reason for the files it cannot read
(settings.SERIALIZATION_MODULES puts it in place of Django's own).

Django reports a file nested too deeply for the JSON parser, or with a
syntax error, as "Problem installing fixture '…': " and no reason, and a
file that is not UTF-8 as a bare UnicodeDecodeError that names no file.
Here each says which file and why. loaddata loads everything in one
transaction, so the database is left as it was.
"""

from django.core.management.base import CommandError
from django.core.serializers import json
from django.core.serializers.base import DeserializationError

Serializer = json.Serializer


class UnreadableFixture(DeserializationError, CommandError):
    """A DeserializationError, as Django's own are; a CommandError too, so that
    ``manage.py loaddata`` prints the one line instead of a traceback."""


class Deserializer(json.Deserializer):
    def __init__(self, stream_or_string, **options):
        name = getattr(stream_or_string, "name", "")
        try:
            super().__init__(stream_or_string, **options)
        except UnicodeDecodeError as error:
            raise UnreadableFixture(_problem(name, _not_utf8(error))) from None
        except DeserializationError as error:
            # Django gives no reason of its own for what the parser refused.
            if str(error) or error.__cause__ is None:
                raise
            raise UnreadableFixture(_problem(name, _reason(error.__cause__))) from error


def _problem(name: str, reason: str) -> str:
    where = f" '{name}'" if name else ""
    return f"Problem installing fixture{where}: {reason}"


def _reason(cause: BaseException) -> str:
    if isinstance(cause, RecursionError):
        return "nested too deeply to parse (arrays or objects inside one another)"
    return f"not JSON ({cause})"


def _not_utf8(error: UnicodeDecodeError) -> str:
    byte = error.object[error.start]
    return f"not UTF-8 text (byte 0x{byte:02x} at offset {error.start}); save it as UTF-8"

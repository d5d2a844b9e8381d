"""The history compare of a body: a diff of the text a reader reads, not of
its markup."""

from reversion_compare.helpers import html_diff

from .plain import plain_text


class BodyCompareMixin:
    """For a VersionedTranslationAdmin of a model with a translated ``body``."""

    def _compare_body(self, obj_compare) -> str:
        before, after = obj_compare.to_string()
        return html_diff(plain_text(before or ""), plain_text(after or ""))

    compare_body = compare_body_kk = compare_body_ru = compare_body_en = _compare_body

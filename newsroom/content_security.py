"""django-csp's middleware, with the site's one policy built once.

No view of ours changes the policy (no ``csp_update``, ``csp_replace`` or
``csp_exempt`` decorators, no nonces: there is no inline script or style),
yet django-csp builds the header from the settings anew for every
response, which cost about as much as all of Django's own middleware
together. The header is the same text each time, so it is built once per
settings value; a response or request that does carry a per-view policy or
a nonce goes through django-csp's own path unchanged.
"""

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as LibraryCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

PER_VIEW_ATTRIBUTES = tuple(
    f"_csp_{name}{suffix}"
    for name in ("config", "update", "replace", "exempt")
    for suffix in ("", "_ro")
)


class CSPMiddleware(LibraryCSPMiddleware):
    _built: dict[str, tuple[str, str]] = {}

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        per_view = any(hasattr(response, name) for name in PER_VIEW_ATTRIBUTES)
        if settings.DEBUG or per_view or getattr(request, "_csp_nonce", None) is not None:
            return super().process_response(request, response)
        policy, report_only = self._policies()
        for header, value, setting in (
            (HEADER, policy, "CONTENT_SECURITY_POLICY"),
            (HEADER_REPORT_ONLY, report_only, "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
        ):
            excluded = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if (
                value
                and header not in response
                and not request.path_info.startswith(tuple(excluded))
            ):
                response[header] = value
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    @classmethod
    def _policies(cls) -> tuple[str, str]:
        key = repr(
            (
                getattr(settings, "CONTENT_SECURITY_POLICY", None),
                getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None),
            )
        )
        built = cls._built.get(key)
        if built is None:
            built = (build_policy(), build_policy(report_only=True))
            cls._built = {key: built}  # the settings change only in tests
        return built

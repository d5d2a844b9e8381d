"""Login throttling hooks for django-axes (see the Security block in settings)."""

import functools
import ipaddress

from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@functools.cache
def _trusted_networks(
    proxies: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def from_trusted_proxy(address: str | None) -> bool:
    """Whether a request's REMOTE_ADDR is one of TRUSTED_PROXIES."""
    try:
        remote = ipaddress.ip_address(address or "")
    except ValueError:
        return False
    return any(remote in network for network in _trusted_networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request: HttpRequest) -> str | None:
    """The reader's address: REMOTE_ADDR, or, on a request from one of
    TRUSTED_PROXIES, the header named by CLIENT_IP_HEADER that the proxy sets
    (its last entry, for X-Forwarded-For: the one the proxy itself added)."""
    remote = request.META.get("REMOTE_ADDR")
    if settings.CLIENT_IP_HEADER and from_trusted_proxy(remote):
        key = "HTTP_" + settings.CLIENT_IP_HEADER.upper().replace("-", "_")
        forwarded = request.META.get(key, "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return remote


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """The page shown to a locked-out login, in the language of its address."""
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    response: HttpResponse = render(
        request,
        "registration/locked_out.html",
        {"minutes": minutes},
        status=429,
    )
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response

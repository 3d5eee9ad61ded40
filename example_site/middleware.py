"""The client's address behind the reverse proxy (the reference deployment, docs/deployment.md)."""

from __future__ import annotations

import ipaddress
from functools import cache

from django.conf import settings


@cache
def _trusted(networks: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return tuple(ipaddress.ip_network(net.strip(), strict=False) for net in networks)


def _is_trusted(address: str, trusted) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in trusted)


def real_client_ip(get_response):
    """Set ``REMOTE_ADDR`` to the client's address when the request comes from a trusted proxy.

    The client is the right-most ``X-Forwarded-For`` address that is not one of
    ``TRUSTED_PROXIES``: the left-most one is written by the client and could change at every
    request (a new rate limit each time). Without ``TRUSTED_PROXIES`` nothing changes.
    """

    def middleware(request):
        trusted = _trusted(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if trusted and forwarded and _is_trusted(request.META.get("REMOTE_ADDR", ""), trusted):
            for candidate in reversed([part.strip() for part in forwarded.split(",")]):
                try:
                    ipaddress.ip_address(candidate)
                except ValueError:
                    break  # garbage: keep the proxy's address rather than guess
                if not _is_trusted(candidate, trusted):
                    request.META["REMOTE_ADDR"] = candidate
                    break
        return get_response(request)

    return middleware

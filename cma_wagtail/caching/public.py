"""``Cache-Control: public`` for what every anonymous visitor is shown alike.

Which responses: the pages Wagtail serves (every page type of the site, its sub-routes such
as feeds and ``map.json`` included: marked by the ``before_serve_page`` hook) and the
package's views decorated with :func:`public_cache` (the proposal form, the alerts form,
a session's ``.ics``). Nothing else is touched: the admin, the wizard, signed links and the
API keep their own headers.

When: a GET or HEAD answered 200 to a request that carries neither the session cookie nor
the messages cookie, from an anonymous visitor (hence never a page under a view restriction,
which only a login or a password kept in the session opens), whose response sets no cookie and has no ``Cache-Control`` of its own. Such a response cannot depend on who asks:
the session it may have read was empty (hence ``Cookie`` is dropped from ``Vary``: the
``Vary: Cookie`` that ``SessionMiddleware`` adds when a template reads ``user`` or
``messages`` would stop every shared cache from storing the page). Any other answer of a
marked view is ``private, no-store``: a logged-in editor's page, a page under a view
restriction, a POST's answer, a visitor carrying a session.

The shared cache must therefore not answer from its store a request carrying the session or
messages cookie (docs/caching.md gives the rule for nginx, Varnish, Cloudflare and
CloudFront); if it did anyway, that visitor would only see the anonymous page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.utils.cache import cc_delim_re, patch_cache_control

from ..conf import settings as cma_settings

READS = frozenset({"GET", "HEAD"})
#: ``django.contrib.messages``' cookie storage (``CookieStorage.cookie_name``).
MESSAGES_COOKIE = "messages"
#: What a marked request carries: the served page (a Wagtail page) or True (a view).
MARK = "cma_public_cache"


def public_cache(view: Callable) -> Callable:
    """Let :class:`PublicCacheMiddleware` make this view's anonymous answers public."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        setattr(request, MARK, True)
        return view(request, *args, **kwargs)

    return wrapper


def mark_served_page(page, request) -> None:
    """``before_serve_page``: the page Wagtail serves may be cached (checked on the way out)."""
    if not getattr(request, "is_preview", False):
        setattr(request, MARK, page)


def visitor_cookies(request) -> bool:
    """The request carries a cookie that could change the page (a session, messages)."""
    names = (settings.SESSION_COOKIE_NAME, MESSAGES_COOKIE)
    return any(name in request.COOKIES for name in names)


def is_authenticated(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def remove_vary_cookie(response) -> None:
    if not response.has_header("Vary"):
        return
    kept = [v for v in cc_delim_re.split(response["Vary"]) if v and v.lower() != "cookie"]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


def is_public(request, response) -> bool:
    """No query: a page under a view restriction (password, login, groups) is only ever
    served 200 to a logged-in user or to a session holding its password, never to a
    request without the session cookie."""
    return (
        request.method in READS
        and response.status_code == 200
        and not response.cookies
        and not visitor_cookies(request)
        and not is_authenticated(request)
    )


class PublicCacheMiddleware:
    """Put it before ``SessionMiddleware`` (it must see the ``Vary`` that one adds)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, MARK, None) is None or response.has_header("Cache-Control"):
            return response
        if is_public(request, response):
            remove_vary_cookie(response)
            patch_cache_control(
                response, public=True, max_age=int(cma_settings.PUBLIC_CACHE_MAX_AGE)
            )
        else:
            patch_cache_control(response, private=True, no_store=True)
        return response

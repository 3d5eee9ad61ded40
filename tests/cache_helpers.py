"""What a shared cache sees: helpers for the tests of public caching (docs/caching.md)."""

from __future__ import annotations

import re

from django.utils.cache import cc_delim_re

ORIGIN = "http://localhost"
#: The headers a browser sends with a form posted from one of the site's own pages.
SAME_ORIGIN = {"HTTP_ORIGIN": ORIGIN, "HTTP_SEC_FETCH_SITE": "same-origin"}
CROSS_SITE = {"HTTP_ORIGIN": "https://evil.example", "HTTP_SEC_FETCH_SITE": "cross-site"}


def vary(response) -> set[str]:
    return {v.lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}


def assert_shared(response, max_age: int = 60) -> None:
    """The response a shared cache may keep and give to every anonymous visitor."""
    assert response.status_code == 200, response.status_code
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    assert directives == {"public", f"max-age={max_age}"}, response.get("Cache-Control")
    assert not response.cookies, list(response.cookies)
    assert "cookie" not in vary(response), response.get("Vary")
    html = response.content.decode(errors="replace")
    assert "csrfmiddlewaretoken" not in html


def assert_not_shared(response) -> None:
    control = response.get("Cache-Control", "")
    assert "private" in control or "no-store" in control, control
    assert "public" not in control


def token_from(html: str, name: str = "form_started") -> str:
    """The time trap's token as it is written in a page (a cached copy)."""
    match = re.search(rf'name="([\w-]*{name})" value="([^"]+)"', html)
    assert match, f"no {name} in the page"
    return match.group(2)


# A frontend cache that records what it is asked to purge ---------------------------------
PURGED: list[str] = []
FAKE_FRONTEND_CACHE = {"fake": {"BACKEND": "tests.cache_helpers.FakeFrontendCache"}}


def _base_backend():
    from wagtail.contrib.frontend_cache.backends.base import BaseBackend

    return BaseBackend


class FakeFrontendCache(_base_backend()):
    def purge(self, url):
        PURGED.append(url)


class BrokenFrontendCache(_base_backend()):
    def purge(self, url):
        raise OSError("cache down")

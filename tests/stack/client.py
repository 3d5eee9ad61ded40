"""An artisan's browser, without JavaScript: load the page carrying the callback form, post it."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

FORM = re.compile(r'(<form class="cma-form cma-callback__form".*?</form>)', re.S)
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Artisan:
    """One visitor at one address (``X-Forwarded-For``, as the load balancer in front of
    the proxy would write it); keeps cookies like a browser (there may be none)."""

    def __init__(self, address: str):
        self.address = address
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect
        )

    def get(self, url: str) -> tuple[int, dict, str]:
        request = urllib.request.Request(  # noqa: S310 (loopback only)
            url, headers={"X-Forwarded-For": self.address}
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read().decode(errors="replace")

    def ask_for_a_call(self, page_url: str, *, phone: str, email: str, post_to: str = "") -> int:
        """Load ``page_url``, fill its callback form, post it (to ``post_to``'s host if
        given, e.g. one app server); return the answer's status (303: stored)."""
        status, _headers, html = self.get(page_url)
        assert status == 200, (page_url, status)
        match = FORM.search(html)
        assert match, f"no callback form on {page_url}"
        form = match.group(1)
        fields = dict(HIDDEN.findall(form))
        prefix = next(name for name in fields if name.endswith("-form_started"))[
            : -len("-form_started")
        ]
        topic = re.search(rf'name="{prefix}-topic" value="([^"]+)"', form).group(1)
        fields.update(
            {
                f"{prefix}-name": "Artisan de la pile",
                f"{prefix}-topic": topic,
                f"{prefix}-consent": "on",
                f"{prefix}-message": "Test de la pile de production",
                f"{prefix}-phone": phone,
                f"{prefix}-email": email,
            }
        )
        action = re.search(r'action="([^"#]*)', form).group(1)
        origin = "/".join((post_to or page_url).split("/")[:3])
        request = urllib.request.Request(  # noqa: S310 (loopback only)
            urllib.parse.urljoin(origin + "/", action),
            data=urllib.parse.urlencode(fields).encode(),
            headers={"X-Forwarded-For": self.address, "Referer": page_url, "Origin": origin},
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code

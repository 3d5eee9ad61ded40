"""16 concurrent clients × 50 callback POSTs against gunicorn (2 workers): no 5xx, nothing lost.

Every client loads the home page (the form's signed start time; no CSRF cookie: the form
is checked as same-origin),
then posts 50 valid forms with its own phone numbers, loading the page again before each
(a time-trap token is good for one submission). Each 303 answer must be one stored
request: the rows in the database are counted against the answers.
"""

from __future__ import annotations

import http.cookiejar
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

import pytest

from tests.browser.conftest import DemoServer

pytestmark = pytest.mark.slow  # run by `make test-slow` (CMA_RUN_SLOW=1)

CLIENTS = 16
POSTS_PER_CLIENT = 50
PHONE_PREFIX = "+33611"  # +33 6 11 CC NNNN: client CC, request NNNN

LOAD_ENV = {
    "CMA_WAGTAIL_RATE_LIMIT_PER_IP": "1000000,3600",
    "CMA_WAGTAIL_RATE_LIMIT_PER_PHONE": "1000000,3600",
    "CMA_WAGTAIL_MIN_FILL_SECONDS": "0",
    "DEBUG": "0",
}

# Intake open whatever the time of day and with no daily quota, so that every valid POST
# is stored (the point here is concurrency, not the opening hours).
OPEN_INTAKE = """
from cma_wagtail.callbacks.models import CallbackTeam
from cma_wagtail.models import ChamberSettings
for chamber in ChamberSettings.objects.all():
    chamber.callback_intake_open = True
    chamber.callback_intake_opening_hours_only = False
    chamber.save()
CallbackTeam.objects.update(daily_quota=None)
"""

COUNT_ROWS = f"""
from django.db import connection
from cma_wagtail.callbacks.models import CallbackRequest
rows = CallbackRequest.objects.filter(phone__startswith="{PHONE_PREFIX}")
print(rows.count(), sum(rows.values_list("submission_count", flat=True)))
if connection.vendor == "sqlite":
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        print(cursor.fetchone()[0])
"""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _value(html: str, pattern: str) -> str:
    match = re.search(pattern, html, re.S)
    assert match, f"not found in the page: {pattern}"
    return match.group(1)


FORM = r'(<form class="cma-form cma-callback__form".*?</form>)'
TOKEN = r'name="cb-[^"]+-form_started" value="([^"]+)"'


def _client(base_url: str, index: int, answers: Counter, lock: threading.Lock, posts: int) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    html = opener.open(base_url + "/", timeout=30).read().decode()
    form = _value(html, FORM)
    action = _value(form, r'action="([^"#]*)')
    prefix = _value(form, r'name="(cb-[^"]+)-form_started"')
    fields = {
        "page_id": _value(form, r'name="page_id" value="([^"]+)"'),
        "block_id": _value(form, r'name="block_id" value="([^"]+)"'),
        f"{prefix}-name": "Artisan en charge",
        f"{prefix}-topic": _value(form, r'name="cb-[^"]+-topic" value="([^"]+)"'),
        f"{prefix}-consent": "on",
        f"{prefix}-message": "Test de charge",
    }
    for number in range(posts):
        if number:  # a time-trap token is good for one submission: the artisan's next form
            form = _value(opener.open(base_url + "/", timeout=30).read().decode(), FORM)
        data = {
            **fields,
            f"{prefix}-form_started": _value(form, TOKEN),
            f"{prefix}-phone": f"{PHONE_PREFIX}{index:02d}{number:04d}",
        }
        request = urllib.request.Request(  # noqa: S310 (loopback only)
            base_url + action,
            data=urllib.parse.urlencode(data).encode(),
            headers={"Referer": base_url + "/"},
        )
        try:
            with opener.open(request, timeout=60) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        except OSError as exc:
            status = f"lost: {type(exc).__name__}"
        with lock:
            answers[status] += 1


def _run_load(
    server: DemoServer, clients: int = CLIENTS, posts: int = POSTS_PER_CLIENT
) -> tuple[Counter, float]:
    answers: Counter = Counter()
    lock = threading.Lock()
    threads = [
        threading.Thread(target=_client, args=(server.url, i, answers, lock, posts))
        for i in range(clients)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return answers, time.monotonic() - started


def _check(database_url: str | None, redis_url: str) -> None:
    server = DemoServer(database_url=database_url, workers=2)
    server.env.update(LOAD_ENV, REDIS_URL=redis_url)
    try:
        server.start()  # migrate, load_demo_data, gunicorn
        server.manage("shell", "-v", "0", "-c", OPEN_INTAKE)  # settings are read per request
        answers, seconds = _run_load(server)
        rows, submissions, *pragma = server.manage("shell", "-v", "0", "-c", COUNT_ROWS).split()
    finally:
        server.stop()
    total = CLIENTS * POSTS_PER_CLIENT
    print(f"\n{server.env['DATABASE_URL'].split(':')[0]}: {dict(answers)} in {seconds:.1f} s")
    assert sum(answers.values()) == total, answers
    assert not [s for s in answers if not isinstance(s, int) or s >= 500], answers
    assert answers[303] == total, answers  # every valid POST accepted
    assert int(rows) == total  # one stored request per accepted POST: none lost
    assert int(submissions) == total
    if pragma:
        assert pragma == ["wal"]  # the example site's SQLite settings hold


def test_callback_posts_under_load_on_sqlite(redis_url):
    _check(None, redis_url)


def test_callback_posts_under_load_on_postgres(fresh_postgres_url, redis_url):
    _check(fresh_postgres_url, redis_url)


def test_the_rate_limit_holds_across_four_workers(redis_url):
    """45 posts from one address to 4 gunicorn workers sharing Redis: exactly the limit (10)
    is accepted (a per-process cache let 33 to 40 through)."""
    server = DemoServer(workers=4)
    server.env.update(LOAD_ENV, REDIS_URL=redis_url, CMA_WAGTAIL_RATE_LIMIT_PER_IP="10,3600")
    try:
        server.start()
        server.manage("shell", "-v", "0", "-c", OPEN_INTAKE)
        answers, _seconds = _run_load(server, clients=5, posts=9)
        rows, _submissions, *_pragma = server.manage("shell", "-v", "0", "-c", COUNT_ROWS).split()
    finally:
        server.stop()
    print(f"\nrate limit 10/h, 4 workers, Redis: {dict(answers)}")
    assert sum(answers.values()) == 45, answers
    assert answers[303] == 10 and answers[429] == 35, answers
    assert int(rows) == 10

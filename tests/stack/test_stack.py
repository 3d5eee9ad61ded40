"""The reference deployment, end to end (docs/deployment.md): nginx caching in front of two
gunicorn app servers, PostgreSQL, Redis as the cache, django-tasks-db's worker, an SMTP sink.

Each test uses its own addresses and phone numbers, so they hold in any order.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .client import Artisan
from .conftest import RATE_LIMIT

POSTS = 1000  # from 1,000 addresses (a token from a cached page is spent per address)
CLIENT_THREADS = 10
KILL_AFTER_ACKS = 300
ACK_DOMAIN = "pile.example.org"


def _ack_counts(stack) -> Counter:
    return Counter(
        to for m in stack.smtp.snapshot() for to in m.to if to.endswith("@" + ACK_DOMAIN)
    )


def _rows(stack, where: str) -> int:
    query = f"SELECT count(*) FROM cma_callbacks_callbackrequest WHERE {where}"  # noqa: S608
    return int(stack.sql(query))


def _ready_tasks(stack) -> int:
    return int(
        stack.sql("SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'READY'")
    )


def test_1000_callback_posts_and_a_killed_worker(stack):
    """1,000 posts through the proxy over both app servers: 1,000 stored with their site,
    1,000 acknowledgements at the SMTP sink, each once, though the worker was SIGKILLed
    after the 300th and started again."""
    answers: Counter = Counter()
    lock = threading.Lock()

    def artisan(number: int) -> None:
        visitor = Artisan(f"10.20.{number // 250}.{number % 250 + 1}")
        status = visitor.ask_for_a_call(
            stack.proxy_url + "/",
            phone=f"+33612{number:06d}",
            email=f"artisan{number:04d}@{ACK_DOMAIN}",
        )
        with lock:
            answers[status] += 1

    emails_before = int(stack.sql("SELECT count(*) FROM cma_wagtail_outgoingemail"))
    sink_before = len({m.message_id for m in stack.smtp.snapshot()})
    started = time.monotonic()
    killed = {}
    posted = None
    with ThreadPoolExecutor(CLIENT_THREADS) as pool:
        futures = [pool.submit(artisan, number) for number in range(POSTS)]
        # Kill the worker once it has sent 300 acknowledgements, while the posts go on or
        # (when they were faster than the worker) while it works through the queue.
        deadline = time.monotonic() + 300
        while not killed and time.monotonic() < deadline:
            if posted is None and all(f.done() for f in futures):
                posted = time.monotonic() - started
            if sum(_ack_counts(stack).values()) >= KILL_AFTER_ACKS:
                stack.kill_worker()
                killed = {
                    "at": time.monotonic() - started,
                    "acks": sum(_ack_counts(stack).values()),
                    # Claimed by the dead worker: they stay so until the retry below.
                    "sending": int(
                        stack.sql(
                            "SELECT count(*) FROM cma_wagtail_outgoingemail "
                            "WHERE status = 'sending'"
                        )
                    ),
                    "running_tasks": int(
                        stack.sql(
                            "SELECT count(*) FROM django_tasks_database_dbtaskresult "
                            "WHERE status = 'RUNNING'"
                        )
                    ),
                }
                time.sleep(1)
                stack.start_worker()
            time.sleep(0.2)
        for future in futures:
            future.result()
    posted = posted or time.monotonic() - started
    assert killed, "the worker was never killed: not 300 acknowledgements in 5 minutes"

    # The queue drains (the restarted worker), then cma_send_outbox, run from cron in
    # production, picks up what the killed worker held; every worker stopped, nothing is
    # "sending" any more (--stale-after-minutes 0).
    deadline = time.monotonic() + 240
    while _ready_tasks(stack) and time.monotonic() < deadline:
        time.sleep(1)
    assert not _ready_tasks(stack), "the worker did not drain the queue in 4 minutes"
    stack.stop_worker()
    stack.manage("cma_send_outbox", "--stale-after-minutes", "0")
    drained = time.monotonic() - started
    stack.start_worker()  # the other tests need it (Wagtail's purges are tasks too)

    acks = _ack_counts(stack)
    messages = stack.smtp.snapshot()
    ids = Counter(m.message_id for m in messages)
    statuses = stack.sql(
        "SELECT status || '=' || count(*) FROM cma_wagtail_outgoingemail GROUP BY status"
    ).split()
    served = [
        len(re.findall(r'"POST /cma/callbacks/[^"]*" 303', stack.log(f"app{i}.log")))
        for i in (0, 1)
    ]
    print(
        f"\n1,000 posts: {dict(answers)}, posted in {posted:.1f} s, queue drained and outbox "
        f"retried at {drained:.1f} s; POSTs per app server {served}; worker killed at "
        f"{killed['at']:.1f} s after {killed['acks']} acknowledgements with "
        f"{killed['sending']} email(s) 'sending' and {killed['running_tasks']} task(s) "
        f"running; outbox {statuses}; {len(messages)} messages at the sink"
    )
    total = POSTS
    assert answers == Counter({303: total}), answers
    assert all(count > 100 for count in served), served  # both app servers took posts
    prefix = "phone LIKE '+33612%'"
    assert _rows(stack, prefix) == total  # nothing lost
    assert _rows(stack, f"{prefix} AND site_id IS NULL") == 0  # never without its site
    assert _rows(stack, f"{prefix} AND notified_at IS NULL") == 0
    unsent = stack.sql("SELECT count(*) FROM cma_wagtail_outgoingemail WHERE status <> 'sent'")
    assert unsent == "0", statuses  # every email of the outbox went out
    # Every artisan got an acknowledgement; none twice, except (at most) the email the
    # killed worker had handed to the mail server without recording it: it is sent again
    # with the same Message-ID. Then it shows at the sink as a duplicate Message-ID.
    assert set(acks) == {f"artisan{n:04d}@{ACK_DOMAIN}" for n in range(total)}
    twice = sum(count - 1 for count in ids.values())
    assert sum(acks.values()) - total <= twice <= killed["sending"], (twice, killed)
    # One acknowledgement and one team email per request (and the demo data's own).
    assert len(ids) == sink_before + 2 * total
    emails = int(stack.sql("SELECT count(*) FROM cma_wagtail_outgoingemail"))
    assert emails == emails_before + 2 * total


def test_rate_limit_holds_across_both_app_servers(stack):
    """The 11th post from one address is refused whichever app server gets it: the
    counters are in Redis, the address comes from X-Forwarded-For (TRUSTED_PROXIES)."""
    results = {}
    for address, eleventh in (("203.0.113.10", 0), ("203.0.113.11", 1)):
        visitor = Artisan(address)
        statuses = []
        for n in range(RATE_LIMIT + 1):
            # Alternate servers; the 11th lands on `eleventh`.
            server = stack.app_urls[(n + eleventh + RATE_LIMIT) % 2 if n < RATE_LIMIT else eleventh]
            statuses.append(
                visitor.ask_for_a_call(
                    server + "/",
                    phone=f"+33613{eleventh}{n:05d}",
                    email=f"limite{eleventh}-{n}@example.org",
                )
            )
        results[address] = statuses
    print(f"\nrate limit {RATE_LIMIT}/h per address over 2 app servers: {results}")
    for statuses in results.values():
        assert statuses == [303] * RATE_LIMIT + [429], statuses
    assert _rows(stack, "phone LIKE '+33613%'") == 2 * RATE_LIMIT
    assert _rows(stack, "phone LIKE '+33613%' AND site_id IS NULL") == 0
    # Another address is not affected.
    assert (
        Artisan("203.0.113.12").ask_for_a_call(
            stack.app_urls[1] + "/", phone="+33613900000", email="autre@example.org"
        )
        == 303
    )


NEWS = """
from cma_wagtail.crisis_news.models import CrisisNewsPage
page = CrisisNewsPage.objects.live().public().order_by("pk").first()
print(page.pk, page.get_url())
"""

EDIT = """
from wagtail.models import Page
page = Page.objects.get(pk={pk}).specific
page.title = {title!r}
page.save_revision().publish()
"""

UNPUBLISH = """
from wagtail.models import Page
Page.objects.get(pk={pk}).specific.unpublish()
"""

BANNER = """
from wagtail.models import Site
from cma_wagtail.models import ChamberSettings
chamber = ChamberSettings.for_site(Site.objects.get(is_default_site=True))
chamber.crisis_mode = True
chamber.crisis_banner_message = {message!r}
chamber.save()
"""


def _get(url: str) -> tuple[int, dict, str]:
    return Artisan("192.0.2.1").get(url)


def _cached(stack, path: str) -> str:
    """Load ``path`` through the proxy until it comes from the cache; return the page."""
    for _attempt in range(3):
        status, headers, html = _get(stack.proxy_url + path)
        if headers.get("X-Cache-Status") in ("HIT", "UPDATING", "STALE"):
            return html
    raise AssertionError(f"{path} is not served from the proxy's cache: {status} {headers}")


def _eventually_cached(stack, path: str, text: str, seconds: float = 60) -> str:
    """The cached copy of ``path`` once it holds ``text`` (the purge has gone through)."""
    deadline = time.monotonic() + seconds
    while True:
        html = _cached(stack, path)
        if text in html or time.monotonic() > deadline:
            return html
        time.sleep(0.5)


def test_an_editors_change_is_seen_everywhere_at_the_next_request(stack):
    """Publish, crisis banner, unpublish made by one process: the other app server shows it
    at its next request, and the proxy serves the new page once Wagtail has purged it."""
    pk, path = stack.shell(NEWS).split()
    home_before = _cached(stack, "/")
    assert "cma-stack-banner" not in home_before
    _cached(stack, path)

    title = "Pile de production : nouvelle mesure"
    stack.shell(EDIT.format(pk=pk, title=title))
    for base in stack.app_urls:
        status, _headers, html = _get(base + path)
        assert status == 200 and title in html, (base, status)
    # Wagtail's purge is a task: the worker sends it to the proxy, which fetches the page
    # again; the new page is then the cached one.
    assert title in _eventually_cached(stack, path, title)

    message = "cma-stack-banner : fermeture des commerces non essentiels"
    stack.shell(BANNER.format(message=message))
    for base in stack.app_urls:
        for page in ("/", path):
            status, _headers, html = _get(base + page)
            assert status == 200 and message in html, (base, page, status)
    for page in ("/", path):  # every page purged
        assert message in _eventually_cached(stack, page, message), page

    # A request posted right after the change, on either server, is stored with its site.
    for number, server in enumerate(stack.app_urls):
        assert (
            Artisan(f"203.0.113.{20 + number}").ask_for_a_call(
                server + "/", phone=f"+3361400000{number}", email=f"apres{number}@example.org"
            )
            == 303
        )
    assert _rows(stack, "phone LIKE '+336140000%' AND site_id IS NOT NULL") == 2

    stack.shell(UNPUBLISH.format(pk=pk))
    for base in stack.app_urls:
        status, _headers, _html = _get(base + path)
        assert status == 404, (base, path, status)
    # The proxy's copy is replaced by the 404 (kept a minute), not served until max-age.
    deadline = time.monotonic() + 60
    while (status := _get(stack.proxy_url + path)[0]) != 404 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert status == 404, status


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_form_from_the_proxys_cache_is_accepted_in_a_browser(stack, javascript):
    """Chromium loads the home page from nginx's cache and sends its callback form: stored."""
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: run `make browser-deps`")
    from playwright.sync_api import sync_playwright

    _cached(stack, "/")  # the copy the browser will get
    # nginx serves collectstatic's output: the package's script is there for the JS run.
    assert _get(stack.proxy_url + "/static/cma_wagtail/cma_wagtail.js")[0] == 200
    phone = "+33615000001" if javascript else "+33615000002"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(
                locale="fr-FR",
                java_script_enabled=javascript,
                # Its own address (as the load balancer would say): a cached page's token
                # is spent per address.
                extra_http_headers={"X-Forwarded-For": f"192.0.2.{50 + javascript}"},
            )
            page = context.new_page()
            response = page.goto(stack.proxy_url + "/")
            assert response.headers.get("x-cache-status") in ("HIT", "UPDATING", "STALE")
            assert not context.cookies()  # nothing per visitor in a cached page
            form = page.locator("form.cma-callback__form").first
            form.locator('input[name$="-name"]').fill("Artisan au navigateur")
            form.locator('input[name$="-phone"]').fill(phone)
            form.locator('input[name$="-topic"]').first.check()
            form.locator('input[name$="-consent"]').check()
            with page.expect_navigation():
                form.locator('button[type="submit"], input[type="submit"]').first.click()
            assert page.url.startswith(stack.proxy_url)
            context.close()
        finally:
            browser.close()
    assert _rows(stack, f"phone = '{phone}' AND site_id IS NOT NULL") == 1

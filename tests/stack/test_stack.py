"""The reference deployment, end to end (docs/deployment.md): nginx caching in front of two
gunicorn app servers, PostgreSQL, Redis as the cache, django-tasks-db's worker, an SMTP sink.

Each test uses its own addresses and phone numbers, so they hold in any order.
"""

from __future__ import annotations

import re
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .admin import editor_on
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


#: Live crisis news of the demo site: id and path (the site's root path taken off).
NEWS = """
SELECT p.id, substr(p.url_path, length(r.url_path)) FROM wagtailcore_page p
JOIN cma_crisis_news_crisisnewspage n ON n.page_ptr_id = p.id
JOIN wagtailcore_site s ON s.is_default_site
JOIN wagtailcore_page r ON r.id = s.root_page_id
WHERE p.live AND p.path LIKE r.path || '%' ORDER BY p.id LIMIT 2
"""
CALLBACK_FORM = 'class="cma-form cma-callback__form"'


def _news(stack, index: int) -> tuple[str, str]:
    pk, path = stack.sql(NEWS).splitlines()[index].split("|")
    return pk, path


def _get(url: str) -> tuple[int, dict, str]:
    return Artisan("192.0.2.1").get(url)


def _cached(stack, path: str) -> tuple[dict, str]:
    """Load ``path`` through the proxy until it comes from the cache: (headers, page)."""
    for _attempt in range(3):
        status, headers, html = _get(stack.proxy_url + path)
        if headers.get("X-Cache-Status") in ("HIT", "UPDATING", "STALE"):
            return headers, html
    raise AssertionError(f"{path} is not served from the proxy's cache: {status} {headers}")


def _eventually_cached(stack, path: str, test, seconds: float = 60) -> str:
    """The cached copy of ``path`` once ``test(page)`` holds (the purge has gone through)."""
    deadline = time.monotonic() + seconds
    while True:
        _headers, html = _cached(stack, path)
        if test(html) or time.monotonic() > deadline:
            return html
        time.sleep(0.5)


def _on_both_servers(stack, path: str, test) -> None:
    for base in stack.app_urls:
        status, _headers, html = _get(base + path)
        assert status == 200 and test(html), (base, path, status)


def _post_without_token(url: str) -> int:
    """A login posted as another site would make a browser post it: no CSRF token."""
    request = urllib.request.Request(  # noqa: S310 (loopback only)
        url, data=b"username=redactrice&password=x", headers={"Origin": "https://ailleurs.example"}
    )
    try:
        return urllib.request.urlopen(request, timeout=30).status  # noqa: S310
    except urllib.error.HTTPError as exc:
        return exc.code


def _purges(stack, where: str) -> int:
    query = f"SELECT count(*) FROM cma_wagtail_frontendcachepurge WHERE {where}"  # noqa: S608
    return int(stack.sql(query))


def _unsent_purges(stack) -> str:
    return "purges not sent: " + stack.sql(
        "SELECT reason || ' ' || status || ' ' || attempts || ' ' || last_error "
        "FROM cma_wagtail_frontendcachepurge WHERE status <> 'sent'"
    )


def _wait_for(condition, seconds: float, what) -> None:
    """Wait until ``condition()``; else fail, saying ``what`` (a text, or a function of the
    stack's state then)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what() if callable(what) else what}: not within {seconds} s")
        time.sleep(0.3)


def test_an_editors_change_in_the_admin_is_seen_everywhere_at_the_next_request(stack):
    """An editor logged in to the admin of app server 1 publishes an edited page, switches
    the crisis banner on and the callback intake off, and unpublishes the page: app server 2
    shows each change at its next request, and the proxy serves the new page once the
    worker has purged it."""
    pk, path = _news(stack, 0)
    site = stack.sql("SELECT id FROM wagtailcore_site WHERE is_default_site")
    server_1 = stack.app_urls[0]
    # The admin keeps Django's CSRF check (only the public forms do without the cookie).
    assert _post_without_token(server_1 + "/admin/login/") == 403
    _headers, home_before = _cached(stack, "/")
    assert "cma-stack-banner" not in home_before and CALLBACK_FORM in home_before
    _cached(stack, path)

    title = "Pile de production : nouvelle mesure"
    message = "cma-stack-banner : fermeture des commerces non essentiels"
    with editor_on(server_1) as editor:
        editor.publish(pk, title=title)
        _on_both_servers(stack, path, lambda html: title in html)
        assert title in _eventually_cached(stack, path, lambda html: title in html)

        editor.chamber_settings(
            site, crisis_mode=True, crisis_banner_message=message, callback_intake_open=False
        )
        closed = "/"  # the home page carries the callback form: closed, the phone instead

        def changed(html):
            return message in html and CALLBACK_FORM not in html

        for page in (closed, path):
            _on_both_servers(stack, page, lambda html: message in html)
            assert message in _eventually_cached(stack, page, lambda html: message in html)
        _on_both_servers(stack, closed, changed)
        assert changed(_eventually_cached(stack, closed, changed)), "the form is still cached"

        editor.chamber_settings(site, callback_intake_open=True)
        _on_both_servers(stack, closed, lambda html: CALLBACK_FORM in html)
        assert CALLBACK_FORM in _eventually_cached(stack, closed, lambda h: CALLBACK_FORM in h)
        # A request posted right after the change, on either server, is stored with its site.
        for number, server in enumerate(stack.app_urls):
            assert (
                Artisan(f"203.0.113.{20 + number}").ask_for_a_call(
                    server + "/", phone=f"+3361400000{number}", email=f"apres{number}@example.org"
                )
                == 303
            )
        assert _rows(stack, "phone LIKE '+336140000%' AND site_id IS NOT NULL") == 2

        editor.unpublish(pk)
    for base in stack.app_urls:
        status, _headers, _html = _get(base + path)
        assert status == 404, (base, path, status)
    # The proxy's copy is replaced by the 404 (kept a minute), not served until max-age.
    deadline = time.monotonic() + 60
    while (status := _get(stack.proxy_url + path)[0]) != 404 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert status == 404, status
    # Every purge went through (the last one may still be purging the pages listing it).
    _wait_for(lambda: not _purges(stack, "status <> 'sent'"), 30, lambda: _unsent_purges(stack))


def test_a_purge_the_proxy_refuses_is_counted_and_retried(stack):
    """nginx's purge location down: the publication stands, the purge fails, cma_status
    counts it (exit 1), the proxy keeps serving the old copy (as it would until max-age
    without a purge); the location back, the worker's retry purges the page."""
    pk, path = _news(stack, 1)
    headers, old = _cached(stack, path)
    assert "max-age=60" in headers.get("Cache-Control", ""), headers
    title = "Pile de production : purge refusée puis reprise"
    reason = f"reason = 'page {pk} published'"
    stack.set_purge_location(up=False)
    try:
        with editor_on(stack.app_urls[0]) as editor:
            editor.publish(pk, title=title)
            published = time.monotonic()
        _on_both_servers(stack, path, lambda html: title in html)
        _wait_for(lambda: _purges(stack, f"{reason} AND status = 'failed'"), 30, "no failure")
        code, output = stack.status("--max-failed-purges", "0")
        headers, html = _cached(stack, path)
        assert time.monotonic() - published < 60  # within max-age: only a purge replaces it
        assert title not in html and html == old  # the control: the old copy, from the cache
        print(f"\npurge location down: cma_status exit {code}:\n{output}")
        assert code == 1, output
        assert "1 en échec" in output, output
    finally:
        stack.set_purge_location(up=True)
    assert title in _eventually_cached(stack, path, lambda html: title in html, seconds=30)
    _wait_for(lambda: _purges(stack, f"{reason} AND status = 'sent'"), 30, "not sent")
    query = f"SELECT attempts FROM cma_wagtail_frontendcachepurge WHERE {reason}"  # noqa: S608
    attempts = int(stack.sql(query))
    assert attempts >= 2  # refused, then retried
    code, output = stack.status("--max-failed-purges", "0")
    print(f"after the retry ({attempts} attempts): cma_status exit {code}:\n{output}")
    assert code == 0, output


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

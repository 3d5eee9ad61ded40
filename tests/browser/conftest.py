"""Real-browser checks: the example site served by gunicorn, driven by Playwright in Debian's
Chromium (no browser download), audited with axe-core from the npm registry.

Marked ``slow``: skipped by ``make test``, run by ``.ci/run`` (``CMA_RUN_SLOW=1``).
Needs ``/usr/bin/chromium`` (or ``CMA_CHROMIUM``) and ``axe.min.js`` (``CMA_AXE_JS``, by
default ``.cache/node_modules/axe-core/axe.min.js``, installed by ``make browser-deps``).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CMA_CHROMIUM", "/usr/bin/chromium")
AXE_JS = Path(os.environ.get("CMA_AXE_JS", ROOT / ".cache/node_modules/axe-core/axe.min.js"))
SCREENSHOTS = Path(os.environ.get("CMA_SCREENSHOTS", ROOT / "test-results" / "screenshots"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failure, a screenshot of the page as the test left it (before its context closes)."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        for name in ("page", "phone_page"):
            page = getattr(item, "funcargs", {}).get(name)
            if page is not None and not page.is_closed():
                try:
                    screenshot(page, f"FAILED-{item.name}-{name}")
                except Exception:  # noqa: S110 - a diagnostic must not hide the failure
                    pass


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DemoServer:
    """The example site with its demo data, served by gunicorn on a free loopback port."""

    def __init__(self, database_url: str | None = None, workers: int = 2):
        self.tmp = Path(tempfile.mkdtemp(prefix="cma-demo-"))
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "example_site.settings",
            "DATABASE_URL": database_url or f"sqlite:///{self.tmp / 'demo.sqlite3'}",
            # As `make demo` serves it: DEBUG off (the package's 404), WhiteNoise for static files.
            "DEBUG": "0",
            "WAGTAILADMIN_BASE_URL": self.url,
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.tmp / "mail"),
            "MEDIA_ROOT": str(self.tmp / "media"),
            # Its two gunicorn workers share one cache (the callback confirmation, the rate
            # limits), as production app servers share Redis; the journeys post more forms
            # from 127.0.0.1 than the default limits allow in an hour.
            "CACHE_DIR": str(self.tmp / "cache"),
            "CMA_WAGTAIL_RATE_LIMIT_PER_IP": "1000,3600",
            "CMA_WAGTAIL_RATE_LIMIT_PER_PHONE": "1000,3600",
        }
        self.workers = workers
        self.process = None

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout

    def start(self) -> DemoServer:
        self.manage("migrate", "--noinput", "-v0")
        self.manage("load_demo_data")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "example_site.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--access-logfile",
                "-",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=open(self.tmp / "server.log", "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + "/", timeout=2)  # noqa: S310
                return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(
            "the demo server did not start: " + (self.tmp / "server.log").read_text()
        )

    def emails(self) -> list[str]:
        folder = self.tmp / "mail"
        return [p.read_text() for p in sorted(folder.glob("*"))] if folder.exists() else []

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
        shutil.rmtree(self.tmp, ignore_errors=True)


class RunningDemoServer(DemoServer):
    """A demo server already running (``CMA_DEMO_SERVER="<url> <tmp dir>"``), to iterate on
    the browser tests without paying the migrate + demo data start-up each run."""

    def __init__(self, spec: str):
        url, tmp = spec.split()
        self.url, self.tmp, self.process = url, Path(tmp), None
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "example_site.settings",
            "DATABASE_URL": f"sqlite:///{self.tmp / 'demo.sqlite3'}",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.tmp / "mail"),
        }

    def stop(self) -> None:
        pass


@pytest.fixture(scope="session")
def demo_server():
    """One demo server for the whole browser session (journeys and audit share it)."""
    spec = os.environ.get("CMA_DEMO_SERVER")
    server = RunningDemoServer(spec) if spec else DemoServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    page = context.new_page()
    yield page
    context.close()


@contextmanager
def phone(browser, width: int = 375, height: int = 740):
    """A page in a French phone's browser context, ``width`` × ``height`` CSS pixels."""
    context = browser.new_context(
        locale="fr-FR",
        timezone_id="Europe/Paris",
        viewport={"width": width, "height": height},
        is_mobile=True,
        has_touch=True,
    )
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def phone_page(browser):
    with phone(browser) as page:
        yield page


@pytest.fixture(scope="session")
def crisis_news_page(demo_server, browser):
    """Journey 1, run once: the page the editor publishes (the artisan's journey starts there)."""
    from .journeys import publish_crisis_news

    context = browser.new_context(
        locale="fr-FR", timezone_id="Europe/Paris", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        result = publish_crisis_news(page, demo_server)
        result["admin_screenshot"] = screenshot(page, "journey-1-editor-published-admin")
    finally:
        context.close()
    return result


@pytest.fixture(scope="session")
def artisan_request(demo_server, browser, crisis_news_page):
    """Journey 2 on a phone, run once: the request the agent then handles (journey 3)."""
    from .journeys import artisan_asks_for_a_call

    context = browser.new_context(
        locale="fr-FR",
        timezone_id="Europe/Paris",
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    try:
        return artisan_asks_for_a_call(context.new_page(), demo_server, crisis_news_page)
    finally:
        context.close()


def axe_violations(page, context_selector: str | None = None) -> list[dict]:
    """Run axe-core (WCAG 2.x A and AA rules) on the page; return the violations."""
    if not AXE_JS.exists():
        pytest.fail(f"axe-core not found at {AXE_JS}: run `make browser-deps`")
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        """async (selector) => {
            const result = await axe.run(selector || document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5),
            }));
        }""",
        context_selector,
    )


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path

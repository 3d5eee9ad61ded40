"""A callback form served by a caching proxy's store is accepted, with and without
JavaScript, in a browser that never received a cookie (docs/caching.md).

nginx (Debian's nginx-light) with ``proxy_cache`` in front of gunicorn, on loopback ports
8170-8171; the page is put in the cache first, the browser then gets the cached copy
(``X-Cache-Status: HIT``) and posts it through the proxy.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import DemoServer, screenshot
from .journeys import wait_time_trap

NGINX = "/usr/sbin/nginx"
APP_PORT, PROXY_PORT = 8170, 8171
#: As root, nginx's workers would run as nobody, who cannot write in the test's folder.
USER = "user root;\n" if os.geteuid() == 0 else ""
NEWS = "/actualites-de-crise/cellule-de-crise-un-conseiller-vous-rappelle/"

CONFIG = """
{user}daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    proxy_cache_path {tmp}/cache keys_zone=cma:1m;
    map "$cookie_sessionid$cookie_messages" $cma_has_session {{ "" 0; default 1; }}
    server {{
        listen 127.0.0.1:{proxy};
        location / {{
            proxy_pass http://127.0.0.1:{app};
            proxy_set_header Host $http_host;
            proxy_cache cma;
            proxy_cache_key $http_host$request_uri;
            proxy_cache_bypass $cma_has_session;
            proxy_no_cache $cma_has_session;
            add_header X-Cache-Status $upstream_cache_status always;
        }}
    }}
}}
"""


@pytest.fixture(scope="module")
def proxied():
    if not Path(NGINX).exists():
        pytest.fail("nginx not found: apt-get install nginx-light")
    server = DemoServer()
    server.port, server.url = APP_PORT, f"http://127.0.0.1:{APP_PORT}"
    server.env["WAGTAILADMIN_BASE_URL"] = server.url
    server.start()
    tmp = Path(tempfile.mkdtemp(prefix="cma-nginx-"))
    (tmp / "nginx.conf").write_text(
        CONFIG.format(tmp=tmp, proxy=PROXY_PORT, app=APP_PORT, user=USER)
    )
    nginx = subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf")])  # noqa: S603
    url = f"http://127.0.0.1:{PROXY_PORT}"
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/", timeout=2)  # noqa: S310 (loopback)
            break
        except OSError:
            time.sleep(0.2)
    yield url
    nginx.terminate()
    nginx.wait(timeout=10)
    server.stop()
    shutil.rmtree(tmp, ignore_errors=True)


def fill_the_cache(url: str) -> None:
    for _ in range(2):
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
            status = response.headers["X-Cache-Status"]
    assert status == "HIT", status


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_form_from_the_proxy_cache_is_accepted(browser, proxied, javascript):
    url = f"{proxied}{NEWS}?copie={'js' if javascript else 'html'}"
    fill_the_cache(url)
    filled = time.monotonic()  # the token in the cached copy is as old as the copy
    context = browser.new_context(locale="fr-FR", java_script_enabled=javascript)
    page = context.new_page()
    try:
        answer = page.goto(url)
        assert answer.headers["x-cache-status"] == "HIT"
        assert "public" in answer.headers["cache-control"]
        assert context.cookies() == []
        section = page.locator(".cma-callback").first
        section.get_by_label(re.compile("^Votre nom")).fill("Élodie Marguet")
        section.locator("summary", has_text="Ajouter des précisions").click()  # folded fields
        section.get_by_label(re.compile("^Nom de l'entreprise")).fill("Céramiques Marguet")
        section.get_by_label(re.compile("^Numéro de téléphone")).fill(
            "03 53 01 99 0" + ("1" if javascript else "2")
        )
        section.get_by_role("radio").first.check()
        section.get_by_role("checkbox", name=re.compile("^J'accepte")).check()
        wait_time_trap(filled)
        section.get_by_role("button", name="Demander à être rappelé").click()
        confirmation = page.locator(".cma-callback .cma-message--success").first
        expect(confirmation).to_contain_text("Votre demande a bien été envoyée")
        assert context.cookies() == []
        screenshot(page, f"cached-form-{'js' if javascript else 'nojs'}-confirmation")
    finally:
        context.close()

"""Resident memory (VmRSS) of one gunicorn worker serving the example site after 100 and
after 5,000 mixed requests, one worker, SQLite.

The mix, in turn: every live page, feed, map and calendar of the demo; the APIs the example
site mounts (v2: Wagtail's pages and the package's endpoints, lists and a detail each; v3 on
Wagtail >= 8: the package's lists, taxonomies and details); and one callback POST in ten.
"""

from __future__ import annotations

import http.cookiejar
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from common import ROOT, save, table

sys.path.insert(0, str(ROOT))

CHECKPOINTS = (100, 5000)


def worker_pid(master_pid: int) -> int:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    assert len(children) == 1, children
    return int(children[0])


def rss_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def api_routes(server) -> list[str]:
    """API requests of the mix: lists and one detail per endpoint, v2 and (Wagtail >= 8) v3."""
    return server.manage(
        "shell",
        "-v",
        "0",
        "-c",
        "from urllib.parse import quote\n"
        "from django.apps import apps\n"
        "from wagtail.models import Page\n"
        "page = Page.objects.live().exclude(depth=1).first()\n"
        "print('/api/v2/pages/?limit=20')\n"
        "print('/api/v2/pages/?fields=*&limit=20')\n"
        "print(f'/api/v2/pages/{page.pk}/')\n"
        "models = {'crisis-news': 'cma_crisis_news.CrisisNewsPage',\n"
        "          'initiatives': 'cma_initiatives.InitiativePage',\n"
        "          'trainings': 'cma_trainings.TrainingPage'}\n"
        "v3 = apps.is_installed('wagtail.api.v3')\n"
        "for name, label in models.items():\n"
        "    item = apps.get_model(label).objects.live().public().first()\n"
        "    print(f'/api/v2/{name}/?fields=*')\n"
        "    print(f'/api/v2/{name}/{item.pk}/')\n"
        "    if v3:\n"
        "        print(f'/api/v3/cma/{name}/')\n"
        "        print(f'/api/v3/cma/{name}/{item.pk}/')\n"
        "        print(f'/api/v3/cma/{name}/slug/{quote(item.slug)}/')\n"
        "if v3:\n"
        "    print('/api/v3/cma/crisis-news/topics/')\n"
        "    print('/api/v3/cma/initiatives/categories/')",
    ).split()


def main() -> None:
    from tests.browser.conftest import DemoServer

    server = DemoServer(workers=1)
    server.env.update(
        {
            "CMA_WAGTAIL_RATE_LIMIT_PER_IP": "1000000000,3600",
            "CMA_WAGTAIL_RATE_LIMIT_PER_PHONE": "1000000000,3600",
            "CMA_WAGTAIL_MIN_FILL_SECONDS": "0",
            "DEBUG": "0",
        }
    )
    server.start()  # migrate, load_demo_data, gunicorn
    try:
        server.manage(  # settings are read per request
            "shell",
            "-v",
            "0",
            "-c",
            "from cma_wagtail.models import ChamberSettings\n"
            "ChamberSettings.objects.update(callback_intake_opening_hours_only=False)\n"
            "from cma_wagtail.callbacks.models import CallbackTeam\n"
            "CallbackTeam.objects.update(daily_quota=None)",
        )
        routes = server.manage(
            "shell",
            "-v",
            "0",
            "-c",
            "from wagtail.models import Page\n"
            "suffixes = {'crisisnewsindexpage': ['feed/', 'atom/'],\n"
            "            'initiativeindexpage': ['map.json'],\n"
            "            'trainingindexpage': ['sessions/ical/']}\n"
            "for p in Page.objects.live().specific():\n"
            "    if p.url:\n"
            "        print(p.url)\n"
            "        for suffix in suffixes.get(p._meta.model_name, []):\n"
            "            print(p.url + suffix)",
        ).split()
        api = api_routes(server)
        routes += api
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect
        )
        html = opener.open(server.url + "/", timeout=30).read().decode()
        form = re.search(r'(<form class="cma-form cma-callback__form".*?</form>)', html, re.S)
        form = form.group(1)
        prefix = re.search(r'name="(cb-[^"]+)-form_started"', form).group(1)

        def value(name):
            return re.search(rf'name="{name}" value="([^"]+)"', form).group(1)

        post = {
            "page_id": value("page_id"),
            "block_id": value("block_id"),
            f"{prefix}-form_started": value(f"{prefix}-form_started"),
            f"{prefix}-name": "Artisan",
            f"{prefix}-topic": re.search(rf'name="{prefix}-topic" value="([^"]+)"', form).group(1),
            f"{prefix}-consent": "on",
        }
        action = re.search(r'action="([^"#]*)', form).group(1)
        # Every live page, feed, map and calendar of the demo, then the API requests, in turn.
        mix = routes
        pid = worker_pid(server.process.pid)
        rows, statuses, api_statuses, done = [], {}, {}, 0
        started = time.monotonic()
        for checkpoint in CHECKPOINTS:
            while done < checkpoint:
                if done % 10 == 9:
                    data = {**post, f"{prefix}-phone": f"+33618{done:06d}"}
                    request = urllib.request.Request(  # noqa: S310 (loopback only)
                        server.url + action, data=urllib.parse.urlencode(data).encode()
                    )
                else:
                    request = server.url + mix[done % len(mix)]
                try:
                    with opener.open(request, timeout=30) as response:
                        status = response.status
                        response.read()
                except urllib.error.HTTPError as exc:
                    status = exc.code
                statuses[status] = statuses.get(status, 0) + 1
                if isinstance(request, str) and "/api/" in request:
                    api_statuses[status] = api_statuses.get(status, 0) + 1
                done += 1
            rows.append([checkpoint, rss_kib(pid)])
        seconds = time.monotonic() - started
    finally:
        server.stop()
    (_, first), (_, last) = rows
    growth = (last - first) / first * 100
    text = table(
        "Memory of one gunicorn worker (VmRSS)",
        ["after requests", "VmRSS MiB", "vs after 100"],
        [[n, f"{kib / 1024:.1f}", f"{kib / first:.3f}"] for n, kib in rows],
    )
    text += (
        f"\nGrowth {growth:+.1f} % → target ≤ 10 % {'met' if abs(growth) <= 10 else 'MISSED'}. "
        f"{sum(statuses.values())} requests in {seconds:.0f} s, statuses {statuses}; "
        f"{len(api)} API routes in the mix, their statuses {api_statuses}.\n"
    )
    save(
        "memory",
        text,
        {
            "rss_kib": rows,
            "growth_percent": growth,
            "statuses": statuses,
            "api_routes": api,
            "api_statuses": api_statuses,
        },
    )
    assert set(api_statuses) == {200}, f"API requests must succeed: {api_statuses}"


if __name__ == "__main__":
    main()

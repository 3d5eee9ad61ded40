"""Crisis-day traffic: 50 concurrent clients on the crisis news page, for 30 s each, through
the reference deployment's nginx cache, on one gunicorn app server directly (uncached), and
on a bare Wagtail page (one rich-text body, bench/bare) on the same gunicorn; in one run.

The stack is tests/stack/stack.py's (PostgreSQL, Redis, two gunicorn app servers of 2 sync
workers, nginx with example_site/deploy/nginx-cma.conf). The load generator is wrk (Debian's
package: ``make stack-deps``) on the same machine, sharing its CPUs: the conditions are
printed with the table.

``BENCH_CRISIS_SECONDS`` (30) and ``BENCH_CRISIS_CLIENTS`` (50) change the run;
``BENCH_STACK_PORT`` (8190: proxy, +1 and +2 the app servers, +5 SMTP) and
``BENCH_STACK_REDIS_DB`` (14) where it runs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from common import ROOT, save, table

sys.path.insert(0, str(ROOT))

SECONDS = int(os.environ.get("BENCH_CRISIS_SECONDS", "30"))
CLIENTS = int(os.environ.get("BENCH_CRISIS_CLIENTS", "50"))
PORT = int(os.environ.get("BENCH_STACK_PORT", "8190"))
REDIS_DB = int(os.environ.get("BENCH_STACK_REDIS_DB", "14"))
WRK = shutil.which("wrk") or "/usr/bin/wrk"
LUA = ROOT / "bench" / "wrk_report.lua"
#: What the issue asks of the figures.
TARGET_CACHED = 20.0  # cached ≥ 20 × uncached
TARGET_BARE = 0.5  # uncached crisis news ≥ 0.5 × bare Wagtail page

CACHED = "crisis news, through the nginx cache"
UNCACHED = "crisis news, gunicorn directly (uncached)"
BARE = "bare Wagtail page (one rich-text body), gunicorn"
FRAMED = "control: the same bare page in the package's site frame"

PAGES = """
from wagtail.models import Site
from bench.bare.models import BarePage
from cma_wagtail.crisis_news.models import CrisisNewsPage
news = CrisisNewsPage.objects.live().public().order_by("-first_published_at").first()
# The bare page's body is the news page's body as HTML (its blocks rendered), so that
# the two pages carry the same content and differ by what is around it and how it is built.
body = "".join(str(block) for block in news.body) or f"<p>{news.title}</p>"
home = Site.objects.get(is_default_site=True).root_page
bare = BarePage.objects.filter(slug="page-nue").first()
if bare is None:
    bare = home.add_child(instance=BarePage(title=news.title, slug="page-nue", body=body))
    bare.save_revision().publish()
print(news.get_url(), bare.get_url())
"""


def wrk(url: str, seconds: int = SECONDS, clients: int = CLIENTS) -> dict:
    result = subprocess.run(
        [
            WRK,
            f"-t{min(2, clients)}",
            f"-c{clients}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "-s",
            str(LUA),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 120,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("{"))
    data = json.loads(line)
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    data["errors"] = sum(
        data[key] for key in ("status_errors", "connect_errors", "timeouts", "read_errors")
    )
    return data


def fetch(url: str) -> tuple[dict, int]:
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (loopback only)
        return dict(response.headers), len(response.read())


def sequential_ms(url: str, count: int = 100) -> float:
    """Median time of one request at a time (no concurrency): the page's own cost."""
    times = []
    for _ in range(count):
        started = time.perf_counter()
        fetch(url)
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)[len(times) // 2]


def main() -> None:
    from tests.stack.stack import Stack, missing

    load_before = os.getloadavg()[0]
    reason = missing()
    if not Path(WRK).exists():
        reason = reason or "wrk not found: run `make stack-deps` (apt-get install wrk)"
    if reason:
        print(f"### Crisis-day traffic\n\nSkipped: {reason}.\n")
        return
    stack = Stack(
        base_port=PORT,
        redis_db=REDIS_DB,
        env={"DJANGO_SETTINGS_MODULE": "bench.stack_settings"},
        access_log=False,
    )
    with stack:
        news_path, bare_path = stack.shell(PAGES).split()
        urls = {
            CACHED: stack.proxy_url + news_path,
            UNCACHED: stack.app_urls[0] + news_path,
            BARE: stack.app_urls[0] + bare_path,
            FRAMED: stack.app_urls[0] + bare_path + "?frame=1",
        }
        sizes = {}
        for name, url in urls.items():
            for _ in range(3):  # warm: the cache entry, the workers' first requests
                headers, size = fetch(url)
            sizes[name] = size
        cache_status = fetch(urls[CACHED])[0].get("X-Cache-Status")
        results = {name: wrk(url) for name, url in urls.items()}
        # One client at a time: each page's own cost, without queueing.
        control = {name: sequential_ms(url) for name, url in urls.items() if name != CACHED}
    rows = [
        [
            name,
            f"{r['rps']:.1f}",
            f"{r['p50_us'] / 1000:.1f}",
            f"{r['p95_us'] / 1000:.1f}",
            r["errors"],
            f"{sizes[name] / 1024:.1f}",
            f"{control[name]:.1f}" if name in control else "–",
        ]
        for name, r in results.items()
    ]
    rps = {name: r["rps"] for name, r in results.items()}
    ratio_cached = rps[CACHED] / rps[UNCACHED]
    ratio_bare = rps[UNCACHED] / rps[BARE]
    ratio_framed = rps[UNCACHED] / rps[FRAMED]
    ratio_frame_cost = rps[FRAMED] / rps[BARE]
    text = table(
        f"Crisis-day traffic: {CLIENTS} concurrent clients, {SECONDS} s per page (wrk)",
        [
            "page",
            "requests/s",
            "p50 (ms)",
            "p95 (ms)",
            "errors",
            "size (KiB)",
            "alone (ms, median of 100)",
        ],
        rows,
    )
    text += (
        f"\nCached ÷ uncached: **×{ratio_cached:.0f}** (target ≥ ×{TARGET_CACHED:.0f}: "
        f"{'met' if ratio_cached >= TARGET_CACHED else 'NOT met'}); the proxy answered "
        f"`X-Cache-Status: {cache_status}`.  \n"
        f"Uncached crisis news ÷ bare Wagtail page: **×{ratio_bare:.2f}** (target ≥ "
        f"×{TARGET_BARE}: {'met' if ratio_bare >= TARGET_BARE else 'NOT met'}).  \n"
        f"Control: the same bare page inside the package's site frame ÷ bare: "
        f"×{ratio_frame_cost:.2f}; uncached crisis news ÷ framed bare page: "
        f"**×{ratio_framed:.2f}**.  \n"
        f"Conditions: one machine ({os.cpu_count()} CPUs shared with the load generator, "
        f"nginx, PostgreSQL, Redis and other jobs; load average before the run "
        f"{load_before:.1f}); 2 app servers × 2 gunicorn sync workers, DEBUG off; the "
        f"uncached pages on one app server.\n"
    )
    save(
        "crisis_traffic",
        text,
        {
            "seconds": SECONDS,
            "clients": CLIENTS,
            "results": results,
            "sizes": sizes,
            "ratio_cached": ratio_cached,
            "ratio_bare": ratio_bare,
            "ratio_framed": ratio_framed,
            "ratio_frame_cost": ratio_frame_cost,
            "control_ms": control,
        },
    )


if __name__ == "__main__":
    main()

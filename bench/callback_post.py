"""The callback POST handled by the package vs a bare Django view validating an equivalent
form and inserting one row: median time and SQL queries, same process, Django test client."""

from __future__ import annotations

import re
import time
from urllib.parse import urlencode

from common import median, percentile, save, setup_django, table

REQUESTS = 1000
#: What a browser sends for a form without files (the callback form has none).
FORM = "application/x-www-form-urlencoded"


def main() -> dict:
    setup_django()
    from data import setup_world
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cma_wagtail.callbacks.models import CallbackRequest
    from cma_wagtail.forms import timestamp_token

    world = setup_world()
    page = world.callback_page
    block_id = page.body[0].id
    client = Client()
    client.get(page.url)  # warm the site-root-paths cache, as in production
    prefix = f"cb-{block_id}"

    def fields(n: int, prefix_digits: str = "16") -> dict:
        return {
            "name": "Xavier Brignon",
            "business_name": "Pâtisserie Xavier Brignon",
            "phone": f"+336{prefix_digits}{n:06d}",
            "email": "",
            "trade": "Pâtissier",
            "postcode": "25000",
            "topic": "cash_flow",
            "message": "Besoin d'aide pour le prêt garanti.",
            "consent": "on",
        }

    def package_post(n: int):
        data = {f"{prefix}-{k}": v for k, v in fields(n).items()}
        data[f"{prefix}-form_started"] = timestamp_token(time.time() - 10)
        data.update(page_id=page.pk, block_id=block_id)
        return client.post("/cma/callbacks/submit/", urlencode(data), content_type=FORM)

    def bare_post(n: int):
        return client.post("/bench/bare-callback/", urlencode(fields(n, "17")), content_type=FORM)

    timings = {"package": [], "bare": []}
    queries = {}
    for name, post, base in (("package", package_post, 0), ("bare", bare_post, 0)):
        for n in range(20):  # warm-up
            response = post(base + 900_000 + n)
            assert response.status_code == 303, (
                re.findall(r"cma-error-summary__list.*?</ul>", response.content.decode(), re.S)
                or response.content.decode()[:200]
            )
        with CaptureQueriesContext(connection) as ctx:
            response = post(base + 800_000)
        assert response.status_code == 303, response.content[:2000]
        queries[name] = len(ctx.captured_queries)
        queries[name + "_data"] = sum(
            1
            for q in ctx.captured_queries
            if q["sql"].split()[0].upper() not in ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE")
        )
        queries[name + "_sql"] = [q["sql"][:160] for q in ctx.captured_queries]
    for n in range(REQUESTS):  # interleaved, so that both see the same machine state
        for name, post, base in (("package", package_post, 0), ("bare", bare_post, 0)):
            started = time.perf_counter()
            response = post(base + n)
            timings[name].append(time.perf_counter() - started)
            assert response.status_code == 303
    stored = CallbackRequest.objects.count()
    med = {name: median(values) * 1000 for name, values in timings.items()}
    p95 = {name: percentile(values, 95) * 1000 for name, values in timings.items()}
    ratio = med["package"] / med["bare"]
    text = table(
        f"Callback POST: package vs bare Django view (median of {REQUESTS} requests each)",
        ["View", "median ms", "p95 ms", "SQL statements", "data queries", "ratio to bare"],
        [
            [
                "bare Django view (form + 1 INSERT)",
                f"{med['bare']:.2f}",
                f"{p95['bare']:.2f}",
                queries["bare"],
                queries["bare_data"],
                "1.00",
            ],
            [
                "cma_callbacks:submit",
                f"{med['package']:.2f}",
                f"{p95['package']:.2f}",
                queries["package"],
                queries["package_data"],
                f"{ratio:.2f}",
            ],
        ],
    )
    control = queries["package"] - queries["package_data"]
    text += (
        f"\nTargets: ratio ≤ 1.5 → {'met' if ratio <= 1.5 else 'MISSED'} ({ratio:.3f}); "
        f"data queries ≤ 6 → {'met' if queries['package_data'] <= 6 else 'MISSED'}"
        + (f" (plus {control} transaction statements)" if control else "")
        + f". {stored} requests stored.\n"
    )
    save(
        "callback_post", text, {"median_ms": med, "p95_ms": p95, "ratio": ratio, "queries": queries}
    )
    return queries


if __name__ == "__main__":
    main()

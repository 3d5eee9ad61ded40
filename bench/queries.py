"""SQL queries per request vs N (10, 100, 1,000) for every listing, feed, map and API list,
beside Wagtail's own API v2 pages endpoint with ``fields=*`` on the same data.

API lists ask for ``LIMIT`` items (``WAGTAILAPI_LIMIT_MAX`` in ``bench/settings.py``, which
both API versions enforce), so that at N = 1,000 every item is in the one page measured.
"""

from __future__ import annotations

import time

from common import save, setup_django, table

SIZES = (10, 100, 1000)
TARGET = 12
LIMIT = 1000


def endpoints(world) -> list[tuple[str, str, dict, bool]]:
    """(label, url, params, needs login)."""
    from django.apps import apps

    news, initiatives, trainings = (
        world.news_index.url,
        world.initiatives_index.url,
        world.trainings_index.url,
    )

    def api(model, **extra):
        return {"type": model, "fields": "*", "limit": LIMIT, **extra}

    v2 = {"fields": "*", "limit": LIMIT}
    v3 = {"limit": LIMIT}

    return [
        ("Crisis news index", news, {}, False),
        ("Crisis news RSS", news + "feed/", {}, False),
        ("Crisis news Atom", news + "atom/", {}, False),
        ("Initiatives index", initiatives, {}, False),
        ("Initiatives map.json", initiatives + "map.json", {}, False),
        ("Training catalogue", trainings, {}, False),
        ("Sessions iCal feed", trainings + "sessions/ical/", {}, False),
        ("Callback inbox (admin)", "/admin/cma_callbacks/callbackrequest/", {}, True),
        ("Registrations inbox (admin)", "/admin/cma_trainings/registration/", {}, True),
        (
            "API v2 CrisisNewsPage (api_fields)",
            "/api/v2/pages/",
            api("cma_crisis_news.CrisisNewsPage"),
            False,
        ),
        (
            "API v2 InitiativePage (api_fields)",
            "/api/v2/pages/",
            api("cma_initiatives.InitiativePage"),
            False,
        ),
        (
            "API v2 TrainingPage (api_fields)",
            "/api/v2/pages/",
            api("cma_trainings.TrainingPage"),
            False,
        ),
        # The package's own v2 endpoints (cma_wagtail.api.v2_router()).
        ("API v2 /crisis-news/ fields=*", "/api/v2/crisis-news/", v2, False),
        ("API v2 /initiatives/ fields=*", "/api/v2/initiatives/", v2, False),
        ("API v2 /trainings/ fields=*", "/api/v2/trainings/", v2, False),
        # The package's v3 lists (Wagtail >= 8); the taxonomies are not paginated.
        *(
            [
                ("API v3 /cma/crisis-news/", "/api/v3/cma/crisis-news/", v3, False),
                ("API v3 /cma/crisis-news/topics/", "/api/v3/cma/crisis-news/topics/", {}, False),
                ("API v3 /cma/initiatives/", "/api/v3/cma/initiatives/", v3, False),
                (
                    "API v3 /cma/initiatives/categories/",
                    "/api/v3/cma/initiatives/categories/",
                    {},
                    False,
                ),
                ("API v3 /cma/trainings/", "/api/v3/cma/trainings/", v3, False),
            ]
            if apps.is_installed("wagtail.api.v3")
            else []
        ),
        (
            "Wagtail v2 pages fields=* (baseline, wagtailcore.Page)",
            "/api/v2/pages/",
            {**v2, "descendant_of": world.home.pk},
            False,
        ),
    ]


def count_queries(client, url, params) -> tuple[int, int, tuple[int, int] | None]:
    """Queries of the second request, its status, and for an API list (items, total)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, params)  # warm caches (site root paths, renditions), as in production
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    listed = None
    if response.get("Content-Type", "").startswith("application/json"):
        data = response.json()
        if isinstance(data, dict) and "items" in data:  # v2: meta.total_count, v3: count
            total = data["meta"]["total_count"] if "meta" in data else data["count"]
            listed = (len(data["items"]), total)
    return len(ctx.captured_queries), response.status_code, listed


def main() -> dict:
    setup_django()
    from data import setup_world, top_up
    from django.test import Client

    world = setup_world()
    anonymous, staff = Client(), Client()
    staff.force_login(world.admin)
    counts: dict[str, dict[int, int]] = {}
    build_seconds = {}
    for n in SIZES:
        started = time.monotonic()
        top_up(world, n)
        build_seconds[n] = round(time.monotonic() - started, 1)
        for label, url, params, login in endpoints(world):
            queries, status, listed = count_queries(staff if login else anonymous, url, params)
            assert status == 200, (label, status)
            if listed and not label.startswith("Wagtail"):
                # The package's API lists return all N items in the page measured.
                assert listed[0] == listed[1] >= n, (label, n, listed)
            counts.setdefault(label, {})[n] = queries
    rows = []
    for label, by_n in counts.items():
        ratio = by_n[1000] / by_n[10]
        is_baseline = label.startswith("Wagtail")
        ok = (
            "—"
            if is_baseline
            else ("yes" if by_n[1000] <= TARGET and by_n[1000] == by_n[10] else "NO")
        )
        rows.append([label, by_n[10], by_n[100], by_n[1000], f"{ratio:.2f}", ok])
    text = table(
        "SQL queries per request vs N",
        ["Listing", "N=10", "N=100", "N=1,000", "ratio 1,000/10", f"≤ {TARGET} and flat"],
        rows,
    )
    text += f"\nData built in code: {build_seconds} seconds to reach each N.\n"
    save("queries", text, {"counts": counts, "build_seconds": build_seconds})
    return counts


if __name__ == "__main__":
    main()

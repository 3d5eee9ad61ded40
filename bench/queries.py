"""SQL queries per request vs N (10, 100, 1,000) for every listing, feed, map and API list,
beside Wagtail's own API v2 pages endpoint with ``fields=*`` on the same data."""

from __future__ import annotations

import time

from common import save, setup_django, table

SIZES = (10, 100, 1000)
TARGET = 12


def endpoints(world) -> list[tuple[str, str, dict, bool]]:
    """(label, url, params, needs login)."""
    news, initiatives, trainings = (
        world.news_index.url,
        world.initiatives_index.url,
        world.trainings_index.url,
    )

    def api(model, **extra):
        return {"type": model, "fields": "*", "limit": 1000, **extra}

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
        (
            "Wagtail v2 pages fields=* (baseline, wagtailcore.Page)",
            "/api/v2/pages/",
            {"fields": "*", "limit": 1000, "descendant_of": world.home.pk},
            False,
        ),
    ]


def count_queries(client, url, params) -> tuple[int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, params)  # warm caches (site root paths, renditions), as in production
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    return len(ctx.captured_queries), response.status_code


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
            queries, status = count_queries(staff if login else anonymous, url, params)
            assert status == 200, (label, status)
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

"""The production-shaped stack (docs/deployment.md): slow and PostgreSQL-marked, run by
``make test-slow`` and CI; skipped with the reason when nginx, PostgreSQL or Redis is missing."""

from __future__ import annotations

import os

import pytest

from .stack import Stack, missing

#: Ports of the stack (proxy, app servers +1 and +2, SMTP sink +5) and its Redis database.
BASE_PORT = int(os.environ.get("CMA_STACK_PORT", "8180"))
REDIS_DB = int(os.environ.get("CMA_STACK_REDIS_DB", "13"))
#: Prefix of the stack's throwaway PostgreSQL database (a random suffix is added).
DB_PREFIX = os.environ.get("CMA_STACK_DB_PREFIX", "cma_stack")
#: The per-IP limit of the public forms in this stack (the rate-limit scenario's "10").
RATE_LIMIT = 10
#: Seconds between the attempts of a refused purge (production: 10, 60, 300, 1800).
PURGE_RETRY_SECONDS = "2,3,5,5,5,5,5,5,5,5,5,5"


def pytest_ignore_collect(collection_path, config):
    from django.apps import apps

    needed = ("cma_wagtail.callbacks", "cma_wagtail.crisis_news")
    if collection_path.name.startswith("test_") and not all(map(apps.is_installed, needed)):
        return True
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/stack" in str(item.fspath):
            item.add_marker(pytest.mark.slow)
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(scope="module")
def stack():
    reason = missing()
    if reason:
        pytest.skip(reason)
    with Stack(
        base_port=BASE_PORT,
        redis_db=REDIS_DB,
        db_prefix=DB_PREFIX,
        env={
            "CMA_WAGTAIL_RATE_LIMIT_PER_IP": f"{RATE_LIMIT},3600",
            "CMA_WAGTAIL_RATE_LIMIT_PER_PHONE": "1000000,3600",
            # A refused purge is retried within seconds (test_a_refused_purge_…).
            "CMA_WAGTAIL_PURGE_RETRY_SECONDS": PURGE_RETRY_SECONDS,
        },
    ) as running:
        yield running

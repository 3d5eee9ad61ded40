"""Load and fault checks (issue 9): bounded, loopback only, marked ``slow``.

Skipped by ``make test``; run by ``make test-slow`` (``CMA_RUN_SLOW=1 pytest -m slow``) in CI.
"""

from __future__ import annotations

import os
import subprocess
import uuid

import pytest

PG_HOST = "127.0.0.1"
#: The shared cache of the servers started by the load tests, as in production (several
#: gunicorn workers share their rate-limit counters and cached filter options through it).
REDIS_URL = os.environ.get("CMA_LOAD_REDIS_URL", "redis://127.0.0.1:6379/5")

#: The capability each module exercises: skipped when it is not installed (CMA_TEST_ONLY).
NEEDS = {
    "test_callback_load.py": "cma_wagtail.callbacks",
    "test_mail_server_down.py": "cma_wagtail.callbacks",
    "test_registration_race.py": "cma_wagtail.trainings",
}


def pytest_ignore_collect(collection_path, config):
    from django.apps import apps

    app = NEEDS.get(collection_path.name)
    if app and not apps.is_installed(app):
        return True
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/load" in str(item.fspath):
            item.add_marker(pytest.mark.slow)


def postgres_available() -> bool:
    try:
        return (
            subprocess.run(
                ["pg_isready", "-h", PG_HOST, "-p", "5432", "-q"], timeout=5, check=False
            ).returncode
            == 0
        )
    except (OSError, subprocess.TimeoutExpired):
        return False


def _psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", PG_HOST, "-U", "postgres", "-q", "-c", sql],
        check=True,
        capture_output=True,
        timeout=60,
    )


@pytest.fixture
def fresh_postgres_url():
    """A new, empty PostgreSQL database on 127.0.0.1 (dropped afterwards); skips without PG."""
    if not postgres_available():
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
    name = f"cma_load_{uuid.uuid4().hex[:10]}"
    _psql(f"CREATE DATABASE {name}")
    yield f"postgres://postgres@{PG_HOST}:5432/{name}"
    _psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def redis_url():
    """``REDIS_URL`` for a demo server: the load tests' Redis database, emptied before and
    after (rate-limit windows must start at zero); skips without Redis."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.flushdb()
    except redis.RedisError:
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    yield REDIS_URL
    client.flushdb()

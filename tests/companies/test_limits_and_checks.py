"""The rate limit under concurrency, and the system check of the settings."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from cma_wagtail.checks import check_company_directory
from cma_wagtail.companies import client
from tests.companies import fake_directory as fake


def test_threads_of_one_process_never_exceed_the_configured_rate(fake_directory, settings):
    settings.CMA_WAGTAIL_COMPANY_DIRECTORY_RATE = 30
    sirets = [fake.luhn_siret(f"7{n:08d}0001") for n in range(60)]
    chunks = [sirets[i::6] for i in range(6)]

    def work(chunk):
        for siret in chunk:
            client.search(q=siret)

    threads = [threading.Thread(target=work, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert fake_directory.count == 60
    assert fake_directory.max_per_second <= 30, fake_directory.per_second


def ids(errors):
    return [error.id for error in errors]


@pytest.mark.parametrize(
    "overrides, expected",
    [
        ({}, []),
        ({"CMA_WAGTAIL_COMPANY_DIRECTORY_URL": ""}, []),
        ({"CMA_WAGTAIL_COMPANY_DIRECTORY_URL": "recherche-entreprises.api.gouv.fr"}, ["E008"]),
        ({"CMA_WAGTAIL_COMPANY_DIRECTORY_RATE": 0}, ["E009"]),
        ({"CMA_WAGTAIL_COMPANY_DIRECTORY_RATE": "5"}, ["E009"]),
        ({"CMA_WAGTAIL_COMPANY_DIRECTORY_RATE": 10}, ["W009"]),
        ({"CMA_WAGTAIL_COMPANY_DIRECTORY_CACHE": "nope"}, ["E010"]),
    ],
)
def test_check_explains_a_misconfiguration(settings, overrides, expected):
    settings.CMA_WAGTAIL_COMPANY_DIRECTORY_URL = "https://recherche-entreprises.api.gouv.fr"
    for name, value in overrides.items():
        setattr(settings, name, value)

    errors = check_company_directory(None)

    assert ids(errors) == [f"cma_wagtail.{code}" for code in expected]
    assert all(error.hint for error in errors)


REDIS_URL = os.environ.get("CMA_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


def _redis_or_skip():
    import redis

    try:
        connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
        connection.flushdb()
    except (redis.exceptions.ConnectionError, OSError):
        pytest.skip(f"needs Redis at {REDIS_URL}")


@pytest.mark.slow  # two Django processes start (about 7 s)
def test_two_processes_sharing_the_cache_stay_under_the_rate_together(fake_directory):
    """Each process alone would send 20 per second; together they still send at most 20."""
    _redis_or_skip()
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.companies.lookup_worker",
                fake_directory.url,
                REDIS_URL,
                "20",
                str(first),
                "20",
            ],
            cwd=Path(__file__).resolve().parents[2],
        )
        for first in (0, 1000)
    ]
    for worker in workers:
        assert worker.wait(timeout=120) == 0

    assert fake_directory.count == 40
    assert fake_directory.max_per_second <= 20, fake_directory.per_second

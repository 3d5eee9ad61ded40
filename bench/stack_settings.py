"""The example site as the reference deployment runs it (env: DATABASE_URL, REDIS_URL,
TASKS_BACKEND…), plus the benchmarks' bare Wagtail page type (bench/crisis_traffic.py)."""

from example_site.settings import *  # noqa: F403
from example_site.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench.bare"]

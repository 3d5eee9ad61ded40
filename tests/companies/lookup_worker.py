"""A separate process looking SIRETs up (the cross-process rate-limit test runs two of them).

``python -m tests.companies.lookup_worker <directory url> <redis url> <rate> <first> <count>``
"""

import os
import sys


def main(url: str, redis_url: str, rate: str, first: str, count: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django
    from django.conf import settings

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
    settings.CMA_WAGTAIL_COMPANY_DIRECTORY_URL = url
    settings.CMA_WAGTAIL_COMPANY_DIRECTORY_RATE = int(rate)
    django.setup()

    from cma_wagtail.companies import client
    from tests.companies.fake_directory import luhn_siret

    for number in range(int(first), int(first) + int(count)):
        client.search(q=luhn_siret(f"6{number:08d}0001"))


if __name__ == "__main__":
    main(*sys.argv[1:])

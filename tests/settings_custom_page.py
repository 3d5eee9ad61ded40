"""The test settings on a site that swaps Wagtail's base page model (Wagtail 8).

``tests.basepage`` defines ``BasePage`` (``WAGTAIL_PAGE_MODEL``); the package's page types, the
example site's ``HomePage`` and ``StandardPage`` are then built on it (see docs/custom-base-page.md).
Run: ``DJANGO_SETTINGS_MODULE=tests.settings_custom_page python -m pytest -m "not v2_only"``…
"""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS

# Before Wagtail's apps, as Wagtail's own test settings do.
INSTALLED_APPS = ["tests.basepage", *INSTALLED_APPS]
WAGTAIL_PAGE_MODEL = "basepage.BasePage"

"""Markers shared by the test modules."""

import pytest
from django.apps import apps

#: The test goes through Wagtail 8's API v3 (absent on Wagtail 7.4 LTS).
needs_v3 = pytest.mark.skipif(
    not apps.is_installed("wagtail.api.v3"), reason="API v3 needs Wagtail >= 8"
)

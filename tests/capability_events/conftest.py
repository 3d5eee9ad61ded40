"""The test capability's tests run only where it is installed (``CMA_TEST_EVENTS=1``)."""

from django.apps import apps

if not apps.is_installed("tests.capability_events"):
    collect_ignore_glob = ["test_*.py"]

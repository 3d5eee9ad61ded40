"""Headless API tests: every capability installed and Wagtail >= 8 (API v3)."""

import pytest
from django.apps import apps

from cma_wagtail.capabilities import shipped

if not apps.is_installed("wagtail.api.v3") or not all(apps.is_installed(m) for m in shipped()):
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture
def api_token(db):
    """A valid bearer token of a user without any permission."""
    from wagtail.models import APIToken

    from tests.factories import UserFactory

    _token, plaintext = APIToken.create_token(user=UserFactory(), name="front end")
    return plaintext


@pytest.fixture
def linked(home_page):
    """An image, a document and a page that bodies refer to."""
    from tests.factories import DocumentFactory, ImageFactory, StandardPageFactory

    return ImageFactory(), DocumentFactory(), StandardPageFactory(parent=home_page)

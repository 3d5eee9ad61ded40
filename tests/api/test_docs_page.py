"""/api/v3/docs/ loads nothing from another site (docs/gdpr.md: no external scripts)."""

import re
from types import SimpleNamespace

import pytest

from cma_wagtail import checks

pytestmark = pytest.mark.django_db

ASSET = re.compile(r"""<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=\s*["']([^"']+)""", re.I)


def test_the_docs_page_loads_only_the_sites_own_assets(client):
    response = client.get("/api/v3/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assets = ASSET.findall(html)
    assert any("swagger-ui-bundle.js" in url for url in assets)
    assert [url for url in assets if re.match(r"(https?:)?//", url)] == []
    assert '"validatorUrl": "none"' in html  # no badge fetched from validator.swagger.io


def test_the_example_site_passes_the_docs_check():
    assert checks.check_api_docs_assets(None) == []


def test_docs_loading_a_cdn_warns(monkeypatch, settings):
    """Without "ninja" (the exact name django-ninja looks for), the page uses the CDN."""
    without_ninja = [app for app in settings.INSTALLED_APPS if app != "ninja"]
    monkeypatch.setattr(checks, "settings", SimpleNamespace(INSTALLED_APPS=without_ninja))
    assert [m.id for m in checks.check_api_docs_assets(None)] == ["cma_wagtail.W007"]
    monkeypatch.setattr(
        checks,
        "settings",
        SimpleNamespace(INSTALLED_APPS=without_ninja, WAGTAILAPI_DOCS_ENABLED=False),
    )
    assert checks.check_api_docs_assets(None) == []

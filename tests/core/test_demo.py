import pytest
import swapper
from django.core.management import call_command
from wagtail.models import Site

from cma_wagtail.models import ChamberSettings

Page = swapper.load_model("wagtailcore", "Page")


@pytest.mark.django_db
def test_load_demo_data_is_idempotent(client):
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    counts = Page.objects.count()
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    assert Page.objects.count() == counts
    site = Site.objects.get(is_default_site=True)
    assert ChamberSettings.for_site(site).chamber_name == "CMA du Doubs"
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cellule de crise" in html and "03 81 21 22 23" in html
    assert client.login(username="admin", password="cma-demo-2020")
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_demo_crisis_page_is_built_from_the_block_library(client):
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    from wagtail.documents import get_document_model

    assert get_document_model().objects.count() == 1
    page = Page.objects.get(slug="cellule-de-crise")
    html = client.get(page.url).content.decode()
    assert 'role="alert"' in html and "Urgent\u00a0:" in html
    assert "cma-key-figure__value" in html
    assert "<details" in html and "application/ld+json" in html
    assert "(TXT, " in html
    assert '<a href="tel:+33381212223">03 81 21 22 23</a>' in html


@pytest.mark.django_db
def test_demo_home_lists_news_sessions_and_initiatives_once(client):
    from example_site.home.models import HomePage

    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    home = HomePage.objects.get()
    revisions = home.revisions.count()
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    home.refresh_from_db()
    assert home.revisions.count() == revisions  # the second run changes nothing
    types = [child.block_type for child in home.body]
    for name in ("latest_news", "upcoming_sessions", "initiatives"):
        assert types.count(name) == 1
    if "callback_request" in types:
        assert types.index("initiatives") < types.index("callback_request")
    html = client.get("/").content.decode()
    from cma_wagtail.capabilities import is_installed

    if is_installed("cma_crisis_news"):
        assert "Dernières actualités de crise" in html
        assert "Cellule de crise\u00a0: un conseiller vous rappelle" in html
    if is_installed("cma_trainings"):
        assert "M’inscrire" in html
    if is_installed("cma_initiatives"):
        assert "Des artisans se mobilisent" in html and "cma-initiative-card" in html
    if not is_installed("cma_crisis_news"):
        assert "Dernières actualités de crise" not in html


@pytest.mark.django_db
def test_demo_site_follows_the_port_it_is_served_on(settings):
    """`PORT=8140 make demo`: the Site (links in emails and feeds) and the printed URLs follow."""
    import io

    from example_site.home.models import HomePage

    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8140"
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8140)
    assert HomePage.objects.get().full_url == "http://127.0.0.1:8140/"
    lines = out.getvalue().splitlines()
    assert lines[0] == "Site\u00a0: http://127.0.0.1:8140/"
    assert any("http://127.0.0.1:8140/admin/" in line and "admin" in line for line in lines)
    quiet = io.StringIO()
    call_command("load_demo_data", stdout=quiet, verbosity=0)
    assert quiet.getvalue() == ""


def test_port_drives_the_admin_base_url_and_debug_is_off_by_default():
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "WAGTAILADMIN_BASE_URL")}
    code = (
        "import example_site.settings as s;"
        "print(s.WAGTAILADMIN_BASE_URL, s.DEBUG, s.EMAIL_BACKEND.rsplit('.', 2)[-2])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env={**env, "PORT": "8140"}, capture_output=True, text=True
    )
    assert result.stdout.split() == ["http://127.0.0.1:8140", "False", "filebased"]

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from cma_wagtail.models import ChamberSettings


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

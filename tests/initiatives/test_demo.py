import pytest
from django.core.management import call_command

from cma_wagtail.initiatives.models import InitiativePage, InitiativeProposal


@pytest.mark.django_db
def test_demo_initiatives(client):
    from wagtail.images import get_image_model

    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    images = get_image_model().objects.count()
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    assert get_image_model().objects.count() == images
    assert InitiativePage.objects.live().count() == 5
    proposal = InitiativeProposal.objects.get()
    assert not proposal.page.live
    assert proposal.page.current_workflow_state is not None
    index = InitiativePage.objects.live().first().get_parent()
    html = client.get(index.url).content.decode()
    assert "Au Cœur du Tricot" in html and "Boulangerie du Saugeais" not in html
    assert 'alt="Des masques en tissu aux motifs tricotés"' in html
    voucher = InitiativePage.objects.get(slug="plateforme-bons-d-achat-bretagne")
    assert "31 décembre 2020" in client.get(voucher.url).content.decode()
    features = client.get(index.url + "map.json").json()["features"]
    assert len(features) == 5
    tricot = next(f for f in features if f["properties"]["town"] == "Montperreux")
    assert tricot["geometry"]["coordinates"] == [6.35, 46.826]

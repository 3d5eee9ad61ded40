import pytest
from django.core.management import call_command
from django.utils import timezone

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
    # Every card has its photo, with the photo's text alternative.
    assert html.count('class="cma-initiative-card__image"') == 5
    assert (
        'alt="Des pelotes de laine et des aiguilles\u00a0: l&#x27;atelier Au Cœur du Tricot"'
        in html
    )
    voucher = InitiativePage.objects.get(slug="plateforme-bons-d-achat-bretagne")
    # Vouchers valid for six months from today, not until a date of 2020.
    assert voucher.voucher_valid_until > timezone.localdate()
    assert "2020" not in client.get(voucher.url).content.decode()
    features = client.get(index.url + "map.json").json()["features"]
    assert len(features) == 5
    tricot = next(f for f in features if f["properties"]["town"] == "Montperreux")
    assert tricot["geometry"]["coordinates"] == [6.35, 46.826]

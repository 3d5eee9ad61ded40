import pytest
from django.core.management import call_command
from wagtail.models import Site

from cma_wagtail.callbacks.models import CallbackAttempt, CallbackRequest
from cma_wagtail.models import ChamberSettings


@pytest.mark.django_db
def test_demo_has_team_agent_block_and_requests_in_every_state(client):
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    counts = (CallbackRequest.objects.count(), CallbackAttempt.objects.count())
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    assert (CallbackRequest.objects.count(), CallbackAttempt.objects.count()) == counts
    assert counts[0] >= 20
    states = set(CallbackRequest.objects.values_list("status", flat=True))
    assert states == {"new", "assigned", "called_back", "unreachable", "closed"}
    chamber = ChamberSettings.for_site(Site.objects.get(is_default_site=True))
    assert (
        chamber.callback_page.specific == Site.objects.get(is_default_site=True).root_page.specific
    )
    html = client.get("/").content.decode()
    assert html.count('name="block_id"') == 1
    assert "Être rappelé par la cellule de crise" in html
    assert client.login(username="agent.crise", password="cellule-crise-2020")
    inbox = client.get("/admin/cma_callbacks/callbackrequest/?view=all")
    assert inbox.status_code == 200
    assert "Pâtisserie Xavier Brignon" in inbox.content.decode()
    # The list opens on the queue: a closed request is not in it.
    assert (
        "Pâtisserie Xavier Brignon"
        not in client.get("/admin/cma_callbacks/callbackrequest/").content.decode()
    )


@pytest.mark.django_db
def test_every_demo_request_lands_in_a_team(client):
    from cma_wagtail.callbacks.routing import route

    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    site = Site.objects.get(is_default_site=True)
    assert route(postcode="75011", site=site) is not None  # no postcode's team, no block's
    assert not CallbackRequest.objects.filter(team=None).exists()


@pytest.mark.django_db
def test_the_demo_agent_has_a_colleague_to_reassign_to(client):
    import io

    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    assert "collegue.crise / cellule-crise-2020" in out.getvalue()
    assert client.login(username="agent.crise", password="cellule-crise-2020")
    obj = CallbackRequest.objects.filter(status="new").first()
    html = client.get(f"/admin/cma_callbacks/callbackrequest/inspect/{obj.pk}/").content.decode()
    assert "Thomas Bouvier" in html  # offered by "reassign"
    client.logout()
    assert client.login(username="collegue.crise", password="cellule-crise-2020")
    assert client.get("/admin/cma_callbacks/callbackrequest/").status_code == 200

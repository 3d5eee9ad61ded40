"""The workbench as an agent uses it: the queue list, "take next", the request's screen."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from cma_wagtail.callbacks.models import CallbackRequest
from tests.factories import CallbackRequestFactory, CallbackTeamFactory, UserFactory

INDEX = "/admin/cma_callbacks/callbackrequest/"


def url(action, obj):
    return f"{INDEX}{action}/{obj.pk}/"


@pytest.fixture
def agent_client(client, agent):
    client.force_login(agent)
    return client


@pytest.fixture
def colleague(team):
    from django.contrib.auth.models import Group

    user = UserFactory(username="colleague", first_name="Paul", last_name="Roy")
    user.groups.add(Group.objects.get(name="Cellule de crise"))
    team.members.add(user)
    return user


@pytest.mark.django_db
def test_the_list_opens_on_the_queue_oldest_first(agent_client, team):
    now = timezone.now()
    CallbackRequestFactory(team=team, business_name="Récente", created_at=now)
    CallbackRequestFactory(
        team=team, business_name="Ancienne", created_at=now - dt.timedelta(days=1)
    )
    CallbackRequestFactory(team=team, business_name="Close", status="closed")
    html = agent_client.get(INDEX).content.decode()
    assert "Close" not in html
    assert html.index("Ancienne") < html.index("Récente")
    assert "Prendre la suivante" in html and "À traiter" in html
    assert 'title="Ancienne"' in html  # the full value on hover, whatever the truncation
    # Closed requests wait no more: no "waiting for" figure for them.
    html = agent_client.get(INDEX + "?view=closed").content.decode()
    assert "Close" in html and "Ancienne" not in html


@pytest.mark.django_db
def test_take_next_opens_the_request_ready_to_call(agent_client, agent, team):
    obj = CallbackRequestFactory(team=team, phone="+33381212223")
    response = agent_client.post(INDEX + "take_next/")
    assert response.status_code == 302 and response["Location"] == url("inspect", obj)
    html = agent_client.get(response["Location"]).content.decode()
    assert 'href="tel:+33381212223"' in html
    assert "Cette demande est à vous" in html
    obj.refresh_from_db()
    assert obj.assigned_to == agent
    response = agent_client.post(INDEX + "take_next/", follow=True)
    assert "la file est vide" in response.content.decode()


@pytest.mark.django_db
def test_the_request_screen_puts_actions_first_and_hides_empty_fields(agent_client, team):
    obj = CallbackRequestFactory(team=team, siret="", trade="", email="")
    html = agent_client.get(url("inspect", obj)).content.decode()
    assert html.index("Actions") < html.index("Historique")
    assert "SIRET" not in html.split('class="cma-details"')[1].split("</dl>")[0]
    assert html.count('<fieldset class="w-field__wrapper') >= 2  # radios in a fieldset


@pytest.mark.django_db
def test_history_of_the_same_second_keeps_its_order(agent_client, agent, team):
    from cma_wagtail.callbacks import workflow

    obj = CallbackRequestFactory(team=team)
    same = timezone.now().replace(microsecond=0)
    workflow.take(obj, agent)
    obj.attempts.update(at=same)
    workflow.record_attempt(obj, agent, outcome="no_answer", at=same)
    html = agent_client.get(url("inspect", obj)).content.decode()
    assert html.index("Appel : Pas de réponse") < html.index("Prise en charge")


@pytest.mark.django_db
def test_assign_to_a_colleague_and_refuse_a_stranger(agent_client, agent, colleague, team):
    obj = CallbackRequestFactory(team=team)
    stranger = UserFactory(username="stranger", first_name="Max", last_name="Autre")
    CallbackTeamFactory().members.add(stranger)
    response = agent_client.post(
        url("assign", obj), {"assign-to": stranger.pk, "assign-note": ""}, follow=True
    )
    assert "n’est pas membre de l’équipe" in response.content.decode()
    obj.refresh_from_db()
    assert obj.assigned_to is None
    agent_client.post(url("assign", obj), {"assign-to": colleague.pk, "assign-note": "Pour toi"})
    obj.refresh_from_db()
    assert obj.assigned_to == colleague
    agent_client.post(url("unassign", obj))
    obj.refresh_from_db()
    assert obj.assigned_to is None


@pytest.mark.django_db
def test_schedule_in_the_past_is_refused_in_french(agent_client, team):
    obj = CallbackRequestFactory(team=team)
    past = timezone.localtime() - dt.timedelta(hours=1)
    response = agent_client.post(
        url("schedule", obj), {"schedule-at": past.strftime("%Y-%m-%dT%H:%M")}, follow=True
    )
    assert "Choisissez une heure dans le futur" in response.content.decode()
    obj.refresh_from_db()
    assert obj.next_attempt_at is None


@pytest.mark.django_db
def test_correcting_the_details_is_recorded(agent_client, team):
    obj = CallbackRequestFactory(team=team, business_name="Boulangrie", phone="+33381212223")
    data = {
        "details-name": obj.name,
        "details-business_name": "Boulangerie",
        "details-phone": "03 81 21 22 23",
        "details-email": "",
        "details-trade": obj.trade,
        "details-postcode": obj.postcode,
        "details-siret": "",
    }
    response = agent_client.post(url("details", obj), data)
    assert response.status_code == 302
    obj.refresh_from_db()
    assert obj.business_name == "Boulangerie"
    html = agent_client.get(url("inspect", obj)).content.decode()
    assert "Coordonnées corrigées" in html and "Boulangrie → Boulangerie" in html


@pytest.mark.django_db
def test_the_queue_list_stays_at_12_queries_at_1000_requests(
    agent_client, team, django_assert_max_num_queries
):
    agent = UserFactory()
    CallbackRequest.objects.bulk_create(
        [
            CallbackRequest(
                team=team,
                phone=f"+3338100{n:04d}",
                business_name=f"Entreprise {n}",
                assigned_to=agent if n % 3 else None,
                status="assigned" if n % 3 else "new",
                assigned_at=timezone.now() if n % 3 else None,
            )
            for n in range(1000)
        ]
    )
    agent_client.get(INDEX)
    # The admin frame's own (session, user, permissions, profile, locale, menu: 9) and the
    # list's (the agent's teams, the counts of all and of the filtered rows in one, the rows: 3).
    with django_assert_max_num_queries(12):
        response = agent_client.get(INDEX)
    assert response.status_code == 200
    # Both figures of the heading are still right: the queue (new ones) out of all 1,000.
    # Both figures of the heading are still right, read in one query: shown out of all.
    assert "1000 sur 1000" in response.content.decode()
    with django_assert_max_num_queries(12):
        response = agent_client.get(INDEX, {"view": "all", "status": "new"})
    assert "334 sur 1000" in response.content.decode()
    with django_assert_max_num_queries(12):
        response = agent_client.get(INDEX, {"view": "all", "q": "Entreprise 99"})
    html = " ".join(response.content.decode().split())
    shown = re.search(r"(\d+) demandes de rappel", html).group(1)
    assert 0 < int(shown) < 1000 and f"{shown} sur 1000" in html


@pytest.mark.django_db
def test_the_dashboard_agrees_in_number(agent_client, agent, team):
    from cma_wagtail.callbacks import workflow

    obj = CallbackRequestFactory(team=team)
    workflow.record_attempt(obj, agent, outcome="reached")
    html = agent_client.get("/admin/").content.decode()
    assert "<span>1</span> traitée cette semaine" in html


@pytest.mark.django_db
def test_a_call_recorded_at_this_minute_comes_after_taking(agent_client, agent, team):
    """The form's default time is now to the minute: taken at 12:39:25, called "at 12:39"."""
    from cma_wagtail.callbacks import workflow

    obj = CallbackRequestFactory(team=team)
    workflow.take(obj, agent)
    minute = timezone.now().replace(second=0, microsecond=0)
    workflow.record_attempt(obj, agent, outcome="no_answer", at=minute)
    html = agent_client.get(url("inspect", obj)).content.decode()
    assert html.index("Appel : Pas de réponse") < html.index("Prise en charge")

"""The agents' inbox: workflow actions and history, visibility, list, search, export, dashboard."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import Site

from cma_wagtail.callbacks.models import CallbackRequest
from tests.factories import (
    CallbackRequestFactory,
    CallbackTeamFactory,
    SuperUserFactory,
    UserFactory,
)

INDEX = "/admin/cma_callbacks/callbackrequest/"


def assert_refused(response):
    """Wagtail turns PermissionDenied into a redirect to the dashboard with a message."""
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == "/admin/"


def url(action, obj):
    return f"{INDEX}{action}/{obj.pk}/"


@pytest.fixture
def agent_client(client, agent):
    client.force_login(agent)
    return client


@pytest.mark.django_db
def test_workflow_take_call_close_reopen_with_history(agent_client, agent, team):
    obj = CallbackRequestFactory(team=team)
    assert agent_client.post(url("take", obj)).status_code == 302
    obj.refresh_from_db()
    assert obj.status == "assigned" and obj.assigned_to == agent

    response = agent_client.post(
        url("attempt", obj),
        {"attempt-at": "2020-03-17T10:15", "attempt-outcome": "no_answer", "attempt-note": ""},
    )
    assert response.status_code == 302
    obj.refresh_from_db()
    assert obj.status == "unreachable" and obj.first_called_at is not None

    agent_client.post(
        url("attempt", obj),
        {
            "attempt-at": "2020-03-17T14:00",
            "attempt-outcome": "reached",
            "attempt-note": "RDV banque jeudi",
        },
    )
    obj.refresh_from_db()
    assert obj.status == "called_back"
    assert obj.first_called_at.hour in (9, 10)  # the earliest call, whatever the order

    agent_client.post(url("close", obj), {"close-outcome": "referred", "close-note": "PGE"})
    obj.refresh_from_db()
    assert obj.status == "closed" and obj.outcome == "referred" and obj.closed_at

    # A closed request refuses calls until reopened.
    agent_client.post(
        url("attempt", obj), {"attempt-at": "2020-03-18T10:00", "attempt-outcome": "reached"}
    )
    assert obj.attempts.filter(action="call").count() == 2
    agent_client.post(url("reopen", obj))
    obj.refresh_from_db()
    assert obj.status == "assigned" and obj.outcome == ""

    actions = list(obj.attempts.order_by("created_at", "pk").values_list("action", "agent"))
    assert [a for a, _agent in actions] == ["assigned", "call", "call", "closed", "reopened"]
    assert {agent_id for _a, agent_id in actions} == {agent.pk}
    html = agent_client.get(url("inspect", obj)).content.decode()
    assert "RDV banque jeudi" in html
    assert "Pas de réponse" in html and "Joint" in html and "Rouverte" in html
    # The history ends with the request's reception, its creation (no journal row).
    history = html[html.index('id="cb-history"') :]
    assert history.count("Demande reçue") == 1
    assert history.rindex("Demande reçue") > history.rindex("Rouverte")


@pytest.mark.django_db
def test_invalid_attempt_form_shows_errors(agent_client, team):
    obj = CallbackRequestFactory(team=team)
    response = agent_client.post(url("attempt", obj), {"attempt-at": "", "attempt-outcome": "x"})
    assert response.status_code == 400
    assert "Corrigez les erreurs" in response.content.decode()
    assert obj.attempts.count() == 0


@pytest.mark.django_db
def test_agents_see_only_their_teams_and_sites(agent_client, agent, team, site):
    other_team = CallbackTeamFactory()
    mine = CallbackRequestFactory(team=team, business_name="Trimadel", site=site)
    theirs = CallbackRequestFactory(team=other_team, business_name="Boulangerie Secrète")
    html = agent_client.get(INDEX).content.decode()
    assert "Trimadel" in html and "Boulangerie Secrète" not in html
    assert_refused(agent_client.get(url("inspect", theirs)))
    assert_refused(agent_client.post(url("take", theirs)))
    assert theirs.attempts.count() == 0
    assert agent_client.get(url("inspect", mine)).status_code == 200

    # A team serving one site only does not see the requests of another site.
    other_site = Site.objects.create(hostname="haute-saone.example", root_page=site.root_page)
    team.sites.add(site)
    elsewhere = CallbackRequestFactory(team=team, business_name="Ailleurs", site=other_site)
    html = agent_client.get(INDEX).content.decode()
    assert "Trimadel" in html and "Ailleurs" not in html
    assert_refused(agent_client.get(url("inspect", elsewhere)))

    # Requests without a team go to the teams serving their site.
    CallbackRequestFactory(team=None, business_name="Sans équipe", site=site)
    assert "Sans équipe" in agent_client.get(INDEX).content.decode()


@pytest.mark.django_db
def test_editor_without_permission_gets_403_and_no_menu(client):
    editor = UserFactory(username="editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert_refused(client.get(INDEX))
    home = client.get("/admin/").content.decode()
    assert INDEX not in home and "Rappels" not in home


@pytest.mark.django_db
def test_crisis_cell_group_has_only_the_needed_permissions():
    group = Group.objects.get(name="Cellule de crise")
    codenames = set(group.permissions.values_list("codename", flat=True))
    # Wagtail's own later migrations give every existing group "choose" permissions.
    assert codenames - {"choose_image", "choose_document"} == {
        "access_admin",
        "view_callbackrequest",
        "change_callbackrequest",
        "view_callbackattempt",
        "add_callbackattempt",
    }


@pytest.mark.django_db
def test_agent_has_menu_and_dashboard_panel(agent_client, team):
    CallbackRequestFactory(team=team)
    CallbackRequestFactory(team=team, status="closed")
    html = agent_client.get("/admin/").content.decode()
    assert "Rappels" in html and INDEX in html
    assert "Demandes de rappel" in html
    assert "<span>1</span> en attente" in html


@pytest.mark.django_db
def test_superuser_sees_everything(admin_client):
    CallbackRequestFactory(team=CallbackTeamFactory(), business_name="Équipe A")
    CallbackRequestFactory(team=None, business_name="Sans équipe")
    html = admin_client.get(INDEX).content.decode()
    assert "Équipe A" in html and "Sans équipe" in html


def _requests(team, n):
    agent = UserFactory()
    for i in range(n):
        CallbackRequestFactory(team=team, assigned_to=agent if i % 2 else None)


@pytest.mark.parametrize("n", [10, 200])
@pytest.mark.django_db
def test_list_query_count_does_not_grow(agent_client, team, n, django_assert_max_num_queries):
    CallbackRequest.objects.all().delete()
    _requests(team, n)
    with django_assert_max_num_queries(20):
        response = agent_client.get(INDEX)
    assert response.status_code == 200
    assert response.content.decode().count('href="tel:') == min(n, 50)
    with django_assert_max_num_queries(12):
        response = agent_client.get(INDEX + "?export=csv")
        rows = b"".join(response.streaming_content).decode("utf-8-sig").strip().splitlines()
    assert len(rows) == n + 1


@pytest.mark.django_db
def test_filters(agent_client, agent, team):
    CallbackRequestFactory(team=team, business_name="Mienne", assigned_to=agent, status="assigned")
    CallbackRequestFactory(team=team, business_name="Libre", topic="training")
    html = agent_client.get(INDEX + "?assigned=me").content.decode()
    assert "Mienne" in html and "Libre" not in html
    html = agent_client.get(INDEX + "?assigned=nobody").content.decode()
    assert "Libre" in html and "Mienne" not in html
    html = agent_client.get(INDEX + "?topic__exact=training").content.decode()
    assert "Libre" in html and "Mienne" not in html
    html = agent_client.get(INDEX + "?status__exact=assigned").content.decode()
    assert "Mienne" in html and "Libre" not in html
    html = agent_client.get(INDEX + f"?team={team.pk}").content.decode()
    assert "Mienne" in html and "Libre" in html


@pytest.mark.parametrize(
    "query",
    [
        "03 81 21 22 23",
        "0381212223",
        "+33 3 81 21 22 23",
        "0033381212223",
        "Brignon",
        "732 829 320 00074",
    ],
)
@pytest.mark.django_db
def test_search_by_phone_in_any_format_name_and_siret(agent_client, team, query):
    CallbackRequestFactory(
        team=team, phone="+33381212223", business_name="Pâtisserie Brignon", siret="73282932000074"
    )
    CallbackRequestFactory(
        team=team, phone="+33612345678", business_name="Garage Morteau", name="Jean Petit"
    )
    html = agent_client.get(INDEX, {"q": query}).content.decode()
    assert "Pâtisserie Brignon" in html and "Garage Morteau" not in html


@pytest.mark.django_db
def test_csv_and_xlsx_export(agent_client, team):
    CallbackRequestFactory(
        team=team, business_name="Trimadel", phone="+33381000002", topic="state_aid", status="new"
    )
    response = agent_client.get(INDEX + "?export=csv")
    assert response.status_code == 200
    rows = list(
        csv.reader(
            io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"
        )
    )
    header, row = rows[0], rows[1]
    assert header[:4] == ["Numéro", "Reçue le", "Statut", "Thème"]
    record = dict(zip(header, row, strict=True))
    assert record["Nom de l'entreprise"] == "Trimadel"
    assert record["Téléphone"] == "'+33381000002"  # a spreadsheet reads it as text
    assert record["Thème"] == "Aides de l'État" and record["Statut"] == "Nouvelle"
    assert record["Équipe"] == team.name
    response = agent_client.get(INDEX + "?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [cell.value for cell in sheet[2]]
    assert "Trimadel" in values


@pytest.mark.django_db
def test_export_respects_visibility(agent_client, team):
    CallbackRequestFactory(team=CallbackTeamFactory(), business_name="Pas à moi")
    response = agent_client.get(INDEX + "?export=csv")
    assert "Pas à moi" not in b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.mark.django_db
def test_superuser_can_manage_teams(client):
    client.force_login(SuperUserFactory())
    assert client.get("/admin/snippets/cma_callbacks/callbackteam/").status_code == 200


@pytest.mark.django_db
def test_group_editor_lists_the_callback_permissions(admin_client):
    group = Group.objects.get(name="Cellule de crise")
    html = admin_client.get(f"/admin/groups/edit/{group.pk}/").content.decode()
    assert "demande de rappel" in html.lower()
    assert "tentative d" in html.lower()


@pytest.mark.parametrize("query", ["?queue=all", "?created_at__gte=hier"])
def test_a_filter_that_does_not_exist_brings_the_agent_back_to_the_list(agent_client, team, query):
    response = agent_client.get(INDEX + query)
    assert response.status_code == 302 and response["Location"] == INDEX
    listing = agent_client.get(INDEX)
    assert listing.status_code == 200
    assert "Ce filtre n’existe pas\u00a0: la liste est affichée sans lui." in (
        listing.content.decode()
    )

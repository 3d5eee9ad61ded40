"""Every admin view the callbacks app registers checks its permission: an editor of the site
(or any admin user without ``cma_callbacks.view_callbackrequest``) reads no request."""

import pytest
from django.contrib.auth.models import Group, Permission

from tests.factories import CallbackRequestFactory, UserFactory

INDEX = "/admin/cma_callbacks/callbackrequest/"
TEAMS = "/admin/snippets/cma_callbacks/callbackteam/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    """An editor of the site's pages (Wagtail's "Editors" group), and nothing more."""
    editor = UserFactory(username="editrice")
    editor.groups.add(Group.objects.get(name="Editors"))
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert not editor.has_perm("cma_callbacks.view_callbackrequest")
    client.force_login(editor)
    return client


@pytest.fixture
def secret(team):
    return CallbackRequestFactory(
        team=team, name="Xavier Brignon", business_name="Pâtisserie Brignon", message="PGE"
    )


def assert_refused(response):
    """403, or Wagtail's redirect to the dashboard with "permission denied"; never the data."""
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert response["Location"] == "/admin/"
    assert b"Brignon" not in response.content


INBOX_VIEWS = [
    ("get", ""),
    ("get", "?export=csv"),
    ("get", "?export=xlsx"),
    ("get", "?q=Brignon"),
    ("get", "create/"),
    ("get", "edit/{pk}/"),
    ("get", "delete/{pk}/"),
    ("post", "delete/{pk}/"),
    ("get", "inspect/{pk}/"),
    ("post", "take/{pk}/"),
    ("get", "attempt/{pk}/"),
    ("post", "attempt/{pk}/"),
    ("get", "close/{pk}/"),
    ("post", "close/{pk}/"),
    ("post", "reopen/{pk}/"),
]


@pytest.mark.parametrize(("method", "path"), INBOX_VIEWS)
def test_every_inbox_view_refuses_a_user_without_the_view_permission(
    editor_client, secret, method, path
):
    response = getattr(editor_client, method)(INDEX + path.format(pk=secret.pk))
    assert_refused(response)
    secret.refresh_from_db()
    assert secret.status == "new" and secret.attempts.count() == 0


def test_the_history_view_is_not_registered(editor_client, admin_client, secret):
    """wagtail-modeladmin's history view checks no permission: it is switched off."""
    assert editor_client.get(f"{INDEX}history/{secret.pk}/").status_code == 404
    assert admin_client.get(f"{INDEX}history/{secret.pk}/").status_code == 404


@pytest.mark.parametrize(
    "path", ["", "add/", "edit/{pk}/", "delete/{pk}/", "usage/{pk}/", "history/{pk}/", "copy/{pk}/"]
)
def test_the_team_snippet_views_refuse_an_editor(editor_client, team, path):
    response = editor_client.get(TEAMS + path.format(pk=team.pk))
    assert response.status_code in (302, 403)
    assert team.emails.encode() not in response.content


def test_an_agent_without_the_change_permission_cannot_act(client, team, secret):
    """Viewing is not working on: the workflow actions need the change permission."""
    reader = UserFactory(username="lecteur")
    reader.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_callbackrequest"),
    )
    team.members.add(reader)
    client.force_login(reader)
    assert client.get(f"{INDEX}inspect/{secret.pk}/").status_code == 200
    for action in ("take", "attempt", "close", "reopen"):
        assert_refused(client.post(f"{INDEX}{action}/{secret.pk}/"))
    secret.refresh_from_db()
    assert secret.status == "new" and secret.attempts.count() == 0

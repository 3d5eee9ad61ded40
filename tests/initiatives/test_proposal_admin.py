"""Every view the proposals inbox registers checks a permission on proposals: the history
too (wagtail-modeladmin's own checks none), so an editor or a callbacks agent without one
never reads who proposed what."""

import time

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import signing

from cma_wagtail.forms import TIMESTAMP_SALT
from cma_wagtail.initiatives.models import InitiativeProposal
from tests.factories import UserFactory

INBOX = "/admin/cma_initiatives/initiativeproposal/"


@pytest.fixture
def proposal(client, index_page, categories):
    client.post(
        "/cma/initiatives/propose/",
        {
            "business_name": "Au Cœur du Tricot",
            "contact_name": "Claire Vuillemin",
            "email": "claire@tricot.example",
            "town": "Montperreux",
            "postcode": "25160",
            "category": categories["masques"].pk,
            "description": "Nous cousons des masques.",
            "consent": "on",
            "form_started": signing.dumps(time.time() - 10, salt=TIMESTAMP_SALT),
        },
    )
    return InitiativeProposal.objects.get()


def _editor():
    user = UserFactory(username="editeur")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def _agent():
    """An admin user with no permission on proposals (as a callbacks agent)."""
    user = UserFactory(username="agent")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.mark.parametrize("make_user", [_editor, _agent], ids=["editor", "agent"])
def test_users_without_a_proposal_permission_are_refused_everywhere(client, proposal, make_user):
    client.force_login(make_user())
    for action in ("history", "inspect", "delete", "edit"):
        response = client.get(f"{INBOX}{action}/{proposal.pk}/")
        assert response.status_code in (302, 403, 404), action
        assert "Vuillemin" not in response.content.decode()
    for url in (INBOX, f"{INBOX}create/", f"{INBOX}choose_parent/"):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert "Vuillemin" not in response.content.decode()
    assert client.post(f"{INBOX}delete/{proposal.pk}/").status_code in (302, 403)
    assert InitiativeProposal.objects.filter(pk=proposal.pk).exists()


def test_the_view_permission_opens_the_history(client, proposal):
    user = _agent()
    user.user_permissions.add(Permission.objects.get(codename="view_initiativeproposal"))
    client.force_login(user)
    assert client.get(f"{INBOX}history/{proposal.pk}/").status_code == 200
    assert client.get(f"{INBOX}inspect/{proposal.pk}/").status_code == 200
    assert client.get(f"{INBOX}delete/{proposal.pk}/").status_code in (302, 403)

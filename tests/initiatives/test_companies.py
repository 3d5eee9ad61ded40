"""Initiative proposals carrying a SIRET: looked up after storing, shown to the editor.

Every test runs against the local fake directory (``tests/companies/fake_directory.py``).
"""

import pytest

from cma_wagtail.companies.models import CompanyIdentity
from cma_wagtail.initiatives.models import InitiativePage, InitiativeProposal
from tests.companies import fake_directory as fake
from tests.factories import SuperUserFactory
from tests.markers import needs_v3

from .test_proposals import URL, _data

pytestmark = pytest.mark.django_db


def test_html_proposal_with_a_siret_is_looked_up_after_it_is_stored(
    client, index_page, categories, fake_directory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, _data(categories, siret=fake.SEVERAL))

    assert response.status_code == 302
    proposal = InitiativeProposal.objects.get()
    assert proposal.siret == fake.SEVERAL
    identity = CompanyIdentity.objects.get(object_id=str(proposal.pk))
    assert identity.status == "found" and identity.commune == "MALBUISSON"

    client.force_login(SuperUserFactory())
    page = InitiativePage.objects.get()
    editor = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "TRIMADEL" in editor and "Travaux de menuiserie bois et PVC (43.32A)" in editor


@needs_v3
def test_json_proposal_with_a_siret_is_looked_up(
    client, index_page, categories, fake_directory, django_capture_on_commit_callbacks
):
    from tests.api.helpers import V3, form_started

    data = _data(categories, siret=fake.UNKNOWN, form_started=form_started(), consent="true")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{V3}/initiatives/proposals/", data)

    assert response.status_code == 201, response.content
    assert response.json() == {"result": "received", "status": "received"}
    proposal = InitiativeProposal.objects.get()
    assert CompanyIdentity.objects.get(object_id=str(proposal.pk)).status == "not_found"


def test_without_siret_nothing_is_asked_and_deleting_the_page_forgets_the_identity(
    client, index_page, categories, fake_directory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, _data(categories))
        client.post(URL, _data(categories, siret=fake.FOUND, email="autre@tricot.example"))

    assert fake_directory.count == 1
    assert CompanyIdentity.objects.count() == 1
    for page in InitiativePage.objects.all():
        page.delete()
    assert not CompanyIdentity.objects.exists()

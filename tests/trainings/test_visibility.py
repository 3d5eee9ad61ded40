"""A training behind a view restriction (on it or an ancestor), or of another site, is
private: absent from every listing, and nobody registers for its sessions through this site."""

import pytest
import swapper
from django.core import mail
from django.test import RequestFactory
from wagtail.models import PageViewRestriction, Site

from cma_wagtail.blocks import UpcomingSessionsBlock
from cma_wagtail.trainings import services
from cma_wagtail.trainings.models import Registration
from tests.api.helpers import V3, form_started
from tests.factories import (
    HomePageFactory,
    TrainingIndexPageFactory,
    TrainingPageFactory,
    TrainingSessionFactory,
)
from tests.markers import needs_v3

from .conftest import DIAGNOSTIC, PARTICIPANT, Wizard, participant_data

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.trainings.api_urls")]

SECRET = "Formation réservée aux élus"
REGISTRATION = {**PARTICIPANT, **DIAGNOSTIC, "employees": 0, "consent": True}


def restrict(page, kind: str) -> None:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="sésame" if kind == "password" else ""
    )
    if kind == "groups":
        from django.contrib.auth.models import Group

        restriction.groups.add(Group.objects.get(name="Editors"))


@pytest.fixture(params=["password", "login", "groups"])
def kind(request):
    return request.param


@pytest.fixture(params=["on the training", "on an ancestor"])
def private(request, catalogue, kind):
    """A training behind a view restriction, and its session; the public training beside it."""
    if request.param == "on the training":
        parent = catalogue
    else:
        parent = TrainingIndexPageFactory(parent=catalogue.get_parent(), slug="reserve")
        restrict(parent, kind)
    training = TrainingPageFactory(parent=parent, title=SECRET, slug="reservee")
    if request.param == "on the training":
        restrict(training, kind)
    return TrainingSessionFactory(page=training, capacity=9)


@pytest.fixture
def public(training):
    return TrainingSessionFactory(page=training, capacity=9)


def test_catalogue_and_its_calendar_leave_it_out(client, catalogue, public, private):
    catalogue_private = private.page.get_parent().specific
    html = client.get(catalogue.url).content.decode()
    assert "Maintenir le cap !" in html and SECRET not in html
    feed = client.get(catalogue.url + "sessions/ical/").content.decode()
    assert "Maintenir le cap" in feed and SECRET not in feed
    if catalogue_private.pk != catalogue.pk:  # the restricted catalogue's own feed too
        assert (
            SECRET not in catalogue_private.sessions_ics(RequestFactory().get("/")).content.decode()
        )


def test_upcoming_sessions_block_leaves_it_out(site, public, private):
    request = RequestFactory().get("/", HTTP_HOST=site.hostname, SERVER_PORT=site.port)
    block = UpcomingSessionsBlock()
    value = block.to_python({"number": 10})
    html = block.render(value, context={"request": request})
    assert "Maintenir le cap !" in html and SECRET not in html
    api = block.get_api_representation(value, {"request": request})
    assert [item["id"] for item in api["items"]] == [public.pk]
    # The query helper itself, with or without a site.
    assert private.pk not in [s.pk for s in services_upcoming()]


def services_upcoming():
    from cma_wagtail.trainings.queries import upcoming_sessions

    return upcoming_sessions(limit=None)


def test_api_v2_lists_and_details_leave_it_out(client, public, private):
    training = private.page
    v2 = client.get("/api/v2/pages/?type=cma_trainings.TrainingPage&fields=*").json()
    assert [item["title"] for item in v2["items"]] == ["Maintenir le cap !"]
    assert client.get(f"/api/v2/pages/{training.pk}/").status_code == 404


@needs_v3
def test_api_v3_lists_and_details_leave_it_out(client, public, private):
    training = private.page
    v3 = client.get(f"{V3}/trainings/").json()
    assert [item["title"] for item in v3["items"]] == ["Maintenir le cap !"]
    assert client.get(f"{V3}/trainings/{training.pk}/").status_code == 404
    assert client.get(f"{V3}/trainings/slug/{training.slug}/").status_code == 404


def test_its_session_has_no_calendar_and_takes_no_registration(client, private):
    assert client.get(private.get_ics_url()).status_code == 404
    assert Wizard(client, private).start().status_code == 404
    response = client.post(
        f"{V3}/trainings/sessions/{private.pk}/registrations/",
        {**REGISTRATION, "form_started": form_started()},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_a_registration_made_before_the_restriction_cannot_be_confirmed(
    client, training, django_capture_on_commit_callbacks
):
    session = TrainingSessionFactory(page=training, capacity=9)
    pending, _ = services.request_registration(session.pk, participant_data())
    mail.outbox.clear()
    restrict(training, "password")
    url = pending.get_confirm_url()
    assert client.get(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 404
        json = client.post(
            f"{V3}/trainings/registrations/confirmations/",
            {"token": pending.confirmation_token},
            content_type="application/json",
        )
    assert json.status_code == 404
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert mail.outbox == []  # no email, so no visio link


@pytest.fixture
def other_site_session(site):
    """A training of another chamber's site (same installation)."""
    Page = swapper.load_model("wagtailcore", "Page")

    home = HomePageFactory(parent=Page.get_first_root_node(), title="CMA Jura", slug="jura")
    Site.objects.create(hostname="cma-jura.example", port=80, root_page=home)
    catalogue = TrainingIndexPageFactory(parent=home, slug="formations-jura")
    return TrainingSessionFactory(page=TrainingPageFactory(parent=catalogue), capacity=9)


def test_a_session_of_another_site_is_not_registrable_here(client, site, other_site_session):
    here = {"HTTP_HOST": site.hostname}
    session = other_site_session
    assert client.get(session.get_register_url(), **here).status_code == 404
    assert client.get(session.get_ics_url(), **here).status_code == 404
    response = client.post(
        f"{V3}/trainings/sessions/{session.pk}/registrations/",
        {**REGISTRATION, "form_started": form_started()},
        content_type="application/json",
        **here,
    )
    assert response.status_code == 404
    # On its own site it is.
    there = {"HTTP_HOST": "cma-jura.example"}
    assert client.get(session.get_register_url(), **there).status_code == 200


def test_whoever_passed_the_restriction_sees_sessions_without_registration(client, training):
    from tests.factories import UserFactory

    session = TrainingSessionFactory(page=training, capacity=9)
    restrict(training, "login")
    client.force_login(UserFactory())
    html = client.get(training.url).content.decode()
    assert "Maintenir le cap !" in html
    assert session.get_register_url() not in html
    assert "pas ouverte à l’inscription en ligne" in html

import csv
import io

import pytest
from openpyxl import load_workbook

from cma_wagtail.trainings.models import Registration
from tests.factories import RegistrationFactory, SuperUserFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db
INDEX = "/admin/cma_trainings/registration/"


@pytest.fixture
def admin_client(client):
    user = SuperUserFactory()
    client.force_login(user)
    return client


@pytest.fixture
def two_sessions(training):
    first = TrainingSessionFactory(page=training, capacity=2)
    second = TrainingSessionFactory(page=training, capacity=2)
    RegistrationFactory(session=first, last_name="Brignon", email="x@brignon.example")
    RegistrationFactory(session=first, last_name="Tricot", email="t@tricot.example")
    RegistrationFactory(session=first, last_name="Attente", status="waiting")
    RegistrationFactory(session=second, last_name="Trimadel", email="contact@trimadel.example")
    return first, second


def test_registrations_inbox_filters(
    admin_client, training, two_sessions, django_assert_max_num_queries
):
    first, second = two_sessions
    response = admin_client.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Brignon" in html and "Trimadel" in html
    html = admin_client.get(INDEX, {"session": second.pk}).content.decode()
    assert "Trimadel" in html and "Brignon" not in html
    html = admin_client.get(INDEX, {"status__exact": "waiting"}).content.decode()
    assert "Attente" in html and "Brignon" not in html
    html = admin_client.get(INDEX, {"training": training.pk}).content.decode()
    assert "Brignon" in html and "Trimadel" in html
    # The menu group is labelled in French and registrations cannot be created by hand.
    assert "Formations" in admin_client.get("/admin/").content.decode()
    assert admin_client.get(INDEX + "create/").status_code in (302, 403)
    assert Registration.objects.count() == 4


def test_participant_list_export(admin_client, two_sessions):
    first, _ = two_sessions
    response = admin_client.get(
        INDEX, {"session": first.pk, "status__exact": "confirmed", "export": "csv"}
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig")), delimiter=";"))
    names = sorted(r[0] for r in rows[1:])
    assert names == ["Brignon", "Tricot"]
    response = admin_client.get(INDEX, {"session": first.pk, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert sheet.max_row == 4  # header + 3 registrations of the session


def test_mark_attendance(admin_client, two_sessions):
    first, _ = two_sessions
    url = f"/admin/cma-trainings/sessions/{first.pk}/attendance/"
    html = admin_client.get(url).content.decode()
    assert "Brignon" in html and "Attente" not in html  # only confirmed participants
    present = Registration.objects.get(last_name="Brignon")
    admin_client.post(url, {"attended": [str(present.pk)]})
    assert dict(
        Registration.objects.filter(session=first, status="confirmed").values_list(
            "last_name", "attended"
        )
    ) == {
        "Brignon": True,
        "Tricot": False,
    }


def test_attendance_needs_permission(client, two_sessions):
    from tests.factories import UserFactory

    user = UserFactory(is_staff=True)
    client.force_login(user)
    first, _ = two_sessions
    response = client.get(f"/admin/cma-trainings/sessions/{first.pk}/attendance/")
    assert response.status_code in (302, 403)


def test_page_editor_shows_seats_per_session(admin_client, training, two_sessions):
    html = admin_client.get(f"/admin/pages/{training.pk}/edit/").content.decode()
    assert "Places prises / total" in html
    assert "2 / 2" in html and "1 / 2" in html
    assert "export=xlsx" in html
    assert "Noter les présences" in html


def test_inspect_shows_diagnostic_in_words_and_a_cancel_action(
    admin_client, two_sessions, django_capture_on_commit_callbacks
):
    registration = Registration.objects.get(last_name="Brignon")
    registration.diagnostic = {
        "difficulties": ["cash", "morale"],
        "cash_position": "critical",
        "expectations": "Tenir jusqu'à la réouverture",
    }
    registration.save()
    html = admin_client.get(f"{INDEX}inspect/{registration.pk}/").content.decode()
    assert "Trésorerie, Moral et isolement" in html
    assert "Moins d’un mois de charges couvert" in html
    # Staff cancel from the back-office, never through the participant's secret link.
    cancel_url = f"/admin/cma-trainings/registrations/{registration.pk}/cancel/"
    assert cancel_url in html
    assert registration.get_cancel_url() not in html
    assert "Annuler cette inscription" in admin_client.get(cancel_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(cancel_url)
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    # The first waiting person got the seat.
    assert Registration.objects.get(last_name="Attente").status == "confirmed"


def _staff(*permissions, group=None):
    from django.contrib.auth.models import Group, Permission

    from tests.factories import UserFactory

    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in permissions:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="cma_trainings", codename=codename)
        )
    if group:
        found = Group.objects.filter(name=group).first()
        if found is None:  # "Cellule de crise" comes with the callbacks app
            pytest.skip(f"no group {group!r} in this installation")
        user.groups.add(found)
    return user


@pytest.mark.parametrize(
    "user",
    [
        pytest.param(lambda: _staff(group="Editors"), id="editor"),
        pytest.param(lambda: _staff(group="Cellule de crise"), id="callbacks-agent"),
    ],
)
def test_registration_views_need_a_registrations_permission(client, two_sessions, user):
    registration = Registration.objects.get(last_name="Brignon")
    client.force_login(user())
    for url in (
        f"{INDEX}history/{registration.pk}/",
        f"{INDEX}inspect/{registration.pk}/",
        f"{INDEX}edit/{registration.pk}/",
        f"{INDEX}delete/{registration.pk}/",
        INDEX,
        f"{INDEX}?export=csv",
        f"/admin/cma-trainings/registrations/{registration.pk}/cancel/",
        f"/admin/cma-trainings/sessions/{registration.session_id}/attendance/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Brignon" not in response.content.decode(), url
    assert (
        client.post(f"/admin/cma-trainings/registrations/{registration.pk}/cancel/").status_code
        == 403
    )
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_history_is_shown_to_who_may_view_registrations(client, two_sessions):
    registration = Registration.objects.get(last_name="Brignon")
    client.force_login(_staff("view_registration"))
    response = client.get(f"{INDEX}history/{registration.pk}/")
    assert response.status_code == 200
    assert "Brignon" in response.content.decode()


def test_view_only_staff_see_no_cancel_action_and_cannot_cancel(
    client, two_sessions, django_capture_on_commit_callbacks
):
    registration = Registration.objects.get(last_name="Brignon")
    client.force_login(_staff("view_registration"))
    html = client.get(f"{INDEX}inspect/{registration.pk}/").content.decode()
    assert "Brignon" in html
    assert "/cancel/" not in html and "Annuler cette inscription" not in html
    cancel_url = f"/admin/cma-trainings/registrations/{registration.pk}/cancel/"
    assert client.get(cancel_url).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(cancel_url).status_code == 403
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_publishing_from_the_editor_keeps_sessions_and_their_registrations(
    admin_client, training, two_sessions
):
    from django.utils import timezone
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    first, second = two_sessions
    training.sessions = [first, second]
    training.save_revision().publish()

    def row(session, capacity):
        return {
            "id": session.pk,
            "start": timezone.localtime(session.start).strftime("%Y-%m-%d %H:%M"),
            "end": timezone.localtime(session.end).strftime("%Y-%m-%d %H:%M"),
            "format": "remote",
            "place": "",
            "visio_link": session.visio_link,
            "capacity": capacity,
            "status": "open",
            "registration_deadline": "",
        }

    data = nested_form_data(
        {
            "title": training.title,
            "slug": training.slug,
            "summary": training.summary,
            "objectives": rich_text(training.objectives),
            "programme": streamfield([]),
            "duration_hours": "3.5",
            "format": "remote",
            "audience": training.audience,
            "prerequisites": training.prerequisites,
            "teaching_methods": training.teaching_methods,
            "assessment_methods": training.assessment_methods,
            "is_free": "on",
            "funding": training.funding,
            "access_delay": training.access_delay,
            "accessibility": training.accessibility,
            "accessibility_contact": training.accessibility_contact,
            "contact_name": training.contact_name,
            "contact_email": training.contact_email,
            "last_reviewed_at": "2020-04-01",
            "default_capacity": "9",
            "sessions": inline_formset([row(first, 3), row(second, 2)], initial=2),
        }
    )
    data["action-publish"] = "publish"
    response = admin_client.post(f"/admin/pages/{training.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    first.refresh_from_db()
    assert first.capacity == 3
    # Same rows, same registrations; the freed seat went to the waiting list.
    assert Registration.objects.filter(session__isnull=True).count() == 0
    assert Registration.objects.get(last_name="Attente").status == "confirmed"


@pytest.mark.parametrize("n", [5, 60])
def test_registrations_inbox_queries_do_not_grow(
    admin_client, catalogue, n, django_assert_max_num_queries
):
    from .helpers import build_catalogue

    build_catalogue(catalogue, n)
    admin_client.get(INDEX)  # warm the admin's per-user caches
    with django_assert_max_num_queries(12):
        response = admin_client.get(INDEX)
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        response = admin_client.get(INDEX, {"export": "csv"})
    assert len(response.getvalue().decode().strip().splitlines()) == 2 * n + 1


@pytest.mark.django_db
def test_the_registrations_list_speaks_french_with_badges(admin_client):
    from tests.factories import RegistrationFactory

    RegistrationFactory(first_name="Bérénice", last_name="Boulangerie-Pâtisserie-Traiteur")
    html = admin_client.get("/admin/cma_trainings/registration/").content.decode()
    assert "Full name" not in html and "Participant" in html
    assert 'class="w-status cma-status--confirmed">Confirmée<' in html
    assert 'title="Bérénice Boulangerie-Pâtisserie-Traiteur"' in html


def test_a_filter_that_does_not_exist_brings_back_to_the_list(admin_client, two_sessions):
    response = admin_client.get(INDEX + "?zzz=1")
    assert response.status_code == 302 and response["Location"] == INDEX
    assert "Ce filtre n’existe pas" in admin_client.get(INDEX).content.decode()

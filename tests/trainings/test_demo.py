import pytest
from django.core.management import call_command

from cma_wagtail.trainings.models import Registration, TrainingPage, TrainingSession


@pytest.mark.django_db
def test_demo_trainings(client):
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    counts = (
        TrainingPage.objects.count(),
        TrainingSession.objects.count(),
        Registration.objects.count(),
    )
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    assert counts == (
        TrainingPage.objects.count(),
        TrainingSession.objects.count(),
        Registration.objects.count(),
    )
    assert counts == (3, 6, 11)
    cap = TrainingPage.objects.get(slug="maintenir-le-cap")
    sessions = list(cap.sessions.order_by("start"))
    assert [s.capacity for s in sessions] == [9, 9, 9]
    assert [s.confirmed_count for s in sessions] == [9, 0, 0]
    assert sessions[0].waiting_count == 2
    # Demo participants have confirmed their addresses: none is left pending.
    assert not Registration.objects.filter(status=Registration.Status.PENDING).exists()
    # The sessions survive a publication from the editor (they are in the revision).
    cap.get_latest_revision_as_object().save_revision().publish()
    assert (
        cap.sessions.count() == 3 and Registration.objects.filter(session__isnull=True).count() == 0
    )

    html = client.get("/formations/").content.decode()
    assert (
        "Maintenir le cap\u00a0!" in html and "Vendre en ligne\u00a0: click &amp; collect" in html
    )
    assert "Complet – liste d’attente" in html
    page_html = client.get("/formations/maintenir-le-cap/").content.decode()
    assert "Les retours sont très très positifs." in page_html
    assert "Manuela Morgadinho" in page_html
    for session in TrainingSession.objects.all():
        if session.visio_link:
            assert session.visio_link not in html and session.visio_link not in page_html

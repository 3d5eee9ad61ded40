"""Callback requests and the company directory: looked up after storing, shown to agents.

Every test runs against the local fake directory (``tests/companies/fake_directory.py``).
"""

import csv
import io

import pytest

from cma_wagtail.callbacks.models import CallbackRequest
from cma_wagtail.callbacks.purge import purge_closed_requests
from cma_wagtail.companies.models import CompanyIdentity
from cma_wagtail.companies.services import MAX_ATTEMPTS
from tests.callbacks.conftest import form_data
from tests.companies import fake_directory as fake
from tests.factories import CallbackRequestFactory, UserFactory
from tests.markers import needs_v3

SUBMIT = "/cma/callbacks/submit/"
INDEX = "/admin/cma_callbacks/callbackrequest/"
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def submit(client, blocks, page, capture, **fields):
    with capture(execute=True):
        return client.post(SUBMIT, form_data(blocks[0], page, **fields), REMOTE_ADDR="192.0.2.9")


def look_up(obj, capture):
    """Enrich ``obj`` as its signal does, running the task queued on commit."""
    from cma_wagtail import companies

    with capture(execute=True):
        companies.enrich_later(obj, obj.siret)


def identity_of(obj):
    return CompanyIdentity.objects.get(object_id=str(obj.pk))


@pytest.fixture
def agent_client(client, agent):
    client.force_login(agent)
    return client


@pytest.mark.django_db
def test_the_submission_calls_nobody_and_the_task_fills_the_identity(
    client, callback_page, blocks, fake_directory, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY_TASKS
    from django_tasks import default_task_backend

    default_task_backend.clear()
    without = client.post(SUBMIT, form_data(blocks[0], callback_page, phone="0611111111"))

    response = submit(
        client,
        blocks,
        callback_page,
        django_capture_on_commit_callbacks,
        siret=fake.FOUND,
        trade="",
    )

    assert response.status_code == without.status_code == 303
    # The same address but for the confirmation's random reference.
    assert response["Location"].split("&ref=")[0] == without["Location"].split("&ref=")[0]
    assert response["Location"].split("#")[1] == without["Location"].split("#")[1]
    obj = CallbackRequest.objects.get(siret=fake.FOUND)
    assert identity_of(obj).status == "pending"
    assert fake_directory.count == 0  # the artisan's request never waits for the directory
    assert client.get(callback_page.url).status_code == 200
    assert fake_directory.count == 0  # nor do the public pages

    (result,) = [r for r in default_task_backend.results if r.task.name == "look_up"]
    result.task.call(*result.args)

    identity = identity_of(obj)
    assert identity.status == "found" and identity.name.startswith("XAVIER BRIGNON")
    obj.refresh_from_db()
    assert obj.trade == "Boulangerie et boulangerie-pâtisserie"  # pre-filled, it was empty
    assert fake_directory.count == 1


@pytest.mark.django_db
@needs_v3
def test_the_json_submission_is_enriched_the_same_way(
    client, callback_page, blocks, fake_directory, django_capture_on_commit_callbacks
):
    data = {
        "page_id": callback_page.pk,
        "block_id": blocks[0].id,
        "name": "Xavier Brignon",
        "phone": "06 12 34 56 78",
        "siret": fake.FOUND,
        "topic": "cash_flow",
        "consent": True,
    }
    from cma_wagtail.forms import timestamp_token

    data["form_started"] = timestamp_token()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v3/cma/callback-requests/", data, content_type="application/json"
        )

    assert response.status_code == 201, response.content
    assert set(response.json()) >= {"result"}
    assert identity_of(CallbackRequest.objects.get()).status == "found"


@pytest.mark.parametrize(
    "siret, status, flag",
    [
        (fake.FOUND, "found", "Entreprise\u00a0:"),
        (fake.UNKNOWN, "not_found", "ne connaît pas le SIRET"),
        (fake.CLOSED, "found", "établissement comme fermé"),
        (fake.SEVERAL, "found", "MALBUISSON"),
        (fake.RATE_LIMITED, "found", "Entreprise\u00a0:"),
        (fake.TIMEOUT, "pending", "tentative 1\u00a0:"),
        (fake.ERROR, "pending", "HTTP 500"),
        (fake.MALFORMED, "failed", "n’a pas pu être interrogé"),
    ],
)
@pytest.mark.django_db
def test_every_answer_stores_the_request_and_shows_the_agent(
    client,
    agent_client,
    callback_page,
    blocks,
    fake_directory,
    django_capture_on_commit_callbacks,
    siret,
    status,
    flag,
):
    response = submit(
        client, blocks, callback_page, django_capture_on_commit_callbacks, siret=siret
    )

    assert response.status_code == 303
    assert "callback=sent" in response["Location"]
    obj = CallbackRequest.objects.get(siret=siret)
    assert identity_of(obj).status == status
    page = agent_client.get(f"{INDEX}inspect/{obj.pk}/").content.decode()
    assert flag in page


@pytest.mark.django_db
def test_the_agent_reads_one_line_about_the_business(
    agent_client, team, fake_directory, django_capture_on_commit_callbacks
):
    obj = CallbackRequestFactory(team=team, siret=fake.FOUND)
    look_up(obj, django_capture_on_commit_callbacks)

    page = agent_client.get(f"{INDEX}inspect/{obj.pk}/").content.decode()

    assert (
        "Entreprise\u00a0:</strong> XAVIER BRIGNON (PATISSERIE BRIGNON) — "
        "Boulangerie et boulangerie-pâtisserie (10.71C), EI, créée en 2012, PONTARLIER"
    ) in page


@pytest.mark.django_db
def test_a_failing_lookup_is_retried_by_the_cron_then_given_up_visibly(
    agent_client, team, fake_directory, django_capture_on_commit_callbacks
):
    from django.core.management import call_command
    from django.utils import timezone

    obj = CallbackRequestFactory(team=team, siret=fake.ERROR)
    look_up(obj, django_capture_on_commit_callbacks)
    for _run in range(MAX_ATTEMPTS):
        CompanyIdentity.objects.update(looked_up_at=timezone.now() - timezone.timedelta(hours=1))
        call_command("cma_send_outbox", stdout=io.StringIO())

    identity = identity_of(obj)
    assert identity.status == "failed" and identity.attempts == MAX_ATTEMPTS
    page = agent_client.get(f"{INDEX}inspect/{obj.pk}/").content.decode()
    assert "n’a pas pu être interrogé (HTTP 500)" in page


@pytest.mark.django_db
def test_agent_searches_by_name_and_postcode_and_attaches(
    agent_client, agent, team, fake_directory
):
    obj = CallbackRequestFactory(team=team, business_name="Tricot", postcode="25160", siret="")
    inspect = agent_client.get(f"{INDEX}inspect/{obj.pk}/").content.decode()
    assert f"{INDEX}company/{obj.pk}/" in inspect

    page = agent_client.get(f"{INDEX}company/{obj.pk}/").content.decode()

    assert "AU COEUR DU TRICOT" in page and "TRICOTS DU HAUT-DOUBS" in page
    assert fake_directory.requests[0]["query"]["code_postal"] == "25160"
    siret = fake.luhn_siret("8011223340001")
    response = agent_client.post(f"{INDEX}company/{obj.pk}/", {"siret": siret})
    assert response.status_code == 302
    identity = identity_of(obj)
    assert identity.status == "found" and identity.attached_by == agent
    assert "AU COEUR DU TRICOT" in agent_client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_search_and_attach_are_refused_to_who_cannot_work_on_the_request(
    client, team, fake_directory
):
    obj = CallbackRequestFactory(team=team)
    client.force_login(UserFactory())
    for response in (
        client.get(f"{INDEX}company/{obj.pk}/"),
        client.post(f"{INDEX}company/{obj.pk}/", {"siret": fake.FOUND}),
    ):
        assert response.status_code in (302, 403)
    assert not CompanyIdentity.objects.exists()
    assert fake_directory.count == 0


@pytest.mark.django_db
def test_export_has_the_company_column(
    agent_client, team, fake_directory, django_capture_on_commit_callbacks
):
    obj = CallbackRequestFactory(team=team, siret=fake.FOUND)
    look_up(obj, django_capture_on_commit_callbacks)
    CallbackRequestFactory(team=team)

    response = agent_client.get(INDEX + "?export=csv")
    rows = list(
        csv.DictReader(
            io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"
        )
    )

    values = sorted(row["Entreprise (annuaire)"] for row in rows)
    assert values[0] == ""
    assert values[1].startswith("XAVIER BRIGNON (PATISSERIE BRIGNON) — Boulangerie")


@pytest.mark.django_db
def test_the_identity_follows_the_purge_of_its_request(
    team, fake_directory, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    obj = CallbackRequestFactory(
        team=team, siret=fake.FOUND, status="closed", closed_at=timezone.now()
    )
    look_up(obj, django_capture_on_commit_callbacks)
    kept = CallbackRequestFactory(team=team, siret=fake.CLOSED)
    look_up(kept, django_capture_on_commit_callbacks)

    assert purge_closed_requests(timezone.timedelta(0)) == 1

    assert list(CompanyIdentity.objects.values_list("object_id", flat=True)) == [str(kept.pk)]
    kept.delete()
    assert not CompanyIdentity.objects.exists()


@pytest.mark.django_db
def test_a_burst_of_100_submissions_never_exceeds_the_configured_rate(
    client, callback_page, blocks, fake_directory, settings, django_capture_on_commit_callbacks
):
    settings.CMA_WAGTAIL_COMPANY_DIRECTORY_RATE = 40
    settings.CMA_WAGTAIL_RATE_LIMIT_PER_IP = (1000, 3600)
    for number in range(100):
        response = submit(
            client,
            blocks,
            callback_page,
            django_capture_on_commit_callbacks,
            phone=f"06 20 00 {number // 100:02d} {number % 100:02d}",
            siret=fake.luhn_siret(f"9{number:08d}0001"),
        )
        assert response.status_code == 303

    assert CompanyIdentity.objects.filter(status="found").count() == 100
    assert fake_directory.count == 100
    assert fake_directory.max_per_second <= 40, fake_directory.per_second


@pytest.mark.django_db
@needs_v3
def test_the_form_offers_the_confirmation_only_when_look_ups_are_on(
    client, callback_page, blocks, fake_directory, settings
):
    page = client.get(callback_page.url).content.decode()
    assert 'data-cma-company-url="/api/v3/cma/companies/SIRET/"' in page
    assert "Entreprise trouvée\u00a0:" in page

    settings.CMA_WAGTAIL_COMPANY_DIRECTORY_URL = ""
    assert "data-cma-company-url" not in client.get(callback_page.url).content.decode()
    assert fake_directory.count == 0


@pytest.mark.django_db
def test_demo_identities_are_stored_without_the_network(client, settings):
    from django.core.management import call_command

    settings.CMA_WAGTAIL_COMPANY_DIRECTORY_URL = "http://127.0.0.1:9/"  # nothing listens
    call_command("load_demo_data", stdout=io.StringIO())
    count = CompanyIdentity.objects.count()
    call_command("load_demo_data", stdout=io.StringIO())

    assert CompanyIdentity.objects.count() == count >= 3  # the callback requests alone
    statuses = set(CompanyIdentity.objects.values_list("status", flat=True))
    assert statuses == {"found", "not_found"}
    assert CompanyIdentity.objects.filter(is_closed=True).exists()
    obj = CallbackRequest.objects.filter(business_name="Pâtisserie Xavier Brignon").first()
    assert client.login(username="agent.crise", password="cellule-crise-2020")
    page = client.get(f"{INDEX}inspect/{obj.pk}/").content.decode()
    assert "EI, créée en 2012, PONTARLIER" in page


@pytest.mark.django_db
def test_search_without_a_business_name_waits_for_the_agent(agent_client, team, fake_directory):
    obj = CallbackRequestFactory(team=team, business_name="", postcode="25160")

    page = agent_client.get(f"{INDEX}company/{obj.pk}/").content.decode()

    assert 'value="25160"' in page and "error-message" not in page
    assert fake_directory.count == 0
    down = agent_client.get(f"{INDEX}company/{obj.pk}/", {"name": "tricot", "postcode": ""})
    assert "AU COEUR DU TRICOT" in down.content.decode()


@pytest.mark.django_db
def test_search_while_the_directory_is_down_says_so(agent_client, team, fake_directory):
    obj = CallbackRequestFactory(team=team, business_name=fake.DOWN_NAME)

    page = agent_client.get(f"{INDEX}company/{obj.pk}/")

    assert page.status_code == 200
    assert (
        "L’annuaire des entreprises ne répond pas pour le moment (HTTP 500)"
        in page.content.decode()
    )

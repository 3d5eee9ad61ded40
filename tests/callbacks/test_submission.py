"""The public form: storing, redirecting, re-rendering errors, spam and abuse, merging."""

import pytest
from django.test import override_settings

from cma_wagtail import ratelimit
from cma_wagtail.callbacks.models import CallbackAttempt, CallbackRequest
from tests.callbacks.conftest import form_data

SUBMIT = "/cma/callbacks/submit/"


@pytest.mark.django_db
def test_valid_submission_is_stored_and_redirected(client, callback_page, blocks, team):
    response = client.post(SUBMIT, form_data(blocks[0], callback_page), REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 303
    location = response["Location"]
    assert location.startswith(callback_page.url + "?callback=sent&cb=" + blocks[0].id)
    assert location.endswith(f"#cma-callback-{blocks[0].id}")
    obj = CallbackRequest.objects.get()
    assert obj.phone == "+33612345678"
    assert obj.team == team and obj.page_id == callback_page.pk and obj.block_id == blocks[0].id
    assert obj.site.is_default_site
    assert obj.status == "new" and obj.topic == "cash_flow" and obj.consent_at is not None
    assert obj.ip_hash == ratelimit.hash_value("192.0.2.7") and "192.0.2.7" not in obj.ip_hash
    page = client.get(location).content.decode()
    assert "Votre demande a bien été envoyée." in page
    assert "Merci, votre demande est bien arrivée." in page
    assert "conseiller vous rappellera" in page


@pytest.mark.django_db
def test_get_is_not_allowed(client):
    assert client.get(SUBMIT).status_code == 405


LONG = "x" * 1001


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Champ requis."),
        ("name", "x" * 101, "au plus 100 caractères"),
        ("phone", "12", "Saisissez un numéro de téléphone valide"),
        ("phone", "", "Champ requis."),
        ("email", "pas-une-adresse", "Saisissez une adresse e-mail valide"),
        ("postcode", "2500", "5 chiffres"),
        ("siret", "12345678901234", "vérifiez les 14 chiffres"),
        ("siret", "1234", "14 chiffres"),
        ("topic", "astrologie", "Sélectionnez un choix valide"),
        ("message", LONG, "au plus 1000 caractères"),
        ("trade", "x" * 101, "au plus 100 caractères"),
        ("business_name", "x" * 151, "au plus 150 caractères"),
        ("consent", None, "Cochez la case pour accepter d’être rappelé·e."),
        ("preferred_date", "", "Choisissez le jour."),
        ("preferred_date", "2001-01-01", "Choisissez un jour entre aujourd’hui"),
    ],
)
@pytest.mark.django_db
def test_each_invalid_field_is_rerendered_with_its_message(
    client, callback_page, blocks, field, value, message
):
    overrides = {field: value}
    if field == "preferred_date":
        overrides["preferred_slot"] = "day"
    radio = field in ("topic",)
    response = client.post(SUBMIT, form_data(blocks[0], callback_page, **overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert "cma-error-summary" in html
    assert message in html, html[
        html.index("cma-error-summary") : html.index("cma-error-summary") + 1500
    ]
    field_id = f"id_cb-{blocks[0].id}-{field}"
    # The summary links to the field (to the first radio button of a group).
    assert f'href="#{field_id}{"_0" if radio else ""}"' in html
    assert f'id="{field_id}_error"' in html
    # Entered values are kept
    assert 'value="Pâtisserie Brignon"' in html or field == "business_name"
    assert CallbackRequest.objects.count() == 0


@pytest.mark.django_db
def test_topic_and_team_come_from_the_block_not_the_client(client, callback_page, blocks, team):
    other = type(team).objects.create(name="Autre", slug="autre")
    data = form_data(blocks[1], callback_page, topic="cash_flow")
    data[f"cb-{blocks[1].id}-team"] = other.pk
    response = client.post(SUBMIT, data)
    assert response.status_code == 200  # the second block offers "training" only
    assert CallbackRequest.objects.count() == 0
    response = client.post(SUBMIT, {**data, f"cb-{blocks[1].id}-topic": "training"})
    assert response.status_code == 303
    assert CallbackRequest.objects.get().team == team


@pytest.mark.django_db
def test_unknown_page_or_block_is_404(client, callback_page, blocks):
    data = form_data(blocks[0], callback_page)
    assert client.post(SUBMIT, {**data, "block_id": "nope"}).status_code == 404
    assert client.post(SUBMIT, {**data, "page_id": "999999"}).status_code == 404
    assert client.post(SUBMIT, {**data, "page_id": "abc"}).status_code == 404
    callback_page.unpublish()
    assert client.post(SUBMIT, data).status_code == 404
    assert CallbackRequest.objects.count() == 0


@pytest.mark.django_db
def test_several_blocks_work_independently(client, callback_page, blocks):
    response = client.post(SUBMIT, form_data(blocks[1], callback_page, topic="training", name=""))
    html = response.content.decode()
    assert html.count("cma-error-summary__list") == 1
    assert f"id_cb-{blocks[1].id}-name_error" in html
    assert f"id_cb-{blocks[0].id}-name_error" not in html


@pytest.mark.django_db
def test_honeypot_refuses(client, callback_page, blocks):
    response = client.post(SUBMIT, form_data(blocks[0], callback_page, website="http://spam"))
    assert response.status_code == 200
    assert "Appelez-nous plutôt" in response.content.decode()
    assert CallbackRequest.objects.count() == 0


@pytest.mark.django_db
def test_time_trap_refuses_too_fast_and_expired(client, callback_page, blocks):
    with override_settings(CMA_WAGTAIL_MIN_FILL_SECONDS=30):
        response = client.post(SUBMIT, form_data(blocks[0], callback_page))
    assert "Vérifiez vos informations puis renvoyez le formulaire" in response.content.decode()
    data = form_data(blocks[0], callback_page)
    data[f"cb-{blocks[0].id}-form_started"] = "forged"
    response = client.post(SUBMIT, data)
    assert "Ce formulaire a expiré" in response.content.decode()
    assert CallbackRequest.objects.count() == 0


@pytest.mark.django_db
@override_settings(CMA_WAGTAIL_RATE_LIMIT_PER_IP=(2, 3600))
def test_rate_limit_per_ip(client, callback_page, blocks):
    for n in range(2):
        response = client.post(SUBMIT, form_data(blocks[0], callback_page, phone=f"0612345{n}00"))
        assert response.status_code == 303
    response = client.post(SUBMIT, form_data(blocks[0], callback_page, phone="0699999999"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "plusieurs demandes en peu de temps" in response.content.decode()
    assert CallbackRequest.objects.count() == 2


@pytest.mark.django_db
@override_settings(CMA_WAGTAIL_RATE_LIMIT_PER_PHONE=(1, 3600))
def test_rate_limit_per_phone(client, callback_page, blocks):
    assert client.post(SUBMIT, form_data(blocks[0], callback_page)).status_code == 303
    response = client.post(
        SUBMIT,
        form_data(blocks[0], callback_page, phone="+33 6 12 34 56 78"),
        REMOTE_ADDR="10.0.0.9",
    )
    assert response.status_code == 429
    assert CallbackRequest.objects.get().submission_count == 1


@pytest.mark.django_db
def test_repeat_from_same_number_is_merged_for_the_agents_and_answered_as_new(
    client, callback_page, blocks
):
    client.post(SUBMIT, form_data(blocks[0], callback_page))
    response = client.post(
        SUBMIT,
        form_data(
            blocks[1],
            callback_page,
            phone="+33 6 12 34 56 78",
            topic="training",
            message="Relance",
            name="Jean Inconnu",
            business_name="",
            email="jean@example.org",
        ),
    )
    assert "callback=sent" in response["Location"]
    obj = CallbackRequest.objects.get()
    assert obj.submission_count == 2
    # The open request is left as its author wrote it…
    assert obj.message == "Mon chiffre d'affaires a chuté, je dois voir ma banque."
    assert (obj.name, obj.email, obj.topic) == ("Xavier Brignon", "xavier@example.org", "cash_flow")
    # …and the repeat's details are a separate note of its history.
    repeat = obj.attempts.get(action="repeat")
    assert "Formation" in repeat.note and "Relance" in repeat.note
    assert "Jean Inconnu" in repeat.note and "jean@example.org" in repeat.note
    html = client.get(response["Location"]).content.decode()
    assert "Votre demande a bien été envoyée." in html
    assert "Vous nous aviez déjà envoyé une demande" not in html
    # Once closed, the same number opens a new request.
    obj.status = "closed"
    obj.save()
    client.post(SUBMIT, form_data(blocks[0], callback_page))
    assert CallbackRequest.objects.count() == 2
    assert CallbackAttempt.objects.filter(action="repeat").count() == 1


@pytest.mark.django_db
def test_api_representation_gives_the_submit_url(blocks):
    data = blocks[0].block.get_api_representation(blocks[0].value)
    assert data["submit_url"] == SUBMIT
    assert "team" not in data


@pytest.mark.django_db
def test_help_and_error_are_linked_to_the_field(client, callback_page, blocks):
    html = client.post(SUBMIT, form_data(blocks[0], callback_page, phone="12")).content.decode()
    field_id = f"id_cb-{blocks[0].id}-phone"
    assert f'aria-describedby="{field_id}_helptext {field_id}_error"' in html
    assert f'id="{field_id}_helptext"' in html and f'id="{field_id}_error"' in html
    assert 'aria-invalid="true"' in html


@pytest.mark.django_db
def test_a_submission_reads_the_site_its_page_and_settings_then_inserts_once(
    client, callback_page, blocks, team
):
    """Everything is read for each POST (no cache between requests): the site, the page's
    visibility on it and its body, the block's team, the teams' routes, the chamber's rules;
    the emails are written after commit by a task."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(callback_page.url)  # warm the site root paths, as in production
    with CaptureQueriesContext(connection) as first:
        client.post(SUBMIT, form_data(blocks[0], callback_page, phone="06 11 22 33 44"))
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(SUBMIT, form_data(blocks[0], callback_page, email=""))
    assert response.status_code == 303
    data_queries = _data_statements(ctx)
    assert data_queries.count("INSERT") == 1 and len(data_queries) <= 6, _listing(ctx)
    assert len(_data_statements(first)) <= 6, _listing(first)


def _data_statements(ctx) -> list[str]:
    statements = [q["sql"].split()[0].upper() for q in ctx.captured_queries]
    return [s for s in statements if s not in ("SAVEPOINT", "RELEASE", "BEGIN", "COMMIT")]


def _listing(ctx) -> str:
    return "\n".join(q["sql"][:120] for q in ctx.captured_queries)


@pytest.mark.django_db
def test_restricted_page_refuses_submissions(client, callback_page, blocks):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=callback_page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert client.post(SUBMIT, form_data(blocks[0], callback_page)).status_code == 404
    assert CallbackRequest.objects.count() == 0

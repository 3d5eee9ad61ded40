"""A proposal's rules hold on both paths (the HTML form and ``POST /api/v3/cma/initiatives/
proposals/``): the receiving index must be visible, the photo stays private until the page is
published, the page title is one line, hostile input is a field error; and the inbox's views
each check a permission."""

import io
import re
import time

import pytest
from django.apps import apps
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, PageViewRestriction

from cma_wagtail.forms import TIMESTAMP_SALT
from cma_wagtail.initiatives import services
from cma_wagtail.initiatives.models import InitiativePage, InitiativeProposal
from cma_wagtail.initiatives.photos import find_private_collection
from cma_wagtail.outbox import send
from cma_wagtail.outbox.models import OutgoingEmail
from tests.factories import InitiativeIndexPageFactory, SuperUserFactory

HTML_URL = "/cma/initiatives/propose/"
JSON_URL = "/api/v3/cma/initiatives/proposals/"

needs_v3 = pytest.mark.skipif(
    not apps.is_installed("wagtail.api.v3"), reason="API v3 needs Wagtail >= 8"
)
#: Every test of a rule runs through both paths.
PATHS = ["html", pytest.param("json", marks=needs_v3)]


def _photo(name="masques-de-claire.jpg"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _fields(categories, **overrides):
    data = {
        "business_name": "Au Cœur du Tricot",
        "contact_name": "Claire Vuillemin",
        "email": "claire@tricot.example",
        "phone": "",
        "town": "Montperreux",
        "postcode": "25160",
        "category": categories["masques"].pk,
        "description": "Nous cousons des masques pour l'hôpital de Pontarlier.",
        "photo_alt": "",
        "website": "",
        "form_started": signing.dumps(time.time() - 10, salt=TIMESTAMP_SALT),
    }
    data.update(overrides)
    return data


def post(client, path, categories, **overrides):
    """One proposal through ``path``; returns (HTTP status, field errors by name)."""
    data = _fields(categories, **overrides)
    if path == "html":
        data["consent"] = "on"
        response = client.post(HTML_URL, data)
        if response.status_code == 302:
            return 302, {}
        if response.context is None:  # answered before the view (MalformedInputMiddleware)
            return response.status_code, {}
        return response.status_code, dict(response.context["form"].errors)
    data["consent"] = "true"
    response = client.post(JSON_URL, data)
    body = response.json() if response.content else {}
    errors = {}
    for error in body.get("errors", []) if response.status_code == 422 else []:
        errors.setdefault(error["loc"][-1], []).append(error["msg"])
    return response.status_code, errors


ACCEPTED = {"html": 302, "json": 201}


def _approve(page):
    editor = SuperUserFactory()
    task_state = page.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "approve")
    page.refresh_from_db()
    return page


# One flow ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PATHS)
def test_a_proposal_is_received_the_same_way_on_both_paths(client, index_page, categories, path):
    status, errors = post(client, path, categories)
    assert status == ACCEPTED[path], errors
    proposal = InitiativeProposal.objects.get()
    assert proposal.page.get_parent().specific == index_page
    assert OutgoingEmail.objects.filter(kind="initiative_proposal_ack").count() == 1


@needs_v3
def test_the_json_answer_keeps_its_status_field(client, index_page, categories):
    data = _fields(categories, consent="true")
    response = client.post(JSON_URL, data)
    assert response.status_code == 201
    assert response.json() == {"result": "received", "status": "received"}


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("where", ["restricted", "unpublished"])
def test_an_index_nobody_may_see_receives_no_proposal(
    client, home_page, categories, settings, path, where
):
    index = InitiativeIndexPageFactory(parent=home_page, slug="initiatives")
    if where == "restricted":
        PageViewRestriction.objects.create(
            page=index, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    else:
        index.unpublish()
        settings.CMA_WAGTAIL_INITIATIVES_PROPOSAL_INDEX = index.pk
    status, _errors = post(client, path, categories)
    assert status == 503
    assert not InitiativeProposal.objects.exists()
    assert not InitiativePage.objects.exists()


@pytest.mark.parametrize("path", PATHS)
@override_settings(CMA_WAGTAIL_RATE_LIMIT_PER_IP=(1, 3600))
def test_one_rate_limit_for_both_paths(client, index_page, categories, path):
    other = "json" if path == "html" else "html"
    if other == "json" and not apps.is_installed("wagtail.api.v3"):
        pytest.skip("API v3 needs Wagtail >= 8")
    assert post(client, other, categories)[0] == ACCEPTED[other]
    status, _errors = post(client, path, categories, email="autre@example.org")
    assert status == 429
    assert InitiativeProposal.objects.count() == 1


def test_the_acknowledgement_is_rendered_from_a_template_when_sent(
    client, index_page, categories, chamber
):
    post(client, "html", categories)
    email = OutgoingEmail.objects.get(kind="initiative_proposal_ack")
    assert email.template_name == "cma_initiatives/email/acknowledgement"
    assert email.subject == ""  # rendered when sent, too
    assert email.body == ""
    assert send(OutgoingEmail, email.pk)
    sent = mail.outbox[-1]
    assert sent.to == ["claire@tricot.example"]
    assert sent.subject == "Nous avons bien reçu votre proposition d’initiative"
    assert sent.body.startswith("Bonjour Claire Vuillemin,")
    assert "«\u00a0Au Cœur du Tricot\u00a0»" in sent.body or "“Au Cœur du Tricot”" in sent.body
    assert sent.body.rstrip().endswith("CMA du Doubs")


@override_settings(WAGTAIL_WORKFLOW_ENABLED=False)
def test_without_workflow_the_chamber_notice_is_rendered_from_a_template(
    client, index_page, categories, chamber
):
    post(client, "html", categories)
    email = OutgoingEmail.objects.get(kind="initiative_proposal_new")
    assert email.template_name == "cma_initiatives/email/new_proposal"
    assert send(OutgoingEmail, email.pk)
    assert "Au Cœur du Tricot (Montperreux)" in mail.outbox[-1].body


# The photo of an unmoderated proposal is private ------------------------------------------


def _api_image_ids(client, version):
    response = client.get(f"/api/{version}/images/")
    assert response.status_code == 200
    return {item["id"] for item in response.json()["items"]}


API_VERSIONS = ["v2", pytest.param("v3", marks=needs_v3)]


@pytest.mark.parametrize("path", PATHS)
def test_the_photo_of_a_proposal_is_served_to_nobody_until_published(
    client, index_page, categories, path
):
    status, errors = post(
        client, path, categories, photo=_photo(), photo_alt="Des masques colorés sur une table"
    )
    assert status == ACCEPTED[path], errors
    image = get_image_model().objects.get()
    # Stored in the private collection, behind a view restriction.
    assert image.collection == find_private_collection()
    assert CollectionViewRestriction.objects.filter(collection=image.collection).exists()
    # Its file name tells nothing and cannot be guessed (nor can its renditions').
    assert "masques" not in image.file.name and "claire" not in image.file.name
    assert re.fullmatch(r"original_images/[\w-]{20,}\.jpg", image.file.name)

    versions = ["v2"] + (["v3"] if apps.is_installed("wagtail.api.v3") else [])
    for version in versions:
        assert image.pk not in _api_image_ids(client, version)
        assert client.get(f"/api/{version}/images/{image.pk}/").status_code == 404

    # Approved and published: the photo moves to the public collection and shows.
    page = _approve(InitiativePage.objects.get())
    assert page.live
    image.refresh_from_db()
    assert image.collection.is_root()
    for version in versions:
        assert image.pk in _api_image_ids(client, version)
        assert client.get(f"/api/{version}/images/{image.pk}/").status_code == 200
    stem = image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    assert stem in client.get(page.url).content.decode()


@pytest.mark.parametrize("version", API_VERSIONS)
def test_other_images_stay_public(client, index_page, categories, version):
    from tests.factories import ImageFactory

    public = ImageFactory()
    post(client, "html", categories, photo=_photo(), photo_alt="Des masques")
    ids = _api_image_ids(client, version)
    assert public.pk in ids and len(ids) == 1


def test_a_superuser_session_still_sees_the_private_photo_in_the_admin(
    client, index_page, categories
):
    post(client, "html", categories, photo=_photo(), photo_alt="Des masques")
    image = get_image_model().objects.get()
    client.force_login(SuperUserFactory())
    assert client.get(f"/admin/images/{image.pk}/").status_code == 200


def test_the_image_chooser_does_not_offer_unpublished_proposal_photos(
    client, index_page, categories
):
    from tests.factories import ImageFactory

    ImageFactory(title="Atelier public")
    post(client, "html", categories, photo=_photo(), photo_alt="Des masques")
    client.force_login(SuperUserFactory())
    html = client.get("/admin/images/chooser/").json()["html"]
    assert "Atelier public" in html
    assert "Proposition\u00a0: Au Cœur du Tricot" not in html
    _approve(InitiativePage.objects.get())
    html = client.get("/admin/images/chooser/").json()["html"]
    assert "Proposition\u00a0: Au Cœur du Tricot" in html


@override_settings(CMA_WAGTAIL_INITIATIVES_PROPOSAL_COLLECTION=None)
def test_the_private_collection_is_made_once_and_kept_private(client, index_page, categories):
    for n in range(2):
        post(client, "html", categories, email=f"a{n}@example.org", photo=_photo())
    images = get_image_model().objects.all()
    # photo_alt is missing: nothing stored; send valid ones now.
    assert not images.exists()
    for n in range(2):
        post(
            client,
            "html",
            categories,
            email=f"b{n}@example.org",
            photo=_photo(),
            photo_alt="Des masques",
        )
    collections = {image.collection_id for image in images}
    assert len(collections) == 1
    collection = find_private_collection()
    assert collection.name == "Propositions d’initiatives (non publiées)"
    # An editor who lifts the restriction by mistake: the next proposal puts it back.
    CollectionViewRestriction.objects.filter(collection=collection).delete()
    post(client, "html", categories, email="c@example.org", photo=_photo(), photo_alt="x")
    assert CollectionViewRestriction.objects.filter(collection=collection).exists()


# The page title is one line ---------------------------------------------------------------

HOSTILE_NAME = "Trimadel\r\nBcc: x@y"


def test_a_line_break_in_the_business_name_never_reaches_the_page_title(
    index_page, categories, site, django_capture_on_commit_callbacks
):
    """Whatever the forms let through, the stored title is one line, and Wagtail's moderation
    notification for the submitted page is sent."""
    moderator = SuperUserFactory(email="moderateur@cma.example")
    data = {
        "business_name": HOSTILE_NAME + "x" * 300,
        "contact_name": "Lucie\nMartin",
        "email": "lucie@trimadel.example",
        "phone": "",
        "town": "Besançon\r\n",
        "postcode": "25000",
        "category": categories["masques"],
        "description": "Des blouses.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        proposal = services.submit_proposal(data, site)
    title = proposal.page.title
    assert "\r" not in title and "\n" not in title
    assert title.startswith("Trimadel Bcc: x@y")
    assert len(title) <= 255
    assert proposal.business_name == title
    assert proposal.contact_name == "Lucie Martin" and proposal.page.town == "Besançon"
    notices = [m for m in mail.outbox if m.to == [moderator.email]]
    assert notices, "Wagtail's moderation notification was not sent"
    assert all("\n" not in m.subject and "\r" not in m.subject for m in mail.outbox)
    assert "Trimadel Bcc: x@y" in notices[0].subject


@pytest.mark.parametrize("path", PATHS)
def test_a_line_break_in_the_business_name_through_the_public_paths(
    client, index_page, categories, path, django_capture_on_commit_callbacks
):
    moderator = SuperUserFactory(email="moderateur@cma.example")
    with django_capture_on_commit_callbacks(execute=True):
        status, errors = post(client, path, categories, business_name=HOSTILE_NAME)
    if status != ACCEPTED[path]:
        # Refusing control characters at validation is fine too: a field message.
        assert "business_name" in errors
        assert not InitiativeProposal.objects.exists()
        return
    page = InitiativePage.objects.get()
    assert page.title == "Trimadel Bcc: x@y"
    assert any(m.to == [moderator.email] for m in mail.outbox)
    assert all("\n" not in m.subject for m in mail.outbox)


# Hostile input ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    ("field", "value"),
    [("postcode", "2500²"), ("postcode", "25\x0000"), ("business_name", "Tri\x00madel")],
)
def test_hostile_input_is_a_field_error(client, index_page, categories, path, field, value):
    status, errors = post(client, path, categories, **{field: value})
    if "\x00" in value:  # never reaches the form: MalformedInputMiddleware answers 400
        assert status == 400
    else:
        assert status in (200, 422)
        assert field in errors
    assert not InitiativeProposal.objects.exists()


@pytest.mark.parametrize("path", PATHS)
def test_a_fullwidth_postcode_is_normalised_or_refused(client, index_page, categories, path):
    status, errors = post(client, path, categories, postcode="２５１６０")
    assert status != 500
    if status == ACCEPTED[path]:
        proposal = InitiativeProposal.objects.get()
        assert proposal.postcode == "25160" and proposal.page.departement == "25"
    else:
        assert "postcode" in errors

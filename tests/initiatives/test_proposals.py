import time

import pytest
import swapper
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import WorkflowState

from cma_wagtail.forms import TIMESTAMP_SALT
from cma_wagtail.initiatives.models import InitiativePage, InitiativeProposal
from cma_wagtail.outbox.models import OutgoingEmail
from tests.factories import SuperUserFactory

from .conftest import image_bytes

Page = swapper.load_model("wagtailcore", "Page")

URL = "/cma/initiatives/propose/"


def _data(categories, **overrides):
    data = {
        "business_name": "Au Cœur du Tricot",
        "contact_name": "Claire Vuillemin",
        "email": "claire@tricot.example",
        "phone": "03 81 46 00 00",
        "town": "Montperreux",
        "postcode": "25160",
        "category": categories["masques"].pk,
        "description": "Nous cousons des masques pour l'hôpital de Pontarlier.",
        "photo_alt": "",
        "consent": "on",
        "website": "",
        "form_started": signing.dumps(time.time() - 10, salt=TIMESTAMP_SALT),
    }
    data.update(overrides)
    return data


def _counts():
    return (
        Page.objects.count(),
        InitiativeProposal.objects.count(),
        get_image_model().objects.count(),
        OutgoingEmail.objects.count(),
        WorkflowState.objects.count(),
    )


def test_url_name():
    assert reverse("cma_initiatives:propose") == URL


def test_form_page_shows_fields_and_privacy_notice(client, index_page, categories, chamber):
    chamber.privacy_notice = "<p>Vos données restent à la CMA.</p>"
    chamber.save()
    html = client.get(URL).content.decode()
    assert 'enctype="multipart/form-data"' in html
    for name in ("business_name", "contact_name", "email", "phone", "postcode", "photo", "consent"):
        assert f'name="{name}"' in html
    assert "Vos données restent à la CMA." in html
    assert 'name="website"' in html  # honeypot
    assert 'accept="image/jpeg,image/png,image/webp"' in html


def test_proposal_creates_a_draft_in_moderation_with_private_contact(
    client, index_page, categories, chamber, django_capture_on_commit_callbacks
):
    moderator = SuperUserFactory(email="moderateur@cma.example")
    photo = SimpleUploadedFile("masques.jpg", image_bytes("JPEG"), content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL, _data(categories, photo=photo, photo_alt="Des masques colorés sur une table")
        )
    assert response.status_code == 302
    assert "sent=1" in response["Location"]

    page = InitiativePage.objects.get()
    assert not page.live and page.owner is None
    assert page.get_parent().specific == index_page
    assert page.departement == "25"
    assert list(page.categories.all()) == [categories["masques"]]
    assert page.gallery_images.get().alt_text == "Des masques colorés sur une table"
    # In Wagtail's moderation workflow: editors approve or reject it.
    state = page.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by is None
    assert moderator.email in [m.to[0] for m in mail.outbox]

    proposal = InitiativeProposal.objects.get()
    assert proposal.page == page
    assert proposal.email == "claire@tricot.example"
    assert proposal.phone == "+33381460000"
    assert proposal.consent_at is not None and len(proposal.ip_hash) == 64
    # Acknowledgement through the outbox.
    ack = OutgoingEmail.objects.get(kind="initiative_proposal_ack")
    assert ack.to == ["claire@tricot.example"]

    # The contact is never public: not on the page (once published), nor in the API.
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Au Cœur du Tricot" in html
    for secret in ("claire@tricot.example", "Vuillemin", "46 00 00", "+33381460000"):
        assert secret not in html
    fields = {f.name for f in InitiativePage.api_fields}
    assert not fields & {"proposal", "email", "contact_name", "phone"}


def test_done_page(client, index_page):
    response = client.get(URL, {"sent": "1"})
    assert response.status_code == 200
    assert 'role="status"' in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"consent": ""}, "consent", "Cochez cette case"),
        ({"postcode": "2516"}, "postcode", "5 chiffres"),
        ({"email": "pas-un-email"}, "email", ""),
        (
            {
                "photo": SimpleUploadedFile("photo.jpg", b"not an image at all", "image/jpeg"),
                "photo_alt": "x",
            },
            "photo",
            "",
        ),
        (
            {
                "photo": SimpleUploadedFile("photo.png", image_bytes("JPEG"), "image/png"),
                "photo_alt": "x",
            },
            "photo",
            "",
        ),
        (
            {
                "photo": SimpleUploadedFile("photo.gif", image_bytes("GIF"), "image/gif"),
                "photo_alt": "x",
            },
            "photo",
            "JPEG",
        ),
        (
            {"photo": SimpleUploadedFile("photo.png", image_bytes("PNG"), "image/png")},
            "photo_alt",
            "",
        ),
    ],
)
def test_invalid_proposals_are_refused_with_a_field_message_and_create_nothing(
    client, index_page, categories, overrides, field, message
):
    before = _counts()
    response = client.post(URL, _data(categories, **overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    assert "cma-error-summary" in response.content.decode()
    assert _counts() == before


@override_settings(CMA_WAGTAIL_PROPOSAL_MAX_IMAGE_MB=0.001)
def test_too_big_photo_is_refused(client, index_page, categories):
    before = _counts()
    photo = SimpleUploadedFile("photo.png", image_bytes("PNG", (400, 400)), "image/png")
    response = client.post(URL, _data(categories, photo=photo, photo_alt="x"))
    assert (
        "trop lourde" in " ".join(response.context["form"].errors["photo"])
        or response.context["form"].errors["photo"]
    )
    assert _counts() == before


def test_honeypot_refuses_and_creates_nothing(client, index_page, categories):
    before = _counts()
    response = client.post(URL, _data(categories, website="http://spam.example"))
    assert response.context["form"].non_field_errors()
    assert _counts() == before


@override_settings(CMA_WAGTAIL_MIN_FILL_SECONDS=3)
def test_time_trap_refuses_and_creates_nothing(client, index_page, categories):
    before = _counts()
    started = signing.dumps(time.time(), salt=TIMESTAMP_SALT)
    response = client.post(URL, _data(categories, form_started=started))
    assert "trop rapidement" in str(response.context["form"].non_field_errors())
    assert _counts() == before


@override_settings(CMA_WAGTAIL_RATE_LIMIT_PER_IP=(2, 3600))
def test_rate_limit_per_ip(client, index_page, categories):
    for n in range(2):
        response = client.post(URL, _data(categories, email=f"a{n}@example.org", phone=""))
        assert response.status_code == 302
    before = _counts()
    response = client.post(URL, _data(categories, email="c@example.org", phone=""))
    assert response.status_code == 429
    assert "plus tard" in str(response.context["form"].non_field_errors())
    assert _counts() == before


def test_without_an_index_proposals_are_closed(client, home_page, categories):
    before = _counts()
    response = client.post(URL, _data(categories))
    assert response.status_code == 503
    assert _counts() == before


def test_configured_index_receives_proposals(client, home_page, categories, settings):
    from tests.factories import InitiativeIndexPageFactory

    InitiativeIndexPageFactory(parent=home_page, slug="a")
    second = InitiativeIndexPageFactory(parent=home_page, slug="b")
    settings.CMA_WAGTAIL_INITIATIVES_PROPOSAL_INDEX = second.pk
    client.post(URL, _data(categories))
    assert InitiativePage.objects.get().get_parent().pk == second.pk


def test_editor_sees_the_contact_in_the_page_editor_and_the_inbox(client, index_page, categories):
    client.post(URL, _data(categories))
    page = InitiativePage.objects.get()
    client.force_login(SuperUserFactory())
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "claire@tricot.example" in html
    inbox = client.get("/admin/cma_initiatives/initiativeproposal/")
    assert inbox.status_code == 200
    assert "claire@tricot.example" in inbox.content.decode()


def test_proposal_inbox_is_read_only_and_categories_are_snippets(client, index_page, categories):
    client.post(URL, _data(categories))
    proposal = InitiativeProposal.objects.get()
    client.force_login(SuperUserFactory())
    base = "/admin/cma_initiatives/initiativeproposal/"
    inspect = client.get(f"{base}inspect/{proposal.pk}/")
    assert inspect.status_code == 200 and "Claire Vuillemin" in inspect.content.decode()
    assert client.get(f"{base}create/").status_code in (302, 403)
    assert client.get(f"{base}edit/{proposal.pk}/").status_code in (302, 403)
    snippets = client.get("/admin/snippets/cma_initiatives/initiativecategory/")
    assert snippets.status_code == 200 and "Solutions hydroalcooliques" in snippets.content.decode()


def test_approving_the_proposal_publishes_it(client, index_page, categories):
    client.post(URL, _data(categories))
    page = InitiativePage.objects.get()
    editor = SuperUserFactory()
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200  # "Awaiting your review" lists it
    task_state = page.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "approve")
    page.refresh_from_db()
    assert page.live
    client.logout()
    assert "Au Cœur du Tricot" in client.get(index_page.url).content.decode()


def test_group_permissions_offer_proposal_access(client, db):
    client.force_login(SuperUserFactory())
    html = client.get("/admin/groups/new/").content.decode()
    # modeladmin registers the model's permissions: groups can be allowed to read proposals.
    assert "Proposition d&#x27;initiative</h3>" in html


@override_settings(CMA_WAGTAIL_RATE_LIMIT_PER_PHONE=(1, 3600))
def test_rate_limit_per_contact(client, index_page, categories):
    assert client.post(URL, _data(categories)).status_code == 302
    before = _counts()
    response = client.post(URL, _data(categories, business_name="Autre nom"))
    assert response.status_code == 429
    assert _counts() == before


@override_settings(WAGTAIL_WORKFLOW_ENABLED=False)
def test_without_workflow_the_draft_is_kept_and_the_chamber_told(
    client, index_page, categories, chamber
):
    assert client.post(URL, _data(categories)).status_code == 302
    page = InitiativePage.objects.get()
    assert not page.live and page.current_workflow_state is None
    assert OutgoingEmail.objects.filter(kind="initiative_proposal_new", to=[chamber.email]).exists()

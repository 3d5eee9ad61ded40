"""The 30-second callback (issue 15): what the form asks first, the date only when chosen,
the confirmation instead of a second form, neutral time trap, where "Être rappelé" leads."""

import datetime as dt
import re
import time
from unittest import mock

import pytest
from django.test import override_settings
from django.utils import timezone

from cma_wagtail.callbacks.intake import expected_call_for
from cma_wagtail.callbacks.models import CallbackRequest
from cma_wagtail.forms import timestamp_token
from tests.callbacks.conftest import form_data
from tests.factories import HomePageFactory, StandardPageFactory, callback_block_value

SUBMIT = "/cma/callbacks/submit/"
REQUEST = "/cma/callbacks/request/"

pytestmark = pytest.mark.django_db


def _html(response) -> str:
    return response.content.decode()


def _section(html: str, block_id: str) -> str:
    start = html.index(f'id="cma-callback-{block_id}"')
    return html[start : html.index("</section>", start)]


# What the form asks first -------------------------------------------------------------


def test_the_form_asks_name_phone_topic_then_folds_the_rest_then_consent(
    client, blocks, callback_page
):
    section = _section(_html(client.get(callback_page.url)), blocks[0].id)
    prefix = f"cb-{blocks[0].id}-"
    positions = {
        name: section.index(f'name="{prefix}{name}"')
        for name in ("name", "phone", "topic", "business_name", "email", "preferred_slot")
        + ("preferred_date", "message", "siret", "postcode", "trade", "consent")
    }
    details = section.index("<details")
    end_details = section.index("</details>")
    assert positions["name"] < positions["phone"] < positions["topic"] < details
    for optional in ("business_name", "email", "preferred_slot", "preferred_date", "message"):
        assert details < positions[optional] < end_details
    assert end_details < positions["consent"]
    assert '<details class="cma-callback__more">' in section  # folded: no "open"
    assert "Ajouter des précisions (facultatif)" in section


def test_details_unfold_when_an_optional_field_has_an_error(client, blocks, callback_page):
    response = client.post(SUBMIT, form_data(blocks[0], callback_page, email="pas-une-adresse"))
    section = _section(_html(response), blocks[0].id)
    assert '<details class="cma-callback__more" open>' in section


# The day only when chosen ------------------------------------------------------------


@pytest.mark.parametrize("day", ["n'importe quoi", "2001-01-01", "2999-12-31"])
def test_the_day_is_ignored_unless_that_slot_is_chosen(client, blocks, callback_page, day):
    response = client.post(
        SUBMIT, form_data(blocks[0], callback_page, preferred_slot="morning", preferred_date=day)
    )
    assert response.status_code == 303
    obj = CallbackRequest.objects.get()
    assert obj.preferred_slot == "morning" and obj.preferred_date is None


def test_the_day_is_kept_and_checked_when_that_slot_is_chosen(client, blocks, callback_page):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(SUBMIT, form_data(blocks[0], callback_page, preferred_slot="day"))
    assert response.status_code == 200
    assert "Choisissez le jour." in _html(response)
    response = client.post(
        SUBMIT,
        form_data(blocks[0], callback_page, preferred_slot="day", preferred_date="2001-01-01"),
    )
    assert response.status_code == 200
    response = client.post(
        SUBMIT,
        form_data(
            blocks[0], callback_page, preferred_slot="day", preferred_date=tomorrow.isoformat()
        ),
    )
    assert response.status_code == 303
    assert CallbackRequest.objects.get().preferred_date == tomorrow


def test_the_day_field_is_marked_for_the_script_and_says_when_it_counts(
    client, blocks, callback_page
):
    section = _section(_html(client.get(callback_page.url)), blocks[0].id)
    assert f'data-cma-show-when="cb-{blocks[0].id}-preferred_slot=day"' in section
    assert "Seulement si vous avez choisi" in section  # without JavaScript


# The confirmation --------------------------------------------------------------------


def test_the_confirmation_repeats_the_number_and_when_and_shows_no_form(
    client, blocks, callback_page
):
    response = client.post(SUBMIT, form_data(blocks[0], callback_page, phone="0612345678"))
    html = _html(client.get(response["Location"]))
    section = _section(html, blocks[0].id)
    assert 'role="status"' in section and "cma-callback__confirmation" in section
    assert "Nous vous appellerons au" in section
    assert "06 12 34 56 78" in section
    assert "conseiller vous rappellera" in section
    assert "Merci, votre demande est bien arrivée." in section  # the block's own message
    # No second form anywhere on the page (the other block points to the confirmation).
    assert "<form" not in html.split("<main", 1)[-1].split("</main>")[0]
    assert html.count('name="page_id"') == 0
    assert f'href="#cma-callback-{blocks[0].id}"' in _section(html, blocks[1].id)
    # A mistake in the number: a plain link to a fresh form, not a form.
    assert f'href="{callback_page.url}#cma-callback-{blocks[0].id}"' in section


def test_the_confirmation_address_holds_neither_the_number_nor_an_id(client, blocks, callback_page):
    response = client.post(SUBMIT, form_data(blocks[0], callback_page, phone="0612345678"))
    location = response["Location"]
    obj = CallbackRequest.objects.get()
    assert "0612345678" not in location and "33612345678" not in location
    ref = re.search(r"ref=([^&#]+)", location).group(1)
    assert str(obj.pk) not in ref or len(ref) == 22


def test_an_unknown_reference_confirms_without_details(client, blocks, callback_page):
    url = f"{callback_page.url}?callback=sent&cb={blocks[0].id}&ref=forged"
    section = _section(_html(client.get(url)), blocks[0].id)
    assert "Votre demande a bien été envoyée." in section
    assert "Nous vous appellerons au" not in section
    assert "<form" not in section


def test_the_confirmation_says_when_from_the_slot_and_the_opening_hours(chamber):
    chamber.opening_hours = [
        {
            "type": "period",
            "value": {"days": ["0", "1", "2", "3", "4"], "opens": "08:30", "closes": "12:00"},
        },
        {
            "type": "period",
            "value": {"days": ["0", "1", "2", "3", "4"], "opens": "13:30", "closes": "17:30"},
        },
    ]
    chamber.save()
    tz = timezone.get_current_timezone()
    friday_afternoon = dt.datetime(2026, 11, 27, 15, 0, tzinfo=tz)  # a Friday
    monday_morning = dt.datetime(2026, 11, 30, 9, 0, tzinfo=tz)
    assert expected_call_for(chamber, "morning", at=friday_afternoon) == (
        "Un conseiller vous rappellera lundi\u00a030\u00a0novembre, dans la matinée."
    )
    assert expected_call_for(chamber, "afternoon", at=friday_afternoon) == (
        "Un conseiller vous rappellera cet après-midi."
    )
    assert expected_call_for(chamber, "morning", at=monday_morning) == (
        "Un conseiller vous rappellera ce matin."
    )
    assert expected_call_for(chamber, "day", dt.date(2026, 12, 1), at=monday_morning) == (
        "Un conseiller vous rappellera mardi\u00a01er\u00a0décembre, pendant nos heures d’ouverture."
    )
    saturday = dt.datetime(2026, 11, 28, 10, 0, tzinfo=tz)
    assert "lundi\u00a030\u00a0novembre" in expected_call_for(chamber, "asap", at=saturday)


def test_the_json_answer_says_when_from_the_slot(client, blocks, callback_page):
    """Same contract (result, expected_call); the sentence follows the slot."""
    from cma_wagtail.flows import Kind

    outcome = None
    from django.test import RequestFactory

    from cma_wagtail.callbacks.flows import submit_callback

    request = RequestFactory().post("/", HTTP_HOST="localhost")
    data = {
        k.split("-", 6)[-1] if k.startswith("cb-") else k: v
        for k, v in form_data(blocks[0], callback_page, preferred_slot="afternoon").items()
    }
    outcome = submit_callback(request, page_id=callback_page.pk, block_id=blocks[0].id, data=data)
    assert outcome.kind is Kind.DONE
    assert "après-midi" in outcome.data["expected_call"]


# The time trap never blames ----------------------------------------------------------


@override_settings(CMA_WAGTAIL_MIN_FILL_SECONDS=3)
def test_too_fast_is_a_neutral_notice_and_the_second_try_is_accepted(client, blocks, callback_page):
    data = form_data(blocks[0], callback_page)
    data[f"cb-{blocks[0].id}-form_started"] = timestamp_token()
    response = client.post(SUBMIT, data)
    assert response.status_code == 200
    section = _section(_html(response), blocks[0].id)
    assert "Vérifiez vos informations puis renvoyez le formulaire." in section
    assert "cma-form-notice" in section and 'role="status"' in section
    assert "cma-error-summary" not in section and "problème" not in section
    assert 'value="Xavier Brignon"' in section  # what was typed is kept
    token = re.search(rf'name="cb-{blocks[0].id}-form_started" value="([^"]+)"', section).group(1)
    data[f"cb-{blocks[0].id}-form_started"] = token
    with mock.patch("time.time", return_value=time.time() + 4):  # a person reads, resends
        response = client.post(SUBMIT, data)
    assert response.status_code == 303
    assert CallbackRequest.objects.count() == 1


@override_settings(CMA_WAGTAIL_MIN_FILL_SECONDS=3)
def test_too_fast_with_a_mistake_counts_only_the_mistake(client, blocks, callback_page):
    data = form_data(blocks[0], callback_page, name="", consent=None)
    data[f"cb-{blocks[0].id}-form_started"] = timestamp_token()
    section = _section(_html(client.post(SUBMIT, data)), blocks[0].id)
    summary = section[section.index("cma-error-summary") :]
    summary = summary[: summary.index("</div>")]
    assert "Il y a 2 problèmes dans vos réponses" in summary
    assert summary.count("<li>") == 2
    assert "rapidement" not in summary and "renvoyez" not in summary
    # The consent's item is short: its message, not the whole label.
    assert ">Cochez la case pour accepter d’être rappelé·e.</a>" in summary
    assert "J’accepte" not in summary and "J'accepte" not in summary


# Where "Être rappelé" leads ----------------------------------------------------------


@pytest.fixture
def crisis(chamber):
    chamber.crisis_mode = True
    chamber.crisis_banner_message = "Covid-19 : la cellule de crise vous rappelle."
    chamber.save()
    return chamber


def _banner_href(html: str) -> str:
    banner = html[html.index('id="cma-crisis-banner"') :]
    return re.search(r'href="([^"]+)" data-cma-callback-link', banner).group(1)


def test_on_a_page_with_the_form_the_banner_leads_to_it(client, crisis, blocks, callback_page):
    html = _html(client.get(callback_page.url))
    assert _banner_href(html) == f"#cma-callback-{blocks[0].id}"


def test_elsewhere_the_banner_leads_to_the_chamber_callback_page(
    client, crisis, blocks, callback_page, home_page
):
    crisis.callback_page = callback_page
    crisis.save()
    other = StandardPageFactory(parent=home_page, title="Aides", slug="aides")
    other.save_revision().publish()
    html = _html(client.get(other.url))
    assert _banner_href(html) == f"{callback_page.url}#cma-callback-{blocks[0].id}"


def test_without_a_callback_page_the_banner_leads_to_the_package_page(client, crisis, home_page):
    other = StandardPageFactory(parent=home_page, title="Aides", slug="aides")
    other.save_revision().publish()
    assert _banner_href(_html(client.get(other.url))) == REQUEST + "#cma-callback-form"


def test_a_call_to_action_to_the_callback_page_opens_its_form(
    client, chamber, blocks, callback_page, home_page
):
    chamber.callback_page = callback_page
    chamber.save()
    page = StandardPageFactory(parent=home_page, title="Aides", slug="aides")
    page.body = [
        (
            "call_to_action",
            {
                "heading": "Besoin d'aide ?",
                "text": "",
                "link": {"page": callback_page, "url": "", "label": "Être rappelé"},
                "secondary_link": {"page": None, "url": "", "label": ""},
                "image": None,
                "style": "urgent",
            },
        )
    ]
    page.save_revision().publish()
    html = _html(client.get(page.url))
    assert f'href="{callback_page.url}#cma-callback-{blocks[0].id}">Être rappelé' in html


# The package's callback page ---------------------------------------------------------


def _plain(data: dict) -> dict:
    plain = {}
    for key, value in data.items():
        if key in ("page_id", "block_id"):
            continue
        plain[re.sub(r"^cb-[0-9a-f-]+-", "", key)] = value
    return plain


def test_the_package_page_shows_the_form_and_its_confirmation(
    client, chamber, team, blocks, callback_page
):
    html = _html(client.get(REQUEST))
    assert 'id="cma-callback-form"' in html and 'name="name"' in html
    assert f'action="{REQUEST}#cma-callback-form"' in html
    response = client.post(REQUEST, _plain(form_data(blocks[0], callback_page)))
    assert response.status_code == 303
    assert response["Location"].startswith(REQUEST + "?callback=sent&cb=&ref=")
    assert response["Location"].endswith("#cma-callback-form")
    assert CallbackRequest.objects.get().page_id is None
    html = _html(client.get(response["Location"]))
    assert "06 12 34 56 78" in html and 'name="name"' not in html


def test_the_package_page_shows_errors_in_words(client, chamber, blocks, callback_page):
    response = client.post(REQUEST, _plain(form_data(blocks[0], callback_page, phone="12")))
    assert response.status_code == 200
    assert "Il y a un problème dans vos réponses" in _html(response)
    assert CallbackRequest.objects.count() == 0


# The callback form's own privacy notice ----------------------------------------------


def test_the_default_notice_states_purpose_data_and_the_real_retention(
    client, blocks, callback_page, settings
):
    section = _section(_html(client.get(callback_page.url)), blocks[0].id)
    assert "uniquement pour vous rappeler" in section
    assert "anonymisées un an après la clôture" in section
    settings.CMA_WAGTAIL_CALLBACK_RETENTION_DAYS = 730
    section = _section(_html(client.get(callback_page.url)), blocks[0].id)
    assert "anonymisées 2 ans après la clôture" in section
    settings.CMA_WAGTAIL_CALLBACK_RETENTION_DAYS = 90
    section = _section(_html(client.get(callback_page.url)), blocks[0].id)
    assert "anonymisées 90 jours après la clôture" in section


def test_the_chamber_may_write_its_own_callback_notice(client, chamber, blocks, callback_page):
    chamber.callback_privacy_notice = "<p>Notice de la CMA du Doubs pour le rappel.</p>"
    chamber.save()
    section = _section(_html(client.get(callback_page.url)), blocks[0].id)
    assert "Notice de la CMA du Doubs pour le rappel." in section
    assert "uniquement pour vous rappeler" not in section


def test_a_page_without_form_in_home_leads_home(client, crisis, team, home_page):
    """The demo's set-up: the home page carries the form and is the callback page."""
    home_page.body = [("callback_request", callback_block_value(team))]
    home_page.save_revision().publish()
    crisis.callback_page = home_page
    crisis.save()
    block_id = home_page.body[0].id
    other = HomePageFactory(parent=home_page, title="Autre", slug="autre", body=[])
    other.save_revision().publish()
    assert _banner_href(_html(client.get(other.url))) == f"{home_page.url}#cma-callback-{block_id}"

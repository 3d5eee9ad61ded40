"""The v3 contract a decoupled front end relies on: a valid OpenAPI document that says what
is sent, one 422 shape, robust reads (no 500), HEAD, and HTTP caching."""

import pytest

from tests.factories import CrisisNewsPageFactory, NewsTopicFactory, TrainingPageFactory

from .helpers import V3

pytestmark = pytest.mark.django_db

READS = ("crisis-news", "initiatives", "trainings")


@pytest.fixture
def document(client):
    response = client.get("/api/v3/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_served_document_is_valid_openapi(document):
    from openapi_spec_validator import validate

    validate(document)  # raises on the first error


def test_anonymous_access_is_an_empty_security_requirement(document):
    assert "AllowAnonymous" not in document["components"].get("securitySchemes", {})
    news = document["paths"]["/api/v3/cma/crisis-news/"]["get"]
    assert news["security"] == [{"BearerTokenAuth": []}, {}]


def test_errors_are_documented_as_problem_json_with_typed_items(document):
    paths = {p: item for p, item in document["paths"].items() if "/cma/" in p}
    for path, item in paths.items():
        for method, operation in item.items():
            for code, response in operation["responses"].items():
                if code[0] in "45":
                    assert list(response["content"]) == ["application/problem+json"], (
                        method,
                        path,
                        code,
                    )
    error = document["components"]["schemas"]["CmaProblemError"]
    assert set(error["required"]) == {"type", "msg"}
    listing = paths["/api/v3/cma/crisis-news/"]["get"]
    assert {"400", "422", "304"} <= set(listing["responses"])
    limit = next(p for p in listing["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 20


def test_headers_are_declared(document):
    callback = document["paths"]["/api/v3/cma/callback-requests/"]["post"]
    assert any(p["name"] == "Idempotency-Key" for p in callback["parameters"])
    assert "Idempotent-Replayed" in callback["responses"]["201"]["headers"]
    assert "Retry-After" in callback["responses"]["429"]["headers"]
    assert "400" in callback["responses"]
    read = document["paths"]["/api/v3/cma/trainings/{page_id}/"]["get"]
    assert {"ETag", "Last-Modified", "Cache-Control"} <= set(read["responses"]["200"]["headers"])


def test_type_errors_have_the_forms_shape_in_french(client):
    response = client.post(
        f"{V3}/callback-requests/",
        {"consent": "perhaps", "page_id": 2**64},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    errors = {tuple(e["loc"]): e["msg"] for e in response.json()["errors"]}
    assert errors[("consent",)] == "Saisissez une valeur valide."
    assert errors[("page_id",)] == "Cette valeur est hors limites."


@pytest.mark.parametrize("kind", READS)
def test_out_of_range_ids_and_offsets_are_problems_not_500(client, kind):
    detail = client.get(f"{V3}/{kind}/99999999999999999999/")
    assert detail.status_code == 404
    assert detail["Content-Type"] == "application/problem+json"
    offset = client.get(f"{V3}/{kind}/?offset=9223372036854775808")
    assert offset.status_code == 422
    assert offset.json()["errors"][0]["loc"] == ["offset"]
    index = client.get(f"{V3}/{kind}/?index=9223372036854775808")
    assert index.status_code in {200, 422}


def test_out_of_range_session_is_a_problem(client):
    response = client.post(
        f"{V3}/trainings/sessions/99999999999999999999/registrations/",
        {},
        content_type="application/json",
    )
    assert response.status_code in {404, 422}


def test_head_answers_like_get_without_a_body(client, home_page):
    CrisisNewsPageFactory(parent=home_page, title="Aides")
    get = client.get(f"{V3}/crisis-news/")
    head = client.head(f"{V3}/crisis-news/")
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]


def test_reads_are_cacheable_and_conditional(client, home_page, settings):
    settings.CMA_WAGTAIL_API_MAX_AGE = 120
    page = TrainingPageFactory(parent=home_page)
    url = f"{V3}/trainings/{page.pk}/"
    first = client.get(url)
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=120"
    assert first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    page.title = "Renamed"
    page.save_revision().publish()
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_topics_list_is_conditional_too(client):
    NewsTopicFactory(name="Aides")
    first = client.get(f"{V3}/crisis-news/topics/")
    assert (
        client.get(f"{V3}/crisis-news/topics/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    )


def test_token_reads_are_private_and_submissions_not_stored(client, api_token):
    read = client.get(f"{V3}/crisis-news/", HTTP_AUTHORIZATION=f"Bearer {api_token}")
    assert "private" in read["Cache-Control"]
    post = client.post(f"{V3}/callback-requests/", {}, content_type="application/json")
    assert "no-store" in post["Cache-Control"]
    personal = client.get(f"{V3}/crisis-news/subscriptions/preferences/?token=x")
    assert "no-store" in personal["Cache-Control"]


def test_a_page_failing_its_schema_is_left_out_of_the_list(client, home_page, monkeypatch, caplog):
    from cma_wagtail.crisis_news import serializers

    good = CrisisNewsPageFactory(parent=home_page, title="Lisible")
    bad = CrisisNewsPageFactory(parent=home_page, title="Illisible")
    real = serializers.news_data

    def news_data(page, request):
        data = real(page, request)
        if page.pk == bad.pk:
            data["urgency"] = "a value an older release stored"
        return data

    monkeypatch.setattr(serializers, "news_data", news_data)
    response = client.get(f"{V3}/crisis-news/")
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [good.pk]
    assert f"page {bad.pk} left out" in caplog.text


def test_cors_preflight_is_answered_and_headers_exposed(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://front.example"]
    preflight = client.options(
        f"{V3}/callback-requests/",
        HTTP_ORIGIN="https://front.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type, idempotency-key",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "https://front.example"
    assert "idempotency-key" in preflight["Access-Control-Allow-Headers"]
    read = client.get(f"{V3}/crisis-news/", HTTP_ORIGIN="https://front.example")
    exposed = read["Access-Control-Expose-Headers"]
    assert {"Retry-After", "Idempotent-Replayed", "ETag"} <= set(exposed.split(", "))
    other = client.get(f"{V3}/crisis-news/", HTTP_ORIGIN="https://elsewhere.example")
    assert "Access-Control-Allow-Origin" not in other


def test_site_endpoint_gives_the_chamber_settings_and_form_choices(client, home_page):
    import datetime as dt

    from wagtail.models import Site

    from cma_wagtail.models import ChamberSettings

    chamber = ChamberSettings.for_site(Site.objects.get(is_default_site=True))
    chamber.chamber_name = "CMA du Doubs"
    chamber.phone = "0381000000"
    chamber.crisis_mode = True
    chamber.crisis_banner_message = "Inondations : aides ouvertes"
    chamber.crisis_banner_link_page = home_page
    chamber.crisis_banner_link_text = "Voir les aides"
    chamber.callback_intake_open = False
    chamber.opening_hours = [
        ("period", {"days": ["0", "1"], "opens": dt.time(9), "closes": dt.time(12)})
    ]
    chamber.save()
    response = client.get(f"{V3}/site/")
    assert response.status_code == 200
    data = response.json()
    assert data["chamber_name"] == "CMA du Doubs"
    assert data["opening_hours"]["periods"] == [
        {"days": [0, 1], "opens": "09:00:00", "closes": "12:00:00"}
    ]
    assert data["opening_hours"]["next_opening"]
    assert data["crisis_banner"]["message"] == "Inondations : aides ouvertes"
    assert data["crisis_banner"]["link"]["url"].startswith("http")
    assert data["callback_intake"]["open"] is False
    assert data["callback_intake"]["reason"] == "switched_off"
    topics = {c["value"] for c in data["choices"]["callback_topic"]}
    assert "state_aid" in topics
    assert {c["value"] for c in data["choices"]["training_legal_form"]} >= {"micro", "eurl"}
    assert response["ETag"]


def test_site_endpoint_gives_each_form_its_own_privacy_notice(client, home_page):
    from wagtail.models import Site

    from cma_wagtail.models import ChamberSettings

    chamber = ChamberSettings.for_site(Site.objects.get(is_default_site=True))
    chamber.proposal_privacy_notice = "<p>Notice des propositions.</p>"
    chamber.save()
    privacy = client.get(f"{V3}/site/").json()["privacy"]
    notices = privacy["notices"]
    assert set(notices) == {"callbacks", "registrations", "proposals", "news_alerts"}
    assert "anonymisées un an après la clôture" in notices["callbacks"]
    assert "organiser cette formation" in notices["registrations"]
    assert "Notice des propositions." in notices["proposals"]
    assert "non confirmée sous 7 jours" in notices["news_alerts"]
    assert privacy["notice_html"] == ""  # the callback notice as written: none
    # What the footer says of the accessibility statement, for a decoupled footer too.
    assert privacy["accessibility_status"] == {"value": "none", "label": "non conforme"}


def test_site_endpoint_gives_the_main_menu_and_the_logo(client, home_page, monkeypatch):
    from wagtail.models import PageViewRestriction

    from cma_wagtail.models import ChamberSettings
    from example_site.home.models import StandardPage
    from tests.factories import ImageFactory, StandardPageFactory

    if not hasattr(StandardPage, "show_in_menus"):  # a base page model without it: no menu
        StandardPageFactory(parent=home_page, title="Aides")
        assert client.get(f"{V3}/site/").json()["menu"] == []
        return
    StandardPageFactory(parent=home_page, title="Aides", show_in_menus=True)
    StandardPageFactory(parent=home_page, title="Hors menu", show_in_menus=False)
    draft = StandardPageFactory(parent=home_page, title="Brouillon", show_in_menus=True)
    draft.unpublish()
    private = StandardPageFactory(parent=home_page, title="Privée", show_in_menus=True)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    StandardPageFactory(parent=home_page, title="Formations", show_in_menus=True)

    data = client.get(f"{V3}/site/").json()
    assert [item["title"] for item in data["menu"]] == ["Aides", "Formations"]
    assert data["menu"][0]["url"].startswith("http")
    assert data["logo"] is None  # the settings have no logo field (yet)

    # Once the site frame gives ChamberSettings a logo, it is sent in the core image shape.
    monkeypatch.setattr(ChamberSettings, "logo", ImageFactory(), raising=False)
    logo = client.get(f"{V3}/site/").json()["logo"]
    assert logo["sources"] and logo["url"] and logo["alt"] == data["chamber_name"]


def test_form_blocks_carry_their_json_submission_url(client, home_page):
    from tests.factories import StandardPageFactory, callback_block_value

    page = StandardPageFactory(
        parent=home_page,
        body=[
            {"type": "callback_request", "value": callback_block_value()},
            {
                "type": "news_alerts",
                "value": {"heading": "Alertes", "intro": "", "privacy_notice": ""},
            },
        ],
    )
    response = client.get(f"/api/v3/pages/{page.pk}/")
    assert response.status_code == 200
    blocks = {block["type"]: block["value"] for block in response.json()["body"]}
    assert blocks["callback_request"]["api_submit_url"] == "/api/v3/cma/callback-requests/"
    assert blocks["callback_request"]["submit_url"]
    assert blocks["news_alerts"]["api_submit_url"] == "/api/v3/cma/crisis-news/subscriptions/"


def test_wagtails_page_endpoints_type_bodyfield_bodies(client, home_page):
    """A ``BodyField`` (the package's pages and the site's) is the typed block union on
    ``/api/v3/pages/`` too, not ``unknown[]``; a plain StreamField keeps Wagtail's type."""
    from tests.factories import StandardPageFactory

    document = client.get("/api/v3/openapi.json").json()
    schemas = document["components"]["schemas"]
    for name in ("StandardPageSchema", "HomePageSchema", "CrisisNewsPageSchema"):
        items = schemas[name]["properties"]["body"]["items"]
        assert "quote" in items["discriminator"]["mapping"], name
    related = schemas["CrisisNewsPageSchema"]["properties"]["related_links"]["items"]
    assert "discriminator" not in related  # a StreamField of its own: Wagtail's list[Any]
    page = StandardPageFactory(
        parent=home_page,
        body=[{"type": "quote", "value": {"quote": "Tenir bon", "author": "", "role": ""}}],
    )
    response = client.get(f"/api/v3/pages/{page.pk}/")
    assert response.status_code == 200
    assert response.json()["body"][0]["value"]["quote"] == "Tenir bon"

"""Headless preview, end to end: Preview in the admin redirects to the site's front end with
a token; the draft is readable through the API with that token, and not without."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.factories import TrainingPageFactory

from .helpers import V3

pytestmark = pytest.mark.django_db

FRONT = "https://front.example/preview"


def _request():
    from django.test import RequestFactory

    return RequestFactory().get("/admin/pages/preview/")


def test_preview_opens_the_front_end_with_a_token_that_reads_the_draft(client, home_page, settings):
    settings.CMA_WAGTAIL_HEADLESS_PREVIEW_URLS = {"default": FRONT}
    page = TrainingPageFactory(parent=home_page, title="Publié")
    from cma_wagtail.preview import issue_token

    draft = page.specific
    draft.title = "Brouillon"
    response = draft.serve_preview(_request(), "")
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == FRONT
    query = {k: v[0] for k, v in parse_qs(target.query).items()}
    assert query["content_type"] == "cma_trainings.trainingpage"

    read = client.get(f"{V3}/preview/", query)
    assert read.status_code == 200
    assert read.json()["page"]["title"] == "Brouillon"
    assert "no-store" in read["Cache-Control"]
    # The live page is unchanged; without the token, or with a forged one, nothing.
    assert client.get(f"{V3}/trainings/{page.pk}/").json()["title"] == "Publié"
    assert client.get(f"{V3}/preview/", {"content_type": query["content_type"]}).status_code == 422
    forged = {**query, "token": query["token"][:-2] + "xx"}
    assert client.get(f"{V3}/preview/", forged).status_code == 404
    other = {**query, "content_type": "cma_crisis_news.crisisnewspage"}
    assert client.get(f"{V3}/preview/", other).status_code == 404
    assert issue_token(draft) != query["token"]  # a fresh token per preview


def test_the_admins_preview_opens_the_front_end_which_reads_the_draft(client, home_page, settings):
    """Through Wagtail's own flow: the editor's unsaved form is posted to the preview view,
    Preview then redirects to the decoupled front end with a signed token, and the front
    end's API read returns the draft with the token, and nothing without it."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from wagtail.fields import StreamField
    from wagtail.test.utils.form_data import querydict_from_html

    settings.CMA_WAGTAIL_HEADLESS_PREVIEW_URLS = {"default": FRONT}
    page = TrainingPageFactory(parent=home_page, title="Publié", is_free=True)
    editor = Client()
    editor.force_login(
        get_user_model().objects.create_superuser("editeur", "editeur@example.fr", "x")
    )
    edit = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    data = querydict_from_html(edit.content.decode(), form_id="page-edit-form")
    data["title"] = "Brouillon non enregistré"
    data["is_free"] = "on"
    for field in type(page.specific)._meta.fields:  # drawn by the editor's JS: left empty
        if isinstance(field, StreamField) and f"{field.name}-count" not in data:
            data[f"{field.name}-count"] = "0"
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    posted = editor.post(preview, data=data)
    assert posted.json() == {"is_valid": True, "is_available": True}

    opened = editor.get(preview)  # what the preview panel and the "Preview" tab load
    assert opened.status_code == 302
    target = urlsplit(opened["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == FRONT
    query = {k: v[0] for k, v in parse_qs(target.query).items()}

    # The front end (anonymous, another client) reads the draft with the token only.
    read = client.get(f"{V3}/preview/", query)
    assert read.status_code == 200
    assert read.json()["page"]["title"] == "Brouillon non enregistré"
    assert client.get(f"{V3}/preview/", {"content_type": query["content_type"]}).status_code == 422
    assert client.get(f"{V3}/trainings/{page.pk}/").json()["title"] == "Publié"


def test_the_token_expires_and_wagtail_previews_without_a_front_end(
    client, home_page, settings, monkeypatch
):
    import time

    from cma_wagtail.preview import issue_token

    page = TrainingPageFactory(parent=home_page)
    token = issue_token(page.specific)
    query = {"content_type": "cma_trainings.trainingpage", "token": token}
    assert client.get(f"{V3}/preview/", query).status_code == 200
    later = time.time() + 600 + 1  # the default lifetime
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get(f"{V3}/preview/", query).status_code == 404
    monkeypatch.undo()
    settings.CMA_WAGTAIL_HEADLESS_PREVIEW_URLS = {}
    assert page.specific.serve_preview(_request(), "").status_code == 200

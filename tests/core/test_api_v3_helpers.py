import datetime as dt
import io
import json

import pytest

pytest.importorskip("wagtail.api.v3", reason="API v3 needs Wagtail >= 8")

from django.core.management import call_command
from django.http import JsonResponse
from django.test import RequestFactory
from django.utils import timezone

from cma_wagtail.api.v3 import idempotent
from cma_wagtail.models_api import IdempotentResponse

calls = []


@idempotent("test-scope")
def create_view(request):
    calls.append(json.loads(request.body))
    return JsonResponse({"id": len(calls)}, status=201)


def _post(body, key=None, path="/x", **meta):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return RequestFactory().post(
        path, data=json.dumps(body), content_type="application/json", **headers, **meta
    )


@pytest.fixture(autouse=True)
def _reset():
    calls.clear()


@pytest.mark.django_db
def test_retry_with_the_same_key_replays_the_first_response():
    first = create_view(_post({"phone": "0381212223"}, key="abc"))
    again = create_view(_post({"phone": "0381212223"}, key="abc"))
    assert first.status_code == again.status_code == 201
    assert json.loads(again.content) == {"id": 1}
    assert again["Idempotent-Replayed"] == "true"
    assert len(calls) == 1
    assert IdempotentResponse.objects.count() == 1


@pytest.mark.django_db
def test_same_key_with_another_body_is_refused():
    create_view(_post({"phone": "0381212223"}, key="abc"))
    other = create_view(_post({"phone": "0600000000"}, key="abc"))
    assert other.status_code == 422
    assert len(calls) == 1


@pytest.mark.django_db
def test_without_a_key_every_post_runs():
    create_view(_post({"a": 1}))
    create_view(_post({"a": 1}))
    assert len(calls) == 2
    assert IdempotentResponse.objects.count() == 0


@pytest.mark.django_db
def test_a_key_replays_only_on_the_url_it_was_sent_to():
    create_view(_post({"email": "a@example.org"}, key="abc", path="/sessions/13/"))
    other = create_view(_post({"email": "a@example.org"}, key="abc", path="/sessions/16/"))
    assert json.loads(other.content) == {"id": 2} and not other.has_header("Idempotent-Replayed")
    assert len(calls) == 2


@pytest.mark.django_db
def test_a_key_replays_only_for_the_client_that_sent_it():
    body = {"phone": "0381212223"}
    create_view(_post(body, key="abc", REMOTE_ADDR="192.0.2.1"))
    other_ip = create_view(_post(body, key="abc", REMOTE_ADDR="192.0.2.2"))
    assert json.loads(other_ip.content) == {"id": 2}
    token_a = create_view(_post(body, key="abc", HTTP_AUTHORIZATION="Bearer token-a"))
    token_b = create_view(_post(body, key="abc", HTTP_AUTHORIZATION="Bearer token-b"))
    assert json.loads(token_a.content) == {"id": 3} and json.loads(token_b.content) == {"id": 4}
    replayed = create_view(_post(body, key="abc", HTTP_AUTHORIZATION="Bearer token-a"))
    assert json.loads(replayed.content) == {"id": 3} and replayed["Idempotent-Replayed"]
    assert len(calls) == 4


@pytest.mark.django_db
def test_long_keys_are_kept_whole_and_never_stored():
    prefix = "k" * 255
    create_view(_post({"a": 1}, key=prefix + "-first"))
    second = create_view(_post({"a": 1}, key=prefix + "-second"))
    assert json.loads(second.content) == {"id": 2}
    again = create_view(_post({"a": 1}, key=prefix + "-second"))
    assert json.loads(again.content) == {"id": 2} and again["Idempotent-Replayed"]
    stored = IdempotentResponse.objects.values_list("key_hash", flat=True)
    assert len(set(stored)) == 2 and all(len(h) == 64 and "kkk" not in h for h in stored)


@pytest.mark.django_db
def test_an_answer_is_replayed_for_the_configured_lifetime_then_purged(settings):
    settings.CMA_WAGTAIL_IDEMPOTENCY_KEY_HOURS = 2
    create_view(_post({"a": 1}, key="abc"))
    IdempotentResponse.objects.update(created_at=timezone.now() - dt.timedelta(hours=1))
    assert create_view(_post({"a": 1}, key="abc"))["Idempotent-Replayed"]
    IdempotentResponse.objects.update(created_at=timezone.now() - dt.timedelta(hours=3))
    expired = create_view(_post({"a": 1}, key="abc"))
    assert json.loads(expired.content) == {"id": 2} and not expired.has_header(
        "Idempotent-Replayed"
    )
    IdempotentResponse.objects.update(created_at=timezone.now() - dt.timedelta(hours=3))
    create_view(_post({"a": 1}, key="def"))
    call_command("cma_send_outbox", stdout=io.StringIO())
    assert IdempotentResponse.objects.count() == 1  # the cron deleted the expired answer

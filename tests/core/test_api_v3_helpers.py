import json

import pytest

pytest.importorskip("wagtail.api.v3", reason="API v3 needs Wagtail >= 8")

from django.http import JsonResponse
from django.test import RequestFactory

from cma_wagtail.api.v3 import idempotent
from cma_wagtail.models_api import IdempotentResponse

calls = []


@idempotent("test-scope")
def create_view(request):
    calls.append(json.loads(request.body))
    return JsonResponse({"id": len(calls)}, status=201)


def _post(body, key=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return RequestFactory().post(
        "/x", data=json.dumps(body), content_type="application/json", **headers
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

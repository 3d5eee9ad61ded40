"""The validation and the service work without the HTML view (the JSON API will use them)."""

import pytest

from cma_wagtail.callbacks import services, workflow
from cma_wagtail.callbacks.block_support import build_form
from cma_wagtail.callbacks.models import CallbackRequest
from cma_wagtail.forms import timestamp_token
from tests.factories import CallbackRequestFactory, UserFactory


@pytest.mark.django_db
def test_form_and_service_without_a_request(blocks, site, team):
    form = build_form(
        blocks[0].value,
        data={
            "name": "Sylvie",
            "phone": "+33 3 81 00 00 07",
            "topic": "state_aid",
            "consent": "on",
            "form_started": timestamp_token(),
        },
    )
    assert form.is_valid(), form.errors
    obj, merged = services.submit_callback_request(blocks[0].value, form.cleaned_data, site)
    assert (obj.phone, obj.team, merged, obj.ip_hash) == ("+33381000007", team, False, "")


@pytest.mark.django_db
def test_service_refuses_a_topic_the_block_does_not_offer(blocks, site):
    with pytest.raises(services.ValidationError):
        services.submit_callback_request(
            blocks[1].value, {"phone": "+33381000008", "topic": "cash_flow"}, site
        )
    assert CallbackRequest.objects.count() == 0


@pytest.mark.django_db
def test_workflow_rules():
    agent = UserFactory()
    first = CallbackRequestFactory(phone="+33381000009", status="closed")
    CallbackRequestFactory(phone="+33381000009")  # a newer open request, same number
    with pytest.raises(workflow.WorkflowError):
        workflow.reopen(first, agent)  # it would make two open requests for one number
    with pytest.raises(workflow.WorkflowError):
        workflow.take(first, agent)
    with pytest.raises(workflow.WorkflowError):
        workflow.record_attempt(first, agent, outcome="reached")
    with pytest.raises(workflow.WorkflowError):
        workflow.close(first, agent, outcome="helped")
    other = CallbackRequestFactory()
    workflow.record_attempt(other, agent, outcome="wrong_number")
    other.refresh_from_db()
    assert other.status == "unreachable" and other.assigned_to == agent

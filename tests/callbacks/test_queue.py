"""The agents' queue: what is to do, in which order, "take next" under contention."""

import datetime as dt
from collections import Counter

import pytest
from django.utils import timezone

from cma_wagtail.callbacks import queue, workflow
from cma_wagtail.callbacks.models import CallbackRequest
from tests.callbacks.queue_support import open_requests, race_take_next, team_agents
from tests.factories import CallbackRequestFactory, UserFactory

PARIS_MORNING = dt.datetime(2026, 3, 17, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
PARIS_AFTERNOON = PARIS_MORNING.replace(hour=15)


def _weekdays_open(chamber):
    days = [str(d) for d in range(5)]
    chamber.opening_hours = [
        {"type": "period", "value": {"days": days, "opens": "08:30:00", "closes": "17:30:00"}}
    ]
    chamber.save()
    chamber.refresh_from_db()


@pytest.mark.django_db
def test_the_queue_holds_due_requests_oldest_first_and_respects_the_slot(team):
    now = PARIS_MORNING
    old = CallbackRequestFactory(team=team, created_at=now - dt.timedelta(hours=3))
    recent = CallbackRequestFactory(team=team, created_at=now - dt.timedelta(hours=1))
    afternoon = CallbackRequestFactory(
        team=team, created_at=now - dt.timedelta(hours=5), preferred_slot="afternoon"
    )
    tomorrow = CallbackRequestFactory(
        team=team,
        created_at=now - dt.timedelta(hours=6),
        preferred_slot="day",
        preferred_date=now.date() + dt.timedelta(days=1),
    )
    later = CallbackRequestFactory(
        team=team,
        created_at=now - dt.timedelta(hours=9),
        next_attempt_at=now + dt.timedelta(hours=1),
    )
    due_retry = CallbackRequestFactory(
        team=team,
        status="unreachable",
        created_at=now - dt.timedelta(days=1),
        next_attempt_at=now - dt.timedelta(hours=2),
    )
    CallbackRequestFactory(team=team, status="closed", created_at=now - dt.timedelta(days=2))
    CallbackRequestFactory(team=team, status="called_back", created_at=now - dt.timedelta(days=2))

    assert list(queue.to_do(now=now)) == [old, due_retry, recent]
    in_the_afternoon = list(queue.to_do(now=PARIS_AFTERNOON))
    assert afternoon in in_the_afternoon and tomorrow not in in_the_afternoon
    assert later in in_the_afternoon


@pytest.mark.django_db
def test_take_next_gives_the_oldest_due_request_and_then_the_next(agent, team):
    first = CallbackRequestFactory(team=team, created_at=timezone.now() - dt.timedelta(hours=2))
    second = CallbackRequestFactory(team=team, created_at=timezone.now() - dt.timedelta(hours=1))
    colleague = team_agents(team, 1)[0]

    assert queue.take_next(agent) == first
    assert queue.take_next(colleague) == second
    assert queue.take_next(colleague) is None
    first.refresh_from_db()
    assert first.assigned_to == agent and first.status == "assigned"
    assert first.attempts.filter(action="assigned", agent=agent).exists()


@pytest.mark.django_db
def test_take_next_only_offers_the_agents_teams(agent, team):
    from tests.factories import CallbackTeamFactory

    CallbackRequestFactory(team=CallbackTeamFactory())
    assert queue.take_next(agent) is None


@pytest.mark.django_db
def test_a_request_taken_and_left_goes_back_to_the_queue(agent, team, settings):
    settings.CMA_WAGTAIL_CALLBACK_RELEASE_AFTER_MINUTES = 30
    obj = CallbackRequestFactory(team=team)
    workflow.take(obj, agent)
    assert queue.release_idle(timezone.now() + dt.timedelta(minutes=10)) == 0
    assert queue.release_idle(timezone.now() + dt.timedelta(minutes=31)) == 1
    obj.refresh_from_db()
    assert obj.assigned_to is None and obj.status == "new"
    assert obj.attempts.filter(action="released").exists()


@pytest.mark.django_db
def test_take_next_offers_a_request_left_by_a_colleague(agent, team, settings):
    settings.CMA_WAGTAIL_CALLBACK_RELEASE_AFTER_MINUTES = 30
    obj = CallbackRequestFactory(team=team)
    colleague = team_agents(team, 1)[0]
    workflow.take(obj, colleague)
    assert queue.take_next(agent) is None
    later = timezone.now() + dt.timedelta(minutes=31)
    assert queue.take_next(agent, now=later) == obj
    obj.refresh_from_db()
    assert obj.assigned_to == agent


@pytest.mark.django_db
def test_the_release_command(agent, team, settings):
    from django.core.management import call_command

    settings.CMA_WAGTAIL_CALLBACK_RELEASE_AFTER_MINUTES = 30
    obj = CallbackRequestFactory(team=team)
    workflow.take(obj, agent)
    CallbackRequest.objects.filter(pk=obj.pk).update(
        assigned_at=timezone.now() - dt.timedelta(hours=1),
        updated_at=timezone.now() - dt.timedelta(hours=1),
    )
    call_command("release_idle_callback_requests", stdout=open("/dev/null", "w"))
    obj.refresh_from_db()
    assert obj.assigned_to is None


@pytest.mark.django_db
def test_no_answer_brings_the_request_back_after_the_delay_within_opening_hours(
    agent, team, chamber, settings
):
    settings.CMA_WAGTAIL_CALLBACK_RETRY_AFTER_MINUTES = 120
    _weekdays_open(chamber)
    obj = CallbackRequestFactory(team=team, site=chamber.site)
    # A Tuesday at 16:45 in Paris: two hours later the chamber is closed.
    at = timezone.make_aware(dt.datetime(2026, 3, 17, 16, 45))
    workflow.record_attempt(obj, agent, outcome="no_answer", at=at)
    obj.refresh_from_db()
    assert obj.status == "unreachable"
    # Called at 16:45 (in the past): the delay counts from now, then moves into opening hours.
    assert obj.next_attempt_at > timezone.now()
    assert chamber.is_open(obj.next_attempt_at)


@pytest.mark.django_db
def test_bad_input_gets_a_french_message_and_changes_nothing(agent, team, chamber):
    from django.utils import translation

    from tests.factories import CallbackTeamFactory

    _weekdays_open(chamber)
    obj = CallbackRequestFactory(team=team, site=chamber.site)
    stranger = UserFactory(username="stranger")
    CallbackTeamFactory().members.add(stranger)
    colleague = team_agents(team, 1)[0]
    with translation.override("fr"):
        with pytest.raises(workflow.WorkflowError) as error:
            workflow.reassign(obj, agent, stranger)
        assert "n’est pas membre" in error.value.messages[0]
        with pytest.raises(workflow.WorkflowError) as error:
            workflow.schedule(obj, agent, at=timezone.now() - dt.timedelta(minutes=1))
        assert "futur" in error.value.messages[0]
        sunday = timezone.make_aware(dt.datetime(2030, 3, 17, 10, 0))
        with pytest.raises(workflow.WorkflowError) as error:
            workflow.schedule(obj, agent, at=sunday)
        assert "fermée" in error.value.messages[0]
        workflow.take(obj, colleague)
        with pytest.raises(workflow.WorkflowError) as error:
            workflow.take(obj, agent)
        assert "vient de prendre" in error.value.messages[0]
    obj.refresh_from_db()
    assert obj.assigned_to == colleague and obj.next_attempt_at is None
    assert obj.attempts.count() == 1  # only the colleague's "taken"


@pytest.mark.django_db
def test_reassign_unassign_schedule_and_correct_are_in_the_history(agent, team, chamber):
    obj = CallbackRequestFactory(team=team, site=chamber.site, phone="+33612345678")
    colleague = team_agents(team, 1)[0]
    workflow.take(obj, agent)
    workflow.reassign(obj, agent, colleague, note="Elle connaît le dossier")
    obj.refresh_from_db()
    assert obj.assigned_to == colleague
    workflow.reassign(obj, colleague, None)
    obj.refresh_from_db()
    assert obj.assigned_to is None and obj.status == "new"
    at = timezone.now() + dt.timedelta(days=1)
    workflow.schedule(obj, agent, at=at, note="Rappeler demain")
    obj.refresh_from_db()
    assert obj.next_attempt_at == at
    workflow.correct_details(obj, agent, {"business_name": "Boulangerie Brignon"})
    obj.refresh_from_db()
    assert obj.business_name == "Boulangerie Brignon"
    actions = list(obj.attempts.order_by("at", "pk").values_list("action", flat=True))
    assert actions == ["assigned", "reassigned", "released", "scheduled", "corrected"]
    corrected = obj.attempts.get(action="corrected")
    assert "Boulangerie Brignon" in corrected.note and "Pâtisserie" in corrected.note


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_23_agents_taking_next_at_once_never_get_the_same_request(team):
    agents = team_agents(team, 23)
    open_requests(team, 200)
    # Each agent takes, and keeps, one request after another (a release would put some back).
    race = race_take_next(agents, per_agent=20)
    assert race.errors == []
    assert len(race.taken) == 200 and race.distinct
    holders = dict(CallbackRequest.objects.values_list("pk", "assigned_to_id"))
    assert all(holders[pk] == user for pk, user in race.taken)
    assert Counter(user for _pk, user in race.taken).total() == 200


@pytest.mark.django_db(transaction=True)
def test_agents_taking_next_at_once_never_get_the_same_request_on_any_database(team):
    agents = team_agents(team, 4)
    open_requests(team, 30)
    race = race_take_next(agents, per_agent=10, timeout=20)
    assert race.errors == []
    assert len(race.taken) == 30 and race.distinct

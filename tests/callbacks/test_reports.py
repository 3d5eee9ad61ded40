"""The callback report on a known data set."""

import datetime as dt

import pytest
from django.utils import timezone

from cma_wagtail.callbacks import workflow
from cma_wagtail.callbacks.models import CallbackRequest
from cma_wagtail.callbacks.stats import artisans_called_back_since, report_figures
from tests.factories import CallbackRequestFactory, CallbackTeamFactory

REPORT = "/admin/reports/callbacks/"


@pytest.fixture
def known(agent, team):
    """Six requests of the team, one of another team: 3 reached (after 10, 20 and 60
    minutes), 1 unreachable, 1 closed without contact, 1 still new."""
    day = timezone.make_aware(dt.datetime(2020, 3, 17, 9, 0))
    for minutes in [10, 20, 60]:
        obj = CallbackRequestFactory(team=team, created_at=day, topic="cash_flow")
        workflow.record_attempt(
            obj, agent, outcome="reached", at=day + dt.timedelta(minutes=minutes)
        )
    unreachable = CallbackRequestFactory(
        team=team, created_at=day + dt.timedelta(days=1), topic="state_aid"
    )
    workflow.record_attempt(
        unreachable, agent, outcome="no_answer", at=day + dt.timedelta(days=1, minutes=30)
    )
    spam = CallbackRequestFactory(team=team, created_at=day + dt.timedelta(days=1))
    workflow.close(spam, agent, outcome="spam")
    CallbackRequestFactory(team=team, created_at=day + dt.timedelta(days=1))
    CallbackRequestFactory(team=CallbackTeamFactory(), created_at=day)
    return team


@pytest.mark.django_db
def test_report_figures_on_a_known_data_set(known):
    figures = report_figures(CallbackRequest.objects.filter(team=known))
    assert figures["received"] == 6
    assert figures["reached"] == 3
    assert figures["unreachable"] == 1
    assert figures["closed_without_contact"] == 1
    # First calls after 10, 20, 60 and (the unreachable one) 30 minutes.
    assert figures["median_first_call"] == dt.timedelta(minutes=25)
    assert figures["p90_first_call"] == dt.timedelta(minutes=60)
    assert [row["received"] for row in figures["by_day"]] == [3, 3]
    assert [row["reached"] for row in figures["by_day"]] == [3, 0]
    assert figures["by_topic"] == [
        {"topic": "Trésorerie et banque", "received": 5},
        {"topic": "Aides de l'État", "received": 1},
    ]
    assert figures["by_agent"] == [{"agent": "Léa Girard", "calls": 4, "reached": 3}]
    # The key-figures block counts the same "reached" calls.
    assert artisans_called_back_since(dt.date(2020, 3, 16)) == 3


@pytest.mark.django_db
def test_the_report_page_and_its_export(client, agent, known):
    client.force_login(agent)
    html = client.get(REPORT, {"team": known.pk}).content.decode()
    assert "Temps médian avant le premier appel" in html and "25 min" in html
    response = client.get(REPORT, {"team": known.pk, "export": "csv"})
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw[3:].decode().splitlines()
    assert lines[0] == "Jour;Reçues;Joints"
    assert lines[1] == "17/03/2020;3;3"


@pytest.mark.django_db
def test_the_dashboard_the_report_and_the_key_figure_agree(client, agent, known):
    """On the known data set, moved to this week: the same median and the same "reached"
    wherever an agent or a visitor reads them."""
    from cma_wagtail.callbacks.stats import dashboard_figures

    shift = timezone.now() - timezone.make_aware(dt.datetime(2020, 3, 18, 9, 0))
    for obj in CallbackRequest.objects.all():
        CallbackRequest.objects.filter(pk=obj.pk).update(
            created_at=obj.created_at + shift,
            first_called_at=obj.first_called_at and obj.first_called_at + shift,
        )
    scope = CallbackRequest.objects.filter(team=known)
    report = report_figures(scope)
    dashboard = dashboard_figures(scope)
    assert dashboard["median_first_call"] == report["median_first_call"]
    assert report["median_first_call"] == dt.timedelta(minutes=25)
    client.force_login(agent)
    home = " ".join(client.get("/admin/").content.decode().split())
    page = " ".join(client.get(REPORT).content.decode().split())
    assert "25 minutes" in home and "25 min" in page
    # The key-figures block's "artisans reached" (its calls are still of March 2020) is the
    # report's "reached".
    assert artisans_called_back_since(dt.date(2020, 3, 16)) == report["reached"] == 3

"""A fifth capability, declared only in its AppConfig, reaches visitors through core:
its URLs are mounted, its API v2 list answers and core's listing block shows its items,
while no core file names it."""

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from django.core import checks
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from cma_wagtail import capabilities

from .blocks import UpcomingEventsBlock
from .models import Event

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def events(db):
    today = timezone.localdate()
    return [
        Event.objects.create(title="Salon des métiers", starts_on=today + dt.timedelta(days=3)),
        Event.objects.create(
            title="Nuit de l'artisanat", starts_on=today + dt.timedelta(days=9), town="Besançon"
        ),
        Event.objects.create(title="Passé", starts_on=today - dt.timedelta(days=1)),
        Event.objects.create(title="Réservé", starts_on=today + dt.timedelta(days=2), public=False),
    ]


def test_it_is_a_capability():
    assert capabilities.is_installed("cma_test_events")
    assert "cma_test_events" in capabilities.installed()


def test_its_urls_are_mounted_under_its_prefix(client, events):
    assert reverse("cma_test_events:list") == "/cma/events/"
    response = client.get("/cma/events/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Salon des métiers" in html and "Nuit de l&#x27;artisanat" in html
    assert "Passé" not in html and "Réservé" not in html


def test_its_api_v2_list_answers(client, events, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # the site, the count, the page
        response = client.get("/api/v2/events/")
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == 2
    assert [item["title"] for item in data["items"]] == ["Salon des métiers", "Nuit de l'artisanat"]


def test_core_listing_block_renders_its_items(rf, events, django_assert_max_num_queries):
    block = UpcomingEventsBlock()
    value = block.to_python({"heading": "À venir", "number": 5})
    request = rf.get("/")
    with django_assert_max_num_queries(1):
        html = block.render(value, context={"request": request})
    assert html.count('class="cma-event"') == 2
    assert "Salon des métiers" in html and "· Besançon" in html
    assert "Passé" not in html


def test_core_listing_block_filters_and_serialises_through_the_adapter(rf, events):
    block = UpcomingEventsBlock()
    assert ("Besançon", "Besançon") in block.child_blocks["town"].field.choices
    value = block.to_python({"heading": "", "number": 3, "town": "Besançon"})
    api = block.get_api_representation(value, context={"request": rf.get("/")})
    assert api["available"] is True
    assert api["items"] == [
        {
            "id": events[1].pk,
            "title": "Nuit de l'artisanat",
            "starts_on": events[1].starts_on.isoformat(),
            "town": "Besançon",
        }
    ]


def test_its_checks_are_registered_from_its_ready():
    with override_settings(CMA_TEST_EVENTS_LIMIT=0):
        ids = [message.id for message in checks.run_checks()]
    assert "cma_test_events.E001" in ids
    assert "cma_test_events.E001" not in [message.id for message in checks.run_checks()]


def test_no_core_file_names_it():
    found = subprocess.run(
        ["grep", "-rlE", "cma_test_events|capability_events", "cma_wagtail", "example_site"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert found.stdout == ""

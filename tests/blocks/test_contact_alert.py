import pytest
from django.core.exceptions import ValidationError

from cma_wagtail.blocks import AlertBlock, ContactBlock


@pytest.fixture
def chamber_with_hours(chamber):
    chamber.address = "19 rue des Granges\n25000 Besançon"
    week = ["0", "1", "2", "3", "4"]
    chamber.opening_hours = [
        {"type": "period", "value": {"days": week, "opens": "08:30", "closes": "12:00"}},
        {"type": "period", "value": {"days": week, "opens": "13:30", "closes": "17:30"}},
        {"type": "period", "value": {"days": ["5"], "opens": "09:00", "closes": "12:00"}},
    ]
    chamber.opening_hours_note = "Fermé les jours fériés"
    chamber.save()
    return chamber


@pytest.mark.django_db
def test_contact_defaults_to_the_chamber_settings(chamber_with_hours, rf_request):
    block = ContactBlock()
    value = block.to_python({"heading": "Nous contacter", "email": "crise@cma-doubs.example"})
    html = block.render(value, context={"request": rf_request})
    assert "<address" in html
    assert '<a href="tel:+33381212223">03 81 21 22 23</a>' in html
    assert '<a href="mailto:crise@cma-doubs.example">' in html  # the block's own wins
    assert "19 rue des Granges<br>25000 Besançon" in html
    assert (
        "Lundi – Vendredi\u00a0: 8\u00a0h\u00a030\u00a0– 12\u00a0h, 13\u00a0h\u00a030\u00a0– 17\u00a0h\u00a030"
        "<br>Samedi\u00a0: 9\u00a0h\u00a0– 12\u00a0h"
    ) in html
    assert "Fermé les jours fériés" in html
    api = block.get_api_representation(value, context={"request": rf_request})
    assert api["phone"] == "+33381212223" and api["phone_display"] == "03 81 21 22 23"
    assert api["hours"] == [
        "Lundi – Vendredi\u00a0: 8\u00a0h\u00a030\u00a0– 12\u00a0h, 13\u00a0h\u00a030\u00a0– 17\u00a0h\u00a030",
        "Samedi\u00a0: 9\u00a0h\u00a0– 12\u00a0h",
        "Fermé les jours fériés",
    ]


@pytest.mark.django_db
def test_contact_without_defaults_shows_only_its_own_fields(chamber_with_hours, rf_request):
    block = ContactBlock()
    value = block.clean(block.to_python({"phone": "03 81 00 00 01", "use_chamber_settings": False}))
    assert value["phone"] == "+33381000001"
    html = block.render(value, context={"request": rf_request})
    assert "tel:+33381000001" in html
    assert "mailto:" not in html and "Granges" not in html


def test_contact_refuses_an_invalid_phone_number():
    block = ContactBlock()
    with pytest.raises(ValidationError) as exc:
        block.clean(block.to_python({"phone": "12"}))
    assert "phone" in exc.value.block_errors


def test_contact_with_nothing_to_show_renders_nothing():
    block = ContactBlock()
    assert block.render(block.to_python({})).strip() == ""


@pytest.mark.parametrize(
    ("level", "role", "prefix"),
    [
        ("info", "note", "Information\u00a0:"),
        ("warning", "note", "Attention\u00a0:"),
        ("urgent", "alert", "Urgent\u00a0:"),
    ],
)
def test_alert_role_and_text_prefix(level, role, prefix):
    block = AlertBlock()
    value = block.to_python(
        {"level": level, "title": "Locaux fermés", "text": "<p>Appelez-nous.</p>"}
    )
    html = block.render(value)
    assert f'class="cma-alert cma-alert--{level}" role="{role}"' in html
    assert f'<strong class="cma-alert__prefix">{prefix}</strong> Locaux fermés' in html
    assert block.get_api_representation(value) == {
        "level": level,
        "role": role,
        "title": "Locaux fermés",
        "text": "<p>Appelez-nous.</p>",
    }


def test_alert_needs_a_title():
    block = AlertBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"level": "urgent", "title": ""}))


def test_opening_hours_description_groups_days():
    from cma_wagtail.blocks.contact import _day_range

    assert _day_range([0, 1, 2, 4]) == "Lundi – Mercredi, Vendredi"

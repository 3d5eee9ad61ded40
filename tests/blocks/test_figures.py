import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cma_wagtail import capabilities
from cma_wagtail.blocks import BodyBlock, KeyFiguresBlock

SINCE = dt.date(2020, 3, 16)


def _value(*figures, heading="La cellule de crise en chiffres"):
    block = KeyFiguresBlock()
    return block, block.to_python({"heading": heading, "figures": list(figures)})


def test_key_figures_render_value_label_and_source():
    block, value = _value(
        {"value": "23", "label": "agents mobilisés", "source": "CMA du Doubs"},
        {"value": "1 200", "label": "artisans rappelés"},
    )
    html = block.render(value)
    assert '<p class="cma-key-figure__value">23</p>' in html
    assert '<p class="cma-key-figure__label">agents mobilisés</p>' in html
    assert "Source\u00a0: CMA du Doubs" in html
    assert html.count('class="cma-key-figure"') == 2
    assert block.get_api_representation(value)["figures"][1] == {
        "value": "1 200",
        "label": "artisans rappelés",
        "source": "",
        "live": False,
        "since": None,
    }


def test_two_to_four_figures():
    one = _value({"value": "23", "label": "agents"})
    with pytest.raises(ValidationError):
        one[0].clean(one[1])
    five = _value(*[{"value": str(i), "label": "x"} for i in range(5)])
    with pytest.raises(ValidationError):
        five[0].clean(five[1])


def test_static_figure_needs_a_value_and_live_figure_needs_a_date():
    block, value = _value(
        {"value": "", "label": "agents"},
        {"label": "artisans rappelés", "live_source": "callbacks_artisans_called_back"},
    )
    with pytest.raises(ValidationError) as exc:
        block.clean(value)
    errors = exc.value.block_errors["figures"].block_errors
    assert "Saisissez le chiffre" in str(errors[0].block_errors["value"].messages[0])
    assert "date" in str(errors[1].block_errors["since"].messages[0])


@pytest.fixture
def fake_stats(monkeypatch):
    """Stands for the callbacks app's block-support adapter (its ``live_sources`` contract)."""
    from cma_wagtail.blocks.support import BlockSupport

    calls = []

    class FakeSupport(BlockSupport):
        live_sources = ("callbacks_artisans_called_back",)

        def live_count(self, source, since, site=None):
            calls.append((since, site))
            return 1234

    class FakeConfig:
        def get_block_support(self):
            return FakeSupport()

    monkeypatch.setattr(capabilities, "capability_configs", lambda: [FakeConfig()])
    return calls


LIVE = {
    "value": "1 000",
    "label": "artisans rappelés depuis le 16 mars",
    "live_source": "callbacks_artisans_called_back",
    "since": "2020-03-16",
}


@pytest.mark.django_db
def test_live_figure_shows_the_count_of_the_callbacks_app(fake_stats, rf_request, site):
    block, value = _value({"value": "23", "label": "agents"}, LIVE)
    html = block.render(value, context={"request": rf_request})
    assert "1\u202f234" in html or "1 234" in html or "1\xa0234" in html
    assert "1 000" not in html
    assert "depuis le 16\u00a0mars\u00a02020" in html
    assert fake_stats == [(SINCE, site)]
    api = block.get_api_representation(value, context={"request": rf_request})
    assert api["figures"][1]["live"] is True and api["figures"][1]["since"] == "2020-03-16"


def test_live_figure_falls_back_to_the_typed_value_without_the_callbacks_app(monkeypatch):
    monkeypatch.setattr(capabilities, "capability_configs", lambda: [])
    block, value = _value({"value": "23", "label": "agents"}, LIVE)
    html = block.render(value)
    assert '<p class="cma-key-figure__value">1 000</p>' in html
    assert block.get_api_representation(value)["figures"][1]["live"] is False


def test_live_figure_without_fallback_is_left_out_without_the_callbacks_app(monkeypatch):
    monkeypatch.setattr(capabilities, "capability_configs", lambda: [])
    block, value = _value({"value": "23", "label": "agents"}, {**LIVE, "value": ""})
    block.clean(value)  # valid: the count shows once the callbacks app is installed
    html = block.render(value)
    assert "artisans rappelés" not in html and "agents" in html


def test_key_figures_are_in_the_body():
    assert isinstance(BodyBlock().child_blocks["key_figures"], KeyFiguresBlock)

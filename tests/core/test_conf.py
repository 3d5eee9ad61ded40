import pytest
from django.test import override_settings

from cma_wagtail.conf import DEFAULTS, settings


def test_defaults_are_used_when_not_set():
    assert settings.PHONE_REGION == DEFAULTS["PHONE_REGION"] == "FR"
    assert settings.RATE_LIMIT_PER_IP == DEFAULTS["RATE_LIMIT_PER_IP"]


def test_override_settings_is_seen_and_reset():
    with override_settings(CMA_WAGTAIL_PHONE_REGION="BE"):
        assert settings.PHONE_REGION == "BE"
    assert settings.PHONE_REGION == "FR"


def test_unknown_setting_raises():
    with pytest.raises(AttributeError):
        settings.NOT_A_SETTING  # noqa: B018

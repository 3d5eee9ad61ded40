"""The callback inbox's prerequisite, through core's shared E002 check."""

from django.core.checks import run_checks


def test_the_inbox_without_modeladmin_is_an_error(monkeypatch):
    from django.apps import apps

    real = apps.is_installed
    monkeypatch.setattr(
        apps, "is_installed", lambda name: name != "wagtail_modeladmin" and real(name)
    )
    errors = [e for e in run_checks() if e.id == "cma_wagtail.E002"]
    assert any("callback requests inbox" in e.msg for e in errors), errors


def test_with_modeladmin_no_error():
    assert not [e for e in run_checks() if e.id == "cma_wagtail.E002"]

"""Admin logins are throttled (django-axes in the example site): 5 wrong passwords for one
username from one address lock it for 15 minutes, even with the right password."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.factories import SuperUserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("axes_on")]

LOGIN = "/admin/login/"


@pytest.fixture
def axes_on():
    with override_settings(AXES_ENABLED=True):
        yield


@pytest.fixture
def admin_user():
    user = SuperUserFactory(username="cellule")
    user.set_password("le-bon-mot-de-passe")
    user.save()
    return user


def log_in(client, password, username="cellule", ip="192.0.2.10"):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip, follow=False
    )


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_right_password_logs_in(client, admin_user):
    response = log_in(client, "le-bon-mot-de-passe")
    assert response.status_code == 302 and is_logged_in(client)


def test_six_wrong_passwords_then_the_right_one_is_refused(client, admin_user):
    for _attempt in range(6):
        assert log_in(client, "mauvais").status_code in (200, 429)
        assert not is_logged_in(client)
    response = log_in(client, "le-bon-mot-de-passe")
    assert response.status_code == 429
    assert not is_logged_in(client)
    assert "Trop de tentatives de connexion" in response.content.decode()


def test_the_lock_is_per_username_and_address(client, admin_user):
    for _attempt in range(6):
        log_in(client, "mauvais")
    assert log_in(client, "le-bon-mot-de-passe", ip="192.0.2.99").status_code == 302


def test_an_administrator_unlocks_with_axes_reset_username(client, admin_user):
    for _attempt in range(6):
        log_in(client, "mauvais")
    call_command("axes_reset_username", "cellule", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert log_in(client, "le-bon-mot-de-passe").status_code == 302
    assert is_logged_in(client)

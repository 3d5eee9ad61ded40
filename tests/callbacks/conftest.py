import pytest

from tests.factories import CallbackTeamFactory, HomePageFactory, UserFactory, callback_block_value


@pytest.fixture
def team(db):
    return CallbackTeamFactory(name="Cellule de crise CMA du Doubs", slug="doubs")


@pytest.fixture
def callback_page(home_page, chamber, team):
    """A page carrying two callback blocks (the second limited to one topic)."""
    page = HomePageFactory(parent=home_page, title="Être rappelé", slug="etre-rappele")
    page.body = [
        ("paragraph", "<p>Cellule de crise</p>"),
        ("callback_request", callback_block_value(team)),
        ("callback_request", callback_block_value(team, topics=["training"], heading="Formation")),
    ]
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def blocks(callback_page):
    return [child for child in callback_page.body if child.block_type == "callback_request"]


@pytest.fixture
def agent(team):
    from django.contrib.auth.models import Group

    user = UserFactory(username="agent", first_name="Léa", last_name="Girard")
    user.groups.add(Group.objects.get(name="Cellule de crise"))
    team.members.add(user)
    return user


def form_data(block, page, **overrides):
    prefix = f"cb-{block.id}-"
    data = {
        "page_id": page.pk,
        "block_id": block.id,
        "name": "Xavier Brignon",
        "business_name": "Pâtisserie Brignon",
        "phone": "06 12 34 56 78",
        "email": "xavier@example.org",
        "trade": "Pâtissier",
        "postcode": "25000",
        "siret": "",
        "topic": "cash_flow",
        "preferred_slot": "asap",
        "preferred_date": "",
        "message": "Mon chiffre d'affaires a chuté, je dois voir ma banque.",
        "consent": "on",
        "website": "",
    }
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    from cma_wagtail.forms import timestamp_token

    started = timestamp_token()
    data["form_started"] = started
    return {(k if k in ("page_id", "block_id") else prefix + k): v for k, v in data.items()}

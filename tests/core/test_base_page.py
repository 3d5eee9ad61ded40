"""The package's page types are built on the site's base page model (Wagtail 8's WAGTAIL_PAGE_MODEL).

Run on the default base page by ``tests.settings`` and on ``tests.basepage.BasePage`` by
``tests.settings_custom_page`` (CI's custom-base-page step).
"""

import pytest
import swapper
from django.apps import apps
from treebeard.mp_tree import MP_Node
from wagtail.models import get_page_models

from cma_wagtail.base_page import get_base_page_model, parent_link_name
from example_site.home.models import HomePage

Page = swapper.load_model("wagtailcore", "Page")


def package_page_types():
    return [
        model
        for model in apps.get_models()
        # Any page model (MP_Node), so that one built on the wrong base page is caught below.
        if model._meta.app_label.startswith("cma_") and issubclass(model, MP_Node)
    ]


def test_the_active_base_page_model_is_known_while_models_load():
    assert get_base_page_model() is Page
    assert parent_link_name() == f"{Page._meta.model_name}_ptr"


def test_package_page_types_are_registered_and_creatable_on_the_active_base_page():
    page_types = package_page_types()
    if not page_types:
        pytest.skip("no capability with page types installed")
    registered = set(get_page_models())
    for model in page_types:
        assert model in registered, model
        assert model.is_creatable, model
        assert model._meta.get_field(parent_link_name()).related_model is Page


@pytest.mark.django_db
@pytest.mark.skipif(
    not swapper.is_swapped("wagtailcore", "Page"), reason="needs a custom base page model"
)
def test_the_sites_base_page_fields_are_shared_by_every_page_type(home_page):
    from tests.factories import StandardPageFactory

    page = StandardPageFactory(parent=home_page, title="Mentions légales", importance="high")
    assert list(Page.objects.filter(importance="high").specific()) == [page]
    assert isinstance(HomePage.objects.get(pk=home_page.pk), Page)

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from cma_wagtail.fields import BodyField
from example_site.home.models import HomePage


def test_body_field_deconstructs_without_block_definitions():
    name, path, args, kwargs = HomePage._meta.get_field("body").deconstruct()
    assert path == "cma_wagtail.fields.BodyField"
    assert args == [] and "block_lookup" not in kwargs


@override_settings(CMA_WAGTAIL_EXTRA_BODY_BLOCKS=[("map", "tests.core.test_blocks.MapBlock")])
def test_extra_blocks_never_create_migrations():
    field = BodyField(blank=True)
    assert "map" in field.stream_block.child_blocks
    assert field.deconstruct()[1:] == ("cma_wagtail.fields.BodyField", [], {"blank": True})


@pytest.mark.django_db
def test_no_missing_migrations():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)

import pytest

pytest.importorskip("pydantic", reason="typed schemas need pydantic (Wagtail >= 8)")

from pydantic import TypeAdapter, ValidationError  # noqa: E402
from wagtail import blocks  # noqa: E402

from cma_wagtail.api.streamfield import stream_schema  # noqa: E402
from cma_wagtail.blocks import BodyBlock  # noqa: E402


class Figure(blocks.StructBlock):
    value = blocks.CharBlock()
    label = blocks.CharBlock(required=False)


class Stream(blocks.StreamBlock):
    heading = blocks.CharBlock()
    count = blocks.IntegerBlock()
    figures = blocks.ListBlock(Figure())


def test_union_has_one_member_per_block_discriminated_on_type():
    adapter = TypeAdapter(stream_schema(Stream(), name="Demo"))
    schema = adapter.json_schema()
    union = schema["items"]
    assert union["discriminator"]["propertyName"] == "type"
    assert len(union["oneOf"]) == 3
    defs = schema["$defs"]
    types = {
        defs[ref["$ref"].split("/")[-1]]["properties"]["type"]["const"] for ref in union["oneOf"]
    }
    assert types == {"heading", "count", "figures"}


def test_values_are_validated_against_their_block():
    adapter = TypeAdapter(stream_schema(Stream(), name="Demo"))
    data = [
        {"type": "heading", "value": "Fonds de solidarité", "id": "a"},
        {"type": "count", "value": 600, "id": "b"},
        {"type": "figures", "value": [{"value": "600", "label": "artisans"}], "id": "c"},
    ]
    assert len(adapter.validate_python(data)) == 3
    with pytest.raises(ValidationError):
        adapter.validate_python([{"type": "count", "value": "beaucoup"}])
    with pytest.raises(ValidationError):
        adapter.validate_python([{"type": "unknown", "value": 1}])


def test_real_api_output_of_body_block_matches_its_schema():
    body = BodyBlock()
    value = body.to_python(
        [
            {"type": "heading", "value": {"text": "Maintenir le cap !", "level": "h2"}},
            {
                "type": "quote",
                "value": {"quote": "Ils sont là pour ça !", "author": "", "role": ""},
            },
        ]
    )
    data = body.get_api_representation(value)
    TypeAdapter(stream_schema(body)).validate_python(data)

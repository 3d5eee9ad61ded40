import json
import re

import pytest
from django.core.exceptions import ValidationError

from cma_wagtail.blocks import FAQBlock

ITEMS = [
    {
        "question": "Qui peut demander le fonds de solidarité ?",
        "answer": "<p>Les entreprises de moins de 10 salariés.</p>",
    },
    {
        "question": "Et si ma réponse contient </script> ?",
        "answer": '<p>Rien ne casse : <a href="https://a.example/?x=1&amp;y=2">lien</a>.</p>',
    },
]


def _json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, html
    return json.loads(match.group(1))


def test_faq_renders_details_and_faqpage_json_ld():
    block = FAQBlock()
    value = block.to_python({"heading": "Questions fréquentes", "items": ITEMS})
    html = block.render(value)
    assert html.count("<details") == 2
    assert (
        '<summary class="cma-faq__question">Qui peut demander le fonds de solidarité ?</summary>'
        in html
    )
    data = _json_ld(html)
    assert data["@type"] == "FAQPage"
    assert [q["name"] for q in data["mainEntity"]] == [i["question"] for i in ITEMS]
    assert "moins de 10 salariés" in data["mainEntity"][0]["acceptedAnswer"]["text"]


def test_json_ld_cannot_close_the_script_element():
    block = FAQBlock()
    html = block.render(block.to_python({"items": ITEMS}))
    script = html.split('<script type="application/ld+json">', 1)[1]
    # The only </script> is the real end of the element.
    assert script.count("</script>") == 1
    assert "\\u003C/script\\u003E" in script
    assert _json_ld(html)["mainEntity"][1]["name"] == ITEMS[1]["question"]


def test_structured_data_can_be_turned_off():
    block = FAQBlock()
    html = block.render(block.to_python({"items": ITEMS, "structured_data": False}))
    assert "ld+json" not in html and "<details" in html


def test_faq_needs_a_question_and_no_duplicates():
    block = FAQBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"items": []}))
    with pytest.raises(ValidationError) as exc:
        block.clean(block.to_python({"items": [ITEMS[0], {**ITEMS[0], "answer": "<p>x</p>"}]}))
    error = exc.value.block_errors["items"].block_errors[1]
    assert "déjà dans la liste" in str(error.non_block_errors.as_data()[0].messages[0])


def test_faq_answer_cannot_be_blank():
    block = FAQBlock()
    value = block.to_python({"items": [{"question": "Qui ?", "answer": "<p>&nbsp;</p>"}]})
    with pytest.raises(ValidationError) as exc:
        block.clean(value)
    error = exc.value.block_errors["items"].block_errors[0].block_errors["answer"]
    assert "Rédigez la réponse" in str(error.messages[0])


@pytest.mark.django_db
def test_faq_api_gives_html_with_resolved_page_links(home_page):
    block = FAQBlock()
    answer = f'<p>Voir <a linktype="page" id="{home_page.pk}">l\'accueil</a>.</p>'
    value = block.to_python({"items": [{"question": "Où ?", "answer": answer}]})
    api = block.get_api_representation(value)
    assert f'href="{home_page.url}"' in api["items"][0]["answer"]
    assert api["items"][0]["answer_text"] == "Voir l'accueil."
    assert api["structured_data"]["@type"] == "FAQPage"

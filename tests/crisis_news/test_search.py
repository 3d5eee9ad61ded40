import pytest
from wagtail.search.backends import get_search_backend

from cma_wagtail.crisis_news.models import CrisisNewsPage


@pytest.mark.django_db
def test_database_search_finds_news_by_a_word_of_its_body(make_news):
    make_news(
        title="Solutions hydroalcooliques",
        body=[
            {
                "type": "paragraph",
                "value": "<p>Trimadel élabore des solutions selon la recette de l'OMS.</p>",
            }
        ],
    )
    make_news(title="Fonds de solidarité", summary="Aide de 1 500 euros")
    backend = get_search_backend()
    assert ".backends.database." in type(backend).__module__  # the database backend
    found = list(backend.search("Trimadel", CrisisNewsPage.objects.live()))
    assert [page.title for page in found] == ["Solutions hydroalcooliques"]
    by_summary = CrisisNewsPage.objects.live().search("euros")
    assert [page.title for page in by_summary] == ["Fonds de solidarité"]

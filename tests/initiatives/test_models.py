from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.factories import InitiativePageFactory


@pytest.mark.parametrize(
    ("postcode", "departement", "name"),
    [
        ("25160", "25", "Doubs"),
        ("20000", "2A", "Corse-du-Sud"),
        ("20167", "2A", "Corse-du-Sud"),
        ("20200", "2B", "Haute-Corse"),
        ("97400", "974", "La Réunion"),
        ("97200", "972", "Martinique"),
        ("98800", "988", "Nouvelle-Calédonie"),
    ],
)
def test_departement_is_computed_from_the_postcode(index_page, postcode, departement, name):
    page = InitiativePageFactory(parent=index_page, postcode=postcode)
    page.refresh_from_db()
    assert page.departement == departement
    assert page.departement_name == name


def test_departement_follows_a_changed_postcode(index_page):
    page = InitiativePageFactory(parent=index_page, postcode="25160")
    page.postcode = "35000"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.departement == "35"


def test_coordinates_are_range_checked_and_go_in_pairs(index_page):
    page = InitiativePageFactory(parent=index_page)
    page.latitude = Decimal("91")
    page.longitude = Decimal("6.3")
    with pytest.raises(ValidationError) as exc:
        page.full_clean()
    assert "latitude" in exc.value.message_dict
    page.latitude = Decimal("46.9")
    page.longitude = None
    with pytest.raises(ValidationError) as exc:
        page.full_clean()
    assert "longitude" in exc.value.message_dict


def test_voucher_section_only_when_filled(client, index_page):
    import datetime as dt

    plain = InitiativePageFactory(parent=index_page, title="Masques")
    voucher = InitiativePageFactory(
        parent=index_page,
        title="Bons d'achat",
        voucher_url="https://bons.example/",
        voucher_valid_until=dt.date(2020, 12, 31),
        voucher_payout="Reversé à l'artisan sous une semaine.",
    )
    assert "cma-initiative__voucher" not in client.get(plain.url).content.decode()
    html = client.get(voucher.url).content.decode()
    assert "31\u00a0décembre\u00a02020" in html
    assert "Reversé à l'artisan sous une semaine." in html or "Reversé à l&#x27;artisan" in html
    assert 'href="https://bons.example/"' in html


def test_gallery_photos_need_alternative_text(index_page):
    from cma_wagtail.initiatives.models import InitiativeGalleryImage
    from tests.factories import ImageFactory

    photo = InitiativeGalleryImage(
        page=InitiativePageFactory(parent=index_page), image=ImageFactory(), alt_text=""
    )
    with pytest.raises(ValidationError) as exc:
        photo.full_clean()
    assert "alt_text" in exc.value.message_dict


def test_an_editor_can_delete_an_initiative(client, index_page):
    """The manager joins the locale; treebeard's delete reads the pages with ``only()``."""
    from cma_wagtail.initiatives.models import InitiativePage
    from tests.factories import SuperUserFactory

    page = InitiativePageFactory(parent=index_page)
    other = InitiativePageFactory(parent=index_page)
    client.force_login(SuperUserFactory())
    response = client.post(f"/admin/pages/{page.pk}/delete/")
    assert response.status_code == 302
    other.delete()
    assert not InitiativePage.objects.exists()
    # The join is still there for every other query (Wagtail's API reads each locale).
    assert "locale" in InitiativePage.objects.all().query.select_related
    assert "locale" in InitiativePage.objects.defer("summary").query.select_related
    assert not InitiativePage.objects.only("title").query.select_related

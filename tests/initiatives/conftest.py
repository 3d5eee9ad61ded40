import io

import pytest
from PIL import Image as PILImage


@pytest.fixture
def index_page(home_page):
    from tests.factories import InitiativeIndexPageFactory

    return InitiativeIndexPageFactory(parent=home_page, slug="initiatives")


@pytest.fixture
def categories(db):
    from tests.factories import InitiativeCategoryFactory

    return {
        slug: InitiativeCategoryFactory(name=name, slug=slug)
        for slug, name in [
            ("masques", "Masques et équipements"),
            ("gel", "Solutions hydroalcooliques"),
            ("dons", "Dons alimentaires"),
        ]
    }


def image_bytes(fmt="PNG", size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()

"""{% cma_picture %}: a <picture> with WebP and JPEG srcsets of fixed widths, width and
height on the <img>, lazy unless told otherwise, the image's description as its alt."""

import re

import pytest
from django.template import Context, Template

from cma_wagtail.pictures import KINDS
from tests.factories import ImageFactory


def _render(source: str, **context) -> str:
    return Template("{% load cma_wagtail_tags %}" + source).render(Context(context))


@pytest.mark.django_db
def test_card_picture_has_webp_and_jpeg_srcsets_sizes_and_dimensions():
    image = ImageFactory(
        title="Masques",
        description="Trois masques en tissu colorés",
        file__width=1200,
        file__height=800,
    )
    html = _render('{% cma_picture image "card" %}', image=image)
    assert html.startswith("<picture>") and html.endswith("</picture>")
    source = re.search(r"<source [^>]+>", html).group(0)
    assert 'type="image/webp"' in source
    assert f'sizes="{KINDS["card"].sizes}"' in source
    srcset = re.search(r'srcset="([^"]+)"', source).group(1)
    widths = [int(w) for w in re.findall(r" (\d+)w", srcset)]
    assert widths == list(KINDS["card"].widths)  # 320, 480, 720: a fixed set
    assert all(".webp" in candidate for candidate in srcset.split(","))
    img = re.search(r"<img [^>]+>", html).group(0)
    assert re.search(r'srcset="[^"]+\.jpg 320w, [^"]+\.jpg 480w, [^"]+\.jpg 720w"', img)
    assert 'width="320"' in img and 'height="213"' in img  # the fallback's size (3:2)
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    assert 'loading="lazy"' in img and 'decoding="async"' in img
    assert 'alt="Trois masques en tissu colorés"' in img


@pytest.mark.django_db
def test_alt_falls_back_to_the_title_can_be_given_or_decorative():
    image = ImageFactory(title="Pelotes de laine", description="")
    assert 'alt="Pelotes de laine"' in _render("{% cma_picture image %}", image=image)
    assert 'alt="Au Cœur du Tricot"' in _render(
        '{% cma_picture image alt="Au Cœur du Tricot" %}', image=image
    )
    assert 'alt=""' in _render('{% cma_picture image alt="" %}', image=image)


@pytest.mark.django_db
def test_above_the_fold_is_eager_and_sizes_can_be_given():
    image = ImageFactory()
    html = _render(
        '{% cma_picture image "wide" sizes="50vw" lazy=False css_class="x" %}', image=image
    )
    assert "loading=" not in html and 'fetchpriority="high"' in html
    assert 'sizes="50vw"' in html and 'class="x"' in html


def test_no_image_renders_nothing():
    assert _render("{% cma_picture image %}", image=None) == ""

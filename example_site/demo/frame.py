"""The site frame of the demo: the menu's four sections, the logo, the colours, social links.

Runs last, once the sections exist. The menu is Wagtail's "Show in menus" flag on the pages
under the home page (docs/theming.md); the logo is drawn here, in code.
"""

import io

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model

#: The sections of the main menu, in this order (slugs under the home page).
MENU_SLUGS = ["actualites-de-crise", "cellule-de-crise", "initiatives", "formations"]
LOGO_TITLE = "Logo de la CMA du Doubs (démo)"
PRIMARY, ACCENT = "#004f9f", "#f6a800"


def _logo():
    image_model = get_image_model()
    existing = image_model.objects.filter(title=LOGO_TITLE).first()
    if existing is not None:
        return existing
    canvas = Image.new("RGB", (240, 96), "white")
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, 0, 240, 96), fill="white")
    draw.rectangle((12, 12, 84, 84), fill=PRIMARY)
    draw.rectangle((12, 72, 84, 84), fill=ACCENT)
    font = ImageFont.load_default(size=34)
    draw.text((100, 18), "CMA", fill=PRIMARY, font=font)
    draw.text((100, 54), "Doubs", fill="#1e1e1e", font=ImageFont.load_default(size=24))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return image_model.objects.create(
        title=LOGO_TITLE, file=ImageFile(io.BytesIO(buffer.getvalue()), name="logo-cma-doubs.png")
    )


def load(context):
    home, chamber = context.objects["home"], context.objects["chamber"]
    order = {slug: index for index, slug in enumerate(MENU_SLUGS)}
    children = {page.slug: page for page in home.get_children()}
    # A site's own base page model may lack "Show in menus": then there is no menu to fill.
    for slug in MENU_SLUGS if hasattr(type(home), "show_in_menus") else []:
        page = children.get(slug)
        if page is not None and not page.show_in_menus:
            page.show_in_menus = True
            page.save(update_fields=["show_in_menus"])
    # The menu follows the page tree: put the sections first, in the order above.
    sections = sorted((p for s, p in children.items() if s in order), key=lambda p: order[p.slug])
    for previous, page in zip(sections, sections[1:], strict=False):
        page.refresh_from_db()
        previous.refresh_from_db()
        if page.path < previous.path:
            page.move(previous, pos="right")
    chamber.logo = _logo()
    chamber.logo_alt = ""  # the logo only repeats the name written beside it
    chamber.primary_color, chamber.accent_color = PRIMARY, ACCENT
    chamber.facebook_url = "https://www.facebook.com/cmadoubs.example"
    chamber.linkedin_url = "https://www.linkedin.com/company/cma-doubs-example"
    chamber.save()

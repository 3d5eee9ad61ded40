"""The basic blocks: heading, rich text, image, quote, link and call to action."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from .representation import PREVIEW_TEMPLATE, image_data, page_data, rich_text_html

__all__ = [
    "HeadingBlock",
    "ParagraphBlock",
    "ImageBlock",
    "QuoteBlock",
    "LinkBlock",
    "CallToActionBlock",
    "RICH_TEXT_FEATURES",
]

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading (h2)")), ("h3", _("Sub-heading (h3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "cma_wagtail/blocks/heading_block.html"
        preview_template = PREVIEW_TEMPLATE
        description = _("A section title; use it to structure long pages.")
        preview_value = {"text": "Fonds de solidarité : ce qui change en avril", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, features=None, **kwargs):
        super().__init__(features=features or RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "cma_wagtail/blocks/paragraph_block.html"
        preview_template = PREVIEW_TEMPLATE
        description = _("Formatted text with links and lists.")
        preview_value = (
            "<p>La cellule de crise de la CMA répond aux artisans du lundi au vendredi. "
            "Laissez votre numéro : un conseiller vous rappelle.</p>"
        )

    def get_api_representation(self, value, context=None):
        # Always front-end HTML (internal links resolved), whatever the API's rich text format.
        return rich_text_html(value)

    def get_api_schema(self):
        return str


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=255,
        required=False,
        help_text=_(
            "Describe what the image shows for people who cannot see it. "
            "Tick “decorative” instead if it adds nothing to the text."
        ),
    )
    decorative = blocks.BooleanBlock(label=_("Decorative image"), required=False)
    caption = blocks.CharBlock(label=_("Caption"), max_length=255, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "cma_wagtail/blocks/image_block.html"
        preview_template = PREVIEW_TEMPLATE
        description = _("An image with its alternative text and an optional caption.")

    def get_preview_value(self):
        # Images are chosen, not typed: preview with the latest image of the library.
        from wagtail.images import get_image_model

        image = get_image_model().objects.order_by("-created_at").first()
        return self.normalize(
            {"image": image, "alt_text": image.title if image else "", "caption": ""}
        )

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                {"alt_text": ValidationError(_("Describe the image, or tick “decorative image”."))}
            )
        return value

    def get_api_schema(self):
        from ..api.block_schemas import CmaImageBlock

        return CmaImageBlock

    def get_api_representation(self, value, context=None):
        image = value.get("image")
        alt = "" if value.get("decorative") else value.get("alt_text", "")
        return {"alt": alt, "caption": value.get("caption", ""), "image": image_data(image, alt)}


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    author = blocks.CharBlock(label=_("Author"), max_length=120, required=False)
    role = blocks.CharBlock(
        label=_("Author's role"),
        max_length=200,
        required=False,
        help_text=_("E.g. “president of the CMA du Doubs”."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "cma_wagtail/blocks/quote_block.html"
        preview_template = PREVIEW_TEMPLATE
        description = _("A quotation with its author and the author's role.")
        preview_value = {
            "quote": "Les retours sont très très positifs.",
            "author": "Manuela Morgadinho",
            "role": "présidente de la CMA du Doubs",
        }


class LinkValue(blocks.StructValue):
    # Not named url/text: templates look up dict keys before attributes.
    @cached_property
    def href(self) -> str:
        page = self.get("page")
        if page is not None:
            return page.url or ""
        return self.get("url") or ""

    @cached_property
    def link_text(self) -> str:
        page = self.get("page")
        return self.get("label") or (page.title if page is not None else self.get("url", ""))


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to another address: exactly one of the two.

    ``LinkBlock(required=False)`` also accepts no link at all (an optional second button).
    """

    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or address"), required=False)
    label = blocks.CharBlock(
        label=_("Link text"),
        max_length=80,
        required=False,
        help_text=_("Say where the link goes; defaults to the page title."),
    )

    class Meta:
        icon = "link"
        label = _("Link")
        value_class = LinkValue
        form_classname = "cma-link-block"
        required = True

    @property
    def required(self):
        return self.meta.required

    def clean(self, value):
        value = super().clean(value)
        if not self.required and not (value.get("page") or value.get("url") or value.get("label")):
            return value
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Choose a page or enter an address (one of the two)."))
                }
            )
        if value.get("url") and not value.get("label"):
            raise StructBlockValidationError(
                block_errors={"label": ValidationError(_("Say where this address leads."))}
            )
        return value

    def get_api_schema(self):
        from ..api.block_schemas import CmaLink

        return CmaLink | None

    def get_api_representation(self, value, context=None):
        if not value.href:
            return None
        return {"url": value.href, "text": value.link_text, "page": page_data(value.get("page"))}


class CallToActionBlock(blocks.StructBlock):
    """Variants: three styles, an optional second button, an optional illustration.

    The second button and the image were added after the first release: stored values
    without them load as empty (StructBlock fills missing children with their default).
    """

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=400)
    link = LinkBlock(label=_("Button"))
    secondary_link = LinkBlock(
        label=_("Second button (optional)"),
        required=False,
        help_text=_("E.g. “Read the FAQ” next to “Be called back”."),
    )
    image = ImageChooserBlock(
        label=_("Illustration (optional)"),
        required=False,
        help_text=_("Decorative: screen readers skip it, so the text must say everything."),
    )
    style = blocks.ChoiceBlock(
        label=_("Style"),
        choices=[
            ("primary", _("Prominent")),
            ("secondary", _("Discreet")),
            ("urgent", _("Urgent")),
        ],
        default="primary",
    )

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "cma_wagtail/blocks/call_to_action_block.html"
        preview_template = PREVIEW_TEMPLATE
        description = _("A short text and a button leading to the next step.")
        preview_value = {
            "heading": "Besoin d'aide ? Un conseiller vous rappelle",
            "text": "Laissez votre numéro, la cellule de crise vous rappelle sous 48 h.",
            "link": {"url": "https://www.example.org/rappel/", "label": "Être rappelé"},
            "secondary_link": {
                "url": "https://www.example.org/faq/",
                "label": "Lire les questions fréquentes",
            },
            "style": "primary",
        }

    def get_api_schema(self):
        from ..api.block_schemas import CmaCallToActionBlock

        return CmaCallToActionBlock

    def get_api_representation(self, value, context=None):
        link_block = self.child_blocks["link"]
        return {
            "heading": value.get("heading") or "",
            "text": value.get("text") or "",
            "style": value.get("style") or "primary",
            "link": link_block.get_api_representation(value["link"], context),
            "secondary_link": self.child_blocks["secondary_link"].get_api_representation(
                value["secondary_link"], context
            ),
            "image": image_data(value.get("image"), alt=""),
        }

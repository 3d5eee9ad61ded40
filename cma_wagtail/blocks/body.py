"""``BodyBlock``: the StreamBlock that every page body of the package uses."""

from __future__ import annotations

from django.utils.html import format_html_join
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..conf import settings as cma_settings
from .alert import AlertBlock
from .alerts import NewsAlertsBlock
from .basic import CallToActionBlock, HeadingBlock, ImageBlock, ParagraphBlock, QuoteBlock
from .callback import CallbackRequestBlock
from .contact import ContactBlock
from .faq import FAQBlock
from .figures import KeyFiguresBlock
from .listings import (
    InitiativeProposalBlock,
    InitiativesBlock,
    LatestNewsBlock,
    UpcomingSessionsBlock,
)
from .media import DocumentListBlock, VideoBlock

__all__ = ["BodyBlock", "get_body_block"]


class BodyBlock(blocks.StreamBlock):
    """The one fixed set of blocks of page bodies (DESIGN.md rule 2).

    Sites add blocks with ``CMA_WAGTAIL_EXTRA_BODY_BLOCKS`` (see :func:`get_body_block`)
    or by subclassing this class for their own page types.
    """

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    key_figures = KeyFiguresBlock()
    faq = FAQBlock()
    document_list = DocumentListBlock()
    video = VideoBlock()
    contact = ContactBlock()
    alert = AlertBlock()
    latest_news = LatestNewsBlock()
    initiatives = InitiativesBlock()
    upcoming_sessions = UpcomingSessionsBlock()
    initiative_proposal = InitiativeProposalBlock()
    callback_request = CallbackRequestBlock()
    news_alerts = NewsAlertsBlock()

    class Meta:
        label = _("Body")

    def render_basic(self, value, context=None):
        # Each child's template gets its block id as ``id`` (forms and anchors need it).
        # Wagtail 8 does this itself; Wagtail 7.4 does not.
        return format_html_join(
            "\n",
            '<div class="w-block-{1} block-{1}">{0}</div>',
            [
                (
                    child.block.render(child.value, {"id": child.id, **dict(context or {})}),
                    child.block_type,
                )
                for child in value
            ],
        )


def get_body_block() -> BodyBlock:
    """``BodyBlock`` extended with ``CMA_WAGTAIL_EXTRA_BODY_BLOCKS`` = [(name, dotted path), …].

    Read when model fields are created (at import time): changing the setting needs a
    restart, never a migration (see :class:`cma_wagtail.fields.BodyField`).
    """
    extra = []
    for name, path in cma_settings.EXTRA_BODY_BLOCKS:
        block = import_string(path) if isinstance(path, str) else path
        extra.append((name, block() if isinstance(block, type) else block))
    return BodyBlock(extra)

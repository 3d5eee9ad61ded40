"""Documents to download and videos with their transcript."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock

from .representation import PREVIEW_TEMPLATE, document_data, rich_text_html

__all__ = ["DocumentItemBlock", "DocumentListBlock", "VideoBlock"]

_IFRAME_TITLE = re.compile(r"<iframe[^>]*\stitle=", re.IGNORECASE)


class DocumentItemValue(blocks.StructValue):
    @cached_property
    def data(self) -> dict | None:
        """``{title, url, extension, size, size_display}`` (one size read, cached by Wagtail)."""
        return document_data(self.get("document"), self.get("title") or "")


class DocumentItemBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Title shown"),
        max_length=200,
        required=False,
        help_text=_("Defaults to the document's title. Say what it is, not “click here”."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        value_class = DocumentItemValue


class DocumentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        required=False,
        help_text=_("E.g. “Forms to download”."),
    )
    documents = blocks.ListBlock(DocumentItemBlock(), min_num=1, label=_("Documents"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Documents to download")
        template = "cma_wagtail/blocks/document_list_block.html"
        preview_template = PREVIEW_TEMPLATE
        description = _("A list of files to download, each with its type and size.")

    def get_preview_value(self):
        # Documents are chosen, not typed: show the latest ones of the library.
        from wagtail.documents import get_document_model

        documents = get_document_model().objects.order_by("-created_at")[:3]
        return self.normalize(
            {
                "heading": "Formulaires à télécharger",
                "documents": [{"document": document} for document in documents],
            }
        )

    @property
    def is_previewable(self):
        return True

    def clean(self, value):
        value = super().clean(value)
        seen, errors = set(), {}
        for index, item in enumerate(value.get("documents") or []):
            document = item.get("document")
            if document is not None and document.pk in seen:
                errors[index] = ValidationError(_("This document is already in the list."))
            if document is not None:
                seen.add(document.pk)
        if errors:
            raise StructBlockValidationError(
                {"documents": ListBlockValidationError(block_errors=errors)}
            )
        return value

    def get_api_schema(self):
        from ..api.block_schemas import CmaDocumentListBlock

        return CmaDocumentListBlock

    def get_api_representation(self, value, context=None):
        return {
            "heading": value.get("heading") or "",
            "documents": [item.data for item in value.get("documents") or [] if item.data],
        }


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("Video address"),
        help_text=_("The address of the video on YouTube, Vimeo, Dailymotion…"),
    )
    title = blocks.CharBlock(
        label=_("Title"),
        max_length=200,
        help_text=_("Says what the video is about; also names the video player."),
    )
    transcript = blocks.RichTextBlock(
        label=_("Transcript"),
        features=["bold", "italic", "link", "ul"],
        help_text=_(
            "Everything that is said and shown, for people who cannot hear or see the video "
            "(required for accessibility)."
        ),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "cma_wagtail/blocks/video_block.html"
        preview_template = PREVIEW_TEMPLATE
        description = _("An embedded video with its title and transcript.")
        preview_value = {
            "video": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "title": "Maintenir le cap ! : le diagnostic de votre entreprise",
            "transcript": "<p>Bonjour, je suis conseillère à la CMA du Doubs…</p>",
        }

    def clean(self, value):
        value = super().clean(value)
        transcript = strip_tags(rich_text_html(value.get("transcript"))).replace("&nbsp;", " ")
        if value.get("video") and not transcript.strip():
            raise StructBlockValidationError(
                {"transcript": ValidationError(_("Write the transcript of the video."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        video = value.get("video")
        context["player"] = self.player_html(video.html if video else "", value.get("title"))
        return context

    @staticmethod
    def player_html(html: str, title: str) -> str:
        """The provider's HTML with a ``title`` on its iframe (RGAA 2.1), when it has none."""
        if title and "<iframe" in html and not _IFRAME_TITLE.search(html):
            html = html.replace("<iframe", f'<iframe title="{escape(title)}"', 1)
        return mark_safe(html)  # noqa: S308 - HTML from the site's configured embed finders

    def get_api_schema(self):
        from ..api.block_schemas import CmaVideoBlock

        return CmaVideoBlock

    def get_api_representation(self, value, context=None):
        video = value.get("video")
        return {
            "url": video.url if video else "",
            "title": value.get("title") or "",
            "transcript": rich_text_html(value.get("transcript")),
        }

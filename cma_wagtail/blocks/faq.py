"""Questions and answers, as native ``<details>`` (no JavaScript) with FAQPage JSON-LD."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from .representation import PREVIEW_TEMPLATE, json_ld, rich_text_html

__all__ = ["FAQItemBlock", "FAQBlock"]

ANSWER_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=255)
    answer = blocks.RichTextBlock(label=_("Answer"), features=ANSWER_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question")


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        required=False,
        help_text=_("E.g. “Frequently asked questions”."),
    )
    items = blocks.ListBlock(FAQItemBlock(), min_num=1, label=_("Questions"))
    structured_data = blocks.BooleanBlock(
        label=_("Tell search engines this is an FAQ"),
        required=False,
        default=True,
        help_text=_("Adds FAQPage structured data. Use it on one FAQ per page only."),
    )

    class Meta:
        icon = "help"
        label = _("Questions and answers")
        template = "cma_wagtail/blocks/faq_block.html"
        preview_template = PREVIEW_TEMPLATE
        description = _("Questions that open on click to show their answer (FAQ).")
        preview_value = {
            "heading": "Questions fréquentes",
            "items": [
                {
                    "question": "Qui peut demander le fonds de solidarité ?",
                    "answer": "<p>Les entreprises de moins de 10 salariés dont le chiffre "
                    "d'affaires a baissé d'au moins 50 %.</p>",
                },
                {
                    "question": "La CMA peut-elle m'aider à remplir ma demande ?",
                    "answer": "<p>Oui : laissez votre numéro, un conseiller vous rappelle.</p>",
                },
            ],
            "structured_data": True,
        }

    def clean(self, value):
        value = super().clean(value)
        seen, errors = set(), {}
        for index, item in enumerate(value.get("items") or []):
            block_errors, non_block_errors = {}, []
            key = " ".join((item.get("question") or "").lower().split())
            if key in seen:
                non_block_errors.append(ValidationError(_("This question is already in the list.")))
            seen.add(key)
            answer = strip_tags(rich_text_html(item.get("answer"))).replace("&nbsp;", " ")
            if not answer.strip():
                block_errors["answer"] = ValidationError(_("Write the answer to this question."))
            if block_errors or non_block_errors:
                errors[index] = StructBlockValidationError(
                    block_errors=block_errors, non_block_errors=non_block_errors
                )
        if errors:
            raise StructBlockValidationError(
                {"items": ListBlockValidationError(block_errors=errors)}
            )
        return value

    def get_structured_data(self, value) -> dict:
        return {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": item["question"],
                    "acceptedAnswer": {
                        "@type": "Answer",
                        "text": rich_text_html(item["answer"]),
                    },
                }
                for item in value.get("items") or []
            ],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        if value.get("structured_data"):
            context["json_ld"] = json_ld(self.get_structured_data(value))
        return context

    def get_api_schema(self):
        from ..api.block_schemas import CmaFAQBlock

        return CmaFAQBlock

    def get_api_representation(self, value, context=None):
        return {
            "heading": value.get("heading") or "",
            "items": [
                {
                    "question": item["question"],
                    "answer": rich_text_html(item["answer"]),
                    "answer_text": strip_tags(rich_text_html(item["answer"])).strip(),
                }
                for item in value.get("items") or []
            ],
            "structured_data": self.get_structured_data(value)
            if value.get("structured_data")
            else None,
        }

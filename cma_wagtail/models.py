"""What an editor sets per site: the chamber's identity, contact, hours and crisis switches."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField

from cma_wagtail.base_page import base_page_model_name

from . import opening_hours as hours
from .companies.models import CompanyIdentity  # noqa: F401  (models of this app)
from .models_api import IdempotentResponse  # noqa: F401
from .outbox.models import OutgoingEmail, WebhookDelivery  # noqa: F401
from .validators import format_phone_national, to_e164


@register_setting(icon="home")
class ChamberSettings(BaseSiteSetting):
    chamber_name = models.CharField(
        _("chamber name"),
        max_length=255,
        blank=True,
        help_text=_("As shown in the header, e.g. “CMA du Doubs”."),
    )
    phone = models.CharField(
        _("phone number"),
        max_length=20,
        blank=True,
        help_text=_("Main number, shown everywhere and when forms are closed."),
    )
    email = models.EmailField(_("email address"), blank=True)
    address = models.TextField(_("postal address"), blank=True)
    opening_hours = StreamField(
        [("period", hours.OpeningPeriodBlock())],
        blank=True,
        verbose_name=_("opening hours"),
        help_text=_("One line per group of days with the same hours."),
    )
    opening_hours_note = models.CharField(
        _("note on opening hours"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “Closed on public holidays”."),
    )
    privacy_notice = RichTextField(
        _("privacy notice"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown next to the consent box of every public form."),
    )
    legal_notice_page = models.ForeignKey(
        base_page_model_name(),
        verbose_name=_("legal notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        base_page_model_name(),
        verbose_name=_("personal data page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        base_page_model_name(),
        verbose_name=_("accessibility page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Crisis banner (shown on every page by {% cma_crisis_banner %} when crisis_mode is on)
    crisis_mode = models.BooleanField(
        _("crisis mode"),
        default=False,
        help_text=_("Shows the crisis banner on every page of the site."),
    )
    crisis_banner_message = models.CharField(_("banner message"), max_length=300, blank=True)
    crisis_banner_link_page = models.ForeignKey(
        base_page_model_name(),
        verbose_name=_("banner link"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("E.g. the crisis news index."),
    )
    crisis_banner_link_text = models.CharField(_("banner link text"), max_length=80, blank=True)
    crisis_banner_callback_page = models.ForeignKey(
        base_page_model_name(),
        verbose_name=_("callback form page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A page carrying the callback form; the banner links to it."),
    )

    # Callback intake
    callback_intake_open = models.BooleanField(
        _("accept callback requests"),
        default=True,
        help_text=_("Untick to close every callback form of the site at once."),
    )
    callback_intake_opening_hours_only = models.BooleanField(
        _("only during opening hours"),
        default=False,
        help_text=_("Callback forms are replaced by the phone number outside opening hours."),
    )

    panels = [
        FieldPanel("chamber_name"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("address")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("opening_hours"), FieldPanel("opening_hours_note")],
            heading=_("Opening hours"),
        ),
    ]
    legal_panels = [
        FieldPanel("privacy_notice"),
        FieldPanel("legal_notice_page"),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
    ]
    crisis_panels = [
        FieldPanel("crisis_mode"),
        FieldPanel("crisis_banner_message"),
        FieldPanel("crisis_banner_link_page"),
        FieldPanel("crisis_banner_link_text"),
        FieldPanel("crisis_banner_callback_page"),
        MultiFieldPanel(
            [FieldPanel("callback_intake_open"), FieldPanel("callback_intake_opening_hours_only")],
            heading=_("Callback requests"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(panels, heading=_("Chamber")),
            ObjectList(legal_panels, heading=_("Legal")),
            ObjectList(crisis_panels, heading=_("Crisis")),
        ]
    )

    select_related = [
        "legal_notice_page",
        "privacy_page",
        "accessibility_page",
        "crisis_banner_link_page",
        "crisis_banner_callback_page",
    ]

    class Meta:
        verbose_name = _("chamber settings")
        verbose_name_plural = _("chamber settings")

    def __str__(self) -> str:
        return self.chamber_name or str(self.site)

    def clean(self) -> None:
        super().clean()
        if self.phone:
            try:
                self.phone = to_e164(self.phone)
            except ValidationError as exc:
                raise ValidationError({"phone": exc}) from exc
        if self.crisis_mode and not self.crisis_banner_message:
            raise ValidationError(
                {"crisis_banner_message": _("Write the message the banner shows in crisis mode.")}
            )

    @property
    def phone_display(self) -> str:
        return format_phone_national(self.phone)

    def is_open(self, at=None) -> bool:
        return hours.is_open(self.opening_hours, at)

    def next_opening(self, after=None):
        return hours.next_opening(self.opening_hours, after)

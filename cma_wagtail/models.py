"""What an editor sets per site: the chamber's identity, contact, hours and crisis switches."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string

from cma_wagtail.base_page import base_page_model_name

from . import opening_hours as hours
from . import theme
from .companies.models import CompanyIdentity  # noqa: F401  (models of this app)
from .models_api import IdempotentResponse  # noqa: F401
from .outbox.models import FrontendCachePurge, OutgoingEmail, WebhookDelivery  # noqa: F401
from .validators import format_phone_national, to_e164

NOTICE_FEATURES = ["bold", "italic", "link"]
NOTICE_HELP = _(
    "Shown above the consent box of this form. Blank: the package's notice, which states "
    "this form's purpose, data and retention period."
)


class AccessibilityStatus(models.TextChoices):
    """The compliance states of an RGAA accessibility statement, as the footer says them."""

    NON_COMPLIANT = "none", _("not compliant")
    PARTIALLY_COMPLIANT = "partial", _("partially compliant")
    FULLY_COMPLIANT = "full", _("fully compliant")


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
    accessibility_status = models.CharField(
        _("accessibility compliance"),
        max_length=10,
        choices=AccessibilityStatus.choices,
        default=AccessibilityStatus.NON_COMPLIANT,
        help_text=_(
            "What the accessibility statement declares, shown in the footer of every page "
            "(RGAA). Without a valid compliance audit, the site is “not compliant”."
        ),
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

    # Site frame and branding (the package's header, footer and theme: docs/theming.md)
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in the header, beside the chamber name, at most 64 pixels high."),
    )
    logo_alt = models.CharField(
        _("text alternative of the logo"),
        max_length=150,
        blank=True,
        help_text=_(
            "Leave empty when the logo only shows the chamber name (written beside it); "
            "otherwise say what it shows that the name does not, e.g. “Artisanat, première "
            "entreprise de France”."
        ),
    )
    primary_color = models.CharField(
        _("primary colour"),
        max_length=7,
        default=theme.DEFAULT_PRIMARY,
        validators=[theme.hex_colour_validator],
        help_text=_(
            "Header, buttons and links, e.g. #000091. It carries white text: the contrast "
            "must be at least 4.5:1."
        ),
    )
    accent_color = models.CharField(
        _("accent colour"),
        max_length=7,
        default=theme.DEFAULT_ACCENT,
        validators=[theme.hex_colour_validator],
        help_text=_(
            "Highlights (the header's lower rule, the current menu item, the skip link), e.g. "
            "#ffca00. It sits behind dark text: the contrast must be at least 4.5:1."
        ),
    )
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    instagram_url = models.URLField(_("Instagram account"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn page"), blank=True)
    youtube_url = models.URLField(_("YouTube channel"), blank=True)
    x_url = models.URLField(_("X (Twitter) account"), blank=True)

    appearance_panels = [
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt")], heading=_("Logo")),
        MultiFieldPanel(
            [FieldPanel("primary_color"), FieldPanel("accent_color")], heading=_("Colours")
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("youtube_url"),
                FieldPanel("x_url"),
            ],
            heading=_("Social networks"),
        ),
    ]

    # Public forms: where "Be called back" leads, and one privacy notice per form
    # (blank: the capability's own notice, which states its purpose, data and retention).
    callback_page = models.ForeignKey(
        base_page_model_name(),
        verbose_name=_("callback form page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A page carrying a callback form: every “Be called back” link of a page without "
            "a form of its own leads to its form. Empty: the package's callback page."
        ),
    )
    callback_privacy_notice = RichTextField(
        _("privacy notice of the callback form"),
        blank=True,
        features=NOTICE_FEATURES,
        help_text=NOTICE_HELP,
    )
    registration_privacy_notice = RichTextField(
        _("privacy notice of the training registration"),
        blank=True,
        features=NOTICE_FEATURES,
        help_text=NOTICE_HELP,
    )
    proposal_privacy_notice = RichTextField(
        _("privacy notice of the initiative proposal form"),
        blank=True,
        features=NOTICE_FEATURES,
        help_text=NOTICE_HELP,
    )
    news_alerts_privacy_notice = RichTextField(
        _("privacy notice of the news alerts form"),
        blank=True,
        features=NOTICE_FEATURES,
        help_text=NOTICE_HELP,
    )
    forms_panels = [
        FieldPanel("callback_page"),
        MultiFieldPanel(
            [
                FieldPanel("callback_privacy_notice"),
                FieldPanel("registration_privacy_notice"),
                FieldPanel("proposal_privacy_notice"),
                FieldPanel("news_alerts_privacy_notice"),
            ],
            heading=_("Privacy notices"),
        ),
    ]

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
        FieldPanel("legal_notice_page"),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
        FieldPanel("accessibility_status"),
    ]
    crisis_panels = [
        FieldPanel("crisis_mode"),
        FieldPanel("crisis_banner_message"),
        FieldPanel("crisis_banner_link_page"),
        FieldPanel("crisis_banner_link_text"),
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
            ObjectList(appearance_panels, heading=_("Appearance")),
            ObjectList(forms_panels, heading=_("Forms")),
        ]
    )

    # The logo only: the five linked pages come with the frame's one query of pages
    # (cma_wagtail.frame), which fills these foreign keys' caches; joined here, five copies
    # of the page table made this the most expensive query of a page (docs/performance.md).
    select_related = ["logo"]

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
        errors = {}
        for field in theme.PAIRS:
            try:
                theme.check_colour(field, getattr(self, field))
            except ValidationError as exc:
                errors[field] = exc
        if errors:
            raise ValidationError(errors)
        if self.crisis_mode and not self.crisis_banner_message:
            raise ValidationError(
                {"crisis_banner_message": _("Write the message the banner shows in crisis mode.")}
            )

    @property
    def social_links(self) -> list[tuple[str, str, str]]:
        """(icon, network name, URL) of each social network the chamber filled in."""
        networks = [
            ("brand-facebook", "Facebook", self.facebook_url),
            ("brand-instagram", "Instagram", self.instagram_url),
            ("brand-linkedin", "LinkedIn", self.linkedin_url),
            ("brand-youtube", "YouTube", self.youtube_url),
            ("brand-x", "X", self.x_url),
        ]
        return [network for network in networks if network[2]]

    def hours_on(self, day=None) -> list[tuple]:
        """The (opens, closes) periods of ``day`` (a date, default today, local time)."""
        return hours.periods_on(self.opening_hours, day)

    @property
    def phone_display(self) -> str:
        return format_phone_national(self.phone)

    def is_open(self, at=None) -> bool:
        return hours.is_open(self.opening_hours, at)

    def next_opening(self, after=None):
        return hours.next_opening(self.opening_hours, after)

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images import get_image_model_string
from wagtail.search import index

from cma_wagtail.base_page import get_base_page_model
from cma_wagtail.fields import BodyField
from cma_wagtail.preview import HeadlessPreviewMixin

from ..panels import SessionSeatsPanel
from ..serializers import (
    NumberAPIField,
    SessionsAPIField,
    ThemeAPIField,
    TrainingSeatsAPIField,
)
from .themes import Format, TrainingTheme

#: Wagtail's ``Page`` or the site's own base page model (``WAGTAIL_PAGE_MODEL``).
Page = get_base_page_model()


class TrainingIndexPageMixin(RoutablePageMixin, models.Model):
    """The catalogue: filters by theme, format and availability; an iCal feed of its sessions."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    per_page = 12

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["cma_trainings.TrainingPage"]
    api_fields = [APIField("intro")]

    class Meta:
        abstract = True
        verbose_name = _("training catalogue")
        verbose_name_plural = _("training catalogues")

    def get_filters(self, request) -> dict:
        """The catalogue filters read from the query string (invalid values are ignored)."""
        from ..queries import parse_filters

        return parse_filters(request.GET)

    def get_visible_trainings(self, request=None):
        """The catalogue's trainings anyone may see (none behind a view restriction)."""
        from cma_wagtail.visibility import visible_pages_for_request

        return visible_pages_for_request(TrainingPage.objects.child_of(self), request)

    def get_trainings(self, request=None, filters: dict | None = None):
        from ..queries import filter_trainings, trainings_for_listing

        trainings = trainings_for_listing(self.get_visible_trainings(request))
        return filter_trainings(trainings, **(filters or {}))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = self.get_filters(request)
        paginator = Paginator(self.get_trainings(request, filters), self.per_page)
        context.update(
            filters=filters,
            themes=TrainingTheme.objects.filter(
                trainings__in=self.get_visible_trainings(request).values("pk")
            ).distinct(),
            formats=Format.choices,
            trainings=paginator.get_page(request.GET.get("page")),
        )
        return context

    def get_cached_paths(self):
        """Purged with the catalogue by ``wagtail.contrib.frontend_cache`` (docs/caching.md)."""
        return ["/", "sessions/ical/"]

    # Wagtail serves page URLs matching [\w-]+/ only: no dot, a trailing slash.
    @path("sessions/ical/", name="sessions_ics")
    def sessions_ics(self, request):
        """iCal feed of the catalogue's upcoming sessions (public data only)."""
        from ..ical import ics_response, sessions_calendar
        from ..queries import upcoming_sessions

        sessions = upcoming_sessions(
            limit=None, training_ids=self.get_visible_trainings(request).values("pk")
        )
        return ics_response(sessions_calendar(sessions, name=self.title), "sessions.ics")


class TrainingIndexPage(TrainingIndexPageMixin, Page):
    """The page type on the active base page model (``Page`` or ``WAGTAIL_PAGE_MODEL``)."""

    class Meta(TrainingIndexPageMixin.Meta):
        pass


class TrainingPageMixin(HeadlessPreviewMixin, models.Model):
    """A training with the Qualiopi "indicator 1" information, and its sessions."""

    summary = models.TextField(_("summary"), help_text=_("Shown in the catalogue."))
    listing_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown on the cards and at the top of the page. Give the image a description "
            "(its text alternative) in the image library."
        ),
    )
    theme = models.ForeignKey(
        TrainingTheme,
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainings",
    )
    objectives = RichTextField(
        _("objectives"),
        features=["bold", "italic", "ul", "ol", "link"],
        help_text=_("What participants will be able to do after the training."),
    )
    programme = BodyField(blank=True, verbose_name=_("programme"))
    duration_hours = models.DecimalField(
        _("duration (hours)"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
        help_text=_("E.g. 3.5 for a half-day."),
    )
    format = models.CharField(
        _("format"), max_length=10, choices=Format.choices, default=Format.REMOTE
    )
    audience = models.TextField(_("audience"), help_text=_("Who the training is for."))
    prerequisites = models.TextField(_("prerequisites"), default="Aucun")
    teaching_methods = models.TextField(_("teaching methods"))
    assessment_methods = models.TextField(_("assessment methods"))
    is_free = models.BooleanField(_("free of charge"), default=False)
    price = models.DecimalField(
        _("price (euros, net of tax)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    funding = models.TextField(
        _("funding"),
        blank=True,
        help_text=_("One funder per line, e.g. FAFCEA, OPCO, CPF."),
    )
    access_delay = models.CharField(
        _("access delay"),
        max_length=255,
        help_text=_("E.g. “Registration until 48 hours before the session”."),
    )
    accessibility = models.TextField(
        _("accessibility for people with disabilities"),
        help_text=_("How the training is adapted; how to ask for an adjustment."),
    )
    accessibility_contact = models.CharField(
        _("disability contact"), max_length=255, help_text=_("Name, email or phone number.")
    )
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    certification_code = models.CharField(
        _("certification code"),
        max_length=50,
        blank=True,
        help_text=_("RNCP or RS code when the training leads to a certification."),
    )
    satisfaction_rate = models.DecimalField(
        _("satisfaction rate (%)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    satisfaction_date = models.DateField(
        _("date of the satisfaction figures"), null=True, blank=True
    )
    default_capacity = models.PositiveSmallIntegerField(
        _("default capacity"), default=9, validators=[MinValueValidator(1)]
    )
    last_reviewed_at = models.DateField(
        _("information last reviewed on"),
        help_text=_("Qualiopi asks for dated information: update it at each review."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("listing_image"),
        FieldPanel("theme"),
        FieldPanel("objectives"),
        FieldPanel("programme"),
    ]
    qualiopi_panels = [
        FieldRowPanel([FieldPanel("duration_hours"), FieldPanel("format")]),
        FieldPanel("audience"),
        FieldPanel("prerequisites"),
        FieldPanel("teaching_methods"),
        FieldPanel("assessment_methods"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("is_free"), FieldPanel("price")]), FieldPanel("funding")],
            heading=_("Price and funding"),
        ),
        FieldPanel("access_delay"),
        MultiFieldPanel(
            [FieldPanel("accessibility"), FieldPanel("accessibility_contact")],
            heading=_("Accessibility"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact"),
        ),
        FieldPanel("certification_code"),
        FieldRowPanel([FieldPanel("satisfaction_rate"), FieldPanel("satisfaction_date")]),
        FieldPanel("last_reviewed_at"),
    ]
    session_panels = [
        SessionSeatsPanel(heading=_("Seats")),
        FieldPanel("default_capacity"),
        InlinePanel("sessions", label=_("Sessions")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(qualiopi_panels, heading=_("Qualiopi information")),
            ObjectList(session_panels, heading=_("Sessions")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    parent_page_types = ["cma_trainings.TrainingIndexPage"]
    subpage_types: list[str] = []
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("objectives"),
        index.SearchField("audience"),
        index.FilterField("format"),
    ]
    # Public information only: never the visio links nor any registration.
    api_fields = [
        APIField("summary"),
        APIField("theme", serializer=ThemeAPIField()),
        APIField("objectives"),
        APIField("programme"),
        APIField("duration_hours", serializer=NumberAPIField()),
        APIField("format"),
        APIField("audience"),
        APIField("prerequisites"),
        APIField("teaching_methods"),
        APIField("assessment_methods"),
        APIField("is_free"),
        APIField("price", serializer=NumberAPIField()),
        APIField("funders"),
        APIField("access_delay"),
        APIField("accessibility"),
        APIField("accessibility_contact"),
        APIField("contact_name"),
        APIField("contact_email"),
        APIField("contact_phone"),
        APIField("certification_code"),
        APIField("satisfaction_rate", serializer=NumberAPIField()),
        APIField("satisfaction_date"),
        APIField("last_reviewed_at"),
        APIField("upcoming_sessions", serializer=SessionsAPIField()),
        APIField("seats_left", serializer=TrainingSeatsAPIField()),
    ]

    class Meta:
        abstract = True
        verbose_name = _("training")
        verbose_name_plural = _("trainings")

    def clean(self) -> None:
        super().clean()
        if not self.is_free and self.price is None:
            raise ValidationError({"price": _("Give the price, or tick “free of charge”.")})

    @property
    def funders(self) -> list[str]:
        return [line.strip() for line in self.funding.splitlines() if line.strip()]

    def get_upcoming_sessions(self):
        """Upcoming, open sessions with their seats (prefetched in listings)."""
        if hasattr(self, "upcoming"):
            return self.upcoming
        from ..queries import upcoming_sessions_queryset

        return list(upcoming_sessions_queryset().filter(page=self))

    @property
    def next_session(self):
        sessions = self.get_upcoming_sessions()
        return sessions[0] if sessions else None

    def get_related_cached_urls(self) -> list[str]:
        """The sessions' ``.ics``, purged with the page (``cma_wagtail.caching.purge``)."""
        site = self.get_site()
        if site is None:
            return []
        root = site.root_url.rstrip("/")
        return [root + session.get_ics_url() for session in self.sessions.all()]

    def is_registrable(self, request=None) -> bool:
        """Online registration is open to anyone only on a visible training: behind a view
        restriction (whoever passed it) the sessions are shown without their forms."""
        from cma_wagtail.visibility import is_visible, request_site

        return is_visible(self, request_site(request))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sessions"] = self.get_upcoming_sessions()
        # An editor's preview shows the page as it will be once published.
        context["registrable"] = getattr(request, "is_preview", False) or self.is_registrable(
            request
        )
        return context


class TrainingPage(TrainingPageMixin, Page):
    """The page type on the active base page model (``Page`` or ``WAGTAIL_PAGE_MODEL``)."""

    class Meta(TrainingPageMixin.Meta):
        pass

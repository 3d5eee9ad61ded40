"""Callback requests, their history (call attempts and every change) and the teams."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from cma_wagtail.base_page import base_page_model_name
from cma_wagtail.validators import format_phone_national

from .constants import TOPIC_CHOICES, Action, CallOutcome, CloseOutcome, Slot, Status

# Length limits of the public form and of the columns (one source for both).
MAX_NAME = 100
MAX_BUSINESS = 150
MAX_TRADE = 100
MAX_MESSAGE = 1000


class CallbackTeam(index.Indexed, models.Model):
    """A group of agents who call artisans back (e.g. the crisis cell of one chamber)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    emails = models.TextField(
        _("notification addresses"),
        blank=True,
        help_text=_("One email address per line; each new request is sent to them."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agents"),
        blank=True,
        related_name="callback_teams",
        help_text=_("Agents see the requests of their teams in the “Callbacks” menu."),
    )
    sites = models.ManyToManyField(
        "wagtailcore.Site",
        verbose_name=_("sites served"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty to serve every site of this installation."),
    )
    areas = models.TextField(
        _("départements and postcodes served"),
        blank=True,
        help_text=_(
            "Départements (25) or postcode prefixes (251, 25000), separated by commas or "
            "lines: a request whose postcode starts with one of them goes to this team."
        ),
    )
    is_default = models.BooleanField(
        _("default team of its sites"),
        default=False,
        help_text=_(
            "Receives the requests of its sites that neither a postcode nor a form sends to a team."
        ),
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("team lead"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Receives an email when the team's oldest waiting request has waited longer "
            "than the target (counted in opening hours)."
        ),
    )
    #: When the lead was told of the current breach; cleared once the queue is back
    #: within the target, so that each breach sends one email.
    alerted_at = models.DateTimeField(_("lead alerted at"), null=True, blank=True, editable=False)
    daily_quota = models.PositiveIntegerField(
        _("daily quota"),
        null=True,
        blank=True,
        help_text=_("Forms close for the day once this many requests arrived. Empty: no limit."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("emails"),
        FieldPanel("members", widget=forms.CheckboxSelectMultiple),
        FieldPanel("sites", widget=forms.CheckboxSelectMultiple),
        FieldPanel("areas"),
        FieldPanel("is_default"),
        FieldPanel("lead"),
        FieldPanel("daily_quota"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("callback team")
        verbose_name_plural = _("callback teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def area_list(self) -> list[str]:
        """The postcode prefixes served (a département is a two- or three-digit prefix)."""
        return [part.strip() for part in self.areas.replace(",", "\n").split() if part.strip()]

    @property
    def email_list(self) -> list[str]:
        return [
            line.strip() for line in self.emails.replace(",", "\n").splitlines() if line.strip()
        ]


class CallbackRequestQuerySet(models.QuerySet):
    _memo_count = False

    def counted(self):
        """This queryset, counting its rows once: a listing asks for its count twice (its
        heading and its paginator), like its rows, this instance's count is kept."""
        clone = self._chain()
        clone._memo_count = True
        return clone

    def count(self):
        if not self._memo_count:
            return super().count()
        if not hasattr(self, "_counted"):
            self._counted = super().count()
        return self._counted

    def open(self):
        return self.exclude(status=Status.CLOSED)

    def waiting(self):
        return self.filter(status__in=[Status.NEW, Status.ASSIGNED, Status.UNREACHABLE])


class CallbackRequest(models.Model):
    Status = Status
    Slot = Slot
    CloseOutcome = CloseOutcome

    #: Requests are personal data, not content: kept out of Wagtail's reference index
    #: (no "usage" rows for the page they came from, and no index work on every submission).
    wagtail_reference_index_ignore = True

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page = models.ForeignKey(
        base_page_model_name(),
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    block_id = models.CharField(_("block"), max_length=64, blank=True)
    team = models.ForeignKey(
        CallbackTeam,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=CloseOutcome.choices, blank=True
    )

    name = models.CharField(_("name"), max_length=MAX_NAME, blank=True)
    business_name = models.CharField(_("business name"), max_length=MAX_BUSINESS, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, db_index=True)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    trade = models.CharField(_("trade"), max_length=MAX_TRADE, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    topic = models.CharField(_("topic"), max_length=20, choices=TOPIC_CHOICES, blank=True)
    preferred_slot = models.CharField(
        _("preferred time"), max_length=10, choices=Slot.choices, default=Slot.ASAP
    )
    preferred_date = models.DateField(_("preferred day"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    ip_hash = models.CharField(_("IP address (hashed)"), max_length=64, blank=True)
    submission_count = models.PositiveIntegerField(_("times sent"), default=1)

    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    last_submitted_at = models.DateTimeField(_("last sent at"), default=timezone.now)
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    #: When the request comes back into the queue: an agreed time, or the next attempt
    #: after a call with no answer; empty: it is due as soon as it is received.
    next_attempt_at = models.DateTimeField(_("next call at"), null=True, blank=True, db_index=True)
    first_called_at = models.DateTimeField(_("first call at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    #: When its emails were written to the outbox; empty until then (see ``services``).
    notified_at = models.DateTimeField(
        _("notifications queued at"), null=True, blank=True, editable=False
    )

    objects = CallbackRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("callback request")
        verbose_name_plural = _("callback requests")
        ordering = ["-created_at"]
        permissions = [
            ("view_all_callbackrequests", _("Can see the requests of every team and site")),
        ]
        constraints = [
            # At most one open request per number: repeats merge into it, even under
            # concurrent submissions (the loser of the race retries as a merge).
            models.UniqueConstraint(
                fields=["phone"],
                condition=~Q(status="closed") & ~Q(phone=""),
                name="cma_callbacks_one_open_request_per_phone",
            )
        ]

    def __str__(self) -> str:
        who = self.business_name or self.name or _("anonymised request")
        return f"{who} ({self.phone_display})" if self.phone else str(who)

    @property
    def phone_display(self) -> str:
        return format_phone_national(self.phone)

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED


class CallbackAttempt(models.Model):
    """One line of a request's history: a call attempt (``action=call``) or a change."""

    Action = Action
    Outcome = CallOutcome

    request = models.ForeignKey(
        CallbackRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="attempts",
    )
    action = models.CharField(
        _("action"), max_length=20, choices=Action.choices, default=Action.CALL
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=CallOutcome.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("call attempt")
        verbose_name_plural = _("call attempts and history")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["action", "outcome", "at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"

"""The two page types: ``CrisisNewsIndexPage`` (listing + feeds) and ``CrisisNewsPage``."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.blocks import StreamBlock
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import PageManager
from wagtail.search import index

from cma_wagtail.base_page import get_base_page_model
from cma_wagtail.blocks import LinkBlock
from cma_wagtail.fields import BodyField
from cma_wagtail.preview import HeadlessPreviewMixin
from cma_wagtail.querysets import LocaleJoinedPageQuerySet

from ..panels import AlertsSentPanel
from ..serializers import TopicsField
from .topics import NewsTopic

#: Wagtail's ``Page`` or the site's own base page model (``WAGTAIL_PAGE_MODEL``).
Page = get_base_page_model()


class Urgency(models.TextChoices):
    INFO = "info", _("Information")
    IMPORTANT = "important", _("Important")
    URGENT = "urgent", _("Urgent")


class CrisisNewsPageQuerySet(LocaleJoinedPageQuerySet):
    def current(self, today: dt.date | None = None) -> CrisisNewsPageQuerySet:
        """News whose measure still applies (no end date, or ending today or later)."""
        today = today or timezone.localdate()
        return self.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))

    def expired(self, today: dt.date | None = None) -> CrisisNewsPageQuerySet:
        return self.filter(valid_until__lt=today or timezone.localdate())

    def filtered(
        self,
        *,
        topic: NewsTopic | None = None,
        urgency: str | None = None,
        include_expired: bool = False,
        today: dt.date | None = None,
    ) -> CrisisNewsPageQuerySet:
        """The listing filters, shared by the index page, its feeds and the APIs."""
        queryset = self if include_expired else self.current(today)
        if topic is not None:
            queryset = queryset.filter(topics=topic)
        if urgency:
            queryset = queryset.filter(urgency=urgency)
        return queryset

    def newest_first(self) -> CrisisNewsPageQuerySet:
        return self.order_by("-published_on", "-first_published_at", "-pk")

    def pinned_then_newest(self) -> CrisisNewsPageQuerySet:
        return self.order_by("-pinned", "-published_on", "-first_published_at", "-pk")


class CrisisNewsPageManager(PageManager.from_queryset(CrisisNewsPageQuerySet)):
    """Every query of news pages prefetches their topics (one extra query per queryset)
    and joins their locale (Wagtail's API serializes ``meta.locale`` for each page).

    So the index, the feeds and Wagtail's API listings (which query
    ``CrisisNewsPage.objects`` when asked for ``?type=cma_crisis_news.CrisisNewsPage``,
    with ``fields=*`` too) show N pages in a constant number of queries.
    """

    def get_queryset(self) -> CrisisNewsPageQuerySet:
        return super().get_queryset().select_related("locale").prefetch_related("topics")


class CrisisNewsIndexPageMixin(RoutablePageMixin, models.Model):
    """Lists its live news, pinned first then newest; filters and feeds through GET."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A few words above the list: who publishes this news and how often."),
    )

    #: News per page of the listing (``None``: the CMA_WAGTAIL_CRISIS_NEWS_PER_PAGE setting).
    per_page: int | None = None

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    subpage_types = ["cma_crisis_news.CrisisNewsPage"]

    class Meta:
        abstract = True
        verbose_name = _("crisis news index")
        verbose_name_plural = _("crisis news indexes")

    def get_news_queryset(
        self,
        *,
        topic: NewsTopic | None = None,
        urgency: str | None = None,
        include_expired: bool = False,
        today: dt.date | None = None,
    ) -> CrisisNewsPageQuerySet:
        """The live, public news of this index that readers may see, in listing order."""
        from ..queries import news_queryset

        return news_queryset(
            parent=self, topic=topic, urgency=urgency, include_expired=include_expired, today=today
        )

    def get_context(self, request, *args, **kwargs):
        from ..queries import build_listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(build_listing_context(self, request))
        return context

    def get_cached_paths(self):
        """Purged with the index by ``wagtail.contrib.frontend_cache`` (docs/caching.md)."""
        return ["/", "feed/", "atom/"]

    @path("feed/", name="rss_feed")
    def rss_feed(self, request):
        from ..feeds import CrisisNewsRssFeed

        return CrisisNewsRssFeed(self)(request)

    @path("atom/", name="atom_feed")
    def atom_feed(self, request):
        from ..feeds import CrisisNewsAtomFeed

        return CrisisNewsAtomFeed(self)(request)


class CrisisNewsIndexPage(CrisisNewsIndexPageMixin, Page):
    """The page type on the active base page model (``Page`` or ``WAGTAIL_PAGE_MODEL``)."""

    class Meta(CrisisNewsIndexPageMixin.Meta):
        pass


class CrisisNewsPageMixin(HeadlessPreviewMixin, models.Model):
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("Two or three sentences, shown in the list of news and in the feeds."),
    )
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
    body = BodyField(blank=True, verbose_name=_("body"))
    urgency = models.CharField(
        _("urgency"),
        max_length=10,
        choices=Urgency.choices,
        default=Urgency.INFO,
        help_text=_("“Urgent”: a deadline or a danger; “important”: a change that matters."),
    )
    topics = ParentalManyToManyField(
        NewsTopic, verbose_name=_("topics"), blank=True, related_name="news_pages"
    )
    pinned = models.BooleanField(
        _("pinned to the top"),
        default=False,
        help_text=_("Shown first in the list, whatever its date."),
    )
    published_on = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("The date readers see. Leave empty: the date of first publication."),
    )
    last_reviewed_at = models.DateField(
        _("last checked on"),
        null=True,
        blank=True,
        help_text=_(
            "The “updated on” stamp: the day someone last checked that this information "
            "is still right. Cannot be before the publication date."
        ),
    )
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_(
            "Last day the measure applies. After it, the page says “measure expired” and "
            "leaves the list of news."
        ),
    )
    source_url = models.URLField(
        _("official text"),
        max_length=500,
        blank=True,
        help_text=_("Address of the official source (decree, ministry page, URSSAF…)."),
    )
    notify_subscribers = models.BooleanField(
        _("notify subscribers"),
        default=False,
        help_text=_(
            "Tick it before republishing a measure that changed: the subscribers of its "
            "topics are told again. The first publication always tells them."
        ),
    )
    related_links = StreamField(
        StreamBlock([("link", LinkBlock())], required=False),
        blank=True,
        verbose_name=_("related links"),
    )

    objects = CrisisNewsPageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("listing_image"),
        FieldPanel("body"),
        FieldPanel("source_url"),
        FieldPanel("related_links"),
    ]
    classification_panels = [
        FieldPanel("urgency", widget=forms.RadioSelect),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("published_on"), FieldPanel("last_reviewed_at"), FieldPanel("valid_until")],
            heading=_("Dates"),
        ),
    ]
    promote_panels = [FieldPanel("pinned"), *Page.promote_panels]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(classification_panels, heading=_("Classification and validity")),
            ObjectList(promote_panels, heading=_("Promotion")),
            ObjectList(
                [*Page.settings_panels, FieldPanel("notify_subscribers"), AlertsSentPanel()],
                heading=_("Settings"),
            ),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("urgency"),
        index.FilterField("pinned"),
        index.FilterField("published_on"),
        index.FilterField("valid_until"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("urgency"),
        APIField("topics", serializer=TopicsField()),
        APIField("pinned"),
        APIField("published_on"),
        APIField("last_reviewed_at"),
        APIField("valid_until"),
        APIField("is_expired"),
        APIField("source_url"),
        APIField("body"),
        APIField("related_links"),
    ]

    parent_page_types = ["cma_crisis_news.CrisisNewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        abstract = True
        verbose_name = _("crisis news")
        verbose_name_plural = _("crisis news")

    # Dates

    def _default_published_on(self) -> dt.date:
        if self.first_published_at:
            return timezone.localdate(self.first_published_at)
        return timezone.localdate()

    def save(self, *args, **kwargs):
        # Set on save, not in full_clean(): the admin validates a new page while it is still
        # ``live`` (the model default) and only then saves it as a draft. Drafts keep an
        # empty date, which becomes the date of first publication.
        if self.published_on is None and (self.live or self.first_published_at):
            self.published_on = self._default_published_on()
        return super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        published_on = self.published_on or self._default_published_on()
        if self.last_reviewed_at and self.last_reviewed_at < published_on:
            raise ValidationError(
                {
                    "last_reviewed_at": _(
                        "The last check cannot be before the publication date (%(date)s)."
                    )
                    % {"date": published_on.strftime("%d/%m/%Y")}
                }
            )

    @property
    def reviewed_on(self) -> dt.date | None:
        """The “updated on” date readers see: the last check, else the publication date."""
        return self.last_reviewed_at or self.published_on

    @property
    def is_expired(self) -> bool:
        return self.valid_until is not None and self.valid_until < timezone.localdate()

    @cached_property
    def topic_list(self) -> list[NewsTopic]:
        """The topics, from the prefetch cache when the page came from a listing."""
        return list(self.topics.all())

    # schema.org

    def is_special_announcement(self) -> bool:
        """JSON-LD type: SpecialAnnouncement for crisis news, NewsArticle otherwise.

        Crisis news = urgency “important” or “urgent”, or any topic flagged crisis-related.
        """
        if self.urgency in (Urgency.IMPORTANT, Urgency.URGENT):
            return True
        return any(topic.crisis_related for topic in self.topic_list)

    def get_json_ld(self, request=None) -> dict:
        from ..jsonld import news_json_ld

        return news_json_ld(self, request)


class CrisisNewsPage(CrisisNewsPageMixin, Page):
    """The page type on the active base page model (``Page`` or ``WAGTAIL_PAGE_MODEL``)."""

    class Meta(CrisisNewsPageMixin.Meta):
        pass

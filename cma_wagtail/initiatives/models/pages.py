"""``InitiativePage`` (one artisan's initiative) and its gallery."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.images import get_image_model, get_image_model_string
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from ...base_page import get_base_page_model
from ...departements import departement_name
from ...fields import BodyField
from ...pictures import picture_specs
from ...preview import HeadlessPreviewMixin
from ...querysets import LocaleJoinedPageQuerySet
from ...validators import postcode_to_departement, validate_postcode
from ..panels import ProposalPanel
from ..serializers import CategoriesField, GalleryField
from .categories import InitiativeCategory

#: Wagtail's ``Page`` or the site's own base page model (``WAGTAIL_PAGE_MODEL``).
Page = get_base_page_model()


class InitiativeGalleryImage(Orderable):
    page = ParentalKey(
        "cma_initiatives.InitiativePage", on_delete=models.CASCADE, related_name="gallery_images"
    )
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        help_text=_("Describe what the photo shows for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


class InitiativePageManager(PageManager.from_queryset(LocaleJoinedPageQuerySet)):
    """Joins the locale: Wagtail's API serializes ``meta.locale`` for each page it lists."""

    def get_queryset(self):
        return super().get_queryset().select_related("locale")


class InitiativePageMixin(HeadlessPreviewMixin, models.Model):
    business_name = models.CharField(
        _("business name"), max_length=255, help_text=_("E.g. “Au Cœur du Tricot”.")
    )
    artisan_name = models.CharField(
        _("artisan's name"),
        max_length=255,
        blank=True,
        help_text=_("Optional: leave empty if the artisan prefers not to be named."),
    )
    trade = models.CharField(
        _("trade"), max_length=120, blank=True, help_text=_("E.g. “knitwear workshop”, “pastry”.")
    )
    town = models.CharField(_("town"), max_length=120)
    postcode = models.CharField(_("postcode"), max_length=5, validators=[validate_postcode])
    departement = models.CharField(
        _("département"),
        max_length=3,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("Computed from the postcode."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))],
        help_text=_("Optional, for the map: e.g. 46.904 (north is positive)."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))],
        help_text=_("Optional, for the map: e.g. 6.335 (east is positive)."),
    )
    categories = ParentalManyToManyField(
        InitiativeCategory, verbose_name=_("categories"), blank=True, related_name="initiatives"
    )
    beneficiaries = models.CharField(
        _("beneficiaries"),
        max_length=255,
        blank=True,
        help_text=_("Who benefits, e.g. “hôpital de Pontarlier”, “personnel soignant”."),
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("Two or three sentences, shown on the cards.")
    )
    story = BodyField(blank=True, verbose_name=_("story"))
    website = models.URLField(_("website"), blank=True)
    contact_url = models.URLField(
        _("contact or order link"),
        blank=True,
        help_text=_("A public page to contact the artisan or order, e.g. a shop page."),
    )
    voucher_url = models.URLField(
        _("voucher link"),
        blank=True,
        help_text=_("Where to buy vouchers, for voucher initiatives."),
    )
    voucher_valid_until = models.DateField(_("vouchers valid until"), null=True, blank=True)
    voucher_payout = models.CharField(
        _("how the money reaches the artisan"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “paid to the artisan within a week”."),
    )

    objects = InitiativePageManager()

    parent_page_types = ["cma_initiatives.InitiativeIndexPage"]
    subpage_types: list[str] = []
    template = "cma_initiatives/initiative_page.html"

    content_panels = [
        ProposalPanel(),
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("business_name"),
                FieldPanel("artisan_name"),
                FieldPanel("trade"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("town")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Artisan and place"),
        ),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("beneficiaries"),
        FieldPanel("started_on"),
        FieldPanel("summary"),
        FieldPanel("story"),
        InlinePanel("gallery_images", heading=_("Photos"), label=_("Photo")),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("contact_url")], heading=_("Public links")
        ),
        MultiFieldPanel(
            [
                FieldPanel("voucher_url"),
                FieldPanel("voucher_valid_until"),
                FieldPanel("voucher_payout"),
            ],
            heading=_("Vouchers"),
            classname="collapsed",
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("business_name"),
        index.SearchField("artisan_name"),
        index.SearchField("trade"),
        index.SearchField("town"),
        index.SearchField("beneficiaries"),
        index.SearchField("summary"),
        index.SearchField("story"),
        index.FilterField("departement"),
        index.RelatedFields("categories", [index.SearchField("name")]),
    ]

    api_fields = [
        APIField("business_name"),
        APIField("artisan_name"),
        APIField("trade"),
        APIField("categories", serializer=CategoriesField()),
        APIField("place"),
        APIField("departement"),
        APIField("coordinates"),
        APIField("gallery", serializer=GalleryField()),
        APIField("beneficiaries"),
        APIField("started_on"),
        APIField("summary"),
        APIField("story"),
        APIField("website"),
        APIField("contact_url"),
        APIField("voucher"),
    ]

    class Meta:
        abstract = True
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def clean(self) -> None:
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            raise ValidationError(
                {missing: _("Give both the latitude and the longitude, or neither.")}
            )

    def save(self, *args, **kwargs):
        self.departement = postcode_to_departement(self.postcode)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "postcode" in update_fields:
            kwargs["update_fields"] = {*update_fields, "departement"}
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["map_options"] = None
        if self.has_coordinates:
            from ..maps import map_options

            parent = self.get_parent()
            context["map_options"] = map_options(
                parent.url + "map.json",
                focus=self.pk,
                center=[float(self.latitude), float(self.longitude)],
            )
        return context

    # What templates and the API show

    @property
    def departement_name(self) -> str:
        return departement_name(self.departement)

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def has_voucher(self) -> bool:
        return bool(self.voucher_url or self.voucher_valid_until or self.voucher_payout)

    @property
    def place(self) -> dict:
        return {
            "town": self.town,
            "postcode": self.postcode,
            "departement": self.departement,
            "departement_name": self.departement_name,
        }

    @property
    def coordinates(self) -> dict | None:
        if not self.has_coordinates:
            return None
        return {"latitude": float(self.latitude), "longitude": float(self.longitude)}

    @property
    def voucher(self) -> dict | None:
        if not self.has_voucher:
            return None
        return {
            "url": self.voucher_url,
            "valid_until": (
                self.voucher_valid_until.isoformat() if self.voucher_valid_until else None
            ),
            "payout": self.voucher_payout,
        }

    @property
    def first_image(self) -> InitiativeGalleryImage | None:
        """The card's photo; uses the prefetched gallery when there is one."""
        images = list(self.gallery_images.all())
        return images[0] if images else None

    @classmethod
    def listing_prefetches(cls, renditions=None) -> list:
        """What a list of initiatives needs, in a constant number of queries.

        ``renditions``: the filter specs to prefetch; by default those of the cards'
        responsive pictures (:func:`cma_wagtail.pictures.picture_specs`) and those of the
        API's image shape (:data:`cma_wagtail.api.images.IMAGE_RENDITIONS`): the listing
        blocks render both."""
        if renditions is None:
            from cma_wagtail.api.images import IMAGE_RENDITIONS

            renditions = (*picture_specs("card"), *IMAGE_RENDITIONS)
        # Gallery rows joined with their image, then the renditions: two queries.
        renditions_queryset = (
            get_image_model().get_rendition_model().objects.filter(filter_spec__in=list(renditions))
        )
        return [
            Prefetch("categories", queryset=InitiativeCategory.objects.all()),
            Prefetch(
                "gallery_images",
                queryset=InitiativeGalleryImage.objects.order_by("sort_order")
                .select_related("image")
                .prefetch_related(
                    Prefetch(
                        "image__renditions",
                        queryset=renditions_queryset,
                        to_attr="prefetched_renditions",
                    )
                ),
            ),
        ]


class InitiativePage(InitiativePageMixin, Page):
    """The page type on the active base page model (``Page`` or ``WAGTAIL_PAGE_MODEL``)."""

    class Meta(InitiativePageMixin.Meta):
        pass

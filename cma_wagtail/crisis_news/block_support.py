"""What core's blocks ask this app: the latest news (``LatestNewsBlock``) and the alerts form
(``NewsAlertsBlock``), through :class:`CrisisNewsBlockSupport`."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from cma_wagtail.blocks.support import BlockSupport, site_for
from cma_wagtail.conf import settings as cma_settings

from .forms import SubscriptionForm


def get_block_context(value, context) -> dict:
    """The blank form posting to the subscription page (which shows errors, if any)."""
    try:
        action = reverse("cma_crisis_news:alerts_subscribe")
    except NoReverseMatch:  # the app's URLs are not mounted: no form
        return {"form": None}
    request = context.get("request")
    block_id = context.get("block_id") or ""
    form = SubscriptionForm(
        request=request, auto_id=f"alerts-{block_id}-%s" if block_id else "id_%s"
    )
    return {
        "form": form,
        "action": action,
        "days": cma_settings.CRISIS_NEWS_ALERTS_CONFIRM_DAYS,
    }


def api_submit_url() -> str | None:
    """The subscription form's address (as the callback block gives its form's)."""
    try:
        return reverse("cma_crisis_news:alerts_subscribe")
    except NoReverseMatch:
        return None


class CrisisNewsBlockSupport(BlockSupport):
    """Core's ``LatestNewsBlock`` (kind ``news``, filter ``topics``) and ``NewsAlertsBlock``
    (kind ``alerts``)."""

    card_templates = {"news": "cma_crisis_news/includes/news_card.html"}
    card_item_names = {"news": "news"}

    def choices(self, kind):
        if kind != "topics":
            return []
        from .models import NewsTopic

        return list(NewsTopic.objects.order_by("name").values_list("slug", "name"))

    def items(self, kind, value, request=None):
        from .queries import latest_news

        return latest_news(
            value.get("number") or 3,
            site=site_for(request),
            topic=value.get("topic") or None,
            urgency=value.get("urgency") or "",
            include_expired=not value.get("hide_expired"),
        )

    def item_data(self, kind, page, request=None):
        """Public facts only, as the block's schema (``LatestNewsBlockValue``) says, in the
        shape of :func:`.serializers.news_card_data` (the v3 news' names and values)."""
        from .serializers import news_card_data

        return news_card_data(page, request)

    def block_context(self, kind, value, context, **kwargs):
        return get_block_context(value, context) if kind == "alerts" else {}

    def form_url(self, kind, request=None):
        return api_submit_url() if kind == "alerts" else None

    def api_form_path(self, kind):
        return "cma/crisis-news/subscriptions/" if kind == "alerts" else None

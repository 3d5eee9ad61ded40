"""What ``cma_wagtail.blocks.NewsAlertsBlock`` asks this app for when it renders."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

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

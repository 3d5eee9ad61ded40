from django.utils.translation import gettext_lazy as _

from cma_wagtail import capabilities


class CrisisNewsConfig(capabilities.CapabilityConfig):
    name = "cma_wagtail.crisis_news"
    label = "cma_crisis_news"
    verbose_name = _("Crisis news")

    # What core needs to know (cma_wagtail.capabilities.CapabilityConfig).
    url_prefix = "cma/news/"
    v2_endpoints = {"crisis-news": "cma_wagtail.crisis_news.api.v2.endpoint"}
    block_support = "cma_wagtail.crisis_news.block_support.CrisisNewsBlockSupport"
    preview_models = {
        "cma_crisis_news.crisisnewspage": (
            "cma_wagtail.crisis_news.serializers.CrisisNews",
            "cma_wagtail.crisis_news.serializers.serialize_news",
        )
    }
    site_choices = "cma_wagtail.crisis_news.api.v3.site_choices"
    # Pinned so that an integrator's DEFAULT_AUTO_FIELD never creates a migration here.
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.signals import page_published

        from cma_wagtail.api.v3 import add_router

        from .fanout import on_page_published

        page_published.connect(on_page_published, dispatch_uid="cma_crisis_news.alerts")
        add_router("/cma/crisis-news/", "cma_wagtail.crisis_news.api.v3.router")

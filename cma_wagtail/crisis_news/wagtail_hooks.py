"""Admin of crisis news: the topics snippet (pages are managed in the page tree), the
alert subscribers and their counts on the dashboard (see :mod:`.admin_views`)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import SubscribersPanel, SubscriberViewSet, register_policy
from .models import NewsTopic


class NewsTopicViewSet(SnippetViewSet):
    model = NewsTopic
    icon = "tag"
    menu_label = _("News topics")
    menu_name = "cma_news_topics"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "slug", "crisis_related"]
    search_fields = ["name"]
    ordering = ["name"]


register_snippet(NewsTopicViewSet)


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    register_policy()
    return SubscriberViewSet()


@hooks.register("construct_homepage_panels")
def add_subscribers_panel(request, panels):
    if request.user.has_perm("cma_crisis_news.view_subscriber"):
        panels.append(SubscribersPanel())

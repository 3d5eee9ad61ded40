"""Admin of crisis news: the topics snippet (pages are managed in the page tree)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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

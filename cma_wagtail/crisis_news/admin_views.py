"""Back-office of news alerts: the subscribers' list (search, filters, export, manual
unsubscribe) and the dashboard's counts per topic (the "sent to" figure of each news page
is in :mod:`.panels`).

A Wagtail ``ModelViewSet`` (Wagtail's own mechanism, with its CSV/XLSX export), so that
the crisis news app needs no extra dependency. Subscribers come only through the public
form (with their consent): the back-office cannot add one, only change its choices or
unsubscribe it (the address is deleted, as from an email's link).
"""

from __future__ import annotations

import django_filters
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import NewsTopic, Pace, Subscriber


class SubscriberFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[
            ("confirmed", pgettext_lazy("subscriber", "Confirmed")),
            ("unconfirmed", _("Waiting for confirmation")),
        ],
        method="filter_state",
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), queryset=NewsTopic.objects.all(), method="filter_topic"
    )
    pace = django_filters.ChoiceFilter(label=_("Pace"), choices=Pace.choices)

    class Meta:
        model = Subscriber
        fields = ["state", "topic", "pace"]

    def filter_state(self, queryset, name, value):
        return queryset.confirmed() if value == "confirmed" else queryset.unconfirmed()

    def filter_topic(self, queryset, name, value):
        """Subscribers who receive this topic: those of every topic included."""
        return queryset.for_topics([value.pk]) if value else queryset


class SubscriberPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "add":  # only the public form, with the person's consent
            return False
        return super().user_has_permission(user, action)


def register_policy() -> None:
    """Wagtail 8 registers policies per model; Wagtail 7.4 reads the viewset's."""
    try:
        from wagtail.permissions import register_permission_policy
    except ImportError:  # Wagtail 7.4
        SubscriberViewSet.permission_policy = SubscriberPermissionPolicy(Subscriber)
    else:
        register_permission_policy(Subscriber, SubscriberPermissionPolicy(Subscriber))


class UnsubscribeView(DeleteView):
    """Deleting is unsubscribing: the address and its emails go, the counts stay."""

    def delete_action(self):
        from .flows import delete_subscriber

        delete_subscriber(self.object)


class SubscriberIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("topics")


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Alert subscribers")
    name = "cma_news_subscribers"
    add_to_admin_menu = True
    menu_order = 251
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = SubscriberIndexView
    delete_view_class = UnsubscribeView
    form_fields = ["all_topics", "topics", "pace"]
    list_display = ["email", "state_label", "topics_label", "pace", "created_at"]
    list_export = ["email", "state_label", "topics_label", "pace", "created_at", "confirmed_at"]
    export_filename = "abonnes-alertes"
    filterset_class = SubscriberFilterSet
    search_fields = ["email"]
    ordering = ["-created_at"]
    inspect_view_fields = [
        "email",
        "state_label",
        "topics_label",
        "pace",
        "created_at",
        "consent_at",
        "confirmed_at",
    ]


def topic_counts() -> list[dict]:
    """Confirmed subscribers per topic (those of every topic counted in each): 2 queries."""
    everything = Subscriber.objects.confirmed().filter(all_topics=True).count()
    topics = NewsTopic.objects.annotate(
        chosen=Count(
            "subscribers",
            filter=Q(subscribers__confirmed_at__isnull=False, subscribers__all_topics=False),
        )
    ).order_by("name")
    return [{"topic": topic, "count": topic.chosen + everything} for topic in topics]


class SubscribersPanel(Component):
    name = "cma_news_subscribers"
    order = 95
    template_name = "cma_crisis_news/admin/dashboard_panel.html"

    def get_context_data(self, parent_context):
        return {
            "topics": topic_counts(),
            "confirmed": Subscriber.objects.confirmed().count(),
            "all_topics": Subscriber.objects.confirmed().filter(all_topics=True).count(),
        }

"""Editor panel: each session's seats taken / capacity / waiting list, with links to the lists."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from wagtail.admin.panels import Panel

REGISTRATIONS_INDEX = "cma_trainings_registration_modeladmin_index"


class SessionSeatsPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "cma_trainings/admin/session_seats_panel.html"

        @cached_property
        def sessions(self) -> list:
            from .models import TrainingSession
            from .queries import with_seats

            if not self.instance.pk:
                return []
            return list(
                with_seats(TrainingSession.objects.filter(page_id=self.instance.pk))
                .select_related("page")
                .order_by("start")
            )

        def is_shown(self) -> bool:
            return bool(self.sessions)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["sessions"] = self.sessions
            try:
                context["registrations_url"] = reverse(REGISTRATIONS_INDEX)
            except NoReverseMatch:  # the back-office is not registered
                context["registrations_url"] = ""
            return context

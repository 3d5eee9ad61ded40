"""Editor panels of crisis news pages."""

from __future__ import annotations

from wagtail.admin.panels import Panel


class AlertsSentPanel(Panel):
    """How many subscribers the page was sent to (or will be, in their weekly digest)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "cma_crisis_news/admin/alerts_sent_panel.html"

        def get_context_data(self, parent_context=None):
            from .fanout import sent_count

            context = super().get_context_data(parent_context)
            context["sent"] = sent_count(self.instance) if self.instance.pk else 0
            return context

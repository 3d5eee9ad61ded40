"""Back-office views of the proposals inbox, each checking its permission."""

from __future__ import annotations

from wagtail_modeladmin.views import HistoryView


class ProposalHistoryView(HistoryView):
    """wagtail-modeladmin's history view checks no permission of its own: any admin user could
    read who proposed what. Here it takes the inspect view's (any permission on proposals)."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_view_history(user, self.instance)

"""Admin: the categories snippet and the (read-only) inbox of public proposals."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from . import photos
from .admin_views import ProposalHistoryView
from .models import InitiativeCategory, InitiativeProposal


class InitiativeCategoryViewSet(SnippetViewSet):
    model = InitiativeCategory
    icon = "tag"
    menu_label = _("Initiative categories")
    list_display = ["name", "slug", "icon", "sort_order"]
    ordering = ["sort_order", "name"]


register_snippet(InitiativeCategoryViewSet)


class ReadOnlyPermissionHelper(PermissionHelper):
    """Proposals come from the public form only: editors read and delete, never create or edit.

    Reading (the listing, a proposal, its history) needs a permission on proposals, which a
    group gets from *Initiative proposal* in its permissions (view is enough).
    """

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_view_history(self, user, obj):
        return self.user_has_any_permissions(user)


class InitiativeProposalAdmin(ModelAdmin):
    model = InitiativeProposal
    menu_label = _("Initiative proposals")
    menu_icon = "mail"
    menu_order = 310
    add_to_settings_menu = False
    list_display = ["business_name", "town", "contact_name", "email", "page_status", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["business_name", "contact_name", "email", "town"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "business_name",
        "contact_name",
        "email",
        "phone",
        "town",
        "postcode",
        "description",
        "consent_at",
        "created_at",
        "page",
    ]
    permission_helper_class = ReadOnlyPermissionHelper
    history_view_class = ProposalHistoryView

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("page")

    def page_status(self, obj):
        return obj.page.status_string

    page_status.short_description = _("page status")


modeladmin_register(InitiativeProposalAdmin)


@hooks.register("construct_image_chooser_queryset")
def hide_unpublished_proposal_photos(images, request):
    return photos.exclude_private(images)

"""Back-office pieces shared by the capabilities: the admin stylesheet of their inboxes."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("cma_wagtail/admin.css"))

"""Wagtail hooks of the core: the admin stylesheet of the inboxes, public page caching."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from .caching.public import mark_served_page


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("cma_wagtail/admin.css"))


@hooks.register("before_serve_page")
def mark_public_page(page, request, serve_args, serve_kwargs):
    """Let PublicCacheMiddleware decide whether this page's answer may be shared."""
    mark_served_page(page, request)

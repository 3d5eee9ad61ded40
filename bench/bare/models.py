from wagtail.fields import RichTextField
from wagtail.models import Page


class BarePage(Page):
    """A page type with one rich-text body, rendered by a plain template (``wagtail start``'s
    kind): the baseline the crisis news page is compared with. ``?frame=1`` renders the same
    body inside the package's site frame (header, menu, breadcrumbs, banner, footer): the
    control that tells the frame's cost from the crisis news page's own."""

    body = RichTextField(blank=True)

    content_panels = [*Page.content_panels, "body"]

    def get_template(self, request, *args, **kwargs):
        if request.GET.get("frame"):
            return "bench_bare/framed_page.html"
        return "bench_bare/bare_page.html"

from wagtail.fields import RichTextField
from wagtail.models import Page


class BarePage(Page):
    """A page type with one rich-text body, rendered by a plain template (``wagtail start``'s
    kind): the baseline the crisis news page is compared with."""

    body = RichTextField(blank=True)

    content_panels = [*Page.content_panels, "body"]

"""``{% company_identity obj %}``: what the directory says of a request's business (back-office)."""

from django import template

from ..companies import identity_for

register = template.Library()


@register.inclusion_tag("cma_wagtail/companies/identity.html")
def company_identity(obj, search_url: str = "", identity=None):
    """The identity box of ``obj`` (one query); ``search_url`` adds the agent's search link."""
    return {
        "identity": identity if identity is not None else identity_for(obj),
        "search_url": search_url,
        "siret": getattr(obj, "siret", ""),
    }

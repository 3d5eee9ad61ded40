from .categories import InitiativeCategory
from .index import InitiativeFilters, InitiativeIndexPage, InitiativeIndexPageMixin
from .pages import (
    InitiativeGalleryImage,
    InitiativePage,
    InitiativePageMixin,
)
from .proposals import InitiativeProposal

__all__ = [
    "InitiativeCategory",
    "InitiativeFilters",
    "InitiativeGalleryImage",
    "InitiativeIndexPage",
    "InitiativeIndexPageMixin",
    "InitiativePage",
    "InitiativePageMixin",
    "InitiativeProposal",
]

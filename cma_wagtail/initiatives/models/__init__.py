from .categories import InitiativeCategory
from .index import InitiativeFilters, InitiativeIndexPage, InitiativeIndexPageMixin
from .pages import (
    CARD_RENDITION,
    GALLERY_RENDITION,
    InitiativeGalleryImage,
    InitiativePage,
    InitiativePageMixin,
)
from .proposals import InitiativeProposal

__all__ = [
    "CARD_RENDITION",
    "GALLERY_RENDITION",
    "InitiativeCategory",
    "InitiativeFilters",
    "InitiativeGalleryImage",
    "InitiativeIndexPage",
    "InitiativeIndexPageMixin",
    "InitiativePage",
    "InitiativePageMixin",
    "InitiativeProposal",
]

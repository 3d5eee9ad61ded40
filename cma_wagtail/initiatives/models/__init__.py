from .categories import InitiativeCategory
from .index import InitiativeFilters, InitiativeIndexPage
from .pages import CARD_RENDITION, GALLERY_RENDITION, InitiativeGalleryImage, InitiativePage
from .proposals import InitiativeProposal

__all__ = [
    "CARD_RENDITION",
    "GALLERY_RENDITION",
    "InitiativeCategory",
    "InitiativeFilters",
    "InitiativeGalleryImage",
    "InitiativeIndexPage",
    "InitiativePage",
    "InitiativeProposal",
]

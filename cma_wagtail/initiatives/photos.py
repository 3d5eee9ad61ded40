"""Where the photo of a public proposal lives until the initiative is published.

A proposal is not public: neither is its photo. It is stored in a private collection (a
Wagtail ``CollectionViewRestriction`` that lets nobody but superusers through), which
Wagtail's image APIs honour (``/api/v2/images/`` and ``/api/v3/images/`` leave out the
images of restricted collections, lists and details alike), under a random file name, so
that its original and renditions cannot be guessed from ``MEDIA_URL`` (the media server must
not list directories: see docs/gdpr.md). Editors still see it in the admin, where collection
*permissions*, not view restrictions, apply, but not in the image choosers (so that the photo
is not put on another, public, page first). When the initiative's page is published, its
photos move to the collection holding the private one (the root collection by default).
"""

from __future__ import annotations

import secrets

from django.conf import settings as django_settings
from django.db import transaction
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from ..conf import settings as cma_settings

#: The private collection's name when the package creates it (in ``LANGUAGE_CODE``).
PRIVATE_COLLECTION_NAME = gettext_lazy("Initiative proposals (unpublished)")


def private_collection_name() -> str:
    """The default collection's name, in the site's language whatever the request's."""
    with translation.override(django_settings.LANGUAGE_CODE):
        return str(PRIVATE_COLLECTION_NAME)


def find_private_collection() -> Collection | None:
    """``CMA_WAGTAIL_INITIATIVES_PROPOSAL_COLLECTION`` (an id), else the root's child named
    :func:`private_collection_name`, or None when no proposal created it yet."""
    configured = cma_settings.INITIATIVES_PROPOSAL_COLLECTION
    if configured:
        return Collection.objects.filter(pk=configured).first()
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=private_collection_name()).first()


def private_collection() -> Collection:
    """The private collection, created on the first proposal, always behind a restriction."""
    collection = find_private_collection()
    if collection is None:
        with transaction.atomic():
            # Serialise concurrent first proposals: one collection, not two with one name.
            root = Collection.objects.select_for_update().get(
                pk=Collection.get_first_root_node().pk
            )
            collection = find_private_collection() or root.add_child(
                instance=Collection(name=private_collection_name())
            )
    restrict(collection)
    return collection


def restrict(collection: Collection) -> None:
    """Keep ``collection`` private: a view restriction letting only superusers through.

    An existing restriction of any kind is kept (each refuses anonymous clients); a collection
    without one gets a "groups" restriction with no group.
    """
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )


def random_file_name(upload) -> str:
    """A name nobody can guess (nor learn the artisan's own file name from), same extension."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else "jpg"
    return f"{secrets.token_urlsafe(16)}.{extension}"


def store_photo(upload, business_name: str):
    """A Wagtail image of ``upload`` in the private collection, under a random file name."""
    image = get_image_model()(
        title=Truncator(_("Proposal: %(name)s") % {"name": business_name}).chars(255),
        collection=private_collection(),
    )
    upload.name = random_file_name(upload)
    image.file = upload
    image._set_image_file_metadata()
    image.save()
    return image


def publish_photos(page) -> int:
    """Move ``page``'s gallery photos out of the private collection; return how many moved.

    Each image is saved (not updated in bulk) so that the search index sees its collection.
    """
    collection = find_private_collection()
    if collection is None:
        return 0
    image_ids = page.gallery_images.values_list("image_id", flat=True)
    images = get_image_model().objects.filter(pk__in=list(image_ids), collection=collection)
    public = collection.get_parent() or Collection.get_first_root_node()
    moved = 0
    for image in images:
        image.collection = public
        image.save(update_fields=["collection"])
        moved += 1
    return moved


def exclude_private(images):
    """``images`` without the unpublished proposals' photos (the admin's image choosers).

    Chosen for another page, such a photo would be shown on a public page, renditions and
    all, before its own initiative is reviewed.
    """
    collection = find_private_collection()
    return images if collection is None else images.exclude(collection=collection)


def on_page_published(sender, instance, **kwargs) -> None:
    """``page_published`` receiver: a published initiative shows its photos."""
    from .models import InitiativePage

    if isinstance(instance, InitiativePage):
        publish_photos(instance)


def connect() -> None:
    from wagtail.signals import page_published

    page_published.connect(on_page_published, dispatch_uid="cma_initiatives.publish_photos")

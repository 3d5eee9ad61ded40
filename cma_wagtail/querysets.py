"""Page querysets shared by the capabilities' page models."""

from __future__ import annotations

from wagtail.query import PageQuerySet


class LocaleJoinedPageQuerySet(PageQuerySet):
    """For page managers that join the locale (``select_related("locale")``).

    Wagtail's API serialises each page's ``meta.locale``, so the capabilities' managers join
    it. Django refuses to join a relation whose field is deferred, and treebeard deletes a
    page with ``Model.objects.filter(pk=…).delete()``, which reads the pages to delete with
    ``.only("path", "depth", "numchild")``: without this class, deleting such a page (in the
    admin too) raised ``FieldError``. ``only()`` and ``defer()`` drop the locale join when they
    defer the locale.
    """

    def only(self, *fields):
        clone = super().only(*fields)
        if not any(name.split("__")[0] in ("locale", "locale_id") for name in fields):
            clone._drop_locale_join()
        return clone

    def defer(self, *fields):
        clone = super().defer(*fields)
        if "locale" in fields or "locale_id" in fields:
            clone._drop_locale_join()
        return clone

    def _drop_locale_join(self) -> None:
        joins = self.query.select_related
        if isinstance(joins, dict) and "locale" in joins:
            self.query.select_related = {k: v for k, v in joins.items() if k != "locale"} or False

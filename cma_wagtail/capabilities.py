"""The capability apps, declared by their own AppConfig, and whether each is installed.

Core never keeps a table of capabilities: it asks Django's app registry for the installed
app configs that subclass :class:`CapabilityConfig`. Core code that optionally enriches a
capability asks :func:`is_installed` and degrades gracefully; capabilities never import
each other (DESIGN.md rule 1).
"""

from __future__ import annotations

from django.apps import AppConfig, apps
from django.utils.module_loading import import_string

__all__ = ["CapabilityConfig", "block_support", "capability_configs", "installed", "is_installed"]


class CapabilityConfig(AppConfig):
    """Base of a capability's AppConfig: what core needs to know, as class attributes.

    - ``url_prefix``: where ``cma_wagtail.urls`` mounts the app's ``urls.py`` (e.g.
      ``"cma/news/"``), under the app label as namespace; ``""`` mounts nothing. A
      ``root_urlpatterns`` list in that ``urls.py`` is mounted at the site root as well.
    - ``v2_endpoints``: endpoint name → dotted path of a Wagtail API v2 viewset, added by
      :func:`cma_wagtail.api.register_v2_endpoints`.
    - ``block_support``: dotted path of the app's
      :class:`cma_wagtail.blocks.support.BlockSupport` subclass, what core's blocks (listings,
      key figures, forms) ask of this app; ``""`` when core's blocks need nothing from it.

    The app's own system checks live in ``<app>/checks.py`` and are registered from its
    ``ready()`` (importing the module is enough with ``@register``).

    Subclass it through the module (``from cma_wagtail import capabilities`` then
    ``class MyConfig(capabilities.CapabilityConfig)``): a second AppConfig class imported into
    ``apps.py`` would make Django's choice of the default config ambiguous.
    """

    url_prefix: str = ""
    v2_endpoints: dict[str, str] = {}
    block_support: str = ""
    # Pinned so that an integrator's DEFAULT_AUTO_FIELD never creates a migration here.
    default_auto_field = "django.db.models.BigAutoField"

    def get_block_support(self):
        """The adapter instance (one per app config), or None without ``block_support``."""
        if not self.block_support:
            return None
        adapter = self.__dict__.get("_block_support")
        if adapter is None:
            adapter = import_string(self.block_support)(self)
            self._block_support = adapter
        return adapter


def capability_configs() -> list[CapabilityConfig]:
    """The installed capabilities' app configs, in ``INSTALLED_APPS`` order."""
    return [c for c in apps.app_configs.values() if isinstance(c, CapabilityConfig)]


def is_installed(label: str) -> bool:
    """Whether the capability of app label ``label`` (e.g. ``"cma_callbacks"``) is installed."""
    return isinstance(apps.app_configs.get(label), CapabilityConfig)


def installed() -> list[str]:
    """The app labels of the installed capabilities."""
    return [config.label for config in capability_configs()]


def block_support(label: str):
    """The block-support adapter of capability ``label``; None when it is not installed."""
    config = apps.app_configs.get(label)
    if not isinstance(config, CapabilityConfig):
        return None
    return config.get_block_support()


def shipped() -> list[str]:
    """The module paths of the capabilities in this distribution (installed or not).

    Found by looking for the ``apps.py`` files of ``cma_wagtail``'s sub-packages that
    declare a :class:`CapabilityConfig`, so that settings, test runs and scripts can loop
    over them without a table of names. Usable before Django's settings are configured.
    """
    from pathlib import Path

    package = Path(__file__).resolve().parent
    return sorted(
        f"{__package__}.{apps_py.parent.name}"
        for apps_py in package.glob("*/apps.py")
        if "capabilities.CapabilityConfig" in apps_py.read_text(encoding="utf-8")
    )

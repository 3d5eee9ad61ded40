"""Which team a new request goes to.

In order: the team serving the request's postcode (the longest matching prefix, so that
``25000`` beats ``25``), else the team the form's block names, else the default team of
the site that received it (a team marked "default team of its sites" among the site's
own teams, else among the teams serving every site). Only teams serving the site count.

The teams' routes are read once into a small table kept in Django's cache under the
callback targets' version (:data:`cma_wagtail.callbacks.targets.version`, replaced by every
change of a team and of its sites), so that routing a POST costs no query.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import m2m_changed

from .models import CallbackTeam


@dataclass(frozen=True)
class Route:
    team: CallbackTeam
    prefixes: tuple[str, ...]
    site_ids: frozenset[int]  #: empty: every site
    is_default: bool

    def serves(self, site) -> bool:
        return not self.site_ids or (site is not None and site.pk in self.site_ids)


def routes() -> list[Route]:
    from .targets import TIMEOUT, version

    key = f"cma-callbacks:routes:{version.get()}"
    table = cache.get(key)
    if table is None:
        table = [
            Route(
                team=team,
                prefixes=tuple(team.area_list),
                site_ids=frozenset(site.pk for site in team.sites.all()),
                is_default=team.is_default,
            )
            for team in CallbackTeam.objects.prefetch_related("sites").order_by("name")
        ]
        cache.set(key, table, timeout=TIMEOUT)
    return table


def team_for_postcode(postcode: str, table: list[Route]) -> CallbackTeam | None:
    best, best_length = None, 0
    for entry in table:
        for prefix in entry.prefixes:
            if postcode.startswith(prefix) and len(prefix) > best_length:
                best, best_length = entry.team, len(prefix)
    return best


def default_team(site, table: list[Route] | None = None) -> CallbackTeam | None:
    table = routes() if table is None else table
    defaults = [entry for entry in table if entry.is_default and entry.serves(site)]
    own = [entry for entry in defaults if entry.site_ids]
    chosen = own or defaults
    return chosen[0].team if chosen else None


def route(*, postcode: str = "", block_team: CallbackTeam | None = None, site=None):
    """The team for a request with this postcode, sent through this block to this site."""
    table = [entry for entry in routes() if entry.serves(site)]
    postcode = (postcode or "").strip()
    if postcode:
        team = team_for_postcode(postcode, table)
        if team is not None:
            return team
    if block_team is not None:
        return block_team
    return default_team(site, table)


def _sites_changed(sender, **kwargs) -> None:
    from .targets import version

    version.replace()


def connect_signals() -> None:
    m2m_changed.connect(
        _sites_changed,
        sender=CallbackTeam.sites.through,
        dispatch_uid="cma_callbacks.routing.sites",
    )

"""Which team a new request goes to.

In order: the team serving the request's postcode (the longest matching prefix, so that
``25000`` beats ``25``), else the team the form's block names, else the default team of
the site that received it (a team marked "default team of its sites" among the site's
own teams, else among the teams serving every site). Only teams serving the site count.

The teams' routes are read in one query for each request routed (teams are few; no cache
between requests, so a change of a team or of its sites applies to the next request).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F

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
    """Every team with its postcodes and sites: one query (a row per team and site)."""
    teams: dict[int, CallbackTeam] = {}
    sites: dict[int, set[int]] = {}
    rows = CallbackTeam.objects.annotate(site_pk=F("sites")).order_by("name", "pk")
    for team in rows:
        teams.setdefault(team.pk, team)
        site_ids = sites.setdefault(team.pk, set())
        if team.site_pk is not None:
            site_ids.add(team.site_pk)
    return [
        Route(
            team=team,
            prefixes=tuple(team.area_list),
            site_ids=frozenset(sites[pk]),
            is_default=team.is_default,
        )
        for pk, team in teams.items()
    ]


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


def route(*, postcode: str = "", block_team: CallbackTeam | None = None, site=None, table=None):
    """The team for a request with this postcode, sent through this block to this site
    (``table``: the routes already read for this request, else read now)."""
    table = [entry for entry in (routes() if table is None else table) if entry.serves(site)]
    postcode = (postcode or "").strip()
    if postcode:
        team = team_for_postcode(postcode, table)
        if team is not None:
            return team
    if block_team is not None:
        return block_team
    return default_team(site, table)

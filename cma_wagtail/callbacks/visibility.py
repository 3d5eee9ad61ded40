"""Who sees which requests: agents see their teams' requests on the sites those teams serve.

A team with no site serves every site. A request without a team (its block named none)
is seen by every team serving its site. Superusers and holders of
``cma_callbacks.view_all_callbackrequests`` see everything.
"""

from __future__ import annotations

from django.db.models import Q

from .models import CallbackRequest, CallbackTeam

VIEW_PERMISSION = "cma_callbacks.view_callbackrequest"
CHANGE_PERMISSION = "cma_callbacks.change_callbackrequest"
VIEW_ALL_PERMISSION = "cma_callbacks.view_all_callbackrequests"


def can_use_inbox(user) -> bool:
    return bool(user and user.is_active and user.has_perm(VIEW_PERMISSION))


def visibility_filter(user) -> Q | None:
    """A Q object restricting requests to what ``user`` may see (None: everything)."""
    if user.is_superuser or user.has_perm(VIEW_ALL_PERMISSION):
        return None
    if not can_use_inbox(user):
        return Q(pk__in=[])
    cache_name = "_cma_callbacks_visibility"
    cached = getattr(user, cache_name, None)
    if cached is not None:
        return cached
    sites_of: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    # One query: a row per (team, site served), site None for a team serving every site.
    for team_id, name, site_id in CallbackTeam.objects.filter(members=user).values_list(
        "pk", "name", "sites"
    ):
        names[team_id] = name
        sites_of.setdefault(team_id, [])
        if site_id is not None:
            sites_of[team_id].append(site_id)
    user._cma_callbacks_teams = sorted(names.items(), key=lambda item: item[1])
    q = Q(pk__in=[])
    served_sites: set[int] = set()
    every_site = False
    for team, site_ids in sites_of.items():
        if site_ids:
            q |= Q(team=team, site_id__in=site_ids)
            served_sites.update(site_ids)
        else:
            q |= Q(team=team)
            every_site = True
    if every_site:
        q |= Q(team__isnull=True)
    elif served_sites:
        q |= Q(team__isnull=True, site_id__in=served_sites)
    setattr(user, cache_name, q)
    return q


def teams_of(user) -> list[tuple[int, str]]:
    """(id, name) of the user's teams, read with the visibility rule (no extra query)."""
    visibility_filter(user)
    return getattr(user, "_cma_callbacks_teams", [])


def visible_requests(user, queryset=None):
    queryset = CallbackRequest.objects.all() if queryset is None else queryset
    q = visibility_filter(user)
    return queryset if q is None else queryset.filter(q)


def can_see(user, obj) -> bool:
    return visible_requests(user).filter(pk=obj.pk).exists()


def can_work_on(user, obj) -> bool:
    return user.has_perm(CHANGE_PERMISSION) and can_see(user, obj)

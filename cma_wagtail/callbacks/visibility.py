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
    teams = CallbackTeam.objects.filter(members=user).prefetch_related("sites")
    q = Q(pk__in=[])
    served_sites: set[int] = set()
    every_site = False
    for team in teams:
        site_ids = [site.pk for site in team.sites.all()]
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


def visible_requests(user, queryset=None):
    queryset = CallbackRequest.objects.all() if queryset is None else queryset
    q = visibility_filter(user)
    return queryset if q is None else queryset.filter(q)


def can_see(user, obj) -> bool:
    return visible_requests(user).filter(pk=obj.pk).exists()


def can_work_on(user, obj) -> bool:
    return user.has_perm(CHANGE_PERMISSION) and can_see(user, obj)

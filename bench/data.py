"""Build the benchmark's content in code, topping each collection up to N items.

Pages go through the factories (treebeard ``add_child``, so the tree stays valid); callback
requests and registrations, which are plain rows, through ``bulk_create``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone


@dataclass
class World:
    site: object = None
    home: object = None
    news_index: object = None
    initiatives_index: object = None
    trainings_index: object = None
    topics: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    image: object = None
    admin: object = None
    callback_page: object = None


def setup_world() -> World:
    from wagtail.models import Locale, Page, Site

    from cma_wagtail.models import ChamberSettings
    from tests import factories as f

    Locale.objects.get_or_create(language_code="fr")
    root = Page.get_first_root_node()
    world = World()
    world.home = f.HomePageFactory(parent=root, title="Accueil", slug="accueil-bench")
    Site.objects.all().delete()
    world.site = Site.objects.create(
        hostname="testserver", root_page=world.home, is_default_site=True
    )
    chamber = ChamberSettings.for_site(world.site)
    chamber.chamber_name = "CMA du Doubs"
    chamber.phone = "+33381212223"
    chamber.email = "contact@cma-doubs.example"
    chamber.save()
    world.news_index = f.CrisisNewsIndexPageFactory(parent=world.home, slug="actualites")
    world.initiatives_index = f.InitiativeIndexPageFactory(parent=world.home, slug="initiatives")
    world.trainings_index = f.TrainingIndexPageFactory(parent=world.home, slug="formations")
    world.topics = [f.NewsTopicFactory() for _ in range(4)]
    world.categories = [f.InitiativeCategoryFactory() for _ in range(3)]
    world.themes = [f.TrainingThemeFactory() for _ in range(3)]
    world.image = f.ImageFactory()
    world.admin = f.SuperUserFactory(username="bench-admin")
    team = f.CallbackTeamFactory()
    world.callback_page = f.StandardPageFactory(
        parent=world.home,
        slug="etre-rappele",
        body=[("callback_request", f.callback_block_value(team=team))],
    )
    return world


def top_up(world: World, n: int) -> None:
    """Make each collection hold ``n`` items."""
    from cma_wagtail.callbacks.models import CallbackRequest
    from cma_wagtail.crisis_news.models import CrisisNewsPage
    from cma_wagtail.initiatives.models import InitiativePage
    from cma_wagtail.trainings.models import Registration, TrainingPage, TrainingSession
    from tests import factories as f

    start = CrisisNewsPage.objects.count()
    for i in range(start, n):
        f.CrisisNewsPageFactory(
            parent=world.news_index,
            title=f"Mesure {i}",
            slug=f"mesure-{i}",
            published_on=dt.date(2020, 3, 16) + dt.timedelta(days=i % 300),
            urgency=["info", "important", "urgent"][i % 3],
            topics=world.topics[i % 2 : i % 2 + 2],
        )
    start = InitiativePage.objects.count()
    for i in range(start, n):
        page = f.InitiativePageFactory(
            parent=world.initiatives_index,
            slug=f"initiative-{i}",
            latitude=Decimal("46.9") + Decimal(i) / 100000,
            longitude=Decimal("6.35"),
            categories=world.categories[: 1 + i % 3],
        )
        f.InitiativeGalleryImageFactory(page=page, image=world.image)
    start = TrainingPage.objects.count()
    soon = timezone.now() + dt.timedelta(days=7)
    for i in range(start, n):
        training = f.TrainingPageFactory(
            parent=world.trainings_index, slug=f"formation-{i}", theme=world.themes[i % 3]
        )
        f.TrainingSessionFactory(
            page=training, start=soon + dt.timedelta(hours=i), end=soon + dt.timedelta(hours=i + 3)
        )
    start = CallbackRequest.objects.count()
    now = timezone.now()
    CallbackRequest.objects.bulk_create(
        CallbackRequest(
            name=f"Artisan {i}",
            business_name=f"Atelier {i}",
            phone=f"+33615{i:06d}",
            topic="cash_flow",
            message="Besoin d'aide.",
            created_at=now,
            last_submitted_at=now,
            site=world.site,
        )
        for i in range(start, n)
    )
    start = Registration.objects.count()
    sessions = list(TrainingSession.objects.order_by("pk")[:n])
    Registration.objects.bulk_create(
        Registration(
            session=sessions[i % len(sessions)],
            status="confirmed" if i % 4 else "waiting",
            first_name="Camille",
            last_name=f"Artisan {i}",
            email=f"bench{i}@example.org",
            created=now,
            status_changed_at=now,
        )
        for i in range(start, n)
    )

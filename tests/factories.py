"""factory-boy factories shared by all tests (no JSON fixtures)."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from example_site.home.models import HomePage, StandardPage


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    first_name = "Camille"
    last_name = "Martin"
    password = factory.PostGenerationMethodCall("set_password", "password")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class SuperUserFactory(UserFactory):
    is_staff = True
    is_superuser = True


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Accueil"
    intro = "Bienvenue"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page {n}")

    class Meta:
        model = StandardPage


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Image {n}")


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Document {n}")


# --- cma_wagtail.initiatives ---------------------------------------------------------------
# Defined only when the app is installed (CMA_TEST_ONLY runs import this module too).
from django.apps import apps as _apps  # noqa: E402

if _apps.is_installed("cma_wagtail.initiatives"):
    from cma_wagtail.initiatives.models import (
        InitiativeCategory,
        InitiativeGalleryImage,
        InitiativeIndexPage,
        InitiativePage,
    )

    class InitiativeCategoryFactory(factory.django.DjangoModelFactory):
        name = factory.Sequence(lambda n: f"Catégorie {n}")
        slug = factory.Sequence(lambda n: f"categorie-{n}")

        class Meta:
            model = InitiativeCategory

    class InitiativeIndexPageFactory(wagtail_factories.PageFactory):
        title = "Initiatives d'artisans"
        slug = factory.Sequence(lambda n: f"initiatives-{n}")

        class Meta:
            model = InitiativeIndexPage

    class InitiativePageFactory(wagtail_factories.PageFactory):
        title = factory.Sequence(lambda n: f"Initiative {n}")
        slug = factory.Sequence(lambda n: f"initiative-{n}")
        business_name = factory.Sequence(lambda n: f"Atelier {n}")
        town = "Pontarlier"
        postcode = "25300"
        summary = "Des masques cousus pour les soignants."

        class Meta:
            model = InitiativePage
            skip_postgeneration_save = True

        @factory.post_generation
        def categories(obj, create, extracted, **kwargs):
            if create and extracted:
                obj.categories.set(extracted)
                obj.save()

    class InitiativeGalleryImageFactory(factory.django.DjangoModelFactory):
        page = factory.SubFactory(InitiativePageFactory)
        image = factory.SubFactory(ImageFactory)
        alt_text = "Des masques en tissu sur une table"

        class Meta:
            model = InitiativeGalleryImage


# --- crisis news (cma_wagtail.crisis_news) ---------------------------------------------
from django.apps import apps as _apps  # noqa: E402

if _apps.is_installed("cma_wagtail.crisis_news"):
    import datetime as _dt

    from cma_wagtail.crisis_news.models import CrisisNewsIndexPage, CrisisNewsPage, NewsTopic

    class NewsTopicFactory(factory.django.DjangoModelFactory):
        name = factory.Sequence(lambda n: f"Thème {n}")

        class Meta:
            model = NewsTopic
            django_get_or_create = ("name",)

    class CrisisNewsIndexPageFactory(wagtail_factories.PageFactory):
        title = "Actualités de crise"
        slug = factory.Sequence(lambda n: f"actualites-{n}")

        class Meta:
            model = CrisisNewsIndexPage

    class CrisisNewsPageFactory(wagtail_factories.PageFactory):
        title = factory.Sequence(lambda n: f"Mesure de soutien n° {n}")
        summary = "Ce qui change pour les artisans du Doubs."
        published_on = factory.LazyFunction(lambda: _dt.date(2020, 3, 16))

        class Meta:
            model = CrisisNewsPage
            skip_postgeneration_save = True

        @factory.post_generation
        def topics(obj, create, extracted, **kwargs):
            if create and extracted:
                obj.topics.set(extracted)
                obj.save()
# --- callbacks ------------------------------------------------------------------------

from django.apps import apps as _apps  # noqa: E402


def callback_block_value(team=None, **overrides):
    """Raw StreamField data of a CallbackRequestBlock (for page bodies)."""
    value = {
        "heading": "Être rappelé par un conseiller",
        "intro": "Laissez votre numéro : un agent de la cellule de crise vous rappelle.",
        "topics": ["cash_flow", "state_aid", "employment", "health_rules", "training", "other"],
        "ask_preferred_slot": True,
        "team": team.pk if team is not None else None,
        "success_message": "Merci, votre demande est bien arrivée.",
    }
    value.update(overrides)
    return value


# Only when the app is installed (CMA_TEST_ONLY=core): string models resolve at import.
if _apps.is_installed("cma_wagtail.callbacks"):
    from django.utils.timezone import now as _cb_now

    class CallbackTeamFactory(factory.django.DjangoModelFactory):
        name = factory.Sequence(lambda n: f"Cellule de crise {n}")
        slug = factory.Sequence(lambda n: f"cellule-{n}")
        emails = "cellule@cma-doubs.example"

        class Meta:
            model = "cma_callbacks.CallbackTeam"

    class CallbackRequestFactory(factory.django.DjangoModelFactory):
        name = "Xavier Brignon"
        business_name = factory.Sequence(lambda n: f"Pâtisserie {n}")
        phone = factory.Sequence(lambda n: f"+336{n:08d}")
        trade = "Pâtissier"
        postcode = "25000"
        topic = "cash_flow"
        message = "Besoin d'aide pour le prêt garanti."
        notified_at = factory.LazyFunction(_cb_now)  # its emails are already written

        class Meta:
            model = "cma_callbacks.CallbackRequest"


# --- cma_trainings (defined only when the app is installed) ---------------------------------
from django.apps import apps as _trainings_apps  # noqa: E402

if _trainings_apps.is_installed("cma_wagtail.trainings"):
    import datetime as _dt
    from decimal import Decimal as _Decimal

    from django.utils import timezone as _tz

    from cma_wagtail.trainings.models import (
        Registration,
        TrainingIndexPage,
        TrainingPage,
        TrainingSession,
        TrainingTheme,
    )

    class TrainingThemeFactory(factory.django.DjangoModelFactory):
        name = factory.Sequence(lambda n: f"Thème {n}")
        slug = factory.Sequence(lambda n: f"theme-{n}")

        class Meta:
            model = TrainingTheme

    class TrainingIndexPageFactory(wagtail_factories.PageFactory):
        title = "Formations"
        slug = factory.Sequence(lambda n: f"formations-{n}")

        class Meta:
            model = TrainingIndexPage

    class TrainingPageFactory(wagtail_factories.PageFactory):
        title = factory.Sequence(lambda n: f"Formation {n}")
        slug = factory.Sequence(lambda n: f"formation-{n}")
        summary = "Une demi-journée pour faire le point sur votre entreprise."
        objectives = "<p>Établir le diagnostic de son entreprise.</p>"
        duration_hours = _Decimal("3.5")
        format = "remote"
        audience = "Chefs d'entreprise artisanale et conjoints collaborateurs."
        prerequisites = "Aucun"
        teaching_methods = "Classe virtuelle en groupe de 9, échanges entre pairs."
        assessment_methods = "Questionnaire de positionnement et d'évaluation des acquis."
        is_free = True
        funding = "FAFCEA\nOPCO"
        access_delay = "Inscription jusqu'à 48 h avant la session"
        accessibility = "Formation accessible ; contactez le référent handicap."
        accessibility_contact = "Référent handicap – 03 81 21 22 23"
        contact_name = "Service formation"
        contact_email = "formation@cma-doubs.example"
        last_reviewed_at = _dt.date(2020, 4, 1)

        class Meta:
            model = TrainingPage

    class TrainingSessionFactory(factory.django.DjangoModelFactory):
        page = factory.SubFactory(TrainingPageFactory)
        start = factory.LazyFunction(
            lambda: (_tz.now() + _dt.timedelta(days=7)).replace(
                hour=8, minute=0, second=0, microsecond=0
            )
        )
        end = factory.LazyAttribute(lambda o: o.start + _dt.timedelta(hours=3, minutes=30))
        format = "remote"
        visio_link = factory.Sequence(lambda n: f"https://visio.example/secret-room-{n}")
        capacity = 9

        class Meta:
            model = TrainingSession

    class RegistrationFactory(factory.django.DjangoModelFactory):
        session = factory.SubFactory(TrainingSessionFactory)
        status = "confirmed"
        first_name = "Camille"
        last_name = factory.Sequence(lambda n: f"Artisan{n}")
        email = factory.Sequence(lambda n: f"artisan{n}@example.org")
        phone = "+33612345678"
        business_name = factory.Sequence(lambda n: f"Atelier {n}")
        siret = "73282932000074"
        trade = "Boulanger"
        legal_form = "micro"
        employees = 0

        class Meta:
            model = Registration

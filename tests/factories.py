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

        class Meta:
            model = "cma_callbacks.CallbackRequest"

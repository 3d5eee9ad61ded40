from django.utils.translation import gettext_lazy as _

from cma_wagtail import capabilities


class TrainingsConfig(capabilities.CapabilityConfig):
    name = "cma_wagtail.trainings"
    label = "cma_trainings"
    verbose_name = _("Trainings")

    # What core needs to know (cma_wagtail.capabilities.CapabilityConfig).
    url_prefix = "cma/trainings/"
    v2_endpoints = {"trainings": "cma_wagtail.trainings.api.v2.endpoint"}
    block_support = "cma_wagtail.trainings.block_support.TrainingsBlockSupport"
    preview_models = {
        "cma_trainings.trainingpage": (
            "cma_wagtail.trainings.serializers.Training",
            "cma_wagtail.trainings.serializers.serialize_trainings",
        )
    }
    site_choices = "cma_wagtail.trainings.api.v3.site_choices"
    # Pinned so that an integrator's DEFAULT_AUTO_FIELD never creates a migration here.
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.signals import page_published

        from . import checks  # noqa: F401  (registers the app's system checks)
        from .models import TrainingPage

        page_published.connect(
            _on_training_published, sender=TrainingPage, dispatch_uid="cma_trainings_promote"
        )

        from . import companies

        companies.connect()

        from cma_wagtail.api.v3 import add_router

        add_router("/cma/trainings/", "cma_wagtail.trainings.api.v3.router")


def _on_training_published(sender, instance, **kwargs) -> None:
    from .services import sync_after_publish

    sync_after_publish(instance)

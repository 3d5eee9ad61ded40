from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "cma_wagtail.trainings"
    label = "cma_trainings"
    verbose_name = _("Trainings")
    # Pinned so that an integrator's DEFAULT_AUTO_FIELD never creates a migration here.
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.signals import page_published

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

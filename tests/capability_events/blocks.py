"""The events' listing block: core's CapabilityListingBlock, told which app and listing."""

from wagtail import blocks

from cma_wagtail.blocks.listings import CapabilityListingBlock, DatabaseChoiceBlock
from cma_wagtail.blocks.support import CapabilityChoices


class UpcomingEventsBlock(CapabilityListingBlock):
    heading = blocks.CharBlock(required=False, default="Prochains événements")
    number = blocks.IntegerBlock(min_value=1, max_value=10, default=3)
    town = DatabaseChoiceBlock(CapabilityChoices("cma_test_events", "towns"), "cma_test_events")

    app_label = "cma_test_events"
    kind = "events"
    unavailable_note = "Événements : rien ne s'affiche, l'application n'est pas installée."
    empty_text = "Aucun événement à venir."

    class Meta:
        label = "Upcoming events"

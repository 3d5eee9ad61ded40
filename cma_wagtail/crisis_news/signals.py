"""Domain events of the crisis news capability (DESIGN.md rule 5: signals are extension points)."""

from django.dispatch import Signal

#: Sent when a subscriber follows its confirmation link for the first time (the alerts
#: start), with ``sender=Subscriber`` and ``subscriber``; after the change is committed.
subscription_confirmed = Signal()

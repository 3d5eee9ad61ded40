"""Domain events of the callbacks app (DESIGN.md rule 5: signals are extension points)."""

from django.dispatch import Signal

#: Sent once a callback request is stored (after the transaction commits), with
#: ``callback_request`` (the :class:`~cma_wagtail.callbacks.models.CallbackRequest`) and
#: ``merged`` (True when the submission was merged into an open request of the same number).
callback_request_received = Signal()

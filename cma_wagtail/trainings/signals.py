"""Domain events of the trainings capability, sent once the registration's transaction commits.

Every signal is sent with ``sender=Registration`` and ``registration=<Registration>``.
Receivers run after the commit, so they can call webhooks or a CRM without ever being able
to roll back a registration.
"""

from django.dispatch import Signal

#: A participant holds a seat (new registration with a seat left).
registration_confirmed = Signal()
#: A participant was put on the waiting list (the session was full).
registration_waitlisted = Signal()
#: A registration was cancelled (by the participant's link or by staff).
registration_cancelled = Signal()
#: A waiting participant got the seat freed by a cancellation.
registration_promoted = Signal()

"""An email backend whose mail server is down, for the fault tests."""

from django.core.mail.backends.base import BaseEmailBackend


class MailServerDownBackend(BaseEmailBackend):
    calls = 0

    def send_messages(self, email_messages):
        type(self).calls += 1
        raise ConnectionRefusedError(111, "Connection refused (mail server down)")

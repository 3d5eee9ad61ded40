"""`make demo`'s server: Django's runserver, whose start-up message is the demo's URLs and
accounts (written by load_demo_data), so that the last lines on screen are what to click."""

from django.core.management.commands.runserver import Command as RunserverCommand

from .load_demo_data import SUMMARY


class Command(RunserverCommand):
    help = "Serve the demo (runserver) and print its URLs and accounts."

    def on_bind(self, server_port):
        lines = SUMMARY.read_text().splitlines() if SUMMARY.exists() else []
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("La démo de cma-wagtail est prête :"))
        for line in lines:
            self.stdout.write(f"  {line}")
        self.stdout.write("E-mails envoyés : fichiers dans .cache/demo-mail/  ·  Arrêter : Ctrl+C")

"""Crisis tools for French Chambres de Métiers et de l'Artisanat, as Wagtail apps."""

__version__ = "0.1.0"

"""Artisans' initiatives: a showcase with categories, places, a GeoJSON map feed and proposals."""

"""Helpers shared by the capabilities' API modules.

- :mod:`cma_wagtail.api.streamfield`: typed StreamField schemas (a discriminated union on
  the block ``type``) for Wagtail 8's API v3 / OpenAPI.
"""

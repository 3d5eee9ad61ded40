"""A tiny site app showing how a chamber extends the package's page bodies.

It adds ``EventMapBlock`` to every ``BodyField`` through the setting
``CMA_WAGTAIL_EXTRA_BODY_BLOCKS`` (see the end of ``tests/settings.py``), subclasses a
library block with its own template, and (``site_templates/``) overrides a package
template by path. ``docs/extending.md`` walks through the same steps.
"""

"""A site's own base page model (Wagtail 8's WAGTAIL_PAGE_MODEL), for tests/settings_custom_page.py.

Its migrations follow Wagtail's recipe ("Defining custom base page models"): 0001 runs before
Wagtail's own, 0002 bootstraps the locale and translation key, 0003 finalises them.
"""

from django.urls import path

from . import views

# Mounted by cma_wagtail.urls under EventsConfig.url_prefix, namespace "cma_test_events".
urlpatterns = [path("", views.event_list, name="list")]

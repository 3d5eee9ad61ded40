from django.urls import path

from . import views

app_name = "cma_callbacks"

urlpatterns = [
    path("submit/", views.submit, name="submit"),
    path("request/", views.request_callback, name="request"),
]

from django.urls import path

from . import views

app_name = "cma_trainings"

urlpatterns = [
    path("sessions/<int:session_id>/register/", views.register, name="register"),
    path("sessions/<int:session_id>.ics", views.session_ics, name="session_ics"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("cancel/<str:token>/", views.cancel, name="cancel"),
]

from django.urls import path

from . import views

app_name = "cma_crisis_news"

urlpatterns = [
    path("alerts/", views.SubscribeView.as_view(), name="alerts_subscribe"),
    path("alerts/confirm/<str:token>/", views.ConfirmView.as_view(), name="alerts_confirm"),
    path("alerts/manage/<str:token>/", views.ManageView.as_view(), name="alerts_manage"),
    path(
        "alerts/unsubscribe/<str:token>/",
        views.UnsubscribeView.as_view(),
        name="alerts_unsubscribe",
    ),
]

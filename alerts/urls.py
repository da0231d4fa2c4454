from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("follow/", views.follow, name="follow"),
    path("confirm/<str:token>/", views.confirm_view, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("mine/", views.mine, name="mine"),
    path("manage/<str:token>/", views.manage, name="manage"),
]

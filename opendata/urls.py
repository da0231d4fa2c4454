from django.urls import path

from . import views

urlpatterns = [
    path("", views.open_data_page, name="open_data"),
    path("files/<str:name>", views.open_data_file, name="open_data_file"),
]

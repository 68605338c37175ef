from django.urls import path

from . import views

app_name = "propagation"
urlpatterns = [
    path("", views.flags, name="flags"),
    path("flags/<int:pk>/resolve/", views.resolve, name="resolve"),
    path("changes/", views.changes, name="changes"),
    path("changes/<int:pk>/", views.change, name="change"),
    path("std/<path:identifier>", views.standard, name="standard"),
]

from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("standards/", views.standard_list, name="standard_list"),
    path("validity/", views.validity_check, name="validity_check"),
    path("std/<path:identifier>/fulltext/<str:language>.pdf", views.full_text, name="full_text"),
    path("std/<path:identifier>", views.standard_detail, name="standard_detail"),
]

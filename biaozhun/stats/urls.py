from django.urls import path

from . import views

app_name = "stats"
urlpatterns = [
    path("", views.index, name="index"),
    path("export/", views.export, name="export"),
    path("report/", views.report, name="report"),
    path("implementation/", views.implementation_view, name="implementation"),
    path("implementation/export/", views.implementation_export, name="implementation_export"),
]

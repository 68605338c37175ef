from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("", views.notice_page, name="page"),
    path("accept/", views.accept, name="accept"),
]

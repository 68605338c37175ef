from django.urls import path

from . import views

app_name = "committees"
urlpatterns = [
    path("", views.committee_list, name="list"),
    path("<path:code>/", views.committee_detail, name="detail"),
]

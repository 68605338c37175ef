from django.urls import path  # noqa: F401

app_name = "international"
urlpatterns: list = []

from .views import adoption as adoption_views  # noqa: E402

urlpatterns += [
    path("adoption/", adoption_views.index, name="adoption_index"),
    path("adoption/candidates/", adoption_views.candidates, name="adoption_candidates"),
    path("adoption/behind/", adoption_views.behind_list, name="adoption_behind"),
    path("adoption/export.xlsx", adoption_views.export, name="adoption_export"),
]

from django.urls import path  # noqa: F401 (patterns live beside their views)

from .views import work

app_name = "declarations"
urlpatterns = [
    *work.urlpatterns,
]

from django.urls import path  # noqa: F401 (patterns live beside their views)

from .views import batch, periodic, public, work

app_name = "filing"
urlpatterns = [
    *public.urlpatterns,
    *work.urlpatterns,
    *batch.urlpatterns,
    *periodic.urlpatterns,
]

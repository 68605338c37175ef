from .views import gaps, public, setup, work

app_name = "leaders"
urlpatterns = [
    *public.urlpatterns,
    *setup.urlpatterns,
    *work.urlpatterns,
    *gaps.urlpatterns,
]

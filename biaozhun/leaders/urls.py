from .views import gaps, public, work

app_name = "leaders"
urlpatterns = [
    *public.urlpatterns,
    *work.urlpatterns,
    *gaps.urlpatterns,
]

from .views import public, work

app_name = "declarations"
urlpatterns = [
    *public.urlpatterns,
    *work.urlpatterns,
]

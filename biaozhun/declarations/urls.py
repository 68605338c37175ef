from .views import public

app_name = "declarations"
urlpatterns = [
    *public.urlpatterns,
]

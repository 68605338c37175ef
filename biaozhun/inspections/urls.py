from .views import public, work

app_name = "inspections"
urlpatterns = [*public.urlpatterns, *work.urlpatterns]

from .views import abolitions, pool, public, work

app_name = "inspections"
urlpatterns = [*public.urlpatterns, *abolitions.urlpatterns, *pool.urlpatterns, *work.urlpatterns]

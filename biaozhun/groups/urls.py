from .views import public, work

app_name = "groups"
urlpatterns = [
    *public.urlpatterns,
    *work.urlpatterns,
    *public.detail_patterns,  # last: a group code is any word
]

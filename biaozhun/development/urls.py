from django.urls import path

from .views import ballots, comments, dashboard, deadlines, documents, manage, public, reviews

app_name = "development"
urlpatterns = [
    path("", public.project_list, name="list"),
    path("<int:pk>/", public.project_detail, name="detail"),
    *documents.urlpatterns,
    *comments.urlpatterns,
    *ballots.urlpatterns,
    *deadlines.urlpatterns,
    *reviews.urlpatterns,
    *manage.urlpatterns,
    *dashboard.urlpatterns,
]

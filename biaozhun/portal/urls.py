from django.urls import path

from biaozhun.feedback.views.submit import feedback_form

from . import views
from .feeds import StandardsFeed

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("standards/", views.search, name="standard_list"),
    path("standards/facets/", views.search_facets, name="search_facets"),
    path("validity/", views.validity_check, name="validity_check"),
    path("watch/", views.watch_list, name="watch_list"),
    path("watch/standard/<int:standard_id>/", views.watch_standard, name="watch_standard"),
    path("watch/search/", views.save_search, name="save_search"),
    path("watch/<int:watch_id>/remove/", views.unwatch, name="unwatch"),
    path("feeds/<str:kind>.atom", StandardsFeed(), name="feed"),
    path("feeds/<str:scheme>/<str:code>/<str:kind>.atom", StandardsFeed(), name="class_feed"),
    path("std/<path:identifier>/fulltext/<str:language>.pdf", views.full_text, name="full_text"),
    path("std/<path:identifier>/fulltext/<str:language>-amendments.zip", views.text_bundle, name="text_bundle"),
    path("std/<path:identifier>/amendments/<int:number>.pdf", views.amendment_text, name="amendment_text"),
    path("std/<path:identifier>/amendments/<int:number>/read", views.read_amendment, name="read_amendment"),
    path("std/<path:identifier>/read/<str:language>", views.read_full_text, name="read_full_text"),
    path("std/<path:identifier>/cite.<str:fmt>", views.citation, name="citation"),
    path("std/<path:identifier>/feedback", feedback_form, name="feedback"),
    path("std/<path:identifier>", views.standard_detail, name="standard_detail"),
]

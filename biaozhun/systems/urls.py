from django.urls import path

from . import views

app_name = "systems"
urlpatterns = [
    path("", views.system_list, name="list"),
    path("new/", views.system_create, name="create"),
    path("template.xlsx", views.system_template, name="template"),
    path("tags/", views.tag_list, name="tags"),
    path("tags/standard/", views.tag_standard, name="tag_standard"),
    path("tags/project/", views.tag_project, name="tag_project"),
    path("<int:system_id>/", views.system_detail, name="detail"),
    path("<int:system_id>/export.xlsx", views.system_export, name="export"),
    path("<int:system_id>/manage/", views.system_manage, name="manage"),
    path("<int:system_id>/import/", views.system_import, name="import"),
    path("<int:system_id>/nodes/", views.node_add, name="node_add"),
    path("<int:system_id>/nodes/<int:node_id>/", views.node_change, name="node_change"),
    path("<int:system_id>/nodes/<int:node_id>/remove/", views.node_remove, name="node_remove"),
    path("<int:system_id>/nodes/<int:node_id>/assign/", views.node_assign, name="node_assign"),
    path("<int:system_id>/nodes/<int:node_id>/unassign/", views.node_unassign, name="node_unassign"),
]

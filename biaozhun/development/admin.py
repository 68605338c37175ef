from django.contrib import admin

from .models import Project, ProjectEvent


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["plan_number", "title_zh", "committee", "kind", "nature", "stage", "deadline"]
    list_filter = ["stage", "kind", "nature"]
    search_fields = ["plan_number", "title_zh", "committee__code"]
    raw_id_fields = ["committee", "revises"]
    readonly_fields = ["stage", "suspended_from", "plan_number", "plan_issued_on", "deadline", "version"]


@admin.register(ProjectEvent)
class ProjectEventAdmin(admin.ModelAdmin):
    list_display = ["at", "project", "kind", "from_stage", "to_stage", "actor"]
    list_filter = ["kind", "to_stage"]
    search_fields = ["project__plan_number", "project__title_zh"]
    readonly_fields = ["project", "kind", "from_stage", "to_stage", "actor", "at", "reason", "data"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

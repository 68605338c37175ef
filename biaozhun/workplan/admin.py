"""The work plan in the back office: plans read-only (imported on /workplan/import/ or with workplan_import); a
task's units and due date saved through services.tasks.assign_task (with its event), everything else read-only."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from biaozhun.core.service_admin import ServiceAdmin
from biaozhun.development.admin import ReadOnlyAdmin

from .models import ProgressReport, Task, TaskEvent, WorkPlan
from .services.tasks import assign_task


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TaskEventInline(_ReadOnlyInline):
    model = TaskEvent
    fields = readonly_fields = ["at", "kind", "actor", "from_state", "to_state", "reason", "data"]


class ProgressReportInline(_ReadOnlyInline):
    model = ProgressReport
    fields = readonly_fields = ["on", "percent", "unit", "actor", "text", "at"]


@admin.register(WorkPlan)
class WorkPlanAdmin(ReadOnlyAdmin):
    list_display = ["year", "title", "source_name", "updated_at"]


@admin.register(Task)
class TaskAdmin(ServiceAdmin):
    list_display = ["key", "plan", "state", "percent", "lead_unit", "due_on", "in_plan"]
    list_filter = ["plan", "state", "in_plan"]
    search_fields = ["text", "key"]
    list_select_related = ["plan", "lead_unit"]
    fields = ["plan", "key", "text", "state", "percent", "lead_unit", "co_units", "due_on"]
    readonly_fields = ["plan", "key", "text", "state", "percent"]
    raw_id_fields = ["lead_unit"]
    filter_horizontal = ["co_units"]
    inlines = [ProgressReportInline, TaskEventInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # tasks come from the plan's text

    def has_delete_permission(self, request: HttpRequest, obj: Task | None = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Task, form: Any, change: bool) -> None:
        self.call_service(assign_task, actor=request.user, task=Task.objects.get(pk=obj.pk),
                          lead_unit=form.cleaned_data.get("lead_unit"),
                          co_units=list(form.cleaned_data.get("co_units") or []),
                          due_on=form.cleaned_data.get("due_on"))

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """The co-responsible units were saved by the service (with the event), so not by the form; the read-only
        inlines change nothing."""
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

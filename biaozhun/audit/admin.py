"""Read-only admin views of the audit log, for auditors only (not for superusers who are not auditors).

Nobody adds, changes or deletes records here; roles are granted on the roles page (audit/views.py) or by the
bootstrap command, never in the admin."""

from django.contrib import admin
from django.http import HttpRequest

from biaozhun.accounts import policy

from .models import AuditPurge, AuditRecord


class AuditorReadOnlyAdmin(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return policy.can(request.user, "audit.read_log")

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return policy.can(request.user, "audit.read_log")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_actions(self, request: HttpRequest):
        return {}


@admin.register(AuditRecord)
class AuditRecordAdmin(AuditorReadOnlyAdmin):
    list_display = ["seq", "at", "kind", "outcome", "username", "address", "target_repr"]
    list_filter = ["kind", "outcome", "at"]
    search_fields = ["username", "address", "target_repr"]
    date_hierarchy = "at"
    list_select_related = ["user"]


@admin.register(AuditPurge)
class AuditPurgeAdmin(AuditorReadOnlyAdmin):
    list_display = ["at", "through_seq", "records", "cutoff", "export_file"]

"""The indicator catalogue in the admin: edits go through services.update_indicator (with the event and the
version check); the code is read-only (it names the function that computes the indicator). Snapshots and the
use counter are read-only here."""

from django.contrib import admin

from biaozhun.core.service_admin import ServiceAdmin

from . import services
from .models import Indicator, Snapshot, SnapshotRun


@admin.register(Indicator)
class IndicatorAdmin(ServiceAdmin):
    list_display = ("code", "name", "unit", "public", "position")
    list_filter = ("public",)
    search_fields = ("code", "name")
    fields = ("code", "name", "definition", "formula", "unit", "dimensions", "source", "public", "position")
    readonly_fields = ("code",)

    def has_add_permission(self, request):
        return False  # an indicator exists when its function does: added with the code, seeded by a migration

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name in services.EDITABLE}
        self.call_service(services.update_indicator, actor=request.user, indicator=obj,
                          expected_version=obj.version, **changes)


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    list_display = ("indicator", "year", "dimension", "key", "value")
    list_filter = ("year", "dimension")
    search_fields = ("indicator", "key")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SnapshotRun)
class SnapshotRunAdmin(SnapshotAdmin):
    list_display = ("year", "at", "actor", "seconds", "values")
    list_filter = ("year",)
    search_fields = ()

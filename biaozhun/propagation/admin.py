"""The back office: changes and flags are read here; the services write them (a flag is resolved by its owner on
/propagation/)."""

from django.contrib import admin

from biaozhun.development.admin import ReadOnlyAdmin

from .models import Change, ChangeEvent, Flag, FlagEvent


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ChangeEventInline(_ReadOnlyInline):
    model = ChangeEvent
    fields = ["at", "kind", "actor", "data"]
    readonly_fields = fields


class FlagEventInline(_ReadOnlyInline):
    model = FlagEvent
    fields = ["at", "kind", "actor", "from_state", "to_state", "reason", "data"]
    readonly_fields = fields


@admin.register(Change)
class ChangeAdmin(ReadOnlyAdmin):
    list_display = ["identifier", "kind", "effective_on", "state", "flag_count", "detected_at", "finished_at"]
    list_filter = ["kind", "state"]
    search_fields = ["identifier"]
    inlines = [ChangeEventInline]


@admin.register(Flag)
class FlagAdmin(ReadOnlyAdmin):
    list_display = ["label", "source", "citation", "cited_as", "owner", "state", "resolution", "created_at"]
    list_filter = ["state", "source", "citation", "resolution"]
    search_fields = ["label", "cited_as", "change__identifier"]
    list_select_related = ["owner"]
    raw_id_fields = ["change", "in_force", "owner", "resolved_by"]
    inlines = [FlagEventInline]

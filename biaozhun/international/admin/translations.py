"""Translation projects in the back office: read here; the plan is managed on /international/translations/ through
the services (every change with its event)."""

from django.contrib import admin

from biaozhun.development.admin import ReadOnlyAdmin

from ..models import TranslationEvent, TranslationProject


class TranslationEventInline(admin.TabularInline):
    model = TranslationEvent
    extra = 0
    can_delete = False
    fields = ["at", "kind", "actor", "from_state", "to_state", "reason", "data"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TranslationProject)
class TranslationProjectAdmin(ReadOnlyAdmin):
    list_display = ["plan_number", "plan_year", "standard", "language", "undertaker_name", "state", "due_on"]
    list_filter = ["plan_year", "language", "state"]
    search_fields = ["plan_number", "standard__identifier", "undertaker_name"]
    list_select_related = ["standard"]
    raw_id_fields = ["standard", "undertaker"]
    inlines = [TranslationEventInline]

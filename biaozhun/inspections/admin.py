"""Read-only admin of random inspections: every change goes through the services and the work pages (the draw's
record must never be edited by hand). The time limits are a table administrators edit, as filing's are."""

from django.contrib import admin

from .models import (
    AbolitionNotice,
    Campaign,
    CampaignEvent,
    CorrectionOrder,
    Finding,
    InspectionTimeLimit,
    Inspector,
    SampledItem,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ["title", "year", "authority", "state", "results_due_on", "overdue_at"]
    list_filter = ["state", "year"]
    search_fields = ["title", "authority__name", "commitment"]
    exclude = ["seed"]  # secret until the draw; the revealed seed is seed_revealed


@admin.register(Inspector)
class InspectorAdmin(ReadOnlyAdmin):
    list_display = ["number", "name", "organisation", "region_code", "specialty", "authority", "is_active"]
    search_fields = ["number", "name", "organisation"]
    list_filter = ["is_active"]


@admin.register(SampledItem)
class SampledItemAdmin(ReadOnlyAdmin):
    list_display = ["campaign", "rank", "key", "enterprise"]
    search_fields = ["key", "enterprise__name"]
    list_select_related = ["campaign", "enterprise"]


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ["item", "check_item", "outcome", "recorded_at"]
    list_filter = ["check_item", "outcome"]


@admin.register(CorrectionOrder)
class CorrectionOrderAdmin(ReadOnlyAdmin):
    list_display = ["item", "deadline", "state", "publicly_listed"]
    list_filter = ["state", "publicly_listed"]


@admin.register(AbolitionNotice)
class AbolitionNoticeAdmin(ReadOnlyAdmin):
    list_display = ["number", "identifier", "kind", "authority", "decided_on"]
    list_filter = ["kind"]
    search_fields = ["number", "identifier", "title", "publisher"]
    list_select_related = ["authority"]


@admin.register(CampaignEvent)
class CampaignEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "kind", "campaign", "authority", "actor"]
    list_filter = ["kind"]


@admin.register(InspectionTimeLimit)
class InspectionTimeLimitAdmin(admin.ModelAdmin):
    list_display = ["code", "value", "unit", "description", "confidence", "source"]
    list_editable = ["value"]
    readonly_fields = ["code", "unit"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

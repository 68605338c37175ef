"""Indicator comparisons in the back office: read here; written on /international/indicators/ through the
services (verdicts computed by the rule, every change with its event)."""

from django.contrib import admin

from biaozhun.development.admin import ReadOnlyAdmin

from ..models import Comparison, ComparisonEvent, IndicatorRow


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class IndicatorRowInline(_ReadOnlyInline):
    model = IndicatorRow
    fields = ["position", "name", "unit", "chinese_value", "foreign_value", "verdict", "why"]
    readonly_fields = fields


class ComparisonEventInline(_ReadOnlyInline):
    model = ComparisonEvent
    fields = ["at", "kind", "actor", "data"]
    readonly_fields = fields


@admin.register(Comparison)
class ComparisonAdmin(ReadOnlyAdmin):
    list_display = ["standard", "foreign_number", "title", "public", "updated_at"]
    list_filter = ["public"]
    search_fields = ["standard__identifier", "foreign_number", "title"]
    list_select_related = ["standard"]
    raw_id_fields = ["standard", "foreign_standard"]
    inlines = [IndicatorRowInline, ComparisonEventInline]

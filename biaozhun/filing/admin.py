"""Back office for filing: the tables administrators edit (which department owns which industry code, the time
limits, the wording rules) and, read-only, the filings and their history (they change only through the
workflow's pages and API, which record every step)."""

from django.contrib import admin

from biaozhun.development.admin import ReadOnlyAdmin

from .models import Filing, FilingEvent, FilingTimeLimit, IndustryCodeOwner, WordingRule


@admin.register(IndustryCodeOwner)
class IndustryCodeOwnerAdmin(admin.ModelAdmin):
    list_display = ["code", "organisation"]
    search_fields = ["code", "organisation__name"]
    autocomplete_fields = ["organisation"]


@admin.register(FilingTimeLimit)
class FilingTimeLimitAdmin(admin.ModelAdmin):
    list_display = ["code", "value", "unit", "description", "confidence", "source"]
    list_editable = ["value"]
    readonly_fields = ["code", "unit"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WordingRule)
class WordingRuleAdmin(admin.ModelAdmin):
    list_display = ["kind", "pattern", "explanation", "is_active"]
    list_filter = ["kind", "is_active"]
    list_editable = ["is_active"]
    search_fields = ["pattern", "explanation"]


class FilingEventInline(admin.TabularInline):
    model = FilingEvent
    fields = ["at", "kind", "actor", "from_state", "to_state", "reason", "data"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Filing)
class FilingAdmin(ReadOnlyAdmin):
    list_display = ["identifier", "title_zh", "authority", "state", "filing_number", "filed_on", "review_due"]
    list_filter = ["state", "tier"]
    search_fields = ["identifier", "title_zh", "filing_number"]
    list_select_related = ["authority"]
    inlines = [FilingEventInline]

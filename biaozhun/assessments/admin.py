"""Back office for the assessment: read-only. Schemes, assessments and decisions change only through the pages and
the API (services/), which ask the policy and write their events; the admin shows them and their history."""

from django.contrib import admin

from .models import Assessment, AssessmentEvent, AssessmentScheme, Decision


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AssessmentScheme)
class AssessmentSchemeAdmin(ReadOnly):
    list_display = ["year", "version", "updated_at", "updated_by"]


@admin.register(Assessment)
class AssessmentAdmin(ReadOnly):
    list_display = ["committee", "year", "version", "state", "total", "grade", "flagged", "measure"]
    list_filter = ["year", "state", "grade", "flagged"]
    search_fields = ["committee__code", "committee__name_zh"]
    list_select_related = ["committee"]


@admin.register(Decision)
class DecisionAdmin(ReadOnly):
    list_display = ["assessment", "measure", "decided_on", "correction_due", "correction_closed_on"]
    list_filter = ["measure"]


@admin.register(AssessmentEvent)
class AssessmentEventAdmin(ReadOnly):
    list_display = ["at", "kind", "assessment", "scheme", "actor"]
    list_filter = ["kind"]

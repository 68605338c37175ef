"""Administrators edit the programme types and their evaluation templates (vocabulary, ARCHITECTURE rule 3) and
set up calls through the service; applications, pilots and evaluations are read here and changed only on the
pages and the API, through the services."""

from __future__ import annotations

from django.contrib import admin, messages

from biaozhun.core.errors import DomainError

from .models import (
    Evaluation,
    EvaluationCriterion,
    Pilot,
    PilotApplication,
    PilotEvidence,
    Programme,
    ProgrammeEvent,
    ProgrammeType,
)
from .services import ProgrammeInput, create_programme


class CriterionInline(admin.TabularInline):
    model = EvaluationCriterion
    extra = 0


@admin.register(ProgrammeType)
class ProgrammeTypeAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "code", "midterm_pass_mark", "acceptance_pass_mark", "work_plan_items", "is_active")
    inlines = [CriterionInline]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    """A call is created through `create_programme` (its event); its state moves on its page, never here."""

    list_display = ("title", "programme_type", "authority", "year", "opens_on", "closes_on", "state")
    list_filter = ("state", "programme_type", "year")
    fields = ("programme_type", "authority", "title", "year", "opens_on", "closes_on", "eligibility",
              "duration_months")

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        data = ProgrammeInput(**{name: form.cleaned_data[name] for name in self.fields})
        try:
            created = create_programme(actor=request.user, data=data)
        except DomainError as error:
            messages.error(request, error.message)
            raise
        obj.pk = created.pk
        obj._state.adding = False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PilotApplication)
class PilotApplicationAdmin(ReadOnlyAdmin):
    list_display = ("project_name", "organisation", "programme", "region_code", "state", "submitted_at")
    list_filter = ("state",)


@admin.register(Pilot)
class PilotAdmin(ReadOnlyAdmin):
    list_display = ("name", "organisation", "programme", "region_code", "started_on", "planned_end_on", "state")
    list_filter = ("state", "province_code")


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ("pilot", "stage", "state", "total", "passed", "outcome")


@admin.register(PilotEvidence)
class PilotEvidenceAdmin(ReadOnlyAdmin):
    list_display = ("pilot", "kind", "key", "label", "created_at")


@admin.register(ProgrammeEvent)
class ProgrammeEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "kind", "actor", "programme", "application", "pilot")
    list_filter = ("kind",)

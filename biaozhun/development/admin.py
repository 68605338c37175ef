"""Back-office admin. Every write goes through the development services, so each change records its event; history
and the records the workflow writes are read-only here."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from biaozhun.core.errors import DomainError
from biaozhun.rules.stages import BEFORE_PLAN_STAGES, OPEN_STAGES

from .models import (
    Ballot,
    Comment,
    DraftDocument,
    ExtensionRequest,
    NotificationRule,
    PeriodicReview,
    Project,
    ProjectEvent,
    TimeLimit,
    Vote,
)
from .services.details import PUBLICATION_DETAILS
from .services.projects import DETAILS_BEFORE_PLAN, FREE_DETAILS, propose_project, update_project_details


class ReadOnlyAdmin(admin.ModelAdmin):
    """History and records written by the services: viewed here, changed only through the workflow."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _refusal(exc: DomainError) -> str:
    """A service's refusal as an admin message: what happened, then each field's problem under its name."""
    names = {field.name: str(field.verbose_name) for field in Project._meta.get_fields()
             if hasattr(field, "verbose_name")}
    problems = [f"{names.get(e['field'], e['field'])}：{e['message']}" for e in getattr(exc, "errors", [])]
    return " ".join([exc.message, *problems])


# What a proposal made in the admin gives (the rest follows from the workflow).
PROPOSAL_FIELDS = ["committee", "title_zh", "title_en", "kind", "nature", "revises", "adopts", "degree", "ccs",
                   "ics_codes", "competent_department", "drafting_units", "drafters", "references", "trade_relevant"]


class ListAsLines(forms.CharField):
    """A list of names or codes edited as text, one per line (the services split and tidy it)."""

    def __init__(self, **kwargs) -> None:
        for name in ("encoder", "decoder", "required", "widget"):
            kwargs.pop(name, None)
        super().__init__(required=False, widget=forms.Textarea(attrs={"rows": 3}), **kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def has_changed(self, initial, data) -> bool:
        return self.prepare_value(initial or []) != (data or "").replace("\r\n", "\n").strip()


class ProjectAdminForm(forms.ModelForm):
    # The version the form was rendered with, so that a change made meanwhile by someone else is refused.
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Project
        fields = PROPOSAL_FIELDS  # the admin passes the fields of each page (get_fields)
        field_classes = {"ics_codes": ListAsLines, "drafting_units": ListAsLines, "drafters": ListAsLines,
                         "references": ListAsLines}


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    """Projects are proposed here through `propose_project`; afterwards only their free details (titles, what
    publication carries into the catalogue: classification, department, drafters;
    what is adopted before the plan) are edited, through `update_project_details`, which records the change.
    Everything else follows from the workflow and is read-only; projects are never deleted."""

    form = ProjectAdminForm
    list_display = ["plan_number", "title_zh", "committee", "kind", "nature", "stage", "deadline", "frozen"]
    list_filter = ["stage", "kind", "nature", "frozen", "trade_relevant"]
    search_fields = ["plan_number", "title_zh", "committee__code"]
    raw_id_fields = ["committee", "revises", "ccs"]

    def has_delete_permission(self, request, obj=None):
        return False  # history cannot be skipped: terminate the project instead

    def get_fields(self, request, obj=None):
        if obj is None:
            return PROPOSAL_FIELDS
        return [*(f.name for f in Project._meta.get_fields() if f.concrete and not f.auto_created
                  and f.name not in ("id",)), "expected_version"]

    def editable_details(self, obj: Project) -> list[str]:
        if obj.stage not in OPEN_STAGES:
            return []
        return [*FREE_DETAILS, *(DETAILS_BEFORE_PLAN if obj.stage in BEFORE_PLAN_STAGES else ())]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        editable = {*self.editable_details(obj), "expected_version"}
        return [name for name in self.get_fields(request, obj) if name not in editable]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            form.base_fields["expected_version"].initial = obj.version
        return form

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            if change:
                changes = {name: data[name] for name in form.changed_data if name in self.editable_details(obj)}
                version = data.get("expected_version") or obj.version
                update_project_details(actor=request.user, project=obj, changes=changes, expected_version=version)
            else:
                project = propose_project(
                    actor=request.user, committee=data["committee"], title_zh=data["title_zh"],
                    title_en=data.get("title_en", ""), kind=data["kind"], nature=data["nature"],
                    adopts=data.get("adopts", ""), degree=data.get("degree", ""),
                    revises=list(data.get("revises") or ()), trade_relevant=data.get("trade_relevant", False),
                    **{name: data.get(name) for name in PUBLICATION_DETAILS})
                obj.pk = project.pk
        except DomainError as exc:
            request._development_refusal = _refusal(exc)

    def save_related(self, request, form, formsets, change):
        pass  # what a project revises is set when it is proposed

    def log_addition(self, request, obj, message):
        if not getattr(request, "_development_refusal", None):
            super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        if not getattr(request, "_development_refusal", None):
            super().log_change(request, obj, message)

    def response_add(self, request, obj, post_url_continue=None):
        refusal = getattr(request, "_development_refusal", None)
        if refusal:
            self.message_user(request, refusal, messages.ERROR)
            return HttpResponseRedirect(request.path)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        refusal = getattr(request, "_development_refusal", None)
        if refusal:
            self.message_user(request, refusal, messages.ERROR)
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)


@admin.register(ProjectEvent)
class ProjectEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "project", "kind", "from_stage", "to_stage", "actor"]
    list_filter = ["kind", "to_stage"]
    search_fields = ["project__plan_number", "project__title_zh"]


@admin.register(DraftDocument)
class DraftDocumentAdmin(ReadOnlyAdmin):
    list_display = ["project", "kind", "version", "stage", "filename", "size", "uploaded_at"]
    exclude = ["file"]  # private: no URL of its own
    readonly_fields = ["download"]

    @admin.display(description=_("文件"))
    def download(self, document: DraftDocument) -> str:
        url = reverse("development:document_download", args=[document.project_id, document.pk])
        return format_html('<a href="{}">{}</a>', url, document.filename)
    list_filter = ["kind"]
    search_fields = ["project__plan_number", "filename"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["project", "number", "clause", "author_name", "organisation_name", "disposition", "submitted_at"]
    list_filter = ["disposition", "period"]
    search_fields = ["project__plan_number", "author_name", "text"]


class VoteInline(admin.TabularInline):
    model = Vote
    fields = ["member", "choice", "reason", "cast_at"]
    readonly_fields = fields
    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdmin):
    list_display = ["project", "method", "opened_at", "closes_on", "closed_at", "passed", "outcome"]
    list_filter = ["method", "passed"]
    inlines = [VoteInline]


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(ReadOnlyAdmin):
    list_display = ["project", "months", "state", "requested_at", "decided_at"]
    list_filter = ["state"]


@admin.register(PeriodicReview)
class PeriodicReviewAdmin(ReadOnlyAdmin):
    list_display = ["standard", "committee", "conclusion", "concluded_on"]
    list_filter = ["conclusion"]
    search_fields = ["standard__identifier", "committee__code"]


@admin.register(NotificationRule)
class NotificationRuleAdmin(admin.ModelAdmin):
    """The routing table: which event emails whom. Administrators add, switch off or remove rows here."""

    list_display = ["trigger", "recipient", "active"]
    list_editable = ["active"]
    list_filter = ["recipient", "active"]
    search_fields = ["trigger"]


@admin.register(TimeLimit)
class TimeLimitAdmin(admin.ModelAdmin):
    list_display = ["code", "value", "unit", "description"]
    list_editable = ["value"]
    readonly_fields = ["code", "unit"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

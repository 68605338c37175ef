from django.contrib import admin

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


class ReadOnlyAdmin(admin.ModelAdmin):
    """History and records written by the services: viewed here, changed only through the workflow."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["plan_number", "title_zh", "committee", "kind", "nature", "stage", "deadline", "frozen"]
    list_filter = ["stage", "kind", "nature", "frozen", "trade_relevant"]
    search_fields = ["plan_number", "title_zh", "committee__code"]
    raw_id_fields = ["committee", "revises", "proposer", "standard"]
    readonly_fields = ["stage", "suspended_from", "plan_number", "plan_issued_on", "deadline", "extension_months",
                       "period_opened_on", "period_ends_on", "period_closed", "deadline_notice", "frozen",
                       "tbt_notification", "tbt_notified_on", "standard", "version"]


@admin.register(ProjectEvent)
class ProjectEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "project", "kind", "from_stage", "to_stage", "actor"]
    list_filter = ["kind", "to_stage"]
    search_fields = ["project__plan_number", "project__title_zh"]


@admin.register(DraftDocument)
class DraftDocumentAdmin(ReadOnlyAdmin):
    list_display = ["project", "kind", "version", "stage", "filename", "size", "uploaded_at"]
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

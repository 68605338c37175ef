"""Back office for filing: the tables administrators edit (which department owns which industry code, the time
limits, the wording rules) and, read-only, what the workflow writes: the filings and their history, the batches
and their rows, the periodic review conclusions (复审) and abolition announcements, the supersession flags and
their history. Those change only through the services (the workflow's pages and API, which record every step),
so their admins add, change and delete nothing."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from biaozhun.development.admin import ReadOnlyAdmin

from .models import (
    AbolitionNotice,
    Filing,
    FilingBatch,
    FilingBatchRow,
    FilingEvent,
    FilingTimeLimit,
    IndustryCodeOwner,
    StandardReview,
    SupersessionFlag,
    SupersessionFlagEvent,
    WordingRule,
)


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


class ReadOnlyInline(admin.TabularInline):
    """Rows the services write, shown under their parent; nothing is added, changed or deleted here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class FilingEventInline(ReadOnlyInline):
    model = FilingEvent
    fields = ["at", "kind", "actor", "from_state", "to_state", "reason", "data"]
    readonly_fields = fields


@admin.register(Filing)
class FilingAdmin(ReadOnlyAdmin):
    list_display = ["identifier", "title_zh", "authority", "state", "filing_number", "filed_on", "review_due"]
    list_filter = ["state", "tier"]
    search_fields = ["identifier", "title_zh", "filing_number"]
    list_select_related = ["authority"]
    inlines = [FilingEventInline]


# --- Batches ----------------------------------------------------------------------------------------------------

class FilingBatchRowInline(ReadOnlyInline):
    model = FilingBatchRow
    fields = ["position", "line", "identifier", "text_file", "filing", "problems"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("filing")


@admin.register(FilingBatch)
class FilingBatchAdmin(ReadOnlyAdmin):
    """Batches as their task left them (filing/services/batch.py); a stopped batch is resumed by its authority."""

    list_display = ["id", "data_name", "authority", "submitted_by", "state", "rows", "filed", "refused",
                    "created_at", "finished_at"]
    list_filter = ["state", "data_format", "valid_only"]
    search_fields = ["data_name", "authority__name", "submitted_by__username", "submitted_by__real_name",
                     "entries__identifier"]
    list_select_related = ["authority", "submitted_by"]
    date_hierarchy = "created_at"
    # Those the task writes (editable=False) are listed to be shown; the stored files stay private (not linked).
    fields = ["authority", "submitted_by", "state", "data_name", "data_format", "data_sha256", "zip_name", "zip_sha256",
              "zip_size", "valid_only", "rows", "checked", "filed", "refused", "error_count", "errors", "created_at",
              "started_at", "updated_at", "finished_at"]
    readonly_fields = fields
    inlines = [FilingBatchRowInline]


# --- Periodic review (复审) and abolition ---------------------------------------------------------------------------

@admin.register(StandardReview)
class StandardReviewAdmin(ReadOnlyAdmin):
    list_display = ["standard", "authority", "outcome", "concluded_on", "due_on", "announcement", "actor", "at"]
    list_filter = ["outcome", "concluded_on"]
    search_fields = ["standard__identifier", "standard__title_zh", "authority__name", "notice__notice_number"]
    list_select_related = ["standard", "authority", "notice__authority", "actor"]
    date_hierarchy = "concluded_on"

    @admin.display(description=_("废止公告"), ordering="notice__notice_number")
    def announcement(self, review: StandardReview):
        return review.notice or "—"


class StandardReviewInline(ReadOnlyInline):
    model = StandardReview
    fields = ["standard", "concluded_on", "due_on", "reason", "actor"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("standard", "actor")


@admin.register(AbolitionNotice)
class AbolitionNoticeAdmin(ReadOnlyAdmin):
    list_display = ["notice_number", "authority", "notice_date", "abolished_on", "published_by", "published_at"]
    search_fields = ["notice_number", "authority__name", "reviews__standard__identifier"]
    list_select_related = ["authority", "published_by"]
    date_hierarchy = "notice_date"
    inlines = [StandardReviewInline]


# --- Supersession flags ---------------------------------------------------------------------------------------------

class SupersessionFlagEventInline(ReadOnlyInline):
    model = SupersessionFlagEvent
    fields = ["at", "kind", "actor", "reason", "data"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


@admin.register(SupersessionFlag)
class SupersessionFlagAdmin(ReadOnlyAdmin):
    """Flags are confirmed or dismissed by the standard's authority on its flags page (services/flags.py)."""

    list_display = ["standard", "national", "authority", "score", "state", "created_at", "decided_at", "decided_by"]
    list_filter = ["state", "created_at"]
    search_fields = ["standard__identifier", "standard__title_zh", "national__identifier", "authority__name"]
    list_select_related = ["standard", "national", "authority", "decided_by"]
    date_hierarchy = "created_at"
    fields = ["standard", "national", "authority", "score", "shared", "state", "reason", "created_at", "decided_at",
              "decided_by"]
    readonly_fields = fields
    inlines = [SupersessionFlagEventInline]

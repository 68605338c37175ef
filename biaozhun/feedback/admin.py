"""Back office for feedback: the tables administrators edit, saved through feedback/services/tables.py with their
events (the time limits per type, the routing rules, the export subscriptions; rules and subscriptions are
switched off, never deleted), and, read-only, what the workflow writes. The admin never shows who wrote an item:
its contact details are not among its fields, only the pseudonym (law art. 35)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts import policy
from biaozhun.core.service_admin import ServiceAdmin
from biaozhun.development.admin import ReadOnlyAdmin

from .models import (
    ExportSubscription,
    Feedback,
    FeedbackAttachment,
    FeedbackEvent,
    FeedbackSettingEvent,
    FeedbackTimeLimit,
    Interpretation,
    RoutingRule,
)
from .pseudonyms import shown
from .services import tables

EDIT = "feedback.edit_settings"


def _changes(form: Any, allowed: tuple[str, ...]) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in form.changed_data if name in allowed}


class SettingsAdmin(ServiceAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return policy.can(request.user, EDIT)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return policy.can(request.user, EDIT)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # switch off instead: the history of what it routed refers to it

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return policy.can(request.user, EDIT) or super().has_view_permission(request, obj)


@admin.register(FeedbackTimeLimit)
class FeedbackTimeLimitAdmin(SettingsAdmin):
    list_display = ["category", "acknowledge_days", "answer_days", "reminder_days", "close_days"]
    readonly_fields = ["category"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # one row per feedback type, seeded

    def save_model(self, request: HttpRequest, obj: FeedbackTimeLimit, form: Any, change: bool) -> None:
        data = form.cleaned_data
        self.call_service(tables.set_time_limit, actor=request.user, limit=obj,
                          acknowledge_days=data["acknowledge_days"], answer_days=data["answer_days"],
                          reminder_days=data["reminder_days"], close_days=data["close_days"])


@admin.register(RoutingRule)
class RoutingRuleAdmin(SettingsAdmin):
    list_display = ["priority", "tier", "category", "tc_prefix", "target", "organisation", "active", "note"]
    list_filter = ["target", "active"]
    raw_id_fields = ["organisation"]
    fields = list(tables.RULE_FIELDS)

    def save_model(self, request: HttpRequest, obj: RoutingRule, form: Any, change: bool) -> None:
        if change:
            self.call_service(tables.change_routing_rule, actor=request.user, rule=obj,
                              changes=_changes(form, tables.RULE_FIELDS))
            return
        saved = self.call_service(tables.add_routing_rule, actor=request.user,
                                  data={name: form.cleaned_data[name] for name in tables.RULE_FIELDS})
        obj.pk, obj._state.adding = saved.pk, False


@admin.register(ExportSubscription)
class ExportSubscriptionAdmin(SettingsAdmin):
    list_display = ["organisation", "frequency", "ics_prefixes", "ccs_prefixes", "tc_codes", "active", "last_sent_on"]
    list_filter = ["frequency", "active"]
    raw_id_fields = ["organisation"]
    fields = list(tables.SUBSCRIPTION_FIELDS)

    def save_model(self, request: HttpRequest, obj: ExportSubscription, form: Any, change: bool) -> None:
        if change:
            self.call_service(tables.change_subscription, actor=request.user, subscription=obj,
                              changes=_changes(form, tables.SUBSCRIPTION_FIELDS))
            return
        saved = self.call_service(tables.add_subscription, actor=request.user,
                                  data={name: form.cleaned_data[name] for name in tables.SUBSCRIPTION_FIELDS})
        obj.pk, obj._state.adding = saved.pk, False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class FeedbackEventInline(ReadOnlyInline):
    model = FeedbackEvent
    fields = ["at", "kind", "who", "from_state", "to_state", "organisation", "reason", "data"]
    readonly_fields = fields

    @admin.display(description=_("操作人"))
    def who(self, event: FeedbackEvent) -> str:
        """The handler's staff by name; the person who wrote only by the item's pseudonym; the platform as 系统."""
        if event.actor_id is None:
            return str(_("系统"))
        if event.actor_id == event.feedback.author_id:
            return shown(event.feedback.pseudonym)
        return str(event.actor)


class AttachmentInline(ReadOnlyInline):
    model = FeedbackAttachment
    fields = ["filename", "content_type", "size"]
    readonly_fields = fields


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ["tracking_number", "standard", "category", "state", "assigned_to", "answer_due", "writer"]
    list_filter = ["state", "category", "escalation_level"]
    search_fields = ["tracking_number", "standard__identifier"]
    fields = ["tracking_number", "standard", "committee", "writer", "category", "clause", "text", "state",
              "assigned_to", "escalated_to", "escalation_level", "received_at", "acknowledge_due", "answer_due",
              "acknowledged_at", "answered_at", "answer", "answered_by", "answer_working_days", "answered_late",
              "duplicate_of", "resolution_reason", "closed_at"]
    readonly_fields = fields
    inlines = [AttachmentInline, FeedbackEventInline]

    @admin.display(description=_("反馈人"))
    def writer(self, obj: Feedback) -> str:
        return shown(obj.pseudonym)


@admin.register(Interpretation)
class InterpretationAdmin(ReadOnlyAdmin):
    list_display = ["standard", "kind", "question", "published_by", "published_at", "withdrawn_at"]
    list_filter = ["kind"]
    search_fields = ["standard__identifier", "question"]


@admin.register(FeedbackSettingEvent)
class FeedbackSettingEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "kind", "actor", "limit", "rule", "subscription"]
    list_filter = ["kind"]

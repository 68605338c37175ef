"""Back office of China's participation in ISO/IEC: the national administration keeps the register of ISO/IEC
committees, the mirror links, the posts, the work items and the ballots here. Every save goes through
services/participation (the policy asked, one event written); a refused save shows the reasons and writes nothing.
A work item's stage moves on its page (the stage history needs a date and a note), China's vote is recorded only by
the mirror committee's secretariat on the ballot's page, and history is read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from biaozhun.core.service_admin import ServiceAdmin

from ..models import InternationalBallot, InternationalCommittee, MirrorLink, ParticipationEvent, Post, WorkItem
from ..services import participation as services


def _saved(obj: Any, saved: Any) -> None:
    """Point the admin's object at the row the service wrote (for the admin's log and redirect)."""
    obj.pk = saved.pk
    obj._state.adding = False


def _changes(form: Any, allowed: tuple[str, ...]) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in form.changed_data if name in allowed}


class MirrorLinkInline(admin.TabularInline):
    model = MirrorLink
    fields = ["committee", "since"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # linked on the mirror links' page, through the service


@admin.register(InternationalCommittee)
class InternationalCommitteeAdmin(ServiceAdmin):
    list_display = ["code", "title", "title_zh", "china_membership", "secretariat_country"]
    list_filter = ["organisation", "china_membership"]
    search_fields = ["code", "title", "title_zh"]
    inlines = [MirrorLinkInline]

    def get_fields(self, request: HttpRequest, obj: InternationalCommittee | None = None) -> list[str]:
        return ["code", *services.register.COMMITTEE_FIELDS] if obj is None else \
            ["code", "organisation", "parent", *services.register.COMMITTEE_FIELDS]

    def get_readonly_fields(self, request: HttpRequest, obj: InternationalCommittee | None = None) -> list[str]:
        return [] if obj is None else ["code", "organisation", "parent"]

    def has_delete_permission(self, request, obj=None):
        return False  # history, posts and ballots refer to it

    def save_model(self, request: HttpRequest, obj: InternationalCommittee, form: Any, change: bool) -> None:
        if change:
            self.call_service(services.update_committee, actor=request.user, international=obj,
                              changes=_changes(form, services.register.COMMITTEE_FIELDS))
            return
        data = {name: form.cleaned_data.get(name) or "" for name in ("code", *services.register.COMMITTEE_FIELDS)}
        _saved(obj, self.call_service(services.register_committee, actor=request.user, **data))

    def save_related(self, request, form, formsets, change):
        pass  # no inline is editable


@admin.register(MirrorLink)
class MirrorLinkAdmin(ServiceAdmin):
    list_display = ["international", "committee", "since"]
    search_fields = ["international__code", "committee__code", "committee__name_zh"]
    raw_id_fields = ["committee", "international"]
    fields = ["international", "committee", "since"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)  # a link is made or removed, not edited

    def save_model(self, request: HttpRequest, obj: MirrorLink, form: Any, change: bool) -> None:
        _saved(obj, self.call_service(services.link_mirror, actor=request.user, **form.cleaned_data))

    def delete_model(self, request: HttpRequest, obj: MirrorLink) -> None:
        self.call_service(services.unlink_mirror, actor=request.user, link=obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for link in queryset:
            self.delete_model(request, link)


@admin.register(Post)
class PostAdmin(ServiceAdmin):
    list_display = ["international", "body", "kind", "holder", "organisation", "start", "end"]
    list_filter = ["kind"]
    search_fields = ["international__code", "holder", "organisation"]
    raw_id_fields = ["international"]
    fields = ["international", "body", "kind", *services.register.POST_FIELDS]

    def get_readonly_fields(self, request: HttpRequest, obj: Post | None = None) -> list[str]:
        return [] if obj is None else ["international", "body", "kind"]  # another post: record a new one

    def has_delete_permission(self, request, obj=None):
        return False  # end the term instead

    def save_model(self, request: HttpRequest, obj: Post, form: Any, change: bool) -> None:
        if change:
            self.call_service(services.update_post, actor=request.user, post=obj,
                              changes=_changes(form, services.register.POST_FIELDS))
            return
        data = dict(form.cleaned_data)
        data["holder"], data["body"] = data.get("holder") or "", data.get("body") or ""
        _saved(obj, self.call_service(services.record_post, actor=request.user, **data))


@admin.register(WorkItem)
class WorkItemAdmin(ServiceAdmin):
    list_display = ["reference", "title", "international", "leader", "stage", "stage_on"]
    list_filter = ["stage"]
    search_fields = ["reference", "title", "title_zh", "leader"]
    raw_id_fields = ["international", "committee"]
    fields = ["reference", "title", "title_zh", "international", "committee", "leader", "leader_organisation",
              "proposed_on", "stage", "stage_on"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)  # stages move on the work item's page

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request: HttpRequest, obj: WorkItem, form: Any, change: bool) -> None:
        data = dict(form.cleaned_data)
        data["title_zh"] = data.get("title_zh") or ""
        _saved(obj, self.call_service(services.record_work_item, actor=request.user, **data))


@admin.register(InternationalBallot)
class InternationalBallotAdmin(ServiceAdmin):
    list_display = ["reference", "kind", "international", "committee", "opens_on", "closes_on", "vote", "missed_on"]
    list_filter = ["kind", "vote"]
    search_fields = ["reference", "international__code", "committee__code"]
    raw_id_fields = ["international", "committee"]
    fields = ["reference", "kind", "title", "international", "committee", "opens_on", "closes_on"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)  # the vote is the secretariat's page

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request: HttpRequest, obj: InternationalBallot, form: Any, change: bool) -> None:
        data = dict(form.cleaned_data)
        data["title"] = data.get("title") or ""
        _saved(obj, self.call_service(services.open_ballot, actor=request.user, **data))


@admin.register(ParticipationEvent)
class ParticipationEventAdmin(admin.ModelAdmin):
    list_display = ["at", "kind", "international", "ballot", "work_item", "actor"]
    list_filter = ["kind"]
    readonly_fields = ["kind", "international", "post", "work_item", "ballot", "actor", "at", "data"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

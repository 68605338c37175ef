"""Back office for committees. Every save goes through committees.services, so the admin keeps the balance rule
and writes the same history as any other caller; a refused save shows the reason and writes nothing. The code
(and so the kind and parent), a member's committee and the history are read-only; committees are deactivated
and memberships ended, never deleted."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from biaozhun.core.service_admin import ServiceAdmin

from . import services, terms
from .models import Application, ApplicationEvent, Committee, CommitteeEvent, Member, Term

CREATE_FIELDS = ["code", "name_zh", "name_en", "scope", "secretariat", "international_counterpart", "established_on",
                 "guiding_unit"]
MEMBER_CREATE_FIELDS = ["committee", "name", "organisation", "stakeholder", "term_start", "term_end", "role",
                        "voting", "user", "title"]


def _changes(form: Any, allowed: tuple[str, ...]) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in form.changed_data if name in allowed}


def _saved(obj: Any, saved: Any) -> None:
    """Point the admin's object at the row the service wrote (for the admin's log and redirect)."""
    obj.pk = saved.pk
    obj._state.adding = False


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    fields = ["name", "organisation", "stakeholder", "role", "voting", "term_start", "term_end"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True  # a seat is changed on its own page, through the service

    def has_add_permission(self, request, obj=None):
        return False  # members are seated through the service, which checks the balance rule


class TermInline(admin.TabularInline):
    """The committee's terms (届次), read-only: a term is renewed on the committee's page (换届, which moves the
    seats) and one predating the platform is recorded on the term's own admin page."""

    model = Term
    fields = ["number", "start", "end"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class CommitteeEventInline(admin.TabularInline):
    model = CommitteeEvent
    fields = ["at", "kind", "actor", "data"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-at", "-id"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Committee)
class CommitteeAdmin(ServiceAdmin):
    list_display = ["code", "name_zh", "kind", "secretariat", "international_counterpart", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["code", "name_zh", "name_en"]
    raw_id_fields = ["secretariat", "guiding_unit"]
    inlines = [TermInline, MemberInline, CommitteeEventInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Committee | None = None) -> list[str]:
        # The code decides the kind and the parent; a new code is a new committee.
        return ["kind", "parent"] if obj is None else ["code", "kind", "parent"]

    def get_fields(self, request: HttpRequest, obj: Committee | None = None) -> list[str]:
        if obj is None:
            return [*CREATE_FIELDS]
        return ["code", "kind", "parent", *services.COMMITTEE_FIELDS]

    def has_delete_permission(self, request: HttpRequest, obj: Committee | None = None) -> bool:
        return False  # history refers to it: deactivate instead

    def save_model(self, request: HttpRequest, obj: Committee, form: Any, change: bool) -> None:
        if change:
            self.call_service(services.update_committee, actor=request.user, committee=obj,
                              changes=_changes(form, services.COMMITTEE_FIELDS))
            return
        data = {name: form.cleaned_data.get(name) for name in CREATE_FIELDS}
        data = {name: ("" if value is None and name not in ("secretariat", "established_on", "guiding_unit") else value)
                for name, value in data.items()}
        _saved(obj, self.call_service(services.create_committee, actor=request.user, **data))


@admin.register(Member)
class MemberAdmin(ServiceAdmin):
    list_display = ["name", "committee", "organisation", "stakeholder", "role", "voting", "term_end"]
    list_filter = ["stakeholder", "role", "voting"]
    search_fields = ["name", "organisation", "committee__code"]
    raw_id_fields = ["committee", "user"]
    fields = MEMBER_CREATE_FIELDS

    def get_readonly_fields(self, request: HttpRequest, obj: Member | None = None) -> list[str]:
        return [] if obj is None else ["committee"]  # moving a member is ending one seat and adding another

    def has_delete_permission(self, request: HttpRequest, obj: Member | None = None) -> bool:
        return False  # ballots and history refer to seats: end the term instead

    def save_model(self, request: HttpRequest, obj: Member, form: Any, change: bool) -> None:
        if change:
            self.call_service(services.update_member, actor=request.user, member=obj,
                              changes=_changes(form, services.MEMBER_FIELDS))
            return
        data = {name: form.cleaned_data[name] for name in MEMBER_CREATE_FIELDS}
        _saved(obj, self.call_service(services.add_member, actor=request.user, **data))


@admin.register(Term)
class TermAdmin(ServiceAdmin):
    """Records a term without moving seats (a committee that predates the platform: committees.terms.record_term,
    which refuses overlapping or out-of-order dates). A recorded term is not edited here: 换届 on the committee's page
    starts the next one and ends the current one, seats included."""

    list_display = ["committee", "number", "start", "end"]
    search_fields = ["committee__code"]
    raw_id_fields = ["committee"]
    fields = ["committee", "number", "start", "end"]

    def get_readonly_fields(self, request: HttpRequest, obj: Term | None = None) -> list[str]:
        return [] if obj is None else self.fields

    def has_delete_permission(self, request: HttpRequest, obj: Term | None = None) -> bool:
        return False  # seats and events refer to the term's dates

    def save_model(self, request: HttpRequest, obj: Term, form: Any, change: bool) -> None:
        if change:
            return  # read-only once recorded
        data = form.cleaned_data
        _saved(obj, self.call_service(terms.record_term, actor=request.user, committee=data["committee"],
                                      start=data["start"], end=data["end"], number=data["number"]))


@admin.register(CommitteeEvent)
class CommitteeEventAdmin(admin.ModelAdmin):
    list_display = ["at", "committee", "kind", "actor"]
    list_filter = ["kind"]
    search_fields = ["committee__code"]
    readonly_fields = ["committee", "kind", "actor", "at", "data"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ApplicationEventInline(admin.TabularInline):
    model = ApplicationEvent
    fields = ["at", "kind", "actor", "data"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Read-only: applications move through their pages (committees/applications/views.py) and services."""

    list_display = ["pk", "purpose", "state", "code", "committee", "applicant", "notice_closes_on"]
    list_filter = ["purpose", "state"]
    search_fields = ["code", "name_zh", "committee__code"]
    inlines = [ApplicationEventInline]
    exclude = ["contact_phone", "contact_email"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Application._meta.fields if f.name not in self.exclude]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

"""Admin for accounts. Membership changes and new organisations go through the services, so the admin
writes the same history as the pages; account events are read-only."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserCreationForm
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from biaozhun.core.errors import DomainError

from . import services
from .models import AccountEvent, ApiToken, Membership, Organisation, User


class _ServiceErrorsAsMessages:
    """Report a refused service call (permission, last admin...) as an admin message, not a 500."""

    def _run(self, request: HttpRequest, call: Any, **kwargs: Any) -> tuple[bool, Any]:
        try:
            return True, call(**kwargs)
        except DomainError as error:
            problems = "; ".join(p["message"] for p in getattr(error, "errors", []) if p["message"] != error.message)
            messages.error(request, f"{error.message} {problems}".strip())
            return False, None

    def _run_or_refuse(self, request: HttpRequest, call: Any, **kwargs: Any) -> Any:
        ok, result = self._run(request, call, **kwargs)
        if not ok:
            raise PermissionDenied
        return result


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    fields = ["organisation", "role", "joined_at"]
    readonly_fields = ["joined_at"]
    autocomplete_fields = ["organisation"]


class AdminUserCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "real_name", "email"]


@admin.register(User)
class UserAdmin(_ServiceErrorsAsMessages, DjangoUserAdmin):
    add_form = AdminUserCreationForm
    list_display = ["username", "real_name", "email", "is_active", "is_staff", "date_joined"]
    list_filter = ["is_active", "is_staff", "is_superuser", "language", "memberships__organisation__kind"]
    search_fields = ["username", "real_name", "email", "phone"]
    ordering = ["username"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("个人信息"), {"fields": ["real_name", "email", "phone", "language"]}),
        (_("权限"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("重要日期"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "real_name", "email", "password1", "password2"]}),
    ]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        user = form.instance
        changed = formset.save(commit=False)  # also fills formset.deleted_objects
        for membership in formset.deleted_objects:
            self._run(
                request, services.remove_member, actor=request.user, organisation=membership.organisation, user=user
            )
        for membership in changed:
            call = services.add_member if membership.pk is None else services.change_member_role
            self._run(
                request, call, actor=request.user, organisation=membership.organisation, user=user, role=membership.role
            )
        return None


@admin.register(Organisation)
class OrganisationAdmin(_ServiceErrorsAsMessages, admin.ModelAdmin):
    list_display = ["name", "kind", "uscc", "industry_code", "region_code", "tc_code", "created_at"]
    list_filter = ["kind", "region_code", "industry_code"]
    search_fields = ["name", "name_en", "uscc", "tc_code"]
    readonly_fields = ["created_at"]

    def save_model(self, request: HttpRequest, obj: Organisation, form: forms.ModelForm, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        created = self._run_or_refuse(
            request,
            services.create_organisation,
            actor=request.user,
            kind=obj.kind,
            name=obj.name,
            name_en=obj.name_en,
            uscc=obj.uscc,
            industry_code=obj.industry_code,
            region_code=obj.region_code,
            tc_code=obj.tc_code,
            join_as_admin=False,
        )
        obj.pk = created.pk
        obj._state.adding = False


@admin.register(Membership)
class MembershipAdmin(_ServiceErrorsAsMessages, admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "joined_at"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__username", "user__real_name", "user__email", "organisation__name", "organisation__uscc"]
    autocomplete_fields = ["user", "organisation"]
    readonly_fields = ["joined_at"]
    list_select_related = ["user", "organisation"]

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # bulk deletes would skip the services and their history
        return actions

    def get_readonly_fields(self, request: HttpRequest, obj: Membership | None = None) -> list[str]:
        # Only the role changes on an existing membership; a move is a removal plus an addition.
        return ["user", "organisation", "joined_at"] if obj is not None else ["joined_at"]

    def save_model(self, request: HttpRequest, obj: Membership, form: forms.ModelForm, change: bool) -> None:
        call = services.change_member_role if change else services.add_member
        saved = self._run_or_refuse(
            request, call, actor=request.user, organisation=obj.organisation, user=obj.user, role=obj.role
        )
        obj.pk = saved.pk
        obj._state.adding = False

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        self._run_or_refuse(
            request, services.remove_member, actor=request.user, organisation=obj.organisation, user=obj.user
        )


@admin.register(AccountEvent)
class AccountEventAdmin(admin.ModelAdmin):
    list_display = ["at", "kind", "actor", "target_user", "organisation"]
    list_filter = ["kind", "at"]
    search_fields = ["actor__username", "target_user__username", "target_user__real_name", "organisation__name"]
    date_hierarchy = "at"
    list_select_related = ["actor", "target_user", "organisation"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AccountEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AccountEvent | None = None) -> bool:
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens by owner and use; an administrator revokes a leaked one (the owner's own revoke is on their page)."""

    list_display = ["prefix", "name", "user", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["prefix", "name", "user__username", "user__real_name"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    exclude = ["key_digest"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("撤销所选令牌"))
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True):
            services.revoke_api_token(actor=request.user, token=token)

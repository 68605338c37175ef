"""Admin for accounts. Every save goes through the services, so the admin writes the same history as the pages:
account details, access (active, staff, superuser, groups, permissions), organisations and memberships. A
refused save shows the reason and writes nothing. Kinds, dates and the history are read-only; accounts and
organisations are deactivated or kept, never deleted (the history refers to them)."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserCreationForm
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from biaozhun.core.errors import DomainError
from biaozhun.core.service_admin import ServiceAdmin

from . import services, signals
from .models import (
    AccountEvent,
    ApiToken,
    Membership,
    Organisation,
    PrivacyConsent,
    SignInThrottle,
    ThrottleScope,
    User,
)
from .security import lockout, second_factor

# Devices change only through the services (setup page, reset action below), never edited here; their keys stay
# out of the admin.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


def _saved(obj: Any, saved: Any) -> None:
    """Point the admin's object at the row the service wrote (for the admin's log, inlines and redirect)."""
    obj.pk = saved.pk
    obj._state.adding = False


class SearchByEmailMixin:
    """The search box also finds a whole e-mail address (any case) through its blind index: addresses are encrypted
    at rest (core/fields.py), so part of an address finds nothing. ``email_user_path`` leads from the model to the
    user ("" for the user admin itself)."""

    email_user_path = ""

    def get_search_results(self, request: HttpRequest, queryset: Any, search_term: str) -> tuple[Any, bool]:
        original = queryset
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if "@" in term and " " not in term:
            lookup = f"{self.email_user_path}__in" if self.email_user_path else "pk__in"
            queryset = queryset | original.filter(**{lookup: User.objects.with_email(term).values("pk")})
        return queryset, may_have_duplicates


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
class UserAdmin(SearchByEmailMixin, ServiceAdmin, DjangoUserAdmin):
    add_form = AdminUserCreationForm
    list_display = ["username", "real_name", "email", "is_active", "is_staff", "date_joined"]
    list_filter = ["is_active", "is_staff", "is_superuser", "language", "memberships__organisation__kind"]
    search_fields = ["username", "real_name"]  # and a whole e-mail address (SearchByEmailMixin)
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
    readonly_fields = ["last_login", "date_joined", "privacy_version", "erased_at"]
    actions = ["unlock_sign_in", "reset_second_factor"]

    def get_fieldsets(self, request: HttpRequest, obj: User | None = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [*fieldsets, (_("个人信息保护"), {"fields": ["privacy_version", "erased_at"]})]

    def has_delete_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        return False  # the history refers to accounts: deactivate instead

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        response = super().user_change_password(request, id, form_url)
        # Saved: Django redirects to the account's page (a refused form is shown again, a conflict reloads).
        if request.method == "POST" and response.status_code == 302 and response["Location"] != request.get_full_path():
            user = User.objects.get(pk=unquote(id))
            signals.password_changed.send(sender=type(self), user=user, request=request, by=request.user)
        return response

    @admin.action(description=_("解除所选账号的登录锁定"))
    def unlock_sign_in(self, request: HttpRequest, queryset: Any) -> None:
        done = 0
        for user in queryset:
            try:
                done += lockout.unlock_sign_in(actor=request.user, user=user, request=request)
            except DomainError as error:
                self.message_user(request, error.message, messages.ERROR)
                return
        self.message_user(request, gettext_now("已解除 %(count)d 个账号的登录锁定。") % {"count": done})

    @admin.action(description=_("重置所选账号的两步验证（下次登录时重新设置）"))
    def reset_second_factor(self, request: HttpRequest, queryset: Any) -> None:
        done = 0
        for user in queryset:
            try:
                done += second_factor.remove_second_factor(actor=request.user, user=user, request=request)
            except DomainError as error:
                self.message_user(request, error.message, messages.ERROR)
                return
        self.message_user(request, gettext_now("已重置 %(count)d 个账号的两步验证；他们下次登录时将重新设置。")
                          % {"count": done})

    def save_model(self, request: HttpRequest, obj: User, form: forms.ModelForm, change: bool) -> None:
        if not change:
            data = form.cleaned_data
            _saved(obj, self.call_service(
                services.register_user, actor=request.user, username=data["username"], email=data["email"],
                real_name=data["real_name"], password=data["password1"],
            ))
            return
        changed = set(form.changed_data)
        details = {name: form.cleaned_data[name] for name in services.USER_DETAILS if name in changed}
        if details:
            self.call_service(services.update_user, actor=request.user, user=obj, changes=details)
        access = {name: form.cleaned_data[name] for name in services.USER_ACCESS if name in changed}
        if access:
            self.call_service(services.change_user_access, actor=request.user, user=obj, **access)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # Groups and permissions were saved by change_user_access; the form's own m2m save would skip the event.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        user = form.instance
        changed = formset.save(commit=False)  # also fills formset.deleted_objects
        for membership in formset.deleted_objects:
            self.call_service(services.remove_member, actor=request.user, organisation=membership.organisation,
                              user=user)
        for membership in changed:
            call = services.add_member if membership.pk is None else services.change_member_role
            self.call_service(call, actor=request.user, organisation=membership.organisation, user=user,
                              role=membership.role)
        return None


@admin.register(Organisation)
class OrganisationAdmin(ServiceAdmin):
    list_display = ["name", "kind", "uscc", "industry_code", "region_code", "tc_code", "created_at"]
    list_filter = ["kind", "region_code", "industry_code"]
    search_fields = ["name", "name_en", "uscc", "tc_code"]

    def get_readonly_fields(self, request: HttpRequest, obj: Organisation | None = None) -> list[str]:
        # The kind decides what the organisation's members may do: a new kind is a new organisation.
        return ["created_at"] if obj is None else ["kind", "created_at"]

    def has_delete_permission(self, request: HttpRequest, obj: Organisation | None = None) -> bool:
        return False  # the history refers to it

    def save_model(self, request: HttpRequest, obj: Organisation, form: forms.ModelForm, change: bool) -> None:
        if change:
            changes = {name: form.cleaned_data[name] for name in services.ORGANISATION_FIELDS
                       if name in form.changed_data}
            self.call_service(services.update_organisation, actor=request.user, organisation=obj, changes=changes)
            return
        created = self.call_service(
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
        _saved(obj, created)


@admin.register(Membership)
class MembershipAdmin(SearchByEmailMixin, ServiceAdmin):
    email_user_path = "user"
    list_display = ["user", "organisation", "role", "joined_at"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__username", "user__real_name", "organisation__name", "organisation__uscc"]
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
        _saved(obj, self.call_service(call, actor=request.user, organisation=obj.organisation, user=obj.user,
                                      role=obj.role))

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        self.call_service(services.remove_member, actor=request.user, organisation=obj.organisation, user=obj.user)


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


@admin.register(PrivacyConsent)
class PrivacyConsentAdmin(admin.ModelAdmin):
    """Who accepted which version of the privacy notice, when and from where: read only (append-only history)."""

    list_display = ["at", "user", "version", "via", "address", "language"]
    list_filter = ["version", "via", "at"]
    search_fields = ["user__username", "user__real_name", "address"]
    date_hierarchy = "at"
    list_select_related = ["user"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: PrivacyConsent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: PrivacyConsent | None = None) -> bool:
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


@admin.register(SignInThrottle)
class SignInThrottleAdmin(admin.ModelAdmin):
    """Failed sign-ins by account name and by address, and the locks in force; unlocked with the action (each
    unlock is recorded). Read-only otherwise."""

    list_display = ["scope", "key", "user", "failures", "last_failure_at", "locked_until", "is_locked"]
    list_filter = ["scope", "locked_until"]
    search_fields = ["key", "user__username", "user__real_name"]
    list_select_related = ["user"]
    readonly_fields = ["scope", "key", "user", "failures", "window_started_at", "last_failure_at", "locked_until"]
    actions = ["unlock"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: SignInThrottle | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: SignInThrottle | None = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description=_("解除锁定"))
    def unlock(self, request: HttpRequest, queryset: Any) -> None:
        done = 0
        for row in list(queryset):
            try:
                if row.scope == ThrottleScope.ADDRESS:
                    done += lockout.unlock_sign_in(actor=request.user, address=row.key, request=request)
                elif row.user is not None:
                    done += lockout.unlock_sign_in(actor=request.user, user=row.user, request=request)
                else:  # a name that is no account: nobody to unlock, the counter goes
                    done += lockout.forget_name(actor=request.user, key=row.key)
            except DomainError as error:
                self.message_user(request, error.message, messages.ERROR)
                return
        self.message_user(request, gettext_now("已解除 %(count)d 项登录锁定。") % {"count": done})

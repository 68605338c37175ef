"""Users, organisations, memberships and the append-only account history.

Writes go through ``services.py``; permission questions through ``policy.py``. The role helpers on ``User``
(``is_secretariat_of``, ``is_bureau_for``...) read the user's memberships once per instance; ``request.user``
lives for one request, so that is a per-request cache.
"""

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biaozhun.core import crypto
from biaozhun.core.fields import EncryptedCharField, EncryptedEmailField
from biaozhun.core.models import AppendOnly

from .codes import normalise_industry_code, normalise_region_code, normalise_tc_code, region_covers
from .validators import compact_uscc, validate_industry_code, validate_region_code, validate_tc_code, validate_uscc

MESSAGE_EMAIL_TAKEN = _("这个电子邮箱已被其他账号使用。")
MESSAGE_USERNAME_TAKEN = _("这个用户名已被使用（不区分大小写）。")
MESSAGE_USCC_TAKEN = _("已有组织登记了这个统一社会信用代码；如属本单位，请联系该组织的管理员把您加为成员。")
MESSAGE_ALREADY_MEMBER = _("该用户已是这个组织的成员。")


class Language(models.TextChoices):
    # Each language is named in itself, as language pickers do.
    ZH_HANS = "zh-hans", "简体中文"
    EN = "en", "English"


class OrganisationKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业")
    SOCIAL_ORGANISATION = "social_organisation", _("社会团体")
    GOVERNMENT_DEPARTMENT = "government_department", _("政府部门")
    BUREAU = "bureau", _("市场监管部门")
    NATIONAL_ADMINISTRATION = "national_administration", _("国家标准化管理委员会")
    TC_SECRETARIAT = "tc_secretariat", _("技术委员会秘书处")
    TESTING_LAB = "testing_lab", _("检验检测机构")
    # Receives the periodic export of implementation feedback in its field (feedback/exports.py); only
    # administrators create one (it is not in USCC_REQUIRED_KINDS, the kinds anyone may register).
    CONSUMER_ASSOCIATION = "consumer_association", _("消费者协会")


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("管理员")
    MEMBER = "member", _("成员")
    SECRETARY = "secretary", _("秘书")
    REVIEWER = "reviewer", _("审查员")


# Organisations identified by a unified social credit code; anyone may register one of these.
USCC_REQUIRED_KINDS = frozenset(
    {OrganisationKind.ENTERPRISE, OrganisationKind.SOCIAL_ORGANISATION, OrganisationKind.TESTING_LAB}
)
# The code that scopes each kind's authority, and the one kind that carries it.
SCOPE_FIELD_BY_KIND = {
    OrganisationKind.GOVERNMENT_DEPARTMENT: "industry_code",
    OrganisationKind.BUREAU: "region_code",
    OrganisationKind.TC_SECRETARIAT: "tc_code",
}
_BASIC_ROLES = frozenset({MembershipRole.ADMIN, MembershipRole.MEMBER})
ROLES_BY_KIND = {
    kind: _BASIC_ROLES
    | {
        OrganisationKind.TC_SECRETARIAT: {MembershipRole.SECRETARY},
        OrganisationKind.NATIONAL_ADMINISTRATION: {MembershipRole.REVIEWER},
    }.get(kind, frozenset())
    for kind in OrganisationKind
}
# Roles that act for a TC secretariat (a plain member of the secretariat's staff only reads).
SECRETARIAT_ROLES = frozenset({MembershipRole.ADMIN, MembershipRole.SECRETARY})

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 \-]{5,19}$", _("电话号码只能包含数字、空格、连字符和开头的 +，例如 010-12345678。"), "phone"
)


EMAIL_INDEX_PURPOSE = "accounts.user.email"


def normalise_email_for_lookup(email: str) -> str:
    """The form of an address its blind index is computed from: the whole address in lower case, as the unique
    constraint has always compared addresses (Django keeps the local part's case; we match without it)."""
    return (email or "").strip().lower()


def email_index(email: str) -> str:
    """The blind index of an address under the current key ("" for no address)."""
    return crypto.blind_index(normalise_email_for_lookup(email), purpose=EMAIL_INDEX_PURPOSE)


class UserManager(DjangoUserManager):
    def with_email(self, email: str) -> "models.QuerySet[User]":
        """Users whose e-mail address is ``email``, ignoring case, found through the blind index (the address
        itself is encrypted, core/fields.py). Rows not yet rotated to the current key are found too."""
        indexes = crypto.blind_indexes(normalise_email_for_lookup(email), purpose=EMAIL_INDEX_PURPOSE)
        return self.filter(email_index__in=indexes) if indexes else self.none()

    def get_by_email(self, email: str) -> "User":
        """The one active-or-not user whose e-mail matches, ignoring case (raises DoesNotExist)."""
        return self.with_email(email).get()


class User(AbstractUser):
    # A Chinese name is written as one string; it is not split into first and last name.
    first_name = None
    last_name = None
    real_name = models.CharField(_("真实姓名"), max_length=100)
    # Encrypted at rest (SM4, core/crypto.py); found by ``email_index``, an HMAC-SM3 blind index.
    email = EncryptedEmailField(_("电子邮箱"), help_text=_("用于找回密码和接收通知。"))
    email_index = models.CharField(max_length=100, blank=True, default="", editable=False)
    phone = EncryptedCharField(_("电话"), max_length=20, blank=True, validators=[phone_validator])
    language = models.CharField(_("首选语言"), max_length=10, choices=Language.choices, default=Language.ZH_HANS)
    # The version of the privacy notice last accepted (0: none yet); the history is in PrivacyConsent.
    privacy_version = models.PositiveIntegerField(_("已同意的隐私政策版本"), default=0, editable=False)
    # When the person deleted the account: details erased, a pseudonym in their place, sign-in impossible.
    erased_at = models.DateTimeField(_("注销时间"), null=True, blank=True, editable=False)

    objects = UserManager()

    REQUIRED_FIELDS = ["email", "real_name"]
    BLIND_INDEX_FIELDS = ["email_index"]  # recomputed by save(); re-keyed by `manage.py rotate_field_keys`

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = [
            # One account per address, ignoring case; an erased (deleted) account has no address.
            models.UniqueConstraint(
                fields=["email_index"], condition=~models.Q(email_index=""), name="accounts_user_email_index_unique",
                violation_error_message=MESSAGE_EMAIL_TAKEN,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.real_name} ({self.username})" if self.real_name else self.username

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Keep the blind index in step with the address (also when only ``email`` is in update_fields)."""
        self.email_index = email_index(self.email)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "email" in update_fields:
            kwargs["update_fields"] = {*update_fields, "email_index"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()  # normalises the e-mail's domain
        others = User.objects.exclude(pk=self.pk)
        errors = {}
        if self.username and others.filter(username__iexact=self.username).exists():
            errors["username"] = ValidationError(MESSAGE_USERNAME_TAKEN, code="username_taken")
        if self.email and others.filter(email_index__in=crypto.blind_indexes(
                normalise_email_for_lookup(self.email), purpose=EMAIL_INDEX_PURPOSE)).exists():
            # Reported on the field here; the database constraint above is the backstop.
            errors["email"] = ValidationError(MESSAGE_EMAIL_TAKEN, code="email_taken")
        if errors:
            raise ValidationError(errors)

    def get_full_name(self) -> str:
        return self.real_name

    def get_short_name(self) -> str:
        return self.real_name

    def refresh_from_db(self, *args: Any, **kwargs: Any) -> None:
        self.forget_memberships()
        super().refresh_from_db(*args, **kwargs)

    # --- Role helpers (read by policy.py) --------------------------------------------------
    def _memberships(self) -> list["Membership"]:
        cached = self.__dict__.get("_membership_cache")
        if cached is None:
            cached = [] if self.pk is None else list(self.memberships.select_related("organisation"))
            self.__dict__["_membership_cache"] = cached
        return cached

    def forget_memberships(self) -> None:
        """Drop the cached memberships; services call this after changing them."""
        self.__dict__.pop("_membership_cache", None)

    def memberships_of_kind(self, kind: str) -> list["Membership"]:
        return [m for m in self._memberships() if m.organisation.kind == kind]

    def role_in(self, organisation: "Organisation") -> str | None:
        """This user's role in the organisation, or None."""
        return next((m.role for m in self._memberships() if m.organisation_id == organisation.pk), None)

    def is_secretariat_of(self, tc_code: str) -> bool:
        """Secretary or admin of the secretariat of exactly this committee ("SAC/TC 28" ≠ "SAC/TC 28/SC 1")."""
        wanted = normalise_tc_code(tc_code)
        return any(
            m.organisation.tc_code == wanted and m.role in SECRETARIAT_ROLES
            for m in self.memberships_of_kind(OrganisationKind.TC_SECRETARIAT)
        )

    def is_ministry_for(self, industry_code: str) -> bool:
        """Works in the government department that administers this industry's standards (e.g. "JB")."""
        wanted = normalise_industry_code(industry_code)
        return any(
            m.organisation.industry_code == wanted
            for m in self.memberships_of_kind(OrganisationKind.GOVERNMENT_DEPARTMENT)
        )

    def is_bureau_for(self, region_code: str) -> bool:
        """Works in a market-regulation bureau covering the region: a province covers all its cities."""
        return any(
            region_covers(m.organisation.region_code, region_code)
            for m in self.memberships_of_kind(OrganisationKind.BUREAU)
        )

    @property
    def is_national_administration_member(self) -> bool:
        return bool(self.memberships_of_kind(OrganisationKind.NATIONAL_ADMINISTRATION))

    @property
    def is_reviewer(self) -> bool:
        return any(
            m.role == MembershipRole.REVIEWER
            for m in self.memberships_of_kind(OrganisationKind.NATIONAL_ADMINISTRATION)
        )

    @property
    def is_privileged(self) -> bool:
        """Acts with authority: staff, superuser, administrator, reviewer, or secretary/admin of a TC secretariat.
        These people must use a second factor and get shorter sessions (accounts/security/)."""
        return (
            self.is_staff
            or self.is_superuser
            or self.is_reviewer
            or self.is_administrator
            or any(m.role in SECRETARIAT_ROLES for m in self.memberships_of_kind(OrganisationKind.TC_SECRETARIAT))
        )

    @property
    def is_administrator(self) -> bool:
        """A superuser, or an admin of the national administration organisation."""
        if self.is_superuser:
            return True
        return any(
            m.role == MembershipRole.ADMIN for m in self.memberships_of_kind(OrganisationKind.NATIONAL_ADMINISTRATION)
        )


class Organisation(models.Model):
    kind = models.CharField(_("类型"), max_length=30, choices=OrganisationKind.choices, db_index=True)
    name = models.CharField(_("名称"), max_length=200)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    uscc = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        blank=True,
        validators=[validate_uscc],
        help_text=_("18 位，见营业执照或登记证书；企业、社会团体和检验检测机构必填。"),
    )
    industry_code = models.CharField(
        _("行业标准代号"),
        max_length=2,
        blank=True,
        validators=[validate_industry_code],
        help_text=_("政府部门主管的行业，如 JB。"),
    )
    region_code = models.CharField(
        _("行政区划代码"),
        max_length=4,
        blank=True,
        validators=[validate_region_code],
        help_text=_("市场监管部门的辖区：省级 2 位，地市级 4 位。"),
    )
    tc_code = models.CharField(
        _("技术委员会编号"),
        max_length=40,
        blank=True,
        validators=[validate_tc_code],
        help_text=_("秘书处承担的技术委员会，如 SAC/TC 28。"),
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("组织")
        verbose_name_plural = _("组织")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["name", "id"], name="accounts_org_name_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["uscc"],
                condition=~models.Q(uscc=""),
                name="accounts_organisation_uscc_unique",
                violation_error_code="unique",  # reported on the uscc field
                violation_error_message=MESSAGE_USCC_TAKEN,
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def normalise(self) -> None:
        """Bring codes to their stored spelling (upper case, no spaces, "SAC/TC 28")."""
        self.uscc = compact_uscc(self.uscc)
        self.industry_code = normalise_industry_code(self.industry_code)
        self.region_code = normalise_region_code(self.region_code)
        self.tc_code = normalise_tc_code(self.tc_code)

    def clean_fields(self, exclude: Any = None) -> None:
        self.normalise()  # before the field validators, so "9132 0100…" is judged as 18 characters
        super().clean_fields(exclude)

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.kind in USCC_REQUIRED_KINDS and not self.uscc:
            errors["uscc"] = ValidationError(
                _("%(kind)s必须填写统一社会信用代码。"), code="uscc_required", params={"kind": self.get_kind_display()}
            )
        for kind, field_name in SCOPE_FIELD_BY_KIND.items():
            value = getattr(self, field_name)
            label = self._meta.get_field(field_name).verbose_name
            if self.kind == kind and not value:
                errors[field_name] = ValidationError(
                    _("%(kind)s必须填写%(field)s。"), code="required", params={"kind": kind.label, "field": label}
                )
            elif self.kind != kind and value:
                errors[field_name] = ValidationError(
                    _("只有%(kind)s填写%(field)s。"), code="not_applicable", params={"kind": kind.label, "field": label}
                )
        if errors:
            raise ValidationError(errors)


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("用户"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("组织")
    )
    role = models.CharField(_("角色"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    joined_at = models.DateTimeField(_("加入时间"), default=timezone.now)

    class Meta:
        verbose_name = _("组织成员")
        verbose_name_plural = _("组织成员")
        ordering = ["id"]  # pages order explicitly (selectors.py); no join on every query
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                name="accounts_membership_unique_user_organisation",
                violation_error_message=MESSAGE_ALREADY_MEMBER,
            ),
        ]
        indexes = [models.Index(fields=["organisation", "role"], name="accounts_mem_org_role_idx")]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"

    def clean(self) -> None:
        if self.organisation_id is None:
            return
        allowed = ROLES_BY_KIND[self.organisation.kind]
        if self.role not in allowed:
            raise ValidationError(
                {
                    "role": ValidationError(
                        _("%(kind)s没有“%(role)s”这个角色，可选：%(allowed)s。"),
                        code="role_not_allowed",
                        params={
                            "kind": self.organisation.get_kind_display(),
                            "role": self.get_role_display(),
                            "allowed": "、".join(str(MembershipRole(r).label) for r in sorted(allowed)),
                        },
                    )
                }
            )


class AccountEventKind(models.TextChoices):
    # Values are stored and read by audit and statistics: never rename one.
    USER_REGISTERED = "user_registered", _("注册账号")
    ORGANISATION_CREATED = "organisation_created", _("创建组织")
    MEMBER_ADDED = "member_added", _("添加成员")
    MEMBER_REMOVED = "member_removed", _("移除成员")
    MEMBER_ROLE_CHANGED = "member_role_changed", _("变更成员角色")
    API_TOKEN_CREATED = "api_token_created", _("创建API令牌")
    API_TOKEN_REVOKED = "api_token_revoked", _("撤销API令牌")
    USER_UPDATED = "user_updated", _("修改账号信息")
    USER_ACCESS_CHANGED = "user_access_changed", _("变更账号权限")
    ORGANISATION_UPDATED = "organisation_updated", _("修改组织信息")
    SECOND_FACTOR_ENROLLED = "second_factor_enrolled", _("启用两步验证")
    SECOND_FACTOR_REMOVED = "second_factor_removed", _("停用两步验证")
    RECOVERY_CODES_ISSUED = "recovery_codes_issued", _("生成恢复码")
    RECOVERY_CODE_USED = "recovery_code_used", _("使用恢复码")
    SIGN_IN_UNLOCKED = "sign_in_unlocked", _("解除登录锁定")
    USER_DELETED = "user_deleted", _("注销账号")


class AccountEvent(AppendOnly):
    """One change to users, organisations or memberships: who, when, what, to whom. Never updated; written only
    by the constructors in accounts/events.py.

    ``data`` keys by kind: user_registered {"username", "self_registered"}; user_updated {"before", "after"}
    (changed details); user_access_changed {"before", "after"} (changed is_active, is_staff, is_superuser, groups,
    user_permissions); organisation_created {"kind", "name", "uscc", "founder_role"}; organisation_updated
    {"before", "after"}; member_added {"role"}; member_removed {"role"}; member_role_changed {"from", "to"};
    api_token_created {"token", "name", "prefix"}; api_token_revoked {"token", "prefix"};
    second_factor_enrolled {"device"}; second_factor_removed {"devices"}; recovery_codes_issued {"count"};
    recovery_code_used {"remaining"}; sign_in_unlocked {"reason", "address"}; user_deleted {"pseudonym"}
    (nothing else about the person: their details were erased).
    """

    kind = models.CharField(_("类型"), max_length=40, choices=AccountEventKind.choices)
    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("操作人")
    )
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    target_user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="account_events", verbose_name=_("对象用户")
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="events", verbose_name=_("组织")
    )
    data = models.JSONField(_("数据"), default=dict, blank=True)

    class Meta:
        verbose_name = _("账号事件")
        verbose_name_plural = _("账号事件")
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["kind", "at"], name="accounts_event_kind_at_idx"),
            models.Index(fields=["organisation", "at"], name="accounts_event_org_at_idx"),
            models.Index(fields=["target_user", "at"], name="accounts_event_user_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}"



class ApiToken(models.Model):
    """A personal API token (accounts/tokens.py): only its digest is stored; revoking is for ever."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("用途"), max_length=100)
    prefix = models.CharField(max_length=12)  # the first characters, shown to tell tokens apart
    key_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API令牌")
        verbose_name_plural = _("API令牌")

    def __str__(self) -> str:
        return f"{self.user_id} {self.prefix}… {self.name}"

    @property
    def active(self) -> bool:
        return self.revoked_at is None


# Sign-in security records live in their own module (accounts/security/models.py) and belong to this app.
from .privacy.models import PrivacyConsent  # noqa: E402, F401 (a model of this app, kept beside the privacy code)
from .security.models import (  # noqa: E402, F401
    FailureReason,
    RecoveryCode,
    RecoveryCodeDevice,
    SessionEnd,
    SignInThrottle,
    ThrottleScope,
    UnlockReason,
)

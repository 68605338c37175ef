"""The security audit log: one hash-chained, append-only record per security event, and the three separated
administrative roles (三权分立). See docs/decisions/0007-audit-log.md.

Records are written only by ``records.record`` (which chains them under a lock on ``AuditChainHead``); the
database refuses to change them (triggers, migration 0001) and deletes them only in the retention purge
(``purge.py``), which first appends an ``AuditPurge`` anchor.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from biaozhun.core.models import AppendOnly


class AuditKind(models.TextChoices):
    # Values are stored and hashed: never rename one.
    LOGIN = "login", _("登录")
    LOGIN_FAILED = "login_failed", _("登录失败")
    LOGOUT = "logout", _("退出登录")
    PASSWORD_CHANGED = "password_changed", _("修改密码")
    PASSWORD_RESET_REQUESTED = "password_reset_requested", _("申请重置密码")
    PASSWORD_RESET_DONE = "password_reset_done", _("重置密码")
    ACCOUNT_CREATED = "account_created", _("创建账号")
    ACCOUNT_UPDATED = "account_updated", _("修改账号信息")
    ACCESS_CHANGED = "access_changed", _("变更账号权限")
    MEMBERSHIP_CHANGED = "membership_changed", _("变更组织成员身份")
    ROLE_GRANTED = "role_granted", _("授予管理角色")
    ROLE_WITHDRAWN = "role_withdrawn", _("撤销管理角色")
    API_TOKEN_CREATED = "api_token_created", _("创建API令牌")
    API_TOKEN_REVOKED = "api_token_revoked", _("撤销API令牌")
    ACCOUNT_LOCKED = "account_locked", _("锁定账号")
    ACCOUNT_UNLOCKED = "account_unlocked", _("解锁账号")
    MFA_ENROLLED = "mfa_enrolled", _("启用双因素认证")
    MFA_REMOVED = "mfa_removed", _("停用双因素认证")
    RECOVERY_CODES_ISSUED = "recovery_codes_issued", _("生成恢复码")
    RECOVERY_CODE_USED = "recovery_code_used", _("使用恢复码")
    SESSION_EXPIRED = "session_expired", _("会话超时")
    DATA_EXPORTED = "data_exported", _("导出数据")
    AUDIT_LOG_EXPORTED = "audit_log_exported", _("导出审计日志")
    AUDIT_LOG_PURGED = "audit_log_purged", _("清理过期审计日志")


class Outcome(models.TextChoices):
    SUCCESS = "success", _("成功")
    FAILURE = "failure", _("失败")
    REFUSED = "refused", _("拒绝")


class AuditRecord(AppendOnly):
    """One security event: when, who (``user``; ``username`` as typed for a failed login), what (``kind``),
    from where (``address``, ``user_agent``), with what ``outcome``, to what (``target_*``) and ``data``.

    ``seq`` numbers the chain without gaps; ``hash`` is the SM3 digest of the record's canonical content, which
    includes ``prev_hash``, the hash of the record before it (chain.py).

    ``data`` keys by kind: login_failed {"reason"?}; password_changed {"by_administrator"};
    password_reset_requested {"email", "accounts"}; account_created / account_updated / access_changed /
    membership_changed / api_token_* {"account_event", ...the account event's data}; role_granted /
    role_withdrawn {"role"}; account_locked ... recovery_code_used: the sender's extra arguments;
    audit_log_exported {"format", "filters", "rows"}; audit_log_purged {"through_seq", "records", "cutoff",
    "file", "file_sm3", "anchor_hash"}.
    """

    seq = models.BigIntegerField(_("序号"), unique=True)
    at = models.DateTimeField(_("时间"), db_index=True)
    kind = models.CharField(_("事件"), max_length=40, choices=AuditKind.choices)
    outcome = models.CharField(_("结果"), max_length=10, choices=Outcome.choices, default=Outcome.SUCCESS)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("用户"))
    username = models.CharField(_("用户名"), max_length=254, blank=True)
    address = models.CharField(_("地址"), max_length=64, blank=True)
    user_agent = models.CharField(_("浏览器"), max_length=300, blank=True)
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("对象类型"))
    target_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    target_repr = models.CharField(_("对象"), max_length=200, blank=True)
    data = models.JSONField(_("数据"), default=dict, blank=True)
    prev_hash = models.CharField(_("前一记录哈希"), max_length=64)
    hash = models.CharField(_("哈希"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        ordering = ["-seq"]
        indexes = [
            models.Index(fields=["kind", "at"], name="audit_record_kind_at_idx"),
            models.Index(fields=["user", "at"], name="audit_record_user_at_idx"),
            models.Index(fields=["address", "at"], name="audit_record_address_at_idx"),
            models.Index(fields=["outcome", "at"], name="audit_record_outcome_at_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.at:%Y-%m-%d %H:%M:%S} {self.get_kind_display()}"


class AuditChainHead(models.Model):
    """The one row (pk 1) writers lock to append to the chain: the last record's number and hash. The record
    after ``last_seq`` gets ``last_seq + 1`` and ``prev_hash = last_hash``; audit_verify checks that the head
    matches the last record, so cutting records off the end is detected too."""

    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("审计链头")
        verbose_name_plural = _("审计链头")

    def __str__(self) -> str:
        return f"#{self.last_seq} {self.last_hash[:12]}"


class AuditPurge(AppendOnly):
    """One retention purge: records up to ``through_seq`` were exported to ``export_file`` (whose SM3 digest is
    ``export_sm3``) and deleted. The newest purge is the chain's anchor: the first remaining record follows
    ``last_hash``. The database lets the audit records be deleted only up to the newest purge's
    ``through_seq`` and only when older than the legal minimum (migration 0001)."""

    at = models.DateTimeField(_("时间"))
    cutoff = models.DateTimeField(_("截止时间"))
    through_seq = models.BigIntegerField(_("清理至序号"))
    last_hash = models.CharField(_("最后一条的哈希"), max_length=64)
    records = models.PositiveIntegerField(_("记录数"))
    export_file = models.CharField(_("导出文件"), max_length=500)
    export_sm3 = models.CharField(_("导出文件SM3"), max_length=64)

    class Meta:
        verbose_name = _("审计日志清理")
        verbose_name_plural = _("审计日志清理")
        ordering = ["-through_seq"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} ≤ #{self.through_seq}"


class AdminRole(models.TextChoices):
    """The three separated administrative roles (三权分立, GB/T 22239-2019 8.1.4.2 / 8.1.10)."""

    SYSTEM_ADMINISTRATOR = "system_administrator", _("系统管理员")
    SECURITY_ADMINISTRATOR = "security_administrator", _("安全管理员")
    AUDITOR = "auditor", _("审计员")


class RoleAssignment(models.Model):
    """A user holds an administrative role. Written only by roles.grant_role / roles.withdraw_role, which record
    each change in the audit log; the rules of separation are theirs."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="admin_roles",
                             verbose_name=_("用户"))
    role = models.CharField(_("角色"), max_length=30, choices=AdminRole.choices)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("授予人"))
    granted_at = models.DateTimeField(_("授予时间"))

    class Meta:
        verbose_name = _("管理角色")
        verbose_name_plural = _("管理角色")
        ordering = ["role", "user_id"]
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="audit_role_unique_user_role")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.get_role_display()}"

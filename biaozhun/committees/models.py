"""Technical committees (TC), subcommittees (SC), working groups (SWG) and overall coordination groups (总体组, CG),
their terms (届次), members and history. Applications to establish, restructure or merge a committee are in
``committees/applications/models.py`` (imported at the end of this module)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from biaozhun.core.fields import EncryptedCharField, EncryptedEmailField
from biaozhun.core.models import AppendOnly
from biaozhun.rules.committees import Status


class CommitteeKind(models.TextChoices):
    TC = "TC", _("技术委员会")
    SC = "SC", _("分技术委员会")
    SWG = "SWG", _("标准化工作组")
    CG = "CG", _("标准化总体组")  # SAC/CG 1: plans and coordinates a field that spans several committees


class Stakeholder(models.TextChoices):
    """Stakeholder categories of members; no category may hold more than half the voting seats."""

    PRODUCER = "producer", _("生产者")
    USER = "user", _("使用者（经营者）")
    CONSUMER = "consumer", _("消费者")
    GOVERNMENT = "government", _("政府部门")
    RESEARCH = "research", _("科研机构与高校")
    TESTING = "testing", _("检验检测与认证机构")
    OTHER = "other", _("其他")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("主任委员")
    VICE_CHAIR = "vice_chair", _("副主任委员")
    SECRETARY_GENERAL = "secretary_general", _("秘书长")
    MEMBER = "member", _("委员")
    OBSERVER = "observer", _("观察员")


class CommitteeStatus(models.TextChoices):
    """Where a committee stands (rules/committees.STATUS_MOVES says which moves are allowed)."""

    ACTIVE = Status.ACTIVE.value, pgettext_lazy("committee status", "正常")
    SUSPENDED = Status.SUSPENDED.value, _("暂停工作")  # exists, keeps its work, opens no ballot or new project
    REVOKED = Status.REVOKED.value, _("已撤销")
    MERGED = Status.MERGED.value, _("已合并")  # its work went to ``merged_into``


class CommitteeQuerySet(models.QuerySet):
    def existing(self) -> CommitteeQuerySet:
        """Committees that still exist (at work or suspended): the public register."""
        return self.filter(status__in=(CommitteeStatus.ACTIVE, CommitteeStatus.SUSPENDED))

    def at_work(self) -> CommitteeQuerySet:
        """Committees that may take new projects and open ballots."""
        return self.filter(status=CommitteeStatus.ACTIVE)


class Committee(models.Model):
    code = models.CharField(_("编号"), max_length=40, unique=True)  # SAC/TC 28, SAC/TC 28/SC 1, SAC/SWG 5, SAC/CG 1
    kind = models.CharField(_("类型"), max_length=4, choices=CommitteeKind.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="subcommittees")
    name_zh = models.CharField(_("名称"), max_length=200)
    name_en = models.CharField(_("英文名称"), max_length=300, blank=True)
    scope = models.TextField(_("工作领域"), blank=True)
    secretariat = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("秘书处承担单位"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="committees",
    )
    international_counterpart = models.CharField(_("对口国际组织"), max_length=60, blank=True)  # ISO/TC 176
    established_on = models.DateField(_("成立日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=CommitteeStatus.choices,
                              default=CommitteeStatus.ACTIVE, db_index=True)
    merged_into = models.ForeignKey("self", verbose_name=_("并入"), null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="merged_from")
    guiding_unit = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("业务指导单位"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="guided_committees",
    )
    # The secretariat's contact person (personal data: shown to signed-in people only, committees.view_contacts).
    contact_name = models.CharField(_("秘书处联系人"), max_length=100, blank=True)
    contact_phone = EncryptedCharField(_("联系电话"), max_length=40, blank=True)
    contact_email = EncryptedEmailField(_("联系邮箱"), blank=True)

    objects = CommitteeQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("技术委员会")
        verbose_name_plural = _("技术委员会")

    def __str__(self) -> str:
        return f"{self.code} {self.name_zh}"

    def get_absolute_url(self) -> str:
        return reverse("committees:detail", args=[self.code])

    @property
    def is_at_work(self) -> bool:
        return self.status == CommitteeStatus.ACTIVE


class Member(models.Model):
    """A seat on a committee for a term. People are named by the committee; an account link is optional."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("姓名"), max_length=100)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="committee_seats")
    organisation = models.CharField(_("工作单位"), max_length=200)
    stakeholder = models.CharField(_("利益相关方类别"), max_length=12, choices=Stakeholder.choices)
    role = models.CharField(_("职务"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    title = models.CharField(_("职称"), max_length=50, blank=True)  # 教授级高级工程师, 研究员...
    voting = models.BooleanField(_("有表决权"), default=True)
    term_start = models.DateField(_("任期开始"))
    term_end = models.DateField(_("任期结束"))

    class Meta:
        ordering = ["committee", "role", "name"]
        verbose_name = _("委员")
        verbose_name_plural = _("委员")
        constraints = [models.CheckConstraint(condition=models.Q(term_end__gte=models.F("term_start")),
                                              name="committees_member_term_order")]

    def __str__(self) -> str:
        return f"{self.committee.code} {self.name}"

    def in_term(self, on) -> bool:
        return self.term_start <= on <= self.term_end


class Term(models.Model):
    """A term of a committee (第N届): its seats run from ``start`` to ``end``. Terms of one committee follow each
    other without overlapping; written only by committees/terms.py."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="terms")
    number = models.PositiveSmallIntegerField(_("届次"))
    start = models.DateField(_("本届开始"))
    end = models.DateField(_("本届结束"))

    class Meta:
        ordering = ["committee", "number"]
        verbose_name = _("届次")
        verbose_name_plural = _("届次")
        constraints = [
            models.UniqueConstraint(fields=["committee", "number"], name="committees_term_number"),
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="committees_term_order"),
        ]
        indexes = [models.Index(fields=["end"], name="committees_term_end_idx")]

    def __str__(self) -> str:
        return f"{self.committee_id} {self.number}"

    @property
    def label(self) -> str:
        return _("第%(n)d届") % {"n": self.number}


class CommitteeEvent(AppendOnly):
    """Append-only history of a committee, written only by the constructors in committees/events.py.

    ``data`` keys by kind: created {"code"} (and "application", the id of the approved application, when it was
    established through one); updated {"before", "after"} (the changed fields, old and new; "application" likewise);
    member_added {"member_id", "name", "stakeholder"}; member_changed {"member_id", "name", "before", "after"};
    member_ended {"member_id", "on", "reason"}; contacts_changed {"fields"} (the names of the changed contact
    fields, never their values: they are personal data); term_started {"number", "start", "end", "carried", "ended",
    "added"} (member ids carried into the new term, seats ended, seats added); term_reminded {"number", "end",
    "days_before"}; suspended, reinstated, revoked, merged {"before", "reason",
    "decision", "on"} (merged also "merged_into": the code of the committee taking its work).
    """

    class Kind(models.TextChoices):
        # Values are stored and read by history pages and statistics: never rename one.
        CREATED = "created", _("成立")
        UPDATED = "updated", _("变更委员会信息")
        MEMBER_ADDED = "member_added", _("增补委员")
        MEMBER_CHANGED = "member_changed", _("变更委员信息")
        MEMBER_ENDED = "member_ended", _("委员离任")
        SUSPENDED = Status.SUSPENDED.value, _("暂停工作")
        REINSTATED = "reinstated", _("恢复工作")
        REVOKED = "revoked", _("撤销")
        MERGED = "merged", _("合并")
        CONTACTS_CHANGED = "contacts_changed", _("变更联系方式")
        TERM_STARTED = "term_started", _("换届")
        TERM_REMINDED = "term_reminded", _("换届提醒")

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(default=timezone.now)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.committee_id} {self.kind}"



from .applications.models import Application, ApplicationComment, ApplicationEvent, ApplicationSeat  # noqa: E402

__all__ = ["Application", "ApplicationComment", "ApplicationEvent", "ApplicationSeat", "Committee", "CommitteeEvent",
           "CommitteeKind", "CommitteeQuerySet", "CommitteeStatus", "Member", "MemberRole", "Stakeholder", "Term"]

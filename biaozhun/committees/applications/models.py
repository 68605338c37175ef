"""An application to establish, restructure or merge a committee, its proposed seats, the comments made during its
public notice, and its append-only history. Written only by committees/applications/services.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biaozhun.core.fields import EncryptedCharField, EncryptedEmailField
from biaozhun.core.models import AppendOnly
from biaozhun.rules.committees import ApplicationState, Purpose


class ApplicationPurpose(models.TextChoices):
    ESTABLISH = Purpose.ESTABLISH.value, _("筹建")
    RESTRUCTURE = Purpose.RESTRUCTURE.value, _("调整")
    MERGE = Purpose.MERGE.value, _("合并")


class ApplicationStatus(models.TextChoices):
    """Where an application stands (rules/committees.application_moves says where it may go)."""

    DRAFT = ApplicationState.DRAFT.value, _("草稿")
    SUBMITTED = ApplicationState.SUBMITTED.value, _("已提交")
    NOTICE = ApplicationState.NOTICE.value, _("公示中")
    APPROVED = ApplicationState.APPROVED.value, _("已批准")
    REJECTED = ApplicationState.REJECTED.value, _("未批准")
    WITHDRAWN = ApplicationState.WITHDRAWN.value, _("已撤回")


class Application(models.Model):
    """What an organisation asks the administration: found a committee (its proposed code, names, scope,
    secretariat, guiding unit, mirrored ISO/IEC committees and seats), change one (the same fields, as they should
    become) or merge one into another (``committee`` into ``merge_into``)."""

    purpose = models.CharField(_("申请事项"), max_length=12, choices=ApplicationPurpose.choices,
                               default=ApplicationPurpose.ESTABLISH)
    state = models.CharField(_("状态"), max_length=10, choices=ApplicationStatus.choices,
                             default=ApplicationStatus.DRAFT, db_index=True)
    applicant = models.ForeignKey("accounts.Organisation", verbose_name=_("申请单位"), on_delete=models.PROTECT,
                                  related_name="committee_applications")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("填报人"), on_delete=models.PROTECT,
                                   related_name="+")
    # restructure, merge: the committee concerned; establish: the committee founded on approval.
    committee = models.ForeignKey("committees.Committee", verbose_name=_("技术委员会"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="applications")
    merge_into = models.ForeignKey("committees.Committee", verbose_name=_("并入"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类型"), max_length=4, blank=True)  # CommitteeKind value
    code = models.CharField(_("拟定编号"), max_length=40, blank=True)
    name_zh = models.CharField(_("名称"), max_length=200, blank=True)
    name_en = models.CharField(_("英文名称"), max_length=300, blank=True)
    scope = models.TextField(_("工作领域"), blank=True)
    justification = models.TextField(_("必要性和可行性"), blank=True)
    international_counterpart = models.CharField(_("对口国际组织"), max_length=60, blank=True)
    secretariat = models.ForeignKey("accounts.Organisation", verbose_name=_("秘书处承担单位"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    guiding_unit = models.ForeignKey("accounts.Organisation", verbose_name=_("业务指导单位"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    contact_name = models.CharField(_("秘书处联系人"), max_length=100, blank=True)
    contact_phone = EncryptedCharField(_("联系电话"), max_length=40, blank=True)
    contact_email = EncryptedEmailField(_("联系邮箱"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    notice_opened_on = models.DateField(_("公示开始"), null=True, blank=True)
    notice_closes_on = models.DateField(_("公示截止"), null=True, blank=True)  # the last day comments are taken
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    decision = models.CharField(_("批准文号"), max_length=100, blank=True)
    decision_reason = models.TextField(_("决定理由"), blank=True)

    class Meta:
        verbose_name = _("技术委员会申请")
        verbose_name_plural = _("技术委员会申请")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "notice_closes_on"], name="committees_app_state_idx"),
            models.Index(fields=["applicant", "-created_at"], name="committees_app_applicant_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.code or self.name_zh}"

    def get_absolute_url(self) -> str:
        return reverse("committees:application", args=[self.pk])

    @property
    def is_public(self) -> bool:
        """Read by everyone once it went to public notice (before that: its applicant and the administration)."""
        return self.notice_opened_on is not None

    @property
    def is_open(self) -> bool:
        return self.state in (ApplicationStatus.SUBMITTED, ApplicationStatus.NOTICE)


class ApplicationSeat(models.Model):
    """A proposed seat of a committee to be established (seated on approval through committees.services)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="seats")
    position = models.PositiveSmallIntegerField(_("序号"))
    name = models.CharField(_("姓名"), max_length=100)
    organisation = models.CharField(_("工作单位"), max_length=200)
    stakeholder = models.CharField(_("利益相关方类别"), max_length=12)  # Stakeholder value
    role = models.CharField(_("职务"), max_length=20)  # MemberRole value
    title = models.CharField(_("职称"), max_length=50, blank=True)
    voting = models.BooleanField(_("有表决权"), default=True)

    class Meta:
        ordering = ["application", "position"]
        verbose_name = _("拟任委员")
        verbose_name_plural = _("拟任委员")

    def __str__(self) -> str:
        return f"{self.application_id} {self.name}"


class ApplicationComment(models.Model):
    """A signed-in person's comment during the public notice; public under a pseudonym (公示意见人 n: the same for one
    person's comments on one application); the name and organisation only for the applicant and the administration
    (committees.identify_commenters)."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="comments")
    number = models.PositiveIntegerField(_("序号"))
    commenter_number = models.PositiveIntegerField(_("意见人编号"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    author_name = models.CharField(_("提出人姓名"), max_length=100)
    organisation_name = models.CharField(_("所在单位"), max_length=200, blank=True)
    text = models.TextField(_("意见内容"))
    submitted_at = models.DateTimeField(_("提出时间"), default=timezone.now)

    class Meta:
        ordering = ["application", "number"]
        verbose_name = _("公示意见")
        verbose_name_plural = _("公示意见")
        constraints = [models.UniqueConstraint(fields=["application", "number"], name="committees_comment_number")]

    def __str__(self) -> str:
        return f"{self.application_id}#{self.number}"

    @property
    def pseudonym(self) -> str:
        return _("意见人 %(n)d") % {"n": self.commenter_number}


class ApplicationEvent(AppendOnly):
    """Append-only history of an application, written only by committees/applications/events.py.

    ``data`` keys by kind: created {"purpose"}; updated {"fields"} (names of the changed fields); submitted {"seats"};
    withdrawn {"reason"}; notice_opened {"opened_on", "closes_on"}; commented {"number"}; approved {"committee",
    "decision", "reason"} (the code of the committee founded, changed or merged); rejected {"reason", "decision"}.
    """

    class Kind(models.TextChoices):
        # Values are stored and read by history pages and statistics: never rename one.
        CREATED = "created", _("创建申请")
        UPDATED = "updated", _("修改申请")
        SUBMITTED = "submitted", _("提交申请")
        WITHDRAWN = "withdrawn", _("撤回申请")
        NOTICE_OPENED = "notice_opened", _("开始公示")
        COMMENTED = "commented", _("提出公示意见")
        APPROVED = "approved", _("批准")
        REJECTED = "rejected", _("不予批准")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(default=timezone.now)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("申请记录")
        verbose_name_plural = _("申请记录")

    def __str__(self) -> str:
        return f"{self.application_id} {self.kind}"

"""China's participation in ISO and IEC (work-plan items 78–84): the register of ISO/IEC committees with China's
membership, the Chinese committees that mirror them (对口), the posts China holds (secretariats, chairs,
convenors…), the new work items led from China with their harmonized stages, and China's votes on ISO/IEC ballots,
prepared by the mirror committee. Every change goes through services/participation and writes one
``ParticipationEvent`` (append-only). The arithmetic is pure: biaozhun/rules/participation.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from biaozhun.core import clock
from biaozhun.core.models import AppendOnly
from biaozhun.rules.participation import BallotKind as Kind
from biaozhun.rules.participation import deadline_missed


class ChinaMembership(models.TextChoices):
    """China's membership of an ISO/IEC committee (SAC for ISO, the CNC/IEC for IEC)."""

    PARTICIPATING = "P", _("积极成员（P成员）")
    OBSERVING = "O", _("观察成员（O成员）")
    NONE = "", _("非成员")


class InternationalCommittee(models.Model):
    """One ISO or IEC committee (TC, SC, PC, SyC, JTC 1 and its SCs), as the register knows it."""

    code = models.CharField(_("编号"), max_length=40, unique=True)  # canonical: rules.participation.committee_code
    organisation = models.CharField(_("国际组织"), max_length=8, editable=False)  # ISO, IEC, ISO/IEC
    parent = models.ForeignKey("self", verbose_name=_("上级技术委员会"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="subcommittees")
    title = models.CharField(_("英文名称"), max_length=300)
    title_zh = models.CharField(_("中文名称"), max_length=200, blank=True)
    secretariat_country = models.CharField(_("秘书处所在国"), max_length=60, blank=True)  # "中国", "Germany (DIN)"
    china_membership = models.CharField(_("我国成员身份"), max_length=1, choices=ChinaMembership.choices, blank=True)
    mirrors = models.ManyToManyField("committees.Committee", through="MirrorLink", related_name="+")

    class Meta:
        ordering = ["organisation", "code"]
        verbose_name = _("国际标准化技术机构")
        verbose_name_plural = _("国际标准化技术机构")

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("international:participation_committee", args=[self.pk])


class MirrorLink(models.Model):
    """A Chinese committee mirrors an ISO/IEC committee (国内技术对口单位): it prepares China's positions there."""

    committee = models.ForeignKey("committees.Committee", verbose_name=_("国内技术对口单位"), on_delete=models.PROTECT,
                                  related_name="mirror_links")
    international = models.ForeignKey(InternationalCommittee, verbose_name=_("国际标准化技术机构"),
                                      on_delete=models.PROTECT, related_name="mirror_links")
    since = models.DateField(_("对口起始日期"), null=True, blank=True)

    class Meta:
        ordering = ["international__code", "committee__code"]
        verbose_name = _("国内技术对口")
        verbose_name_plural = _("国内技术对口")
        constraints = [models.UniqueConstraint(fields=["committee", "international"],
                                               name="international_mirror_once")]

    def __str__(self) -> str:
        return f"{self.committee_id} → {self.international_id}"


class PostKind(models.TextChoices):
    SECRETARIAT = "secretariat", _("秘书处")
    TWINNED_SECRETARIAT = "twinned_secretariat", _("联合秘书处")
    CHAIR = "chair", _("主席")
    VICE_CHAIR = "vice_chair", _("副主席")
    CONVENOR = "convenor", _("工作组召集人")
    CO_CONVENOR = "co_convenor", _("联合召集人")
    COMMITTEE_MANAGER = "committee_manager", _("委员会经理（秘书）")


class Post(models.Model):
    """A post China holds on an ISO/IEC body (a committee, or a working group of it named in ``body``)."""

    international = models.ForeignKey(InternationalCommittee, verbose_name=_("国际标准化技术机构"),
                                      on_delete=models.PROTECT, related_name="posts")
    body = models.CharField(_("工作组"), max_length=60, blank=True)  # "WG 23", "JWG 5", "AHG 1"
    kind = models.CharField(_("职务"), max_length=20, choices=PostKind.choices)
    holder = models.CharField(_("担任者"), max_length=100, blank=True)  # empty for a secretariat
    organisation = models.CharField(_("所在单位"), max_length=200)
    start = models.DateField(_("任期开始"))
    end = models.DateField(_("任期结束"), null=True, blank=True)

    class Meta:
        ordering = ["international__code", "body", "kind", "start"]
        verbose_name = _("国际任职")
        verbose_name_plural = _("国际任职")
        constraints = [models.CheckConstraint(condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                                              name="international_post_term_order")]
        indexes = [models.Index(fields=["end"], name="international_post_end")]

    def __str__(self) -> str:
        return f"{self.international_id} {self.body} {self.kind}"

    @property
    def where(self) -> str:
        return f"{self.international.code}/{self.body}" if self.body else self.international.code


class HarmonizedStage(models.TextChoices):
    """ISO harmonized stage codes (rules.participation.STAGES holds the English names and the moves)."""

    S0000 = "00.00", _("00.00 收到新项目提案")
    S0020 = "00.20", _("00.20 新项目提案审查中")
    S0060 = "00.60", _("00.60 审查结束")
    S0098 = "00.98", _("00.98 新项目提案放弃")
    S0099 = "00.99", _("00.99 同意对新项目提案投票")
    S1000 = "10.00", _("10.00 新项目提案登记")
    S1020 = "10.20", _("10.20 新项目投票开始")
    S1060 = "10.60", _("10.60 投票结束")
    S1092 = "10.92", _("10.92 提案退回提交者进一步明确")
    S1098 = "10.98", _("10.98 新项目被否决")
    S1099 = "10.99", _("10.99 新项目批准")
    S2000 = "20.00", _("20.00 列入TC/SC工作计划")
    S2020 = "20.20", _("20.20 工作组草案（WD）研究开始")
    S2060 = "20.60", _("20.60 意见征集结束")
    S2098 = "20.98", _("20.98 项目撤销")
    S2099 = "20.99", _("20.99 WD批准登记为CD")
    S3000 = "30.00", _("30.00 委员会草案（CD）登记")
    S3020 = "30.20", _("30.20 CD研究/投票开始")
    S3060 = "30.60", _("30.60 投票/意见征集结束")
    S3092 = "30.92", _("30.92 CD退回工作组")
    S3098 = "30.98", _("30.98 项目撤销")
    S3099 = "30.99", _("30.99 CD批准登记为DIS")
    S4000 = "40.00", _("40.00 国际标准草案（DIS）登记")
    S4020 = "40.20", _("40.20 DIS投票开始")
    S4060 = "40.60", _("40.60 投票结束")
    S4092 = "40.92", _("40.92 DIS退回TC/SC")
    S4093 = "40.93", _("40.93 决定重新进行DIS投票")
    S4098 = "40.98", _("40.98 项目撤销")
    S4099 = "40.99", _("40.99 DIS批准登记为FDIS")
    S5000 = "50.00", _("50.00 FDIS登记待正式批准")
    S5020 = "50.20", _("50.20 FDIS投票开始")
    S5060 = "50.60", _("50.60 投票结束")
    S5092 = "50.92", _("50.92 FDIS退回TC/SC")
    S5098 = "50.98", _("50.98 项目撤销")
    S5099 = "50.99", _("50.99 FDIS批准出版")
    S6000 = "60.00", _("60.00 国际标准出版中")
    S6060 = "60.60", _("60.60 国际标准已出版")
    S9020 = "90.20", _("90.20 国际标准定期复审中")
    S9060 = "90.60", _("90.60 复审结束")
    S9092 = "90.92", _("90.92 国际标准将修订")
    S9093 = "90.93", _("90.93 国际标准确认")
    S9099 = "90.99", _("90.99 TC/SC提议废止")
    S9520 = "95.20", _("95.20 废止投票开始")
    S9560 = "95.60", _("95.60 投票结束")
    S9592 = "95.92", _("95.92 决定不废止")
    S9599 = "95.99", _("95.99 国际标准废止")


class WorkItem(models.Model):
    """A new work item proposal led from China (我国主导提出的国际标准提案) and the project it became."""

    reference = models.CharField(_("项目编号"), max_length=80, unique=True)  # ISO/NP 24567, IEC 63xxx ED1
    title = models.CharField(_("英文名称"), max_length=500)
    title_zh = models.CharField(_("中文名称"), max_length=300, blank=True)
    international = models.ForeignKey(InternationalCommittee, verbose_name=_("国际标准化技术机构"),
                                      on_delete=models.PROTECT, related_name="work_items")
    committee = models.ForeignKey("committees.Committee", verbose_name=_("国内技术对口单位"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="international_work_items")
    leader = models.CharField(_("项目负责人"), max_length=100)
    leader_organisation = models.CharField(_("负责人单位"), max_length=200)
    proposed_on = models.DateField(_("提出日期"))
    stage = models.CharField(_("阶段"), max_length=5, choices=HarmonizedStage.choices)
    stage_on = models.DateField(_("进入本阶段日期"))

    class Meta:
        ordering = ["-proposed_on", "reference"]
        verbose_name = _("我国提出的国际标准提案")
        verbose_name_plural = _("我国提出的国际标准提案")
        indexes = [models.Index(fields=["stage"], name="international_workitem_stage")]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("international:participation_work_item", args=[self.pk])


class InternationalBallotKind(models.TextChoices):
    NP = Kind.NP.value, _("新工作项目提案（NP）")
    CD = Kind.CD.value, _("委员会草案（CD）")
    DIS = Kind.DIS.value, _("国际标准草案（DIS/CDV）")
    FDIS = Kind.FDIS.value, _("最终国际标准草案（FDIS）")
    SR = Kind.SR.value, _("定期复审（SR）")


class NationalVote(models.TextChoices):
    APPROVE = "approve", _("赞成")
    APPROVE_WITH_COMMENTS = "approve_with_comments", _("赞成并附意见")
    DISAPPROVE = "disapprove", _("反对")
    ABSTAIN = "abstain", _("弃权")


# Votes that must carry China's comments (the reasons of a disapproval, the comments of an approval with comments).
VOTES_WITH_COMMENTS = frozenset({NationalVote.APPROVE_WITH_COMMENTS, NationalVote.DISAPPROVE})


class InternationalBallot(models.Model):
    """An ISO/IEC ballot on which China votes; ``committee`` (the mirror committee) prepares China's position and
    its secretariat records it. ``missed_on``: the day the sweep found the deadline passed without a vote."""

    reference = models.CharField(_("文件编号"), max_length=80)  # ISO/DIS 45001, ISO/TC 176/SC 2 N 1234
    kind = models.CharField(_("投票类型"), max_length=4, choices=InternationalBallotKind.choices)
    title = models.CharField(_("名称"), max_length=500, blank=True)
    international = models.ForeignKey(InternationalCommittee, verbose_name=_("国际标准化技术机构"),
                                      on_delete=models.PROTECT, related_name="ballots")
    committee = models.ForeignKey("committees.Committee", verbose_name=_("国内技术对口单位"), on_delete=models.PROTECT,
                                  related_name="international_ballots")
    opens_on = models.DateField(_("投票开始日期"))
    closes_on = models.DateField(_("投票截止日期"))
    vote = models.CharField(_("我国投票"), max_length=24, choices=NationalVote.choices, blank=True)
    comments = models.TextField(_("我国意见"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("记录时间"), null=True, blank=True)
    missed_on = models.DateField(_("逾期未投票"), null=True, blank=True)
    created_at = models.DateTimeField(_("登记时间"), default=clock.now, editable=False)

    class Meta:
        ordering = ["closes_on", "id"]
        verbose_name = _("国际标准投票")
        verbose_name_plural = _("国际标准投票")
        constraints = [
            models.UniqueConstraint(fields=["reference", "kind"], name="international_ballot_once"),
            models.CheckConstraint(condition=models.Q(closes_on__gte=models.F("opens_on")),
                                   name="international_ballot_order"),
        ]
        indexes = [models.Index(fields=["committee", "closes_on"], name="international_ballot_mirror"),
                   models.Index(fields=["closes_on", "vote"], name="international_ballot_due")]

    def __str__(self) -> str:
        return f"{self.reference} ({self.kind})"

    def get_absolute_url(self) -> str:
        return reverse("international:participation_ballot", args=[self.pk])

    @property
    def voted(self) -> bool:
        return bool(self.vote)

    def is_open(self, today) -> bool:
        """Votes may still be recorded (or changed) until the end of the deadline's day."""
        return not deadline_missed(self.closes_on, today)


class ParticipationEventKind(models.TextChoices):
    """Values are stored and never renamed; the data keys of each are listed in services/participation/events.py."""

    COMMITTEE_REGISTERED = "committee_registered", _("登记国际标准化技术机构")
    COMMITTEE_CHANGED = "committee_changed", _("变更国际标准化技术机构")
    MIRROR_LINKED = "mirror_linked", _("建立国内技术对口")
    MIRROR_UNLINKED = "mirror_unlinked", _("取消国内技术对口")
    POST_RECORDED = "post_recorded", _("登记国际任职")
    POST_CHANGED = "post_changed", _("变更国际任职")
    WORK_ITEM_RECORDED = "work_item_recorded", _("登记国际标准提案")
    STAGE_MOVED = "stage_moved", _("项目阶段变更")
    BALLOT_OPENED = "ballot_opened", _("登记国际投票")
    VOTE_RECORDED = "vote_recorded", _("我国投票已记录")
    BALLOT_REMINDED = "ballot_reminded", _("投票截止提醒")
    BALLOT_MISSED = "ballot_missed", _("逾期未投票")


class ParticipationEvent(AppendOnly):
    kind = models.CharField(_("类型"), max_length=24, choices=ParticipationEventKind.choices)
    international = models.ForeignKey(InternationalCommittee, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="events")
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    work_item = models.ForeignKey(WorkItem, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    ballot = models.ForeignKey(InternationalBallot, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(_("时间"), default=clock.now)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("国际参与事件")
        verbose_name_plural = _("国际参与事件")
        indexes = [models.Index(fields=["ballot", "kind"], name="international_pevent_ballot")]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"

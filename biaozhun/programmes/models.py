"""Pilots, demonstrations and innovation bases (标准化试点示范, 国家技术标准创新基地; work plan items 11, 15, 17, 20,
31, 33, 37, 56, 59, 64, 89, 91, 103).

A programme type (农业标准化示范区, 服务业标准化试点…) is a row administrators edit, with its evaluation template:
criteria with weights for the mid-term and the acceptance evaluation, and each stage's pass mark. A programme is
one call (批次) of a type run by an authority (the national administration or a provincial bureau): draft → open →
closed → decided. Organisations apply while the call is open; an approved application becomes a pilot, which is
evaluated at mid-term and at acceptance by the evaluators the authority names. Every state changes only in
services/, each change with its ``ProgrammeEvent``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from biaozhun.core import clock
from biaozhun.core.models import AppendOnly
from biaozhun.core.storage import UnguessableName, private_storage
from biaozhun.evidence import EvidenceLink


class EvaluationStage(models.TextChoices):
    MIDTERM = "midterm", _("中期评估")
    ACCEPTANCE = "acceptance", _("验收评估")


class ProgrammeType(models.Model):
    """A kind of pilot or demonstration, with the pass marks of its evaluations (its criteria are rows below)."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name_zh = models.CharField(_("名称"), max_length=100)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    description = models.TextField(_("说明"), blank=True)
    work_plan_items = models.CharField(_("工作要点条目"), max_length=100, blank=True,
                                       help_text=_("2019 年全国标准化工作要点中的条目号，如 15、64。"))
    midterm_pass_mark = models.DecimalField(_("中期评估合格分"), max_digits=4, decimal_places=1, default=60,
                                            validators=[MinValueValidator(0), MaxValueValidator(100)])
    acceptance_pass_mark = models.DecimalField(_("验收合格分"), max_digits=4, decimal_places=1, default=80,
                                               validators=[MinValueValidator(0), MaxValueValidator(100)])
    position = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("试点示范类型")
        verbose_name_plural = _("试点示范类型")

    def __str__(self) -> str:
        return self.name_zh

    def pass_mark(self, stage: str):
        return self.midterm_pass_mark if stage == EvaluationStage.MIDTERM else self.acceptance_pass_mark


class EvaluationCriterion(models.Model):
    """One line of a type's evaluation template for one stage: its weight in the total."""

    programme_type = models.ForeignKey(ProgrammeType, on_delete=models.CASCADE, related_name="criteria",
                                       verbose_name=_("试点示范类型"))
    stage = models.CharField(_("评估阶段"), max_length=12, choices=EvaluationStage.choices)
    code = models.SlugField(_("代码"), max_length=40)
    name_zh = models.CharField(_("评估内容"), max_length=200)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    weight = models.DecimalField(_("权重"), max_digits=5, decimal_places=1,
                                 validators=[MinValueValidator(0), MaxValueValidator(100)])
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["programme_type", "stage", "position", "id"]
        verbose_name = _("评估指标")
        verbose_name_plural = _("评估指标")
        constraints = [models.UniqueConstraint(fields=["programme_type", "stage", "code"],
                                               name="programmes_criterion_unique")]

    def __str__(self) -> str:
        return f"{self.name_zh} ({self.weight})"


class CallState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    OPEN = "open", _("申报中")
    CLOSED = "closed", _("申报已截止")
    DECIDED = "decided", _("已公布结果")


class Programme(models.Model):
    """One call (批次) of a type: who runs it, when organisations may apply, for how long a pilot runs."""

    programme_type = models.ForeignKey(ProgrammeType, on_delete=models.PROTECT, related_name="programmes",
                                       verbose_name=_("类型"))
    authority = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="programmes",
                                  verbose_name=_("组织单位"))
    title = models.CharField(_("名称"), max_length=200)
    year = models.PositiveSmallIntegerField(_("年度"))
    opens_on = models.DateField(_("申报开始日期"))
    closes_on = models.DateField(_("申报截止日期"))
    eligibility = models.TextField(_("申报条件"), blank=True)
    duration_months = models.PositiveSmallIntegerField(_("建设周期（月）"), default=24,
                                                       validators=[MinValueValidator(1), MaxValueValidator(120)])
    state = models.CharField(_("状态"), max_length=10, choices=CallState.choices, default=CallState.DRAFT,
                             editable=False)
    created_at = models.DateTimeField(_("创建时间"), default=clock.now, editable=False)

    class Meta:
        ordering = ["-year", "-opens_on", "-id"]
        verbose_name = _("试点示范批次")
        verbose_name_plural = _("试点示范批次")
        indexes = [models.Index(fields=["state", "programme_type"], name="programmes_state_type")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programmes:programme", args=[self.pk])

    def accepts_on(self, day) -> bool:
        return self.state == CallState.OPEN and self.opens_on <= day <= self.closes_on


class ApplicationState(models.TextChoices):
    SUBMITTED = "submitted", _("已提交")
    UNDER_REVIEW = "under_review", _("审核中")
    APPROVED = "approved", _("已批准")
    REJECTED = "rejected", _("未批准")
    WITHDRAWN = "withdrawn", _("已撤回")


LIVE_APPLICATION_STATES = (ApplicationState.SUBMITTED, ApplicationState.UNDER_REVIEW, ApplicationState.APPROVED)


class PilotApplication(models.Model):
    """An organisation's application to a call (申报书)."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="applications",
                                  verbose_name=_("批次"))
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT,
                                     related_name="pilot_applications", verbose_name=_("申报单位"))
    project_name = models.CharField(_("项目名称"), max_length=200)
    region_code = models.CharField(_("所在地区"), max_length=6, help_text=_("6 位行政区划代码（GB/T 2260），到区县。"))
    field = models.CharField(_("领域"), max_length=100)
    objectives = models.TextField(_("建设目标"))
    planned_standards = models.TextField(_("拟制修订标准"), blank=True)
    state = models.CharField(_("状态"), max_length=14, choices=ApplicationState.choices,
                             default=ApplicationState.SUBMITTED, editable=False)
    reason = models.TextField(_("理由"), blank=True, editable=False)
    submitted_at = models.DateTimeField(_("提交时间"), default=clock.now, editable=False)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     null=True, editable=False)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("试点示范申报")
        verbose_name_plural = _("试点示范申报")
        constraints = [models.UniqueConstraint(
            fields=["programme", "organisation"], condition=models.Q(state__in=[
                "submitted", "under_review", "approved"]), name="programmes_one_live_application")]
        indexes = [models.Index(fields=["programme", "state"], name="programmes_app_state")]

    def __str__(self) -> str:
        return self.project_name

    def get_absolute_url(self) -> str:
        return reverse("programmes:application", args=[self.pk])


class AttachmentKind(models.TextChoices):
    APPLICATION_FORM = "application_form", _("申报书")
    PLAN = "plan", _("建设方案")
    ENDORSEMENT = "endorsement", _("推荐意见")
    OTHER = "other", _("其他材料")


class ApplicationAttachment(models.Model):
    """A file sent with an application: checked by its content, stored privately, served through a view that asks
    the policy (views/files.py)."""

    application = models.ForeignKey(PilotApplication, on_delete=models.PROTECT, related_name="attachments")
    kind = models.CharField(_("材料类型"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(upload_to=UnguessableName("programmes"), storage=private_storage)
    filename = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("大小"))
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["application", "id"]
        verbose_name = _("申报材料")
        verbose_name_plural = _("申报材料")

    def __str__(self) -> str:
        return self.filename


class PilotState(models.TextChoices):
    RUNNING = "running", _("建设中")
    EXTENDED = "extended", _("延期建设")
    ACCEPTED = "accepted", _("通过验收")
    REVOKED = "revoked", _("已撤销")


class Pilot(models.Model):
    """An approved application: the pilot (demonstration zone, innovation base) and its dates."""

    application = models.OneToOneField(PilotApplication, on_delete=models.PROTECT, related_name="pilot")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="pilots", verbose_name=_("批次"))
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="pilots",
                                     verbose_name=_("承担单位"))
    name = models.CharField(_("名称"), max_length=200)
    region_code = models.CharField(_("所在地区"), max_length=6)
    province_code = models.CharField(_("省份"), max_length=2, db_index=True)
    field = models.CharField(_("领域"), max_length=100)
    started_on = models.DateField(_("开始日期"))
    planned_end_on = models.DateField(_("计划完成日期"))
    state = models.CharField(_("状态"), max_length=10, choices=PilotState.choices, default=PilotState.RUNNING,
                             editable=False)
    ended_on = models.DateField(_("结束日期"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("试点示范项目")
        verbose_name_plural = _("试点示范项目")
        indexes = [models.Index(fields=["province_code", "state"], name="programmes_pilot_province")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:pilot", args=[self.pk])


class EvaluationState(models.TextChoices):
    OPEN = "open", _("评估中")
    CONCLUDED = "concluded", _("已完成")


class Outcome(models.TextChoices):
    CONTINUED = "continued", _("继续建设")
    ACCEPTED = "accepted", _("通过验收")
    EXTENDED = "extended", _("延期验收")
    REVOKED = "revoked", _("撤销")


class Evaluation(models.Model):
    """A mid-term or acceptance evaluation of a pilot. ``criteria`` and ``pass_mark`` are copied from the type when
    it opens, so a later edit of the template changes no evaluation under way."""

    pilot = models.ForeignKey(Pilot, on_delete=models.PROTECT, related_name="evaluations")
    stage = models.CharField(_("评估阶段"), max_length=12, choices=EvaluationStage.choices)
    state = models.CharField(_("状态"), max_length=10, choices=EvaluationState.choices, default=EvaluationState.OPEN,
                             editable=False)
    criteria = models.JSONField(_("评估指标"), default=list)  # [{"code", "name_zh", "name_en", "weight"}]
    pass_mark = models.DecimalField(_("合格分"), max_digits=4, decimal_places=1)
    evaluators = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="pilot_evaluations",
                                        verbose_name=_("评估专家"))
    total = models.DecimalField(_("总分"), max_digits=4, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField(_("合格"), null=True)
    outcome = models.CharField(_("评估结论"), max_length=10, choices=Outcome.choices, blank=True)
    comments = models.TextField(_("评估意见"), blank=True)
    opened_at = models.DateTimeField(_("开始时间"), default=clock.now)
    concluded_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        ordering = ["pilot", "opened_at", "id"]
        verbose_name = _("试点示范评估")
        verbose_name_plural = _("试点示范评估")

    def __str__(self) -> str:
        return f"{self.pilot_id} {self.stage}"

    def get_absolute_url(self) -> str:
        return reverse("programmes:evaluation", args=[self.pk])


class EvaluationScore(models.Model):
    """One evaluator's score of one criterion."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.PROTECT, related_name="scores")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    criterion = models.CharField(_("评估指标"), max_length=40)
    score = models.DecimalField(_("得分"), max_digits=4, decimal_places=1,
                                validators=[MinValueValidator(0), MaxValueValidator(100)])
    comment = models.TextField(_("意见"), blank=True)

    class Meta:
        ordering = ["evaluation", "evaluator", "id"]
        verbose_name = _("评估得分")
        verbose_name_plural = _("评估得分")
        constraints = [models.UniqueConstraint(fields=["evaluation", "evaluator", "criterion"],
                                               name="programmes_one_score")]

    def __str__(self) -> str:
        return f"{self.criterion} {self.score}"


class ProgrammeEventKind(models.TextChoices):
    """Values are stored and never renamed; the data keys of each are listed in events.py."""

    PROGRAMME_CREATED = "programme_created", _("创建批次")
    CALL_MOVED = "call_moved", _("变更批次状态")
    APPLIED = "applied", _("提交申报")
    REVIEW_STARTED = "review_started", _("开始审核")
    APPROVED = "approved", _("批准为试点示范")
    REJECTED = "rejected", _("不予批准")
    WITHDRAWN = "withdrawn", _("撤回申报")
    EVALUATION_OPENED = "evaluation_opened", _("启动评估")
    SCORED = "scored", _("评分")
    EVALUATION_CONCLUDED = "evaluation_concluded", _("作出评估结论")
    EVIDENCE_LINKED = "evidence_linked", _("关联成果")


class ProgrammeEvent(AppendOnly):
    kind = models.CharField(_("类型"), max_length=24, choices=ProgrammeEventKind.choices)
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    application = models.ForeignKey(PilotApplication, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="events")
    pilot = models.ForeignKey(Pilot, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    evaluation = models.ForeignKey(Evaluation, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(_("时间"), default=clock.now, db_index=True)
    from_state = models.CharField(max_length=14, blank=True)
    to_state = models.CharField(max_length=14, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("试点示范事件")
        verbose_name_plural = _("试点示范事件")

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"


class PilotEvidence(EvidenceLink):
    """A record of the platform that shows what a pilot achieved (a standard it wrote, a project, a filing, a
    campaign, a committee), linked by its authority or its organisation (services/evidence.py)."""

    pilot = models.ForeignKey(Pilot, on_delete=models.PROTECT, related_name="evidence")

    class Meta:
        ordering = ["pilot", "created_at", "id"]
        verbose_name = _("试点示范成果")
        verbose_name_plural = _("试点示范成果")
        constraints = [models.UniqueConstraint(fields=["pilot", "kind", "key"], name="programmes_evidence_once")]

"""Standard development projects (制修订项目). A project is not a standard: publication creates the edition."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from biaozhun.catalog.models import Nature
from biaozhun.core import clock
from biaozhun.core.models import AppendOnly
from biaozhun.rules.stages import DEADLINE_STAGES, PERIOD_STAGES, Stage

from .stages import STAGE_CHOICES


class ProjectKind(models.TextChoices):
    NEW = "new", _("制定")
    REVISION = "revision", _("修订")
    AMENDMENT = "amendment", _("修改单")
    ADOPTION = "adoption", _("采用国际标准")


class Project(models.Model):
    plan_number = models.CharField(_("计划号"), max_length=30, unique=True, null=True, blank=True)  # 20190001-T-469
    title_zh = models.CharField(_("项目名称"), max_length=300)
    title_en = models.CharField(_("英文名称"), max_length=300, blank=True)
    kind = models.CharField(_("制修订"), max_length=12, choices=ProjectKind.choices)
    nature = models.CharField(_("性质"), max_length=12, choices=Nature.choices)
    committee = models.ForeignKey("committees.Committee", verbose_name=_("技术委员会"), on_delete=models.PROTECT,
                                  related_name="projects")
    revises = models.ManyToManyField("catalog.Standard", blank=True, related_name="revision_projects")
    adopts = models.CharField(_("采用的国际标准"), max_length=120, blank=True)
    degree = models.CharField(_("一致性程度"), max_length=3, blank=True)
    # What publication carries into the catalogue edition (a revision starts from the revised edition's).
    ccs = models.ForeignKey("reference.CcsCode", verbose_name=_("中国标准文献分类号"), null=True, blank=True,
                            on_delete=models.PROTECT, related_name="+")
    ics_codes = models.JSONField(_("国际标准分类号"), default=list, blank=True)
    competent_department = models.CharField(_("主管部门"), max_length=200, blank=True)
    drafting_units = models.JSONField(_("起草单位"), default=list, blank=True)
    drafters = models.JSONField(_("起草人"), default=list, blank=True)
    # The normative references of the draft (canonical numbers, dated or undated), carried into the edition when it
    # is published; a change to a cited edition flags the project (propagation).
    references = models.JSONField(_("规范性引用文件"), default=list, blank=True)
    proposer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提出人"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="proposed_projects")
    trade_relevant = models.BooleanField(_("涉及贸易（须WTO/TBT通报）"), default=False)

    stage = models.CharField(_("阶段"), max_length=12, choices=STAGE_CHOICES, default=Stage.PROPOSAL.value,
                             db_index=True)
    suspended_from = models.CharField(max_length=12, blank=True)
    # The open public period of the current stage (立项公示 or 征求意见): comments are taken until it ends.
    period_opened_on = models.DateField(_("公示/征求意见开始日期"), null=True, blank=True)
    period_ends_on = models.DateField(_("公示/征求意见截止日期"), null=True, blank=True, db_index=True)
    period_closed = models.BooleanField(_("公示/征求意见已截止"), default=False)

    plan_issued_on = models.DateField(_("计划下达日期"), null=True, blank=True)
    deadline = models.DateField(_("报批期限"), null=True, blank=True, db_index=True)
    extension_months = models.PositiveSmallIntegerField(_("已批准延期（月）"), default=0)
    # The last deadline notice the daily sweep sent (reminder, due_today, overdue), so it sends each once.
    deadline_notice = models.CharField(max_length=12, blank=True)
    frozen = models.BooleanField(_("已冻结（超期）"), default=False, db_index=True)

    tbt_notification = models.CharField(_("WTO/TBT通报号"), max_length=40, blank=True)  # G/TBT/N/CHN/1234
    tbt_notified_on = models.DateField(_("WTO/TBT通报日期"), null=True, blank=True)

    standard = models.ForeignKey("catalog.Standard", verbose_name=_("发布的标准"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="development_projects")
    # Set by publication, for every kind (an amendment sheet has a number and a date but no edition of its own).
    published_identifier = models.CharField(_("发布的标准号"), max_length=120, blank=True)
    implemented_on = models.DateField(_("实施日期"), null=True, blank=True, db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("制修订项目")
        verbose_name_plural = _("制修订项目")

    def __str__(self) -> str:
        return f"{self.plan_number or self.pk} {self.title_zh}"

    def get_absolute_url(self) -> str:
        return reverse("development:detail", args=[self.pk])

    @property
    def period_open(self) -> bool:
        """Comments are taken: the public notice or the public comment period is running."""
        return self.stage in PERIOD_STAGES and self.period_ends_on is not None and not self.period_closed

    @property
    def deadline_runs(self) -> bool:
        """The approval deadline (报批期限) runs: the project has a plan and is in one of DEADLINE_STAGES. Only then
        does the daily sweep send reminders and freeze an overdue project, and may an extension be asked for."""
        return self.deadline is not None and self.stage in DEADLINE_STAGES

    @property
    def deadline_shown(self) -> bool:
        """Pages show the state of the approval deadline (on track, reminder, due, overdue) while it runs, and also
        while the project is suspended from a stage in which it ran.

        This is the one rule for suspended projects: suspension keeps the deadline (it is not extended), so pages
        keep showing where it stands; but the sweep leaves a suspended project alone (no reminder, no freezing)
        and only acts on it again once it has resumed."""
        if self.stage == Stage.SUSPENDED:
            return self.deadline is not None and self.suspended_from in DEADLINE_STAGES
        return self.deadline_runs


class ProjectEvent(AppendOnly):
    """Append-only history: every change to a project, who made it, when and why (ARCHITECTURE rule 2).

    Rows are written only by the constructors of development/services/events.py, one per kind, each with the
    same few `data` keys (dates as ISO strings; ids of the rows the event is about):

    ===================  ==========================================================================================
    proposed             (none); `to_stage` is the first stage
    moved                `from_stage`/`to_stage`; to planned: plan_number, deadline; into a public period:
                         period_ends_on, period_days; out of comment by the sweep: period_ends_on; to published:
                         identifier; to in_force: implemented_on; resuming and other moves: (none)
    details_changed      changes: {field: [before, after]}
    document_added       document, kind, version
    period_closed        period_ends_on
    disposed             comments (ids), disposition, number; `reason` is the disposition's reason
    ballot_opened        ballot, members, method, closes_on
    ballot_closed        ballot, members, approve, reject, abstain, recused, passed, outcome
    tbt_notified         number, notified_on
    deadline_reminder    state (reminder, due_today), deadline, days_left
    overdue              state (overdue), deadline, days_left (negative)
    extension_requested  request, months, deadline (the one to extend); `reason` is the request's
    extension_decided    request, approved, months, deadline (after the decision); `reason` is the decision's
    published            identifier, standard (the edition's id; null for an amendment sheet)
    withdrawn            identifier, standard (as published); `reason` says why the publication was in error
    ===================  ==========================================================================================

    Events migrated from older systems may lack the data; readers (timeline.describe) allow for that.
    """

    class Kind(models.TextChoices):
        PROPOSED = "proposed", _("提出")
        MOVED = "moved", _("阶段变更")
        DETAILS_CHANGED = "details_changed", _("修改项目信息")
        DOCUMENT_ADDED = "document_added", _("上传文件")
        PERIOD_CLOSED = "period_closed", _("公示/征求意见截止")
        DISPOSED = "disposed", _("处理意见")
        BALLOT_OPENED = "ballot_opened", _("发起投票")
        BALLOT_CLOSED = "ballot_closed", _("投票结束")
        TBT_NOTIFIED = "tbt_notified", _("WTO/TBT通报")
        DEADLINE_REMINDER = "deadline_reminder", _("期限提醒")
        OVERDUE = "overdue", _("超期冻结")
        EXTENSION_REQUESTED = "extension_requested", _("申请延期")
        EXTENSION_DECIDED = "extension_decided", _("延期审核")
        PUBLISHED = "published", _("批准发布")
        WITHDRAWN = "withdrawn", _("撤销发布")

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    from_stage = models.CharField(max_length=12, choices=STAGE_CHOICES, blank=True)
    to_stage = models.CharField(max_length=12, choices=STAGE_CHOICES, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=clock.now, db_index=True)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.project_id} {self.kind} {self.to_stage}"

    @property
    def trigger(self) -> str:
        """The routing table's key: "moved:<stage>" for moves, the kind otherwise."""
        return f"moved:{self.to_stage}" if self.kind == self.Kind.MOVED else self.kind


class ExtensionRequest(models.Model):
    """A request to extend the approval deadline (延期申请), decided by the national administration."""

    class State(models.TextChoices):
        PENDING = "pending", _("待审核")
        APPROVED = "approved", _("已批准")
        REFUSED = "refused", _("未批准")

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="extension_requests")
    months = models.PositiveSmallIntegerField(_("延期月数"))
    reason = models.TextField(_("延期理由"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=clock.now)
    deadline_before = models.DateField(_("原报批期限"))
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("审核意见"), blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("延期申请")
        verbose_name_plural = _("延期申请")

    def __str__(self) -> str:
        return f"{self.project_id} +{self.months}"

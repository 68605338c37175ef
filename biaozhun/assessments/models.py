"""The yearly assessment of technical committees (考核评估): the scheme the administration sets for a year, each
committee's assessment (its figures, the assessor's scores, the grade), the decision on a failing committee, and
the append-only history of all of it. The rules that score and grade are pure: biaozhun/rules/assessment.py.

An assessment moves draft → computed → scored → finalised (services/assessments.py); a finalised one never
changes again: computing it again makes a new version (``replaces`` the old one, which stays as it was). The
decision on a failing committee is its own row, so recording it leaves the finalised assessment untouched."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from biaozhun.core import clock
from biaozhun.core.models import AppendOnly
from biaozhun.rules.assessment import Grade, Indicator, Measure


class AssessmentState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    COMPUTED = "computed", _("已计算")
    SCORED = "scored", _("已评分")
    FINALISED = "finalised", _("已定稿")


class IndicatorChoice(models.TextChoices):
    """The names of rules.assessment.Indicator."""

    PROJECTS_ON_TIME = Indicator.PROJECTS_ON_TIME.value, _("项目按期完成率")
    REVIEWS_ON_TIME = Indicator.REVIEWS_ON_TIME.value, _("复审按期完成率")
    FEEDBACK_IN_TIME = Indicator.FEEDBACK_IN_TIME.value, _("实施反馈按期答复率")
    COMMENTS_DISPOSED = Indicator.COMMENTS_DISPOSED.value, _("征求意见处理率")
    VOTE_ATTENDANCE = Indicator.VOTE_ATTENDANCE.value, _("委员投票率")
    BALANCE = Indicator.BALANCE.value, _("委员构成均衡度")
    INTERNATIONAL = Indicator.INTERNATIONAL.value, _("对口国际标准转化率")


class GradeChoice(models.TextChoices):
    EXCELLENT = Grade.EXCELLENT.value, _("优秀")
    GOOD = Grade.GOOD.value, _("良好")
    PASS = Grade.PASS.value, _("合格")
    FAIL = Grade.FAIL.value, _("不合格")


class MeasureChoice(models.TextChoices):
    CORRECTION = Measure.CORRECTION.value, _("限期整改")
    SUSPENSION = Measure.SUSPENSION.value, _("暂停工作")
    REVOCATION = Measure.REVOCATION.value, _("撤销")


class AssessmentScheme(models.Model):
    """The scheme of one year (rules.assessment.Scheme as JSON): weights, thresholds, grade boundaries, manual
    items. Each edit is a new ``version`` with an event holding what changed; an assessment keeps a copy of the
    scheme it was computed with (``Assessment.scheme``), so an edit changes no assessment made before it."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    config = models.JSONField(_("方案"))
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    created_at = models.DateTimeField(_("创建时间"), default=clock.now, editable=False)
    updated_at = models.DateTimeField(_("修改时间"), default=clock.now, editable=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", editable=False)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("考核评估方案")
        verbose_name_plural = _("考核评估方案")

    def __str__(self) -> str:
        return f"{self.year} v{self.version}"


class Assessment(models.Model):
    """One committee's assessment of one year, in one version.

    ``figures``: {indicator: {"numerator", "denominator", "score" (None: not applicable), "facts": {...}}};
    ``manual``: {item code: {"score" (None: not yet scored), "remark"}}; ``total`` and ``grade`` follow from both
    with the scheme (provisional until finalised); ``measure`` is what a failing grade calls for."""

    committee = models.ForeignKey("committees.Committee", verbose_name=_("技术委员会"), on_delete=models.PROTECT,
                                  related_name="assessments")
    year = models.PositiveSmallIntegerField(_("年度"))
    version = models.PositiveIntegerField(_("版本"), default=1)
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="replaced_by", verbose_name=_("取代的版本"))
    state = models.CharField(_("状态"), max_length=10, choices=AssessmentState.choices, default=AssessmentState.DRAFT)
    scheme_version = models.PositiveIntegerField(_("方案版本"), default=1)
    scheme = models.JSONField(_("所用方案"), default=dict)
    as_of = models.DateField(_("数据截止日期"), null=True, blank=True)
    figures = models.JSONField(_("计算指标"), default=dict, blank=True)
    manual = models.JSONField(_("评分项"), default=dict, blank=True)
    note = models.TextField(_("评估意见"), blank=True)
    total = models.DecimalField(_("总分"), max_digits=4, decimal_places=1, null=True, blank=True)
    grade = models.CharField(_("等级"), max_length=10, choices=GradeChoice.choices, blank=True)
    flagged = models.BooleanField(_("低于合格线"), default=False)
    measure = models.CharField(_("建议措施"), max_length=12, choices=MeasureChoice.choices, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=clock.now, editable=False)
    computed_at = models.DateTimeField(_("计算时间"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("定稿时间"), null=True, blank=True)
    finalised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("定稿人"))

    class Meta:
        ordering = ["-year", "committee_id", "-version"]
        verbose_name = _("考核评估")
        verbose_name_plural = _("考核评估")
        constraints = [models.UniqueConstraint(fields=["committee", "year", "version"],
                                               name="assessments_one_version")]
        indexes = [
            # The administration's list of a year (by grade, state, flagged) and a committee's years.
            models.Index(fields=["year", "grade", "committee"], name="assessments_year_grade"),
            models.Index(fields=["year", "flagged"], name="assessments_year_flagged"),
            models.Index(fields=["committee", "year"], name="assessments_committee_year"),
        ]

    def __str__(self) -> str:
        return f"{self.committee_id} {self.year} v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:detail", args=[self.pk])

    @property
    def is_final(self) -> bool:
        return self.state == AssessmentState.FINALISED


class Decision(models.Model):
    """The administration's decision on a failing committee's finalised assessment (处理决定): correction by a
    deadline (tracked here until it is closed), suspension or revocation (carried out on the committee through
    committees.services.change_status, in the same transaction)."""

    assessment = models.OneToOneField(Assessment, on_delete=models.PROTECT, related_name="decision")
    measure = models.CharField(_("措施"), max_length=12, choices=MeasureChoice.choices)
    reason = models.TextField(_("理由"))
    document = models.CharField(_("决定文号"), max_length=100, blank=True)
    decided_on = models.DateField(_("决定日期"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    correction_due = models.DateField(_("整改期限"), null=True, blank=True)
    correction_closed_on = models.DateField(_("整改验收日期"), null=True, blank=True)
    correction_note = models.TextField(_("整改验收意见"), blank=True)

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("处理决定")
        verbose_name_plural = _("处理决定")
        indexes = [models.Index(fields=["measure", "correction_closed_on", "correction_due"],
                                name="assessments_corrections")]

    def __str__(self) -> str:
        return f"{self.assessment_id} {self.measure}"

    @property
    def correction_open(self) -> bool:
        return self.measure == MeasureChoice.CORRECTION and self.correction_closed_on is None

    def correction_overdue(self, today) -> bool:
        return self.correction_open and self.correction_due is not None and self.correction_due < today


class AssessmentEventKind(models.TextChoices):
    """Values are stored and never renamed; the data keys of each are listed in events.py."""

    SCHEME_CREATED = "scheme_created", _("设立考核方案")
    SCHEME_CHANGED = "scheme_changed", _("修改考核方案")
    CREATED = "created", _("建立考核")
    COMPUTED = "computed", _("计算指标")
    SCORED = "scored", _("评分")
    FINALISED = "finalised", _("定稿")
    DECIDED = "decided", _("作出处理决定")
    CORRECTION_CLOSED = "correction_closed", _("整改验收")


class AssessmentEvent(AppendOnly):
    kind = models.CharField(_("类型"), max_length=20, choices=AssessmentEventKind.choices)
    assessment = models.ForeignKey(Assessment, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="events")
    scheme = models.ForeignKey(AssessmentScheme, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(_("时间"), default=clock.now)
    from_state = models.CharField(max_length=10, choices=AssessmentState.choices, blank=True)
    to_state = models.CharField(max_length=10, choices=AssessmentState.choices, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("考核评估事件")
        verbose_name_plural = _("考核评估事件")

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"

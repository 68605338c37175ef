"""A committee's annual report (年报) of a year, from the platform's records: who it is, its voting seats, the
projects that came due or were delivered, the standards it published, its periodic reviews, ballots, comments and
feedback, and its assessment: the finalised one's figures, grade and decision, or, while there is none, the figures
counted from the records as they are now (marked provisional). A read; exports.py writes it as XLSX and PDF."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from biaozhun.catalog.models import Standard
from biaozhun.committees.models import Committee, Stakeholder
from biaozhun.core import clock
from biaozhun.development.models import Ballot, Comment, PeriodicReview, ProjectEvent
from biaozhun.development.models.stages import stage_label
from biaozhun.rules import assessment as rules
from biaozhun.rules.assessment import DEFAULT_SCHEME, Delivery
from biaozhun.rules.committees import overweight_categories
from biaozhun.rules.stages import Stage

from . import figures
from .models import Assessment, AssessmentScheme, Decision, GradeChoice, IndicatorChoice, MeasureChoice
from .selectors import latest_finalised

MAX_ROWS = 500  # per list: a committee's year never has more; the report says when a list is cut


@dataclass
class IndicatorRow:
    name: str
    numerator: int
    denominator: int
    ratio: float | None
    score: float | None
    weight: int


@dataclass
class ManualRow:
    name: str
    score: float | None
    remark: str
    weight: int


@dataclass
class AnnualReport:
    committee: Committee
    year: int
    as_of: date
    final: bool  # the figures are a finalised assessment's
    assessment: Assessment | None
    decision: Decision | None
    indicators: list[IndicatorRow]
    manual: list[ManualRow]
    total: float | None
    grade: str
    seats: list[tuple[str, int]]
    seats_total: int
    overweight: list[str]
    projects: list[list[Any]] = field(default_factory=list)
    standards: list[list[Any]] = field(default_factory=list)
    reviews: list[list[Any]] = field(default_factory=list)
    ballots: list[list[Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def grade_label(self) -> str:
        return str(GradeChoice(self.grade).label) if self.grade else ""

    def filename(self, extension: str) -> str:
        code = self.committee.code.replace("/", "-").replace(" ", "")
        return f"{code}-{self.year}-annual-report.{extension}"


def _indicator_rows(assessment_figures: dict[str, Any], scheme: rules.Scheme) -> list[IndicatorRow]:
    rows = []
    for rule in scheme.indicators:
        row = assessment_figures.get(rule.code.value)
        if row is None:
            continue
        ratio = row["numerator"] / row["denominator"] if row["denominator"] else None
        rows.append(IndicatorRow(str(IndicatorChoice(rule.code.value).label), row["numerator"], row["denominator"],
                                 ratio, row["score"], rule.weight))
    return rows


def _live_figures(committee: Committee, year: int, as_of: date) -> tuple[dict[str, Any], rules.Scheme]:
    stored = AssessmentScheme.objects.filter(year=year).first()
    scheme = rules.scheme_from_dict(stored.config) if stored else DEFAULT_SCHEME
    counted = figures.count([committee], year=year, as_of=as_of)[committee.pk]
    rows = {}
    for rule in scheme.indicators:
        ratio = counted.ratios[rule.code.value]
        value = rules.score(ratio.value, full_at=rule.full_at, zero_at=rule.zero_at)
        rows[rule.code.value] = {"numerator": ratio.numerator, "denominator": ratio.denominator,
                                 "score": round(value, 1) if value is not None else None}
    return rows, scheme


def _day(moment: datetime | None) -> str:
    return timezone.localdate(moment).isoformat() if moment else ""


def build(*, committee: Committee, year: int) -> AnnualReport:
    as_of = figures.period_end(year, clock.today())
    start = date(year, 1, 1)
    window = (timezone.make_aware(datetime.combine(start, time.min)),
              timezone.make_aware(datetime.combine(as_of + timedelta(days=1), time.min)))
    assessment = latest_finalised(committee=committee, year=year)
    if assessment is not None:
        scheme = rules.scheme_from_dict(assessment.scheme)
        indicators = _indicator_rows(assessment.figures, scheme)
        manual = [ManualRow(item.name_zh, assessment.manual.get(item.code, {}).get("score"),
                            assessment.manual.get(item.code, {}).get("remark", ""), item.weight)
                  for item in scheme.manual_items]
        total = float(assessment.total) if assessment.total is not None else None
        grade, as_of = assessment.grade, assessment.as_of or as_of
        decision = Decision.objects.filter(assessment=assessment).first()
    else:
        live, scheme = _live_figures(committee, year, as_of)
        indicators, manual, total, grade, decision = _indicator_rows(live, scheme), [], None, "", None

    seats = Counter(committee.members.filter(voting=True, term_start__lte=as_of, term_end__gte=as_of)
                    .values_list("stakeholder", flat=True))
    seats_total = sum(seats.values())
    overweight = [str(Stakeholder(c).label) for c, _s, _t in overweight_categories(list(seats.elements()))] \
        if seats_total else []
    report = AnnualReport(
        committee=committee, year=year, as_of=as_of, final=assessment is not None, assessment=assessment,
        decision=decision, indicators=indicators, manual=manual, total=total, grade=grade,
        seats=[(str(label), seats[value]) for value, label in Stakeholder.choices if seats.get(value)],
        seats_total=seats_total, overweight=overweight)
    _projects(report, committee, start, as_of)
    report.standards = [[s.identifier, s.title_zh, s.published_on.isoformat() if s.published_on else ""]
                        for s in Standard.objects.filter(tc_code=committee.code, published_on__gte=start,
                                                         published_on__lte=as_of)
                        .only("identifier", "title_zh", "published_on").order_by("published_on", "identifier")
                        [:MAX_ROWS]]
    report.reviews = [[r.standard.identifier, r.get_conclusion_display(), r.concluded_on.isoformat()]
                      for r in PeriodicReview.objects.filter(committee=committee, concluded_on__gte=start,
                                                             concluded_on__lte=as_of)
                      .select_related("standard").order_by("concluded_on", "id")[:MAX_ROWS]]
    report.ballots = [[b.project.plan_number or "", b.project.title_zh, b.get_method_display(), _day(b.closed_at),
                       b.members, b.approve, b.reject, b.abstain, _("通过") if b.passed else _("未通过")]
                      for b in Ballot.objects.filter(project__committee=committee, closed_at__gte=window[0],
                                                     closed_at__lt=window[1])
                      .select_related("project").order_by("closed_at", "id")[:MAX_ROWS]]
    report.counts = {
        "standards": len(report.standards), "reviews": len(report.reviews), "ballots": len(report.ballots),
        "comments": Comment.objects.filter(project__committee=committee, submitted_at__gte=window[0],
                                           submitted_at__lt=window[1]).count(),
        "feedback": committee.feedback.filter(received_at__gte=window[0], received_at__lt=window[1]).count(),
    }
    return report


def _projects(report: AnnualReport, committee: Committee, start: date, end: date) -> None:
    """The projects that count for the year's delivery (went to approval in it, or were overdue at its end),
    with the stage each is in now."""
    projects = list(committee.projects.filter(deadline__isnull=False).annotate(
        delivered=Min("events__at", filter=Q(events__kind=ProjectEvent.Kind.MOVED,
                                             events__to_stage=Stage.APPROVAL)),
        ended=Min("events__at", filter=Q(events__kind=ProjectEvent.Kind.MOVED,
                                         events__to_stage=Stage.TERMINATED)))
        .order_by("deadline", "id")[:5000])
    labels = {Delivery.ON_TIME: _("按期报批"), Delivery.LATE: _("超期")}
    rows = []
    for project in projects:
        delivered = timezone.localdate(project.delivered) if project.delivered else None
        ended = timezone.localdate(project.ended) if project.ended else None
        outcome = rules.project_delivery(deadline=project.deadline, delivered_on=delivered, ended_on=ended,
                                         start=start, end=end)
        if outcome is None:
            continue
        rows.append([project.plan_number or "", project.title_zh, stage_label(project.stage),
                     project.deadline.isoformat(), delivered.isoformat() if delivered and delivered <= end else "",
                     str(labels[outcome])])
    report.projects = rows[:MAX_ROWS]


def measure_label(value: str) -> str:
    return str(MeasureChoice(value).label) if value else ""


def project_headings() -> list[str]:
    return [_("计划号"), _("项目名称"), _("当前阶段"), _("报批期限"), _("报批日期"), _("完成情况")]

"""A committee's yearly assessment: computed from the platform's records, scored by an assessor, finalised.

draft → computed (figures counted) → scored (every manual item scored) → finalised (by an administrator; never
changed again). Computing a finalised assessment again makes a new version that replaces it in the lists; the
old one stays as it was, with its history. Each move is one event with its actor (events.py); a refused call
raises a DomainError and writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.committees.models import Committee
from biaozhun.core import bulk, clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import InvalidTransition, ValidationFailed
from biaozhun.rules import assessment as rules

from .. import events, figures
from ..models import Assessment, AssessmentEventKind, AssessmentScheme, AssessmentState
from .schemes import check_year, ensure_scheme

MAX_COMMENT = 2000
MAX_NOTE = 5000
WORKING = (AssessmentState.COMPUTED, AssessmentState.SCORED)
# What computing writes on an assessment.
RUN_FIELDS = ("scheme", "scheme_version", "as_of", "figures", "manual", "state", "computed_at", "total", "grade",
              "flagged", "measure")


@dataclass
class RunResult:
    year: int
    created: int
    computed: int
    finalised_kept: int  # finalised assessments the run left as they are


# --- Grading ------------------------------------------------------------------------------------------------
def _manual_scores(assessment: Assessment) -> dict[str, float | None]:
    return {code: row.get("score") for code, row in assessment.manual.items()}


def _all_scored(assessment: Assessment) -> bool:
    return all(row.get("score") is not None for row in assessment.manual.values())


def _grade(assessment: Assessment, previous: rules.Grade | None, scheme: rules.Scheme | None = None) -> None:
    """Total, grade, flag and recommended measure from the figures and manual scores, by the assessment's scheme
    (``scheme``: that scheme already read)."""
    scheme = scheme or rules.scheme_from_dict(assessment.scheme)
    scores = {code: row["score"] for code, row in assessment.figures.items()} | _manual_scores(assessment)
    total = rules.total(scores, scheme.weights)
    grade = rules.grade_of(total, scheme)
    assessment.total = Decimal(str(total)) if total is not None else None
    assessment.grade = grade.value if grade else ""
    assessment.flagged = grade is rules.Grade.FAIL
    measure = rules.measure_for(grade, total, [previous], scheme)
    assessment.measure = measure.value if measure else ""


def _apply(assessment: Assessment, counted: figures.Counted, scheme: AssessmentScheme, *, as_of,
           previous: rules.Grade | None, rules_scheme: rules.Scheme | None = None) -> None:
    """Put the counted figures on the assessment with the year's scheme; keep the manual scores it has."""
    rules_scheme = rules_scheme or rules.scheme_from_dict(scheme.config)
    assessment.scheme, assessment.scheme_version, assessment.as_of = scheme.config, scheme.version, as_of
    rows = {}
    for rule in rules_scheme.indicators:
        ratio = counted.ratios[rule.code.value]
        value = rules.score(ratio.value, full_at=rule.full_at, zero_at=rule.zero_at)
        rows[rule.code.value] = {"numerator": ratio.numerator, "denominator": ratio.denominator,
                                 "score": round(value, 1) if value is not None else None,
                                 "facts": counted.facts[rule.code.value]}
    assessment.figures = rows
    assessment.manual = {item.code: assessment.manual.get(item.code, {"score": None, "remark": ""})
                         for item in rules_scheme.manual_items}
    if assessment.state == AssessmentState.DRAFT or not _all_scored(assessment):
        assessment.state = AssessmentState.COMPUTED
    assessment.computed_at = clock.now()
    _grade(assessment, previous, rules_scheme)


def previous_grades(committees: Iterable[Committee], year: int) -> dict[int, rules.Grade]:
    """The finalised grade of the year before, per committee (its latest finalised version)."""
    found: dict[int, rules.Grade] = {}
    rows = (Assessment.objects.filter(committee__in=[c.pk for c in committees], year=year - 1,
                                      state=AssessmentState.FINALISED)
            .order_by("committee_id", "-version").values_list("committee_id", "grade"))
    for committee_id, grade in rows:
        if grade:
            found.setdefault(committee_id, rules.Grade(grade))
    return found


def _latest(committee: Committee, year: int, *, lock: bool = False) -> Assessment | None:
    rows = Assessment.objects.filter(committee=committee, year=year)
    if lock:
        rows = rows.select_for_update()
    return rows.order_by("-version").first()


def _new_version(committee: Committee, year: int, replaces: Assessment | None) -> Assessment:
    carried = {"manual": replaces.manual, "note": replaces.note} if replaces is not None else {}
    return Assessment(committee=committee, year=year, version=replaces.version + 1 if replaces else 1,
                      replaces=replaces, state=AssessmentState.DRAFT, created_at=clock.now(), **carried)


# --- One committee ------------------------------------------------------------------------------------------
def _existing(committee: Committee) -> Committee:
    """The committee, locked; refused unless it still exists (at work or suspended)."""
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    if not Committee.objects.existing().filter(pk=committee.pk).exists():
        raise InvalidTransition(_("%(code)s 已%(status)s，不再进行考核评估。") % {
            "code": committee.code, "status": committee.get_status_display()}, current=committee.status)
    return committee


@transaction.atomic
def open_assessment(*, actor: Any, committee: Committee, year: int) -> Assessment:
    """Open the committee's assessment of the year as a draft (nothing counted yet), e.g. before the year's
    figures are due; computing it counts them. Refused when the year already has one."""
    policy.require(actor, "assessments.assess", committee)
    check_year(year)
    committee = _existing(committee)
    if _latest(committee, year, lock=True) is not None:
        raise InvalidTransition(_("%(code)s 的 %(year)d 年度考核已经建立。") % {"code": committee.code, "year": year},
                                current=AssessmentState.DRAFT)
    scheme = ensure_scheme(actor=actor, year=year)
    assessment = _new_version(committee, year, None)
    assessment.scheme, assessment.scheme_version = scheme.config, scheme.version
    assessment.save()
    events.created(assessment, actor=actor)
    return assessment


@transaction.atomic
def compute_assessment(*, actor: Any, committee: Committee, year: int) -> Assessment:
    """Count the committee's figures for the year: on a new assessment (version 1), on the current one while it is
    not finalised (its manual scores kept), or on a new version replacing a finalised one (its scores carried
    over for the assessor to confirm)."""
    policy.require(actor, "assessments.assess", committee)
    check_year(year)
    committee = _existing(committee)
    scheme = ensure_scheme(actor=actor, year=year)
    current = _latest(committee, year, lock=True)
    if current is None or current.is_final:
        assessment = _new_version(committee, year, current)
        assessment.save()
        events.created(assessment, actor=actor)
    else:
        assessment = current
    before = assessment.state
    as_of = figures.period_end(year, clock.today())
    counted = figures.count([committee], year=year, as_of=as_of)[committee.pk]
    _apply(assessment, counted, scheme, as_of=as_of, previous=previous_grades([committee], year).get(committee.pk))
    assessment.save()
    events.computed(assessment, actor=actor, from_state=before)
    return assessment


# --- Every committee of a year -------------------------------------------------------------------------------
@transaction.atomic
def run_assessments(*, actor: Any, year: int) -> RunResult:
    """Compute the year's assessment of every committee that exists (at work or suspended): new ones created,
    those under way recomputed, finalised ones left as they are (recompute one on its own page for a new
    version). A few grouped queries whatever the number of committees; the rows and events written in bulk."""
    policy.require(actor, "assessments.assess")
    check_year(year)
    scheme = ensure_scheme(actor=actor, year=year)
    committees = list(Committee.objects.existing().order_by("code"))
    latest: dict[int, Assessment] = {}
    for row in Assessment.objects.filter(year=year, replaced_by__isnull=True).select_for_update(of=("self",)):
        latest[row.committee_id] = row
    fresh = [_new_version(c, year, None) for c in committees if c.pk not in latest]
    Assessment.objects.bulk_create(fresh, batch_size=500)
    by_committee = {c.pk: c for c in committees}
    for row in fresh:
        row.committee = by_committee[row.committee_id]
    working = fresh + [row for row in latest.values() if not row.is_final and row.committee_id in by_committee]
    as_of = figures.period_end(year, clock.today())
    counted = figures.count([by_committee[row.committee_id] for row in working], year=year, as_of=as_of)
    previous = previous_grades(committees, year)
    rows = [events.unsaved(AssessmentEventKind.CREATED, actor=actor, assessment=row,
                           data=events.created_data(row)) for row in fresh]
    parsed = rules.scheme_from_dict(scheme.config)
    for row in working:
        before = row.state
        _apply(row, counted[row.committee_id], scheme, as_of=as_of, previous=previous.get(row.committee_id),
               rules_scheme=parsed)
        rows.append(events.unsaved(AssessmentEventKind.COMPUTED, actor=actor, assessment=row, from_state=before,
                                   data=events.computed_data(row)))
    # One UPDATE by primary key per row (core/bulk.py): the ORM's bulk_update compiles a CASE per field and row,
    # 10 s of the 13 s a run took over 1,338 committees.
    bulk.update_rows(Assessment, RUN_FIELDS, ([getattr(row, name) for name in RUN_FIELDS] + [row.pk]
                                             for row in working))
    for event in rows:
        event.to_state = event.assessment.state
    events.bulk(rows)
    return RunResult(year=year, created=len(fresh), computed=len(working),
                     finalised_kept=sum(1 for row in latest.values() if row.is_final))


# --- Scoring and finalising ---------------------------------------------------------------------------------
def _checked_scores(assessment: Assessment, scores: Mapping[str, Any],
                    comments: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    scheme = rules.scheme_from_dict(assessment.scheme)
    names = {item.code: item.name_zh for item in scheme.manual_items}
    problems = []
    unknown = sorted((set(scores) | set(comments)) - set(names))
    if unknown:
        problems.append({"field": "scores", "message": _("考核方案中没有这些评分项：%(codes)s。") % {
            "codes": "、".join(unknown)}})
    result = {code: dict(row) for code, row in assessment.manual.items()}
    for code, value in scores.items():
        if code not in names:
            continue
        if value in (None, ""):
            result[code]["score"] = None
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = float("nan")
        if not 0 <= number <= 100:  # NaN fails too
            problems.append({"field": f"scores.{code}", "message": _("%(item)s：请填写 0 到 100 之间的分数。") % {
                "item": names[code]}})
            continue
        result[code]["score"] = round(number, 1)
    for code, text in comments.items():
        if code not in names:
            continue
        text = str(text).strip()
        if len(text) > MAX_COMMENT:
            problems.append({"field": f"comments.{code}", "message": _("%(item)s：评分说明最多 %(n)d 个字符。") % {
                "item": names[code], "n": MAX_COMMENT}})
        result[code]["remark"] = text
    if problems:
        raise ValidationFailed(_("评分未能保存，请按提示修改。"), problems)
    return result


@transaction.atomic
def score_assessment(*, actor: Any, assessment: Assessment, scores: Mapping[str, Any],
                     comments: Mapping[str, str] | None = None, note: str | None = None) -> Assessment:
    """The assessor's scores (0–100) and comments on the manual items, and an overall note. The assessment is
    scored once every manual item has a score; until it is finalised the scores may change."""
    policy.require(actor, "assessments.assess", assessment.committee)
    assessment = Assessment.objects.select_for_update().select_related("committee").get(pk=assessment.pk)
    if assessment.state not in WORKING:
        raise InvalidTransition(_("该考核%(state)s，不能评分。%(hint)s") % {
            "state": assessment.get_state_display(),
            "hint": _("请先计算指标。") if assessment.state == AssessmentState.DRAFT else
            _("已定稿的考核不再修改；如需更正，请重新计算，生成新版本后再评分。")}, current=assessment.state)
    manual = _checked_scores(assessment, scores, comments or {})
    note = assessment.note if note is None else str(note).strip()
    if len(note) > MAX_NOTE:
        raise ValidationFailed(_("评分未能保存，请按提示修改。"), [{"field": "note", "message": _(
            "评估意见最多 %(n)d 个字符。") % {"n": MAX_NOTE}}])
    scored = all(row.get("score") is not None for row in manual.values())
    state = AssessmentState.SCORED if scored else AssessmentState.COMPUTED
    if manual == assessment.manual and note == assessment.note and state == assessment.state:
        return assessment  # nothing changes (saving carried-over scores again confirms them: computed → scored)
    before = {code: row.get("score") for code, row in assessment.manual.items()}
    from_state, note_changed = assessment.state, note != assessment.note
    assessment.manual, assessment.note, assessment.state = manual, note, state
    _grade(assessment, previous_grades([assessment.committee], assessment.year).get(assessment.committee_id))
    assessment.save(update_fields=["manual", "note", "state", "total", "grade", "flagged", "measure"])
    events.scored(assessment, actor=actor, from_state=from_state, before=before,
                  after={code: row.get("score") for code, row in manual.items()}, note_changed=note_changed)
    return assessment


@transaction.atomic
def finalise_assessment(*, actor: Any, assessment: Assessment) -> Assessment:
    """Fix the total and the grade: from now on the assessment never changes (a correction is a new version)."""
    policy.require(actor, "assessments.decide", assessment.committee)
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.state != AssessmentState.SCORED:
        missing = [code for code, row in assessment.manual.items() if row.get("score") is None]
        raise InvalidTransition(_("只有全部评分项都已评分的考核才能定稿（当前：%(state)s%(missing)s）。") % {
            "state": assessment.get_state_display(),
            "missing": _("，尚未评分：%(items)s") % {"items": "、".join(missing)} if missing and
            assessment.state == AssessmentState.COMPUTED else ""}, current=assessment.state)
    assessment.state = AssessmentState.FINALISED
    assessment.finalised_at, assessment.finalised_by = clock.now(), user_or_none(actor)
    assessment.save(update_fields=["state", "finalised_at", "finalised_by"])
    events.finalised(assessment, actor=actor, from_state=AssessmentState.SCORED)
    return assessment

"""Periodic review (复审): which in-force standards of a committee are due or overdue, and the committee's
conclusion on one: confirm (继续有效), revise (修订) or amend (修改) through a new project, or abolish (废止).

Due and overdue are decided in the database by comparing the base date (the last confirmation, else the
publication) with the cutoffs of rules/reviews.py, which agree with `review_state` on every day; a committee's
standards are found through the indexed `tc_code`, so the lists stay fast with millions of standards.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import DateField, F, Func, QuerySet
from django.db.models.functions import Coalesce, Lower
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.accounts.codes import normalise_tc_code
from biaozhun.catalog import services as catalog
from biaozhun.catalog.models import Standard, Status
from biaozhun.committees.models import Committee
from biaozhun.core import clock
from biaozhun.core.errors import InvalidTransition, RequirementsUnmet, ValidationFailed
from biaozhun.rules import reviews as rules

from .. import limits
from ..models import PeriodicReview, ProjectKind, ReviewConclusion
from .projects import propose_project

# A conclusion that starts a project, and the project's kind.
PROJECT_KINDS = {ReviewConclusion.REVISE: ProjectKind.REVISION, ReviewConclusion.AMEND: ProjectKind.AMENDMENT}


class AddMonths(Func):
    """`date + months` with rules.cycles.add_months's month-end rule (31 Jan + 1 month = 28/29 Feb)."""

    output_field = DateField()

    def __init__(self, expression, months: int) -> None:
        if months < 0:
            raise ValueError("months must not be negative")
        super().__init__(expression)
        self.months = int(months)

    def as_postgresql(self, compiler, connection, **extra):  # PostgreSQL keeps to the month's end itself
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(({sql}) + make_interval(months => {self.months}))::date", params

    def as_sqlite(self, compiler, connection, **extra):
        # The same day `months` later, or the last day of that month when it is shorter.
        sql, params = compiler.compile(self.source_expressions[0])
        same_day = (f"date({sql}, 'start of month', '+{self.months} months', "
                    f"'+' || CAST(julianday({sql}) - julianday({sql}, 'start of month') AS INTEGER) || ' days')")
        month_end = f"date({sql}, 'start of month', '+{self.months + 1} months', '-1 day')"
        return f"MIN({same_day}, {month_end})", (*params, *params, *params, *params)


def _limits() -> tuple[int, int]:
    values = limits.current()
    return values["review_years"], values["review_grace_months"]


def _in_force(committee, years: int) -> QuerySet[Standard]:
    # The status is compared through an expression so that no index serves it: without table statistics
    # SQLite would otherwise walk the status index (most of the catalogue is in force) instead of the
    # selective tc_code one, 4.5 s instead of 30 ms for a large committee in the national-scale database.
    base = Coalesce("confirmed_on", "published_on")
    return (Standard.objects.alias(status_value=Lower("status"))
            .filter(tc_code=committee.code, status_value=Status.CURRENT)
            .annotate(review_base=base, review_due_on=AddMonths(base, 12 * years))
            .order_by(F("review_base").asc(), "pk"))


def due_for_committee(committee, today: date) -> QuerySet[Standard]:
    """The committee's in-force standards due for review today, overdue ones included; oldest first."""
    years, _grace = _limits()
    return _in_force(committee, years).filter(review_base__lte=rules.due_cutoff(today, years=years))


def overdue_for_committee(committee, today: date) -> QuerySet[Standard]:
    """The committee's in-force standards whose review is overdue today; oldest first."""
    years, grace = _limits()
    return _in_force(committee, years).filter(
        review_base__lte=rules.overdue_cutoff(today, years=years, grace_months=grace))


def committee_of(standard: Standard) -> Committee | None:
    return Committee.objects.filter(code=normalise_tc_code(standard.tc_code)).first() if standard.tc_code else None


def latest_conclusion(standard: Standard, since: date) -> PeriodicReview | None:
    return standard.periodic_reviews.filter(concluded_on__gte=since).order_by("-concluded_on", "-id").first()


@transaction.atomic
def conclude_review(actor, standard: Standard, *, conclusion: str, reason: str = "",
                    abolish_on: date | None = None) -> PeriodicReview:
    """Record the committee's review conclusion on a due standard and carry it out in the catalogue."""
    committee = committee_of(standard)
    if actor is not None:
        policy.require(actor, "development.review_standard", committee)
    standard = Standard.objects.select_for_update().get(pk=standard.pk)
    today = clock.today()
    _check_due(standard, today)
    reason = reason.strip()
    problems = []
    if conclusion not in ReviewConclusion.values:
        problems.append({"field": "conclusion", "message": _("请选择复审结论")})
    if conclusion == ReviewConclusion.ABOLISH:
        if abolish_on is None:
            problems.append({"field": "abolish_on", "message": _("废止须填写废止日期")})
        elif abolish_on < today:
            problems.append({"field": "abolish_on", "message": _("废止日期 %(day)s 早于今天") % {
                "day": abolish_on.isoformat()}})
    if conclusion in PROJECT_KINDS and committee is None:
        problems.append({"field": "conclusion", "message": _("该标准未对应本系统中的技术委员会，无法提出项目")})
    if problems:
        raise ValidationFailed(_("复审结论未能记录。"), problems)

    project = None
    if conclusion == ReviewConclusion.CONFIRM:
        catalog.confirm_standard(actor=actor, standard=standard, on=today)
    elif conclusion in PROJECT_KINDS:
        project = propose_project(actor, committee=committee, title_zh=standard.title_zh,
                                  kind=PROJECT_KINDS[conclusion], nature=standard.nature or "recommended",
                                  revises=[standard])
    else:
        catalog.abolish_standard(actor=actor, standard=standard, on=abolish_on, reason=reason or _("复审结论：废止"))
    return PeriodicReview.objects.create(
        standard=standard, committee=committee, conclusion=conclusion, reason=reason, concluded_on=today,
        abolished_on=abolish_on if conclusion == ReviewConclusion.ABOLISH else None, project=project,
        actor=actor if getattr(actor, "pk", None) else None, at=clock.now(),
    )


def _check_due(standard: Standard, today: date) -> None:
    """Only an in-force standard that is due, and not yet concluded for this due date, may be concluded."""
    if standard.status != Status.CURRENT:
        raise InvalidTransition(_("%(number)s 不是现行标准（%(status)s），无需复审。") % {
            "number": standard.identifier, "status": standard.get_status_display()}, current=standard.status,
            allowed=[])
    years, grace = _limits()
    if rules.review_base(standard.published_on, standard.confirmed_on) is None:
        raise RequirementsUnmet(_("%(number)s 没有发布日期，无法确定复审日期。") % {"number": standard.identifier},
                                [{"requirement": "published_on", "message": _("缺少发布日期")}])
    state = rules.review_state(standard.published_on, standard.confirmed_on, today, years=years, grace_months=grace)
    if state.code == "not_due":
        raise RequirementsUnmet(_("%(number)s 的复审 %(due)s 到期，尚未到期，不能提前作出结论。") % {
            "number": standard.identifier, "due": state.due_on.isoformat()},
            [{"requirement": "review_due", "message": state.due_on.isoformat()}])
    done = latest_conclusion(standard, state.due_on)
    if done is not None:
        raise InvalidTransition(_("%(number)s 已于 %(day)s 作出复审结论（%(conclusion)s）。") % {
            "number": standard.identifier, "day": done.concluded_on.isoformat(),
            "conclusion": done.get_conclusion_display()}, current=done.conclusion, allowed=[])

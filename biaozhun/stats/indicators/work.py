"""Indicators of the platform's work: feedback answer times, filings, self-declarations, committee grades. Counted
in the database (declarations are millions of rows), from the dates each record keeps."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Count, F, Q
from django.db.models.functions import Substr
from django.utils import timezone

from biaozhun.assessments.models import Assessment, AssessmentState
from biaozhun.declarations.models import Declaration
from biaozhun.feedback.models import Feedback
from biaozhun.filing.models import Filing, FilingState

from . import catalogue
from .registry import Context, Values, average, indicator


def end_of(context: Context) -> datetime:
    """The first instant after the as-of date (the records' times are compared with it)."""
    return timezone.make_aware(datetime.combine(context.as_of + timedelta(days=1), time.min))


def start_of_year(context: Context) -> datetime:
    return timezone.make_aware(datetime.combine(context.year_start, time.min))


def _grouped(queryset, dimension: str, columns: dict[str, object]) -> Values:
    if dimension == "total":
        return {"": queryset.count()}
    rows = queryset.annotate(k=columns[dimension]).values("k").annotate(n=Count("id")).order_by()
    return {row["k"] or "": row["n"] for row in rows}


@indicator("feedback_answer_days", dimensions=("total", "committee"))
def feedback_answer_days(context: Context, dimension: str) -> Values:
    """Mean working days from receipt to answer of the feedback answered in the as-of year."""
    rows = (Feedback.objects.filter(answered_at__gte=start_of_year(context), answered_at__lt=end_of(context),
                                    answer_working_days__isnull=False)
            .values_list("committee__code", "answer_working_days"))
    pairs = (("" if dimension == "total" else catalogue.committee_of(code or "") or "", days) for code, days in rows)
    return average(pairs, dimension)


@indicator("filings", dimensions=("total", "tier", "region"))
def filings(context: Context, dimension: str) -> Values:
    """Industry and local standards filed (备案) in the as-of year."""
    queryset = Filing.objects.filter(state=FilingState.ACCEPTED, filed_on__gte=context.year_start,
                                     filed_on__lte=context.as_of)
    if dimension == "region":
        queryset = queryset.exclude(region_code="")

    return _grouped(queryset, dimension, {"tier": F("tier"), "region": Substr("region_code", 1, 2)})


@indicator("declarations", dimensions=("total", "tier", "region"))
def declarations(context: Context, dimension: str) -> Values:
    """Self-declarations public on the as-of date: declared by then and not withdrawn by then."""
    end = end_of(context)
    queryset = Declaration.objects.filter(declared_at__lt=end).filter(
        Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=end))

    return _grouped(queryset, dimension, {"tier": F("tier"), "region": Substr("region_code", 1, 2)})


@indicator("committee_grades", dimensions=("total", "grade"))
def committee_grades(context: Context, dimension: str) -> Values:
    """Committees graded in the as-of year's assessment (finalised by the as-of date), per grade; a committee
    assessed again counts by its latest finalised version."""
    latest: dict[int, tuple[int, str]] = {}
    for committee_id, version, grade in (Assessment.objects.filter(
            year=context.as_of.year, state=AssessmentState.FINALISED, finalised_at__lt=end_of(context))
            .values_list("committee_id", "version", "grade")):
        if committee_id not in latest or version > latest[committee_id][0]:
            latest[committee_id] = (version, grade)
    grades = [grade for _version, grade in latest.values()]
    if dimension == "total":
        return {"": len(grades)}
    values: Values = {}
    for grade in grades:
        values[grade] = (values[grade] or 0) + 1 if grade in values else 1
    return values

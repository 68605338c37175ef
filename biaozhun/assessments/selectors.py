"""Reads that the assessment pages and the API share. The lists show each committee's current assessment of a
year: the latest version (one that no newer version replaces)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from biaozhun.accounts import policy
from biaozhun.committees.models import Committee
from biaozhun.core import clock
from biaozhun.development.selectors import own_committees
from biaozhun.rules.assessment import DEFAULT_SCHEME

from .models import Assessment, AssessmentEvent, AssessmentScheme, AssessmentState, Decision, GradeChoice, MeasureChoice

PAGE_SIZE = 50
FILTERS = ("all", "flagged", "corrections", "overdue")


@dataclass
class ListQuery:
    year: int
    grade: str = ""
    state: str = ""
    show: str = "all"  # all, flagged (below the pass mark), corrections (open), overdue (corrections past due)
    q: str = ""


def current(*, year: int) -> QuerySet[Assessment]:
    """Each committee's current assessment of the year."""
    return Assessment.objects.filter(year=year, replaced_by__isnull=True)


def assessment_list(query: ListQuery) -> QuerySet[Assessment]:
    rows = current(year=query.year)
    if query.grade in GradeChoice.values:
        rows = rows.filter(grade=query.grade)
    if query.state in AssessmentState.values:
        rows = rows.filter(state=query.state)
    if query.show == "flagged":
        rows = rows.filter(flagged=True)
    elif query.show in ("corrections", "overdue"):
        rows = rows.filter(decision__measure=MeasureChoice.CORRECTION,
                           decision__correction_closed_on__isnull=True)
        if query.show == "overdue":
            rows = rows.filter(decision__correction_due__lt=clock.today())
    text = query.q.strip()
    if text:
        rows = rows.filter(Q(committee__code__icontains=text) | Q(committee__name_zh__contains=text))
    return rows.order_by("committee__code")


def page_rows(rows: QuerySet[Assessment], *, offset: int, limit: int) -> list[Assessment]:
    """One page of a list: the page's ids first (ordered on the committee's code), then those rows with their
    committee and decision."""
    ids = list(rows.values_list("pk", flat=True)[offset:offset + limit])
    found = {a.pk: a for a in Assessment.objects.filter(pk__in=ids).select_related("committee", "decision")
             .only(*LIST_FIELDS)}
    return [found[pk] for pk in ids]


# What a list row shows (the figures, scores and scheme stay unread: a page of 50 would decode 150 JSON documents).
LIST_FIELDS = ("committee__code", "committee__name_zh", "year", "version", "state", "total", "grade", "flagged",
               "measure", "decision__measure", "decision__correction_due", "decision__correction_closed_on")


def grade_counts(*, year: int) -> dict[str, int]:
    """How many current assessments of the year have each grade ("" for none yet), and how many are flagged."""
    counts: Counter[str] = Counter()
    for grade, flagged, n in (current(year=year).order_by().values_list("grade", "flagged")
                              .annotate(n=Count("pk"))):
        counts[grade] += n
        counts["flagged"] += n if flagged else 0
        counts["total"] += n
    return dict(counts)


def years() -> list[int]:
    """The years that have a scheme or assessments, newest first, this year always among them."""
    found = set(AssessmentScheme.objects.values_list("year", flat=True))
    found.add(clock.today().year)
    return sorted(found, reverse=True)


def scheme_of(*, year: int) -> AssessmentScheme | None:
    return AssessmentScheme.objects.filter(year=year).first()


def scheme_template(*, year: int) -> dict:
    """What a year without a scheme starts from: the latest earlier year's, else the default."""
    earlier = AssessmentScheme.objects.filter(year__lt=year).order_by("-year").first()
    return earlier.config if earlier is not None else DEFAULT_SCHEME.as_dict()


def scheme_history(*, scheme: AssessmentScheme) -> QuerySet[AssessmentEvent]:
    return scheme.events.select_related("actor").order_by("-at", "-id")


def visible(*, viewer: Any, assessment: Assessment) -> bool:
    """The administration sees every assessment; a committee's secretariat its own once computed."""
    if policy.can(viewer, "assessments.oversee"):
        return True
    return assessment.state != AssessmentState.DRAFT and policy.can(viewer, "assessments.view", assessment.committee)


def assessment_for_viewer(*, viewer: Any, pk: int) -> Assessment | None:
    """The assessment if the viewer may see it; None otherwise, whether it exists or not."""
    assessment = Assessment.objects.select_related("committee", "committee__secretariat", "finalised_by").filter(
        pk=pk).first()
    if assessment is None or not visible(viewer=viewer, assessment=assessment):
        return None
    return assessment


def decision_of(assessment: Assessment) -> Decision | None:
    return Decision.objects.filter(assessment=assessment).select_related("decided_by").first()


def is_current(assessment: Assessment) -> bool:
    return not Assessment.objects.filter(replaces=assessment).exists()


def versions(assessment: Assessment) -> list[Assessment]:
    """Every version of the committee's assessment of that year, newest first."""
    return list(Assessment.objects.filter(committee=assessment.committee_id, year=assessment.year)
                .order_by("-version").only("pk", "version", "state", "total", "grade", "finalised_at"))


def history(assessment: Assessment) -> QuerySet[AssessmentEvent]:
    """The events of every version of the committee's assessment of that year, newest first."""
    return (AssessmentEvent.objects.filter(assessment__committee=assessment.committee_id,
                                           assessment__year=assessment.year)
            .select_related("actor", "assessment").order_by("-at", "-id"))


def secretariat_committees(*, viewer: Any) -> list[Committee]:
    """The committees whose secretariat the viewer works in."""
    return [c for c in own_committees(viewer=viewer) if policy.can(viewer, "assessments.view", c)]


def committee_assessments(*, committees: list[Committee]) -> dict[int, list[Assessment]]:
    """The current assessments of these committees (every year, newest first), drafts left out."""
    found: dict[int, list[Assessment]] = {c.pk: [] for c in committees}
    rows = (Assessment.objects.filter(committee__in=[c.pk for c in committees], replaced_by__isnull=True)
            .exclude(state=AssessmentState.DRAFT).select_related("decision").order_by("-year"))
    for row in rows:
        found[row.committee_id].append(row)
    return found


def committee_for_report(*, viewer: Any, pk: int) -> Committee | None:
    """The committee if the viewer may read its assessments and annual report; None otherwise."""
    committee = Committee.objects.select_related("secretariat").filter(pk=pk).first()
    if committee is None or not policy.can(viewer, "assessments.view", committee):
        return None
    return committee


def latest_finalised(*, committee: Committee, year: int) -> Assessment | None:
    """The committee's finalised assessment of the year (its latest finalised version), for its annual report."""
    return (Assessment.objects.filter(committee=committee, year=year, state=AssessmentState.FINALISED)
            .order_by("-version").first())

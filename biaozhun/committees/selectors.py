"""Reads for committee pages."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from biaozhun.accounts import policy
from biaozhun.rules.committees import overweight_categories

from .models import Committee, Stakeholder


def committee_list(*, query: str = "") -> QuerySet[Committee]:
    committees = Committee.objects.existing().select_related("secretariat")
    if query:
        committees = committees.filter(Q(code__icontains=query) | Q(name_zh__contains=query) | Q(name_en__icontains=query))
    return committees.annotate(seats=Count("members")).order_by("code")


def composition(committee: Committee, *, on: date) -> dict:
    """Voting seats in term per stakeholder category, and the categories over half."""
    seats = list(committee.members.filter(voting=True, term_start__lte=on, term_end__gte=on)
                 .values_list("stakeholder", flat=True))
    counts = Counter(seats)
    return {
        "total": len(seats),
        "categories": [(str(label), counts.get(value, 0)) for value, label in Stakeholder.choices if counts.get(value)],
        "overweight": [str(Stakeholder(c).label) for c, _s, _t in overweight_categories(seats)],
    }


def committee_standards(committee: Committee, *, viewer, limit: int = 100):
    """Editions this committee is responsible for (its subcommittees' too), in force first, newest first."""
    codes = [committee.code, *committee.subcommittees.values_list("code", flat=True)]
    standards = policy.visible("catalog.standards", viewer).filter(tc_code__in=codes)
    in_force_first = _rank("status", ["current", "upcoming", "replaced", "abolished"])
    return standards.only("identifier", "title_zh", "title_en", "status", "implemented_on").order_by(
        in_force_first, "-published_on")[:limit], standards.count()


def _rank(field: str, order: list[str]) -> Case:
    return Case(*[When(**{field: value}, then=Value(rank)) for rank, value in enumerate(order)],
                default=Value(len(order)), output_field=IntegerField())


def current_members(committee: Committee, *, on: date):
    """Members in term, the chair first, then vice-chairs, the secretary-general, members, observers."""
    roles = _rank("role", ["chair", "vice_chair", "secretary_general", "member", "observer"])
    return committee.members.filter(term_start__lte=on, term_end__gte=on).order_by(roles, "name")

"""Reads for committee pages."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from biaozhun.accounts import policy
from biaozhun.rules.committees import overweight_categories

from .models import Committee, Member, Stakeholder


def committee_list(*, query: str = "") -> QuerySet[Committee]:
    committees = Committee.objects.existing()
    if query:
        committees = committees.filter(Q(code__icontains=query) | Q(name_zh__contains=query) | Q(name_en__icontains=query))
    return committees.only("code", "name_zh", "name_en", "international_counterpart").order_by("code")


def with_seats(committees: list[Committee], *, on: date) -> list[Committee]:
    """Set ``seats`` (members in term on ``on``) on each of a page's committees, with one grouped query."""
    counts = dict(Member.objects.filter(committee__in=committees, term_start__lte=on, term_end__gte=on)
                  .order_by().values("committee").annotate(n=Count("pk")).values_list("committee", "n"))
    for committee in committees:
        committee.seats = counts.get(committee.pk, 0)
    return committees


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


def committee_by_code(code: str) -> Committee | None:
    from biaozhun.accounts.codes import normalise_tc_code

    return Committee.objects.filter(code=normalise_tc_code(code)).first()


def organisation_named(text: str):
    """The organisation registered under this unified social credit code or this exact name (None if there is no
    such one, or several share the name)."""
    from biaozhun.accounts.models import Organisation
    from biaozhun.accounts.validators import compact_uscc

    text = " ".join(text.split())
    code = compact_uscc(text)
    if len(code) == 18:
        found = Organisation.objects.filter(uscc=code).first()
        if found is not None:
            return found
    named = list(Organisation.objects.filter(name=text)[:2])
    return named[0] if len(named) == 1 else None


def committee_page(code: str) -> Committee | None:
    """A committee with what its page shows beside it (secretariat, parent, merger, guiding unit)."""
    return (Committee.objects.filter(code=code)
            .select_related("secretariat", "parent", "merged_into", "guiding_unit").first())


def current_term(committee: Committee, *, on: date):
    return committee.terms.filter(start__lte=on, end__gte=on).order_by("-number").first()


HISTORY_LIMIT = 15


def history(committee: Committee, *, limit: int = HISTORY_LIMIT):
    """The committee's latest events, newest first (member additions of one day and actor are many: the page groups
    them), and how many there are in all."""
    events = committee.events.select_related("actor").order_by("-at", "-id")
    return list(events[:limit]), committee.events.count()

"""Committee writes: found a committee, seat a member, end a membership; each with its event."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from biaozhun.accounts import policy
from biaozhun.accounts.codes import is_canonical_tc_code, normalise_tc_code
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import ValidationFailed
from biaozhun.rules.committees import overweight_categories

from .models import Committee, CommitteeEvent, CommitteeKind, Member, Stakeholder

# The balance rule applies once a committee has this many voting seats (its first seats are filled one by one).
MIN_SEATS_FOR_BALANCE = 4


def _kind_and_parent(code: str) -> tuple[str, Committee | None]:
    if "/SC " in code:
        parent_code = code.split("/SC ")[0]
        parent = Committee.objects.filter(code=parent_code).first()
        if parent is None:
            raise ValidationFailed("The parent committee does not exist.",
                                   [{"field": "code", "message": f"create {parent_code} first"}])
        return CommitteeKind.SC, parent
    return (CommitteeKind.SWG if code.startswith("SAC/SWG") else CommitteeKind.TC), None


@transaction.atomic
def create_committee(*, actor, code: str, name_zh: str, name_en: str = "", scope: str = "",
                     international_counterpart: str = "", secretariat=None, established_on: date | None = None) -> Committee:
    policy.require(actor, "committees.create")
    code = normalise_tc_code(code)
    if not is_canonical_tc_code(code):
        raise ValidationFailed("The committee was not created.",
                               [{"field": "code", "message": f"{code!r}: expected SAC/TC 28, SAC/TC 28/SC 1 or SAC/SWG 5"}])
    if Committee.objects.filter(code=code).exists():
        raise ValidationFailed("The committee was not created.", [{"field": "code", "message": f"{code} exists"}])
    kind, parent = _kind_and_parent(code)
    committee = Committee.objects.create(
        code=code, kind=kind, parent=parent, name_zh=name_zh, name_en=name_en, scope=scope, secretariat=secretariat,
        international_counterpart=international_counterpart, established_on=established_on,
    )
    CommitteeEvent.objects.create(committee=committee, kind=CommitteeEvent.Kind.CREATED, actor=_user(actor),
                                  data={"code": code})
    return committee


def _user(actor):
    return user_or_none(actor)


def voting_categories(committee: Committee, on: date, extra: list[str] = ()) -> list[str]:
    seats = committee.members.filter(voting=True, term_start__lte=on, term_end__gte=on)
    return [*seats.values_list("stakeholder", flat=True), *extra]


@transaction.atomic
def add_member(*, actor, committee: Committee, name: str, organisation: str, stakeholder: str, term_start: date,
               term_end: date, role: str = "member", voting: bool = True, user=None) -> Member:
    """Seat a member; refused if a stakeholder category would then hold more than half the voting seats."""
    policy.require(actor, "committees.manage", committee)
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    problems = []
    if stakeholder not in Stakeholder.values:
        problems.append({"field": "stakeholder", "message": f"one of {', '.join(Stakeholder.values)}"})
    if term_end < term_start:
        problems.append({"field": "term_end", "message": f"must not be before {term_start}"})
    if problems:
        raise ValidationFailed("The member was not added.", problems)
    if voting:
        categories = voting_categories(committee, term_start, [stakeholder])
        for category, seats, total in overweight_categories(categories):
            if len(categories) >= MIN_SEATS_FOR_BALANCE:
                raise ValidationFailed("The member was not added: the committee would be unbalanced.", [{
                    "field": "stakeholder",
                    "message": f"{Stakeholder(category).label} would hold {seats} of {total} voting seats; "
                               f"no category may hold more than half",
                }])
    member = Member.objects.create(committee=committee, name=name, organisation=organisation, stakeholder=stakeholder,
                                   term_start=term_start, term_end=term_end, role=role, voting=voting, user=user)
    CommitteeEvent.objects.create(committee=committee, kind=CommitteeEvent.Kind.MEMBER_ADDED, actor=_user(actor),
                                  data={"member_id": member.pk, "name": name, "stakeholder": stakeholder})
    return member


@transaction.atomic
def end_membership(*, actor, member: Member, on: date, reason: str = "") -> Member:
    policy.require(actor, "committees.manage", member.committee)
    if on < member.term_start:
        raise ValidationFailed("The membership was not ended.",
                               [{"field": "on", "message": f"must not be before {member.term_start}"}])
    member.term_end = min(member.term_end, on)
    member.save(update_fields=["term_end"])
    CommitteeEvent.objects.create(committee=member.committee, kind=CommitteeEvent.Kind.MEMBER_ENDED,
                                  actor=_user(actor), data={"member_id": member.pk, "on": on.isoformat(),
                                                            "reason": reason})
    return member

"""Committee writes: found a committee, change its details, contacts or status, seat members, change a seat, end a
membership. Terms (换届) are in committees/terms.py, applications in committees/applications/services.py.

Each service asks the policy, validates, and writes its one event (committees/events.py) in the same
transaction; a refused call raises ``ValidationFailed`` or ``PermissionDeniedError`` and writes nothing. A change
that asks for what is already there changes nothing and records nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.accounts.codes import is_canonical_tc_code, normalise_tc_code
from biaozhun.accounts.models import phone_validator
from biaozhun.core import clock
from biaozhun.core.errors import ValidationFailed
from biaozhun.rules.committees import overweight_categories, status_move

from . import events
from .models import Committee, CommitteeKind, CommitteeStatus, Member, MemberRole, Stakeholder

# The balance rule applies once a committee has this many voting seats (its first seats are filled one by one).
MIN_SEATS_FOR_BALANCE = 4
# What an update may change; the code, kind and parent follow from the code and never change.
COMMITTEE_FIELDS = ("name_zh", "name_en", "scope", "secretariat", "international_counterpart", "established_on",
                    "guiding_unit")
# The secretariat's contact person: personal data, so its events name the fields that changed, not their values.
CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_email")
# A member's committee never changes: moving someone is ending one seat and adding another.
MEMBER_FIELDS = ("name", "organisation", "stakeholder", "role", "voting", "term_start", "term_end", "user", "title")
BALANCE_FIELDS = frozenset({"stakeholder", "voting", "term_start", "term_end"})


# --- Helpers --------------------------------------------------------------------------------------------
def _problem(field: str | None, message: str, code: str) -> dict[str, Any]:
    return {"field": field, "message": message, "code": code}


def _problems(error: DjangoValidationError) -> list[dict[str, Any]]:
    return [
        _problem(None if field == NON_FIELD_ERRORS else field, str(message), "invalid")
        for field, messages in error.message_dict.items()
        for message in messages
    ]


def _json(value: Any) -> Any:
    """A field value as event data: dates as ISO text, rows by primary key."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, date):
        return value.isoformat()
    return value


def _apply(instance: models.Model, changes: dict[str, Any], allowed: Iterable[str]) -> tuple[dict, dict]:
    """Set the changed fields on ``instance``; (before, after) of those that really change, as event data."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"{type(instance).__name__}: these fields are not changed by this service: {sorted(unknown)}")
    before, after = {}, {}
    for name, value in changes.items():
        old = getattr(instance, name)
        if old == value:
            continue
        before[name], after[name] = _json(old), _json(value)
        setattr(instance, name, value)
    return before, after


def _choices_text(choices: type[models.TextChoices]) -> str:
    return "、".join(str(label) for label in choices.labels)


def _parent(code: str) -> tuple[str, Committee | None]:
    if "/SC " in code:
        parent_code = code.split("/SC ")[0]
        parent = Committee.objects.filter(code=parent_code).first()
        if parent is None:
            raise ValidationFailed(_("技术委员会未能创建：它的上级技术委员会尚未登记。"), [_problem(
                "code", _("请先创建 %(parent)s，再创建它的分技术委员会。") % {"parent": parent_code}, "parent_missing")])
        return CommitteeKind.SC, parent
    kinds = {"SAC/SWG": CommitteeKind.SWG, "SAC/CG": CommitteeKind.CG}
    return next((kind for prefix, kind in kinds.items() if code.startswith(prefix + " ")), CommitteeKind.TC), None


def voting_categories(committee: Committee, on: date, extra: Iterable[str] = (), *,
                      exclude: Member | None = None) -> list[str]:
    """Stakeholder categories of the voting seats in term on ``on`` (without ``exclude``), plus ``extra``."""
    seats = committee.members.filter(voting=True, term_start__lte=on, term_end__gte=on)
    if exclude is not None:
        seats = seats.exclude(pk=exclude.pk)
    return [*seats.values_list("stakeholder", flat=True), *extra]


def _check_balance(committee: Committee, stakeholder: str, dates: Iterable[date], *, refused: str,
                   exclude: Member | None = None) -> None:
    """Refuse a voting seat that would give its stakeholder category more than half the voting seats on any of
    ``dates`` (once the committee has MIN_SEATS_FOR_BALANCE of them)."""
    for on in sorted(set(dates)):
        categories = voting_categories(committee, on, [stakeholder], exclude=exclude)
        if len(categories) < MIN_SEATS_FOR_BALANCE:
            continue
        for category, seats, total in overweight_categories(categories):
            if category != stakeholder:
                continue  # already over half before this seat: this seat does not make it worse
            raise ValidationFailed(refused, [_problem("stakeholder", _(
                "%(day)s起%(category)s将占 %(total)s 个表决席位中的 %(seats)s 个，任何一类不得超过半数。"
                "请选择其他类别的委员，或将此席位设为无表决权。"
            ) % {"day": on.isoformat(), "category": Stakeholder(category).label, "seats": seats, "total": total},
                "unbalanced")])


def _check_seat(stakeholder: str, role: str, term_start: date, term_end: date, *, refused: str) -> None:
    problems = []
    if stakeholder not in Stakeholder.values:
        problems.append(_problem("stakeholder", _("请选择利益相关方类别：%(choices)s。") % {
            "choices": _choices_text(Stakeholder)}, "invalid_choice"))
    if role not in MemberRole.values:
        problems.append(_problem("role", _("请选择职务：%(choices)s。") % {"choices": _choices_text(MemberRole)},
                                 "invalid_choice"))
    if term_end < term_start:
        problems.append(_problem("term_end", _("任期结束日期不能早于任期开始日期（%(start)s）。") % {
            "start": term_start.isoformat()}, "term_order"))
    if problems:
        raise ValidationFailed(refused, problems)


def _check_account(name: str, user, *, refused: str) -> None:
    """A seat is a person's: the account linked to it must be that person's, so that the roll of a ballot shows
    each member their own name (the account's real name and the seat's name agree, spaces aside)."""
    if user is None or not user.real_name.strip():
        return
    if "".join(user.real_name.split()) != "".join(name.split()):
        raise ValidationFailed(refused, [_problem("user", _(
            "账号“%(username)s”的真实姓名是“%(real_name)s”，与委员姓名“%(name)s”不一致：委员席位只能关联委员本人的账号。"
            "请核对后选择本人的账号，或先在本人账号中更正真实姓名。") % {
            "username": user.username, "real_name": user.real_name, "name": name}, "account_name")])


# --- Committees -----------------------------------------------------------------------------------------
@transaction.atomic
def create_committee(*, actor, code: str, name_zh: str, name_en: str = "", scope: str = "",
                     international_counterpart: str = "", secretariat=None, established_on: date | None = None,
                     guiding_unit=None, application: int | None = None) -> Committee:
    """Found a committee (its kind and parent follow from the code); ``application`` names the approved application
    it was established through, for its ``created`` event."""
    policy.require(actor, "committees.create")
    refused = _("技术委员会未能创建，请按提示修改。")
    code = normalise_tc_code(code)
    if not is_canonical_tc_code(code):
        raise ValidationFailed(refused, [_problem("code", _(
            "“%(code)s”不是技术委员会编号，应形如 SAC/TC 28、SAC/TC 28/SC 1、SAC/SWG 5 或 SAC/CG 1。") % {"code": code},
            "code_format")])
    if Committee.objects.filter(code=code).exists():
        raise ValidationFailed(refused, [_problem("code", _(
            "%(code)s 已经登记；如需修改，请打开该技术委员会修改。") % {"code": code}, "code_taken")])
    if not name_zh.strip():
        raise ValidationFailed(refused, [_problem("name_zh", _("请填写技术委员会的中文名称。"), "required")])
    kind, parent = _parent(code)
    committee = Committee.objects.create(
        code=code, kind=kind, parent=parent, name_zh=name_zh.strip(), name_en=name_en.strip(), scope=scope,
        secretariat=secretariat, international_counterpart=international_counterpart, established_on=established_on,
        guiding_unit=guiding_unit,
    )
    events.committee_created(committee, actor=actor, application=application)
    return committee


@transaction.atomic
def update_committee(*, actor, committee: Committee, changes: dict[str, Any],
                     application: int | None = None) -> Committee:
    """Change a committee's details (names, scope, secretariat, counterpart, founding date, guiding unit) with one
    ``updated`` event holding the old and new values of what changed (and the approved application that asked)."""
    policy.require(actor, "committees.edit", committee)
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    before, after = _apply(committee, changes, COMMITTEE_FIELDS)
    if not after:
        return committee
    try:
        committee.full_clean()
    except DjangoValidationError as error:
        raise ValidationFailed(_("技术委员会信息未能保存，请按提示修改。"), _problems(error)) from None
    committee.save(update_fields=list(after))
    events.committee_updated(committee, actor=actor, before=before, after=after, application=application)
    return committee


@transaction.atomic
def update_contacts(*, actor, committee: Committee, contact_name: str, contact_phone: str,
                    contact_email: str) -> Committee:
    """Change the secretariat's contact person, phone and email (the secretariat keeps them; administrators may),
    with one ``contacts_changed`` event naming the changed fields without their values."""
    policy.require(actor, "committees.manage", committee)
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    values = {"contact_name": " ".join(contact_name.split()), "contact_phone": contact_phone.strip(),
              "contact_email": contact_email.strip()}
    changed = [name for name, value in values.items() if getattr(committee, name) != value]
    if not changed:
        return committee
    problems = []
    checks = {"contact_phone": (phone_validator, None), "contact_email": (validate_email, _(
        "请填写有效的电子邮箱，如 secretariat@example.org。"))}
    for name, (check, message) in checks.items():
        if values[name]:
            try:
                check(values[name])
            except DjangoValidationError as error:
                problems.append(_problem(name, str(message or error.messages[0]), "invalid"))
    if len(values["contact_name"]) > 100:
        problems.append(_problem("contact_name", _("最多 100 个字符。"), "too_long"))
    if problems:
        raise ValidationFailed(_("联系方式未能保存，请按提示修改。"), problems)
    for name in changed:
        setattr(committee, name, values[name])
    committee.save(update_fields=changed)
    events.contacts_changed(committee, actor=actor, fields=changed)
    return committee


@transaction.atomic
def change_status(*, actor, committee: Committee, status: str, reason: str, on: date | None = None,
                  decision: str = "", merged_into: Committee | None = None) -> Committee:
    """Suspend, reinstate, revoke or merge a committee (rules/committees.STATUS_MOVES), with its reason, the
    decision that ordered it (document number) and one event. A suspended committee opens no ballot and takes no new
    project; a revoked or merged one leaves the public register; a merged one names the committee taking its work."""
    policy.require(actor, "committees.decide", committee)
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    refused = _("技术委员会的状态未能变更，请按提示修改。")
    kind = status_move(committee.status, status)
    if kind is None:
        raise ValidationFailed(refused, [_problem("status", _(
            "%(code)s 当前状态为“%(current)s”，不能变更为“%(target)s”。") % {
            "code": committee.code, "current": committee.get_status_display(),
            "target": CommitteeStatus(status).label if status in CommitteeStatus.values else status}, "status_move")])
    problems = []
    if not reason.strip():
        problems.append(_problem("reason", _("请填写变更状态的理由。"), "required"))
    if status == CommitteeStatus.MERGED:
        if merged_into is None:
            problems.append(_problem("merged_into", _("请选择并入的技术委员会。"), "required"))
        elif merged_into.pk == committee.pk or not merged_into.is_at_work:
            problems.append(_problem("merged_into", _("只能并入另一个正常工作的技术委员会。"), "merged_into"))
    elif merged_into is not None:
        problems.append(_problem("merged_into", _("只有合并时才选择并入的技术委员会。"), "merged_into"))
    if problems:
        raise ValidationFailed(refused, problems)
    before = committee.status
    committee.status, committee.merged_into = status, merged_into
    committee.save(update_fields=["status", "merged_into"])
    events.status_changed(committee, kind, actor=actor, before=before, reason=reason.strip(),
                          decision=decision.strip(), on=on or clock.today())
    return committee


# --- Members --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Seat:
    """A seat to fill: who, from where, for which stakeholder category, in which role, for which dates."""

    name: str
    organisation: str
    stakeholder: str
    term_start: date
    term_end: date
    role: str = MemberRole.MEMBER
    voting: bool = True
    user: Any = None
    title: str = ""


def _check_roll_balance(committee: Committee, seats: Sequence[Seat], *, refused: str) -> None:
    """Refuse seats that, together with the seats already in term, would give a category of theirs more than half
    the voting seats on the first day of any of them (once the committee has MIN_SEATS_FOR_BALANCE of them). A
    category already over half without them is not made their fault unless they add to it."""
    voting = [seat for seat in seats if seat.voting]
    for on in sorted({seat.term_start for seat in voting}):
        joining = [seat.stakeholder for seat in voting if seat.term_start <= on <= seat.term_end]
        categories = voting_categories(committee, on, joining)
        if len(categories) < MIN_SEATS_FOR_BALANCE:
            continue
        for category, seats_held, total in overweight_categories(categories):
            if category not in joining:
                continue
            raise ValidationFailed(refused, [_problem("stakeholder", _(
                "%(day)s起%(category)s将占 %(total)s 个表决席位中的 %(seats)s 个，任何一类不得超过半数。"
                "请选择其他类别的委员，或将此席位设为无表决权。"
            ) % {"day": on.isoformat(), "category": Stakeholder(category).label, "seats": seats_held, "total": total},
                "unbalanced")])


@transaction.atomic
def add_members(*, actor, committee: Committee, seats: Sequence[Seat], data: dict[str, Any] | None = None,
                refused: str | None = None) -> list[Member]:
    """Seat several members at once (a new committee's roll, a new term's): the balance rule is judged on the roll
    they make together, so a balanced roll is seated whatever its order. One ``member_added`` event per seat
    (``data`` adds keys to each, e.g. the term it belongs to). Refused as a whole, writing nothing."""
    policy.require(actor, "committees.manage", committee)
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    refused = refused or _("委员未能增补，请按提示修改。")
    for seat in seats:
        _check_seat(seat.stakeholder, seat.role, seat.term_start, seat.term_end, refused=refused)
        _check_account(seat.name, seat.user, refused=refused)
    _check_roll_balance(committee, seats, refused=_("委员未能增补：增补后该技术委员会的利益相关方将失衡。"))
    members = []
    for seat in seats:
        member = Member.objects.create(committee=committee, name=seat.name, organisation=seat.organisation,
                                       stakeholder=seat.stakeholder, term_start=seat.term_start,
                                       term_end=seat.term_end, role=seat.role, voting=seat.voting, user=seat.user,
                                       title=seat.title)
        events.member_added(member, actor=actor, data=data)
        members.append(member)
    return members


def add_member(*, actor, committee: Committee, name: str, organisation: str, stakeholder: str, term_start: date,
               term_end: date, role: str = MemberRole.MEMBER, voting: bool = True, user=None, title: str = "") -> Member:
    """Seat a member; refused if their stakeholder category would then hold more than half the voting seats."""
    seat = Seat(name=name, organisation=organisation, stakeholder=stakeholder, term_start=term_start,
                term_end=term_end, role=role, voting=voting, user=user, title=title)
    return add_members(actor=actor, committee=committee, seats=[seat])[0]


@transaction.atomic
def update_member(*, actor, member: Member, changes: dict[str, Any]) -> Member:
    """Change a seat (name, organisation, category, role, vote, term, account) with one ``member_changed`` event.
    A change of category, vote or term is checked against the balance rule again, at the start of the term and
    today if the term has begun."""
    policy.require(actor, "committees.manage", member.committee)
    committee = Committee.objects.select_for_update().get(pk=member.committee_id)
    member = Member.objects.select_for_update().get(pk=member.pk)
    before, after = _apply(member, changes, MEMBER_FIELDS)
    if not after:
        return member
    refused = _("委员信息未能保存，请按提示修改。")
    _check_seat(member.stakeholder, member.role, member.term_start, member.term_end, refused=refused)
    if {"name", "user"} & set(after):
        _check_account(member.name, member.user, refused=refused)
    if member.voting and BALANCE_FIELDS & set(after):
        today = clock.today()
        dates = [member.term_start, *([today] if member.term_start <= today <= member.term_end else [])]
        _check_balance(committee, member.stakeholder, dates, exclude=member,
                       refused=_("委员信息未能保存：变更后该技术委员会的利益相关方将失衡。"))
    member.save(update_fields=list(after))
    events.member_changed(member, actor=actor, before=before, after=after)
    return member


@transaction.atomic
def end_membership(*, actor, member: Member, on: date, reason: str = "") -> Member:
    policy.require(actor, "committees.manage", member.committee)
    if on < member.term_start:
        raise ValidationFailed(_("委员离任未能登记，请按提示修改。"), [_problem("on", _(
            "离任日期不能早于任期开始日期（%(start)s）。") % {"start": member.term_start.isoformat()}, "term_order")])
    member.term_end = min(member.term_end, on)
    member.save(update_fields=["term_end"])
    events.member_ended(member, actor=actor, on=on, reason=reason)
    return member

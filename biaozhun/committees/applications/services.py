"""Application writes: save a draft, submit it, withdraw it, open its public notice (公示), comment during the notice,
approve or reject it. Approval founds the committee (``create_committee``, its first term, its roll seated through
``add_members`` so the balance rule applies), changes it (``update_committee``) or merges it (``change_status``).

Each service asks the policy, checks, and writes its one event (applications/events.py) in the same transaction; a
refused call raises and writes nothing. Submission checks everything the approval will need, so what the public
reads in the notice is what the administration can approve.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.accounts.codes import is_canonical_tc_code, normalise_tc_code
from biaozhun.accounts.models import Organisation, OrganisationKind, phone_validator
from biaozhun.core import clock
from biaozhun.core.errors import DomainError, InvalidTransition, ValidationFailed
from biaozhun.rules.committees import (
    ApplicationState,
    Purpose,
    application_moves,
    balance_breach,
    kind_of_code,
    parse_international_committees,
)
from biaozhun.rules.periods import period_phase

from .. import services as committee_services
from .. import terms
from ..models import Committee, CommitteeKind, CommitteeStatus, MemberRole, Stakeholder
from ..permissions import acts_for
from . import events
from .models import Application, ApplicationComment, ApplicationPurpose, ApplicationSeat, ApplicationStatus

# Who may be a committee's guiding unit (业务指导单位): a State Council department or an industry association
# (a social organisation), a provincial bureau, or the national administration itself.
GUIDING_KINDS = frozenset({OrganisationKind.GOVERNMENT_DEPARTMENT, OrganisationKind.SOCIAL_ORGANISATION,
                           OrganisationKind.BUREAU, OrganisationKind.NATIONAL_ADMINISTRATION})
CHANGE_FIELDS = ("name_zh", "name_en", "scope", "secretariat", "guiding_unit", "international_counterpart")
LIMITS = {"name_zh": 200, "name_en": 300, "scope": 5000, "justification": 10000, "contact_name": 100}
COMMENT_LIMIT = 5000
MAX_SEATS = 200
CODE_EXAMPLES = {"TC": "SAC/TC 28", "SC": "SAC/TC 28/SC 1", "SWG": "SAC/SWG 5", "CG": "SAC/CG 1"}


class CommentPeriodClosed(DomainError):
    """A comment outside the public notice; ``data`` holds its first and last days."""

    code = "comment_period_closed"
    status = 409


class NoticeRunning(DomainError):
    """A decision asked for while the public notice still runs; ``data`` holds its last day."""

    code = "notice_running"
    status = 409


@dataclass(frozen=True)
class SeatInput:
    name: str
    organisation: str
    stakeholder: str
    role: str = MemberRole.MEMBER
    title: str = ""
    voting: bool = True


@dataclass(frozen=True)
class ApplicationInput:
    purpose: str = Purpose.ESTABLISH
    kind: str = ""
    code: str = ""
    name_zh: str = ""
    name_en: str = ""
    scope: str = ""
    justification: str = ""
    international_counterpart: str = ""
    secretariat: Organisation | None = None
    guiding_unit: Organisation | None = None
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    committee: Committee | None = None
    merge_into: Committee | None = None
    seats: tuple[SeatInput, ...] = field(default_factory=tuple)


def _problem(field_name: str | None, message: str, code: str) -> dict[str, Any]:
    return {"field": field_name, "message": message, "code": code}


def _choices(choices) -> str:
    return "、".join(str(label) for label in choices.labels)


def change_applicants(user: Any, committee: Committee) -> list[Organisation]:
    """The organisations ``user`` may propose a change of ``committee`` for: its secretariat, its guiding unit, the
    national administration (administrators)."""
    found = [m.organisation for m in user.memberships_of_kind(OrganisationKind.TC_SECRETARIAT)
             if m.organisation.tc_code == committee.code and acts_for(user, m.organisation)]
    if committee.guiding_unit_id and acts_for(user, committee.guiding_unit):
        found.append(committee.guiding_unit)
    if user.is_administrator:
        found += [m.organisation for m in user.memberships_of_kind(OrganisationKind.NATIONAL_ADMINISTRATION)]
    return found


# --- Checks -----------------------------------------------------------------------------------------------
def _seat_problems(seats: tuple[SeatInput, ...]) -> list[dict[str, Any]]:
    problems = []
    if len(seats) > MAX_SEATS:
        problems.append(_problem("seats", _("拟任委员最多 %(n)d 名。") % {"n": MAX_SEATS}, "too_many"))
    for line, seat in enumerate(seats, start=1):
        where = _("第 %(n)d 名拟任委员：") % {"n": line}
        if not seat.name.strip():
            problems.append(_problem(f"seats.{line}.name", where + _("请填写姓名。"), "required"))
        if not seat.organisation.strip():
            problems.append(_problem(f"seats.{line}.organisation", where + _("请填写工作单位。"), "required"))
        if seat.stakeholder not in Stakeholder.values:
            problems.append(_problem(f"seats.{line}.stakeholder", where + _("请选择利益相关方类别：%(c)s。") % {
                "c": _choices(Stakeholder)}, "invalid_choice"))
        if seat.role not in MemberRole.values:
            problems.append(_problem(f"seats.{line}.role", where + _("请选择职务：%(c)s。") % {
                "c": _choices(MemberRole)}, "invalid_choice"))
    return problems


def _roll_problems(seats: tuple[SeatInput, ...]) -> list[dict[str, Any]]:
    """What a roll must be at submission: seats, one chair, and no category above half of the voting seats."""
    if not seats:
        return [_problem("seats", _("请填写拟任委员名单。"), "required")]
    problems = []
    chairs = sum(1 for seat in seats if seat.role == MemberRole.CHAIR)
    if chairs != 1:
        problems.append(_problem("seats", _("拟任委员中应有且只有一名主任委员（现有 %(n)d 名）。") % {"n": chairs},
                                 "chair"))
    voting = [seat.stakeholder for seat in seats if seat.voting and seat.stakeholder in Stakeholder.values]
    for category, held, total in balance_breach(voting, committee_services.MIN_SEATS_FOR_BALANCE):
        problems.append(_problem("seats", _(
            "拟任有表决权委员 %(total)d 名中%(category)s占 %(held)d 名，超过半数；任何一类利益相关方不得超过有表决权委员的"
            "半数。请增加其他类别的委员，或将部分席位设为无表决权，再提交。") % {
            "total": total, "category": Stakeholder(category).label, "held": held}, "unbalanced"))
    return problems


def _counterpart(text: str) -> tuple[str, list[dict[str, Any]]]:
    found, bad = parse_international_committees(text)
    joined = "、".join(found)
    if bad:
        return joined, [_problem("international_counterpart", _(
            "“%(bad)s”不是 ISO/IEC 技术机构的编号。请写作 ISO/TC 176、ISO/TC 176/SC 2、IEC/TC 8、IEC/SC 62A、"
            "ISO/IEC JTC 1 或 ISO/IEC JTC 1/SC 7 的形式，多个之间用顿号分隔；没有对口的请留空。") % {
            "bad": "、".join(bad)}, "counterpart_format")]
    if len(joined) > 60:
        return joined, [_problem("international_counterpart", _("对口国际组织最多 60 个字符。"), "too_long")]
    return joined, []


def _text_problems(data: ApplicationInput, required: tuple[str, ...]) -> list[dict[str, Any]]:
    problems = []
    for name, limit in LIMITS.items():
        value = getattr(data, name).strip()
        if name in required and not value:
            problems.append(_problem(name, _("请填写此项。"), "required"))
        elif len(value) > limit:
            problems.append(_problem(name, _("最多 %(limit)s 个字符，实际 %(length)s 个。") % {
                "limit": limit, "length": len(value)}, "too_long"))
    if data.contact_email.strip():
        try:
            validate_email(data.contact_email.strip())
        except DjangoValidationError:
            problems.append(_problem("contact_email", _("请填写有效的电子邮箱，如 secretariat@example.org。"), "email"))
    if data.contact_phone.strip():
        try:
            phone_validator(data.contact_phone.strip())
        except DjangoValidationError as error:
            problems.append(_problem("contact_phone", str(error.messages[0]), "phone"))
    return problems


def _establish_problems(data: ApplicationInput, application: Application | None) -> list[dict[str, Any]]:
    problems = _text_problems(data, ("name_zh", "scope", "justification"))
    code = normalise_tc_code(data.code)
    if data.kind not in CommitteeKind.values:
        problems.append(_problem("kind", _("请选择类型：%(c)s。") % {"c": _choices(CommitteeKind)}, "invalid_choice"))
    elif not is_canonical_tc_code(code) or kind_of_code(code) != data.kind:
        problems.append(_problem("code", _("%(kind)s的编号应写作 %(example)s 的形式（现为“%(code)s”）。") % {
            "kind": CommitteeKind(data.kind).label, "example": CODE_EXAMPLES[data.kind], "code": code or "—"},
            "code_format"))
    elif Committee.objects.filter(code=code).exists():
        problems.append(_problem("code", _("%(code)s 已有技术委员会使用，请另拟编号。") % {"code": code}, "code_taken"))
    elif (Application.objects.filter(code=code, state__in=(ApplicationStatus.SUBMITTED, ApplicationStatus.NOTICE))
          .exclude(pk=getattr(application, "pk", None)).exists()):
        problems.append(_problem("code", _("已有另一份在办的申请拟用 %(code)s，请另拟编号。") % {"code": code},
                                 "code_pending"))
    elif data.kind == CommitteeKind.SC:
        parent = code.split("/SC ")[0]
        if not Committee.objects.existing().filter(code=parent).exists():
            problems.append(_problem("code", _("分技术委员会的上级 %(parent)s 尚未成立或已撤销。") % {"parent": parent},
                                     "parent_missing"))
    if data.secretariat is None:
        problems.append(_problem("secretariat", _("请选择秘书处承担单位。"), "required"))
    if data.guiding_unit is None:
        problems.append(_problem("guiding_unit", _("请选择业务指导单位。"), "required"))
    elif data.guiding_unit.kind not in GUIDING_KINDS:
        problems.append(_problem("guiding_unit", _(
            "业务指导单位应为国务院有关部门、行业协会（社会团体）、省级市场监管部门或国家标准化管理委员会。"), "guiding_kind"))
    problems += _counterpart(data.international_counterpart)[1]
    return problems + _seat_problems(data.seats) + _roll_problems(data.seats)


def _changes(data: ApplicationInput) -> dict[str, Any]:
    """The charter fields a restructuring changes: those whose proposed value differs from the committee's."""
    proposed = {"name_zh": data.name_zh.strip(), "name_en": data.name_en.strip(), "scope": data.scope.strip(),
                "secretariat": data.secretariat, "guiding_unit": data.guiding_unit,
                "international_counterpart": _counterpart(data.international_counterpart)[0]}
    return {name: value for name, value in proposed.items() if getattr(data.committee, name) != value}


def _restructure_problems(data: ApplicationInput) -> list[dict[str, Any]]:
    if data.committee is None or data.committee.status not in (CommitteeStatus.ACTIVE, CommitteeStatus.SUSPENDED):
        return [_problem("committee", _("请选择要调整的技术委员会（应为现有的技术委员会）。"), "committee")]
    problems = _text_problems(data, ("name_zh", "justification"))
    problems += _counterpart(data.international_counterpart)[1]
    if data.guiding_unit is not None and data.guiding_unit.kind not in GUIDING_KINDS:
        problems.append(_problem("guiding_unit", _(
            "业务指导单位应为国务院有关部门、行业协会（社会团体）、省级市场监管部门或国家标准化管理委员会。"), "guiding_kind"))
    if not problems and not _changes(data):
        problems.append(_problem(None, _("申请的内容与 %(code)s 现有信息相同：请修改名称、工作领域、秘书处承担单位、"
                                         "业务指导单位或对口国际组织中的至少一项。") % {"code": data.committee.code},
                                 "nothing_changes"))
    return problems


def _merge_problems(data: ApplicationInput) -> list[dict[str, Any]]:
    problems = _text_problems(data, ("justification",))
    if data.committee is None or data.committee.status not in (CommitteeStatus.ACTIVE, CommitteeStatus.SUSPENDED):
        problems.append(_problem("committee", _("请选择被合并的技术委员会（应为现有的技术委员会）。"), "committee"))
    if data.merge_into is None or not data.merge_into.is_at_work:
        problems.append(_problem("merge_into", _("请选择并入的技术委员会（应为正常工作的技术委员会）。"), "merge_into"))
    elif data.committee is not None and data.merge_into.pk == data.committee.pk:
        problems.append(_problem("merge_into", _("不能并入自身，请选择另一个技术委员会。"), "merge_into"))
    return problems


def check_application(data: ApplicationInput, application: Application | None = None) -> list[dict[str, Any]]:
    """Everything wrong with an application as submitted (empty when it may be submitted and approved)."""
    if data.purpose == Purpose.ESTABLISH:
        return _establish_problems(data, application)
    if data.purpose == Purpose.RESTRUCTURE:
        return _restructure_problems(data)
    return _merge_problems(data)


def input_of(application: Application) -> ApplicationInput:
    """An application's stored content, as input to check or to show in a form."""
    names = [f.name for f in ApplicationInput.__dataclass_fields__.values() if f.name != "seats"]
    values = {name: getattr(application, name) for name in names}
    seats = tuple(SeatInput(name=s.name, organisation=s.organisation, stakeholder=s.stakeholder, role=s.role,
                            title=s.title, voting=s.voting) for s in application.seats.order_by("position"))
    return ApplicationInput(**values, seats=seats)


# --- Writes -----------------------------------------------------------------------------------------------
def _move(application: Application, to: str) -> None:
    if to not in application_moves(application.state, application.purpose):
        raise InvalidTransition(_("申请当前状态为“%(state)s”，不能%(action)s。") % {
            "state": application.get_state_display(), "action": ApplicationStatus(to).label}, state=application.state,
            to=to)
    application.state = to


@transaction.atomic
def save_draft(*, actor: Any, applicant: Organisation, data: ApplicationInput,
               application: Application | None = None) -> Application:
    """Create or change a draft (its fields and its whole list of proposed seats). The full checks come at
    submission; a draft only needs a purpose, the committee concerned for a change, and well-formed seats."""
    if application is None:
        if data.purpose == Purpose.ESTABLISH:
            policy.require(actor, "committees.apply", applicant)
        else:
            if data.committee is None:
                raise ValidationFailed(_("申请未能保存，请按提示修改。"), [_problem(
                    "committee", _("请选择要调整或合并的技术委员会。"), "required")])
            policy.require(actor, "committees.propose_change", data.committee)
            if applicant not in change_applicants(actor, data.committee):
                raise ValidationFailed(_("申请未能保存，请按提示修改。"), [_problem(
                    "applicant", _("请以该技术委员会的秘书处、业务指导单位或国家标准化管理部门的名义申请。"), "applicant")])
    else:
        policy.require(actor, "committees.edit_application", application)
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.state != ApplicationStatus.DRAFT:
            raise InvalidTransition(_("申请已提交，不能再修改；如需修改，请撤回后重新申请。"), state=application.state)
    if data.purpose not in ApplicationPurpose.values:
        raise ValidationFailed(_("申请未能保存，请按提示修改。"), [_problem(
            "purpose", _("请选择申请事项：%(c)s。") % {"c": _choices(ApplicationPurpose)}, "invalid_choice")])
    problems = _seat_problems(data.seats) + _text_problems(data, ())
    if problems:
        raise ValidationFailed(_("申请未能保存，请按提示修改。"), problems)
    values = {
        "purpose": data.purpose, "kind": data.kind, "code": normalise_tc_code(data.code),
        "name_zh": data.name_zh.strip(), "name_en": data.name_en.strip(), "scope": data.scope.strip(),
        "justification": data.justification.strip(),
        "international_counterpart": _counterpart(data.international_counterpart)[0] or
        data.international_counterpart.strip()[:60],
        "secretariat": data.secretariat, "guiding_unit": data.guiding_unit,
        "contact_name": " ".join(data.contact_name.split()), "contact_phone": data.contact_phone.strip(),
        "contact_email": data.contact_email.strip(), "committee": data.committee, "merge_into": data.merge_into,
    }
    seats = [ApplicationSeat(position=n, name=" ".join(s.name.split()), organisation=s.organisation.strip(),
                             stakeholder=s.stakeholder, role=s.role, title=s.title.strip()[:50], voting=s.voting)
             for n, s in enumerate(data.seats, start=1)]
    if application is None:
        application = Application.objects.create(applicant=applicant, created_by=actor, created_at=clock.now(),
                                                 **values)
        for seat in seats:
            seat.application = application
        ApplicationSeat.objects.bulk_create(seats)
        events.created(application, actor=actor)
        return application
    changed = [name for name, value in values.items() if getattr(application, name) != value]
    if input_of(application).seats != tuple(data.seats):
        application.seats.all().delete()
        for seat in seats:
            seat.application = application
        ApplicationSeat.objects.bulk_create(seats)
        changed.append("seats")
    if not changed:
        return application
    for name, value in values.items():
        setattr(application, name, value)
    fields = [name for name in changed if name != "seats"]
    if fields:
        application.save(update_fields=fields)
    events.updated(application, actor=actor, fields=changed)
    return application


@transaction.atomic
def submit_application(*, actor: Any, application: Application) -> Application:
    """Submit a draft: refused, naming every field to correct, unless it is complete and its voting seats keep the
    balance rule (no stakeholder category above half)."""
    policy.require(actor, "committees.edit_application", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    _move(application, ApplicationState.SUBMITTED)
    problems = check_application(input_of(application), application)
    if problems:
        raise ValidationFailed(_("申请未能提交，请按提示修改后再提交。"), problems)
    application.submitted_at = clock.now()
    application.save(update_fields=["state", "submitted_at"])
    events.submitted(application, actor=actor, seats=application.seats.count())
    return application


@transaction.atomic
def withdraw_application(*, actor: Any, application: Application, reason: str = "") -> Application:
    policy.require(actor, "committees.edit_application", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    _move(application, ApplicationState.WITHDRAWN)
    application.save(update_fields=["state"])
    events.withdrawn(application, actor=actor, reason=reason.strip())
    return application


def notice_last_day(opened_on: date) -> date:
    """The last day of a notice opened on ``opened_on``: BIAOZHUN_COMMITTEE_NOTICE_DAYS calendar days counted from
    the next day, moved past rest days and holidays (民法典 第二百零一条、第二百零三条)."""
    from datetime import timedelta

    from biaozhun.reference.selectors import working_calendar

    return working_calendar().period_end(opened_on + timedelta(days=settings.BIAOZHUN_COMMITTEE_NOTICE_DAYS)).day


@transaction.atomic
def open_notice(*, actor: Any, application: Application) -> Application:
    """Put a submitted application to public notice: from today to its last day everyone reads it and anyone signed
    in comments."""
    policy.require(actor, "committees.review", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    _move(application, ApplicationState.NOTICE)
    today = clock.today()
    application.notice_opened_on, application.notice_closes_on = today, notice_last_day(today)
    application.save(update_fields=["state", "notice_opened_on", "notice_closes_on"])
    events.notice_opened(application, actor=actor)
    return application


def comment_phase(application: Application, today: date) -> str:
    """"open" while the notice takes comments (its opening day to its last day), "over" after, "" without one."""
    if application.notice_opened_on is None or application.notice_closes_on is None:
        return ""
    return period_phase(application.notice_opened_on, application.notice_closes_on, today)


@transaction.atomic
def comment_on_application(*, actor: Any, application: Application, text: str,
                           organisation_name: str = "") -> ApplicationComment:
    """A signed-in person's comment during the notice, public under their pseudonym on this application."""
    policy.require(actor, "committees.comment", application)
    current = Application.objects.select_for_update().get(pk=application.pk)
    if current.state != ApplicationStatus.NOTICE or comment_phase(current, clock.today()) != "open":
        closes = current.notice_closes_on.isoformat() if current.notice_closes_on else ""
        raise CommentPeriodClosed(_("公示已于 %(end)s 截止，不再接收意见。") % {"end": closes} if closes else
                                  _("这份申请不在公示期，不接收意见。"), closes_on=closes)
    values = {"text": text.strip(), "organisation_name": " ".join(organisation_name.split())}
    problems = [] if values["text"] else [_problem("text", _("请填写意见内容。"), "required")]
    if len(values["text"]) > COMMENT_LIMIT:
        problems.append(_problem("text", _("最多 %(limit)s 个字符，实际 %(length)s 个。") % {
            "limit": COMMENT_LIMIT, "length": len(values["text"])}, "too_long"))
    if len(values["organisation_name"]) > 200:
        problems.append(_problem("organisation_name", _("最多 200 个字符。"), "too_long"))
    if problems:
        raise ValidationFailed(_("意见未能提交，请按提示修改。"), problems)
    earlier = ApplicationComment.objects.filter(application=current)
    last = earlier.aggregate(number=Max("number"), commenters=Max("commenter_number"))
    commenter = (earlier.filter(author=actor).values_list("commenter_number", flat=True).first()
                 or (last["commenters"] or 0) + 1)
    comment = ApplicationComment.objects.create(
        application=current, number=(last["number"] or 0) + 1, commenter_number=commenter, author=actor,
        author_name=actor.real_name or actor.username, submitted_at=clock.now(), **values)
    events.commented(current, actor=actor, number=comment.number)
    return comment


def _decision_ready(application: Application, to: str) -> None:
    """Move to the decision, refusing an approval while the public notice still runs."""
    running = application.state == ApplicationState.NOTICE and clock.today() <= application.notice_closes_on
    if to == ApplicationState.APPROVED and running:
        raise NoticeRunning(_("公示期至 %(end)s 止，公示期满后才能批准。") % {
            "end": application.notice_closes_on.isoformat()}, closes_on=application.notice_closes_on.isoformat())
    _move(application, to)


@transaction.atomic
def approve_application(*, actor: Any, application: Application, decision: str = "", reason: str = "") -> Committee:
    """Approve after the notice (a restructuring may be approved without one): found, change or merge the committee
    as the application says, checking it again, and record the approval. Returns the committee."""
    policy.require(actor, "committees.decide_application", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    _decision_ready(application, ApplicationState.APPROVED)
    data = input_of(application)
    problems = check_application(data, application)
    if problems:
        raise ValidationFailed(_("申请未能批准：申请内容已不满足条件，请按提示处理（可不予批准并说明理由）。"), problems)
    application.decision, application.decision_reason = decision.strip()[:100], reason.strip()
    application.decided_at = clock.now()
    if data.purpose == Purpose.ESTABLISH:
        committee = _establish(actor, application, data)
    elif data.purpose == Purpose.RESTRUCTURE:
        committee = committee_services.update_committee(actor=actor, committee=data.committee,
                                                        changes=_changes(data), application=application.pk)
    else:
        committee = committee_services.change_status(
            actor=actor, committee=data.committee, status=CommitteeStatus.MERGED, merged_into=data.merge_into,
            reason=application.justification, decision=application.decision or _("申请 %(n)d") % {"n": application.pk})
    application.committee = committee
    application.save(update_fields=["state", "decision", "decision_reason", "decided_at", "committee"])
    events.approved(application, actor=actor, committee=committee.code)
    return committee


def _establish(actor: Any, application: Application, data: ApplicationInput) -> Committee:
    today = clock.today()
    committee = committee_services.create_committee(
        actor=actor, code=data.code, name_zh=data.name_zh, name_en=data.name_en, scope=data.scope,
        international_counterpart=data.international_counterpart, secretariat=data.secretariat,
        guiding_unit=data.guiding_unit, established_on=today, application=application.pk)
    if data.contact_name or data.contact_phone or data.contact_email:
        committee = committee_services.update_contacts(actor=actor, committee=committee, contact_name=data.contact_name,
                                                       contact_phone=data.contact_phone,
                                                       contact_email=data.contact_email)
    term = terms.record_term(actor=actor, committee=committee, start=today)
    committee_services.add_members(actor=actor, committee=committee, data={"term": term.number}, seats=[
        committee_services.Seat(name=s.name, organisation=s.organisation, stakeholder=s.stakeholder, role=s.role,
                                title=s.title, voting=s.voting, term_start=term.start, term_end=term.end)
        for s in data.seats])
    return committee


@transaction.atomic
def reject_application(*, actor: Any, application: Application, reason: str, decision: str = "") -> Application:
    """Refuse a submitted application or one after its notice, with the reason the applicant and (after a notice)
    the public read."""
    policy.require(actor, "committees.decide_application", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    _move(application, ApplicationState.REJECTED)
    if not reason.strip():
        raise ValidationFailed(_("未能作出决定，请按提示修改。"), [_problem("reason", _("请填写不予批准的理由。"),
                                                                  "required")])
    application.decision, application.decision_reason = decision.strip()[:100], reason.strip()
    application.decided_at = clock.now()
    application.save(update_fields=["state", "decision", "decision_reason", "decided_at"])
    events.rejected(application, actor=actor)
    return application

"""Application writes: save a draft, submit it, withdraw it, open its public notice (公示), comment during the notice,
approve or reject it. Approval founds the committee (``create_committee``, its first term, its roll seated through
``add_members`` so the balance rule applies), changes it (``update_committee``) or merges it (``change_status``).

Founding a committee also opens its secretariat on the platform: an organisation of kind TC secretariat for the new
code, whose admins are the admins of the organisation that holds the secretariat (they add the secretary there), so
the new committee has people who may act for it the day it is approved.

Each service asks the policy, checks, and writes its one event (applications/events.py) in the same transaction; a
refused call raises and writes nothing. Submission checks everything the approval will need, so what the public
reads in the notice is what the administration can approve.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.accounts import services as account_services
from biaozhun.accounts.codes import normalise_tc_code
from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind
from biaozhun.core import clock
from biaozhun.core.errors import DomainError, InvalidTransition, ValidationFailed
from biaozhun.rules.committees import ApplicationState, Purpose, application_moves
from biaozhun.rules.periods import period_phase

from .. import services as committee_services
from .. import terms
from ..models import Committee, CommitteeStatus
from ..permissions import acts_for
from . import events
from .checks import (
    ApplicationInput,
    SeatInput,
    charter_changes,
    check_application,
    choices_text,
    counterpart,
    problem,
    seat_problems,
    text_problems,
)
from .models import Application, ApplicationComment, ApplicationPurpose, ApplicationSeat, ApplicationStatus

COMMENT_LIMIT = 5000


class CommentPeriodClosed(DomainError):
    """A comment outside the public notice; ``data`` holds its first and last days."""

    code = "comment_period_closed"
    status = 409


class NoticeRunning(DomainError):
    """A decision asked for while the public notice still runs; ``data`` holds its last day."""

    code = "notice_running"
    status = 409


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
                raise ValidationFailed(_("申请未能保存，请按提示修改。"), [problem(
                    "committee", _("请选择要调整或合并的技术委员会。"), "required")])
            policy.require(actor, "committees.propose_change", data.committee)
            if applicant not in change_applicants(actor, data.committee):
                raise ValidationFailed(_("申请未能保存，请按提示修改。"), [problem(
                    "applicant", _("请以该技术委员会的秘书处、业务指导单位或国家标准化管理部门的名义申请。"), "applicant")])
    else:
        policy.require(actor, "committees.edit_application", application)
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.state != ApplicationStatus.DRAFT:
            raise InvalidTransition(_("申请已提交，不能再修改；如需修改，请撤回后重新申请。"), state=application.state)
    if data.purpose not in ApplicationPurpose.values:
        raise ValidationFailed(_("申请未能保存，请按提示修改。"), [problem(
            "purpose", _("请选择申请事项：%(c)s。") % {"c": choices_text(ApplicationPurpose)}, "invalid_choice")])
    problems = seat_problems(data.seats) + text_problems(data, ())
    if problems:
        raise ValidationFailed(_("申请未能保存，请按提示修改。"), problems)
    values = {
        "purpose": data.purpose, "kind": data.kind, "code": normalise_tc_code(data.code),
        "name_zh": data.name_zh.strip(), "name_en": data.name_en.strip(), "scope": data.scope.strip(),
        "justification": data.justification.strip(),
        "international_counterpart": counterpart(data.international_counterpart)[0] or
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
    problems = [] if values["text"] else [problem("text", _("请填写意见内容。"), "required")]
    if len(values["text"]) > COMMENT_LIMIT:
        problems.append(problem("text", _("最多 %(limit)s 个字符，实际 %(length)s 个。") % {
            "limit": COMMENT_LIMIT, "length": len(values["text"])}, "too_long"))
    if len(values["organisation_name"]) > 200:
        problems.append(problem("organisation_name", _("最多 200 个字符。"), "too_long"))
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
                                                        changes=charter_changes(data), application=application.pk)
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
    _open_secretariat(actor, committee)
    term = terms.record_term(actor=actor, committee=committee, start=today)
    committee_services.add_members(actor=actor, committee=committee, data={"term": term.number}, seats=[
        committee_services.Seat(name=s.name, organisation=s.organisation, stakeholder=s.stakeholder, role=s.role,
                                title=s.title, voting=s.voting, term_start=term.start, term_end=term.end)
        for s in data.seats])
    return committee


def _open_secretariat(actor: Any, committee: Committee) -> Organisation:
    """The new committee's secretariat organisation (one already registered for the code is kept), with the admins
    of the unit that holds the secretariat as its admins."""
    secretariat = Organisation.objects.filter(kind=OrganisationKind.TC_SECRETARIAT, tc_code=committee.code).first()
    if secretariat is None:
        with translation.override(settings.LANGUAGE_CODE):  # a name is stored in Chinese, whoever approves
            name = _("%(code)s %(name)s秘书处") % {"code": committee.code, "name": committee.name_zh}
        secretariat = account_services.create_organisation(
            actor=actor, kind=OrganisationKind.TC_SECRETARIAT, tc_code=committee.code, join_as_admin=False, name=name)
    if committee.secretariat_id is None:
        return secretariat
    seated = set(Membership.objects.filter(organisation=secretariat).values_list("user_id", flat=True))
    admins = (Membership.objects.filter(organisation_id=committee.secretariat_id, role=MembershipRole.ADMIN,
                                        user__is_active=True)
              .exclude(user_id__in=seated).select_related("user").order_by("user_id"))
    for membership in admins:
        account_services.add_member(actor=actor, organisation=secretariat, user=membership.user,
                                    role=MembershipRole.ADMIN)
    return secretariat


@transaction.atomic
def reject_application(*, actor: Any, application: Application, reason: str, decision: str = "") -> Application:
    """Refuse a submitted application or one after its notice, with the reason the applicant and (after a notice)
    the public read."""
    policy.require(actor, "committees.decide_application", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    _move(application, ApplicationState.REJECTED)
    if not reason.strip():
        raise ValidationFailed(_("未能作出决定，请按提示修改。"), [problem("reason", _("请填写不予批准的理由。"),
                                                                  "required")])
    application.decision, application.decision_reason = decision.strip()[:100], reason.strip()
    application.decided_at = clock.now()
    application.save(update_fields=["state", "decision", "decision_reason", "decided_at"])
    events.rejected(application, actor=actor)
    return application

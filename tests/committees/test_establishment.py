"""Establishing a committee: a draft, its submission (refused when incomplete or unbalanced, writing nothing), the
public notice with comments, and the administration's approval that founds the committee with its first term and
roll, or its refusal with a reason."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind
from biaozhun.committees.applications.models import Application, ApplicationEvent, ApplicationStatus
from biaozhun.committees.applications.services import (
    CommentPeriodClosed,
    NoticeRunning,
    approve_application,
    comment_on_application,
    open_notice,
    reject_application,
    save_draft,
    submit_application,
    withdraw_application,
)
from biaozhun.committees.models import Committee, Member
from biaozhun.committees.services import create_committee
from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from tests.factories.accounts import UserFactory
from tests.fixtures.committees import establishment, seats

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
OPENED = datetime(2026, 6, 1, 10, tzinfo=SHANGHAI)  # a Monday; 30 days on is Wednesday 1 July, a working day
AFTER = datetime(2026, 7, 2, 10, tzinfo=SHANGHAI)
UNBALANCED = (("甲", "producer", "chair"), ("乙", "producer", "member"), ("丙", "producer", "member"),
              ("丁", "producer", "member"), ("戊", "user", "member"), ("己", "research", "member"))


def kinds(application):
    return list(ApplicationEvent.objects.filter(application=application).order_by("id").values_list("kind", flat=True))


def test_apply_notice_comment_approve_founds_the_committee_with_its_first_term_and_roll(
        draft_application, ministry_user, admin_user, registered_user, ministry, institute):
    submit_application(actor=ministry_user, application=draft_application)
    with time_machine.travel(OPENED, tick=False):
        application = open_notice(actor=admin_user, application=draft_application)
        comment_on_application(actor=registered_user, application=application, text="建议明确与 SAC/TC 28 的分工。")
    assert (application.notice_opened_on, application.notice_closes_on) == (date(2026, 6, 1), date(2026, 7, 1))
    with time_machine.travel(AFTER, tick=False):
        committee = approve_application(actor=admin_user, application=application, decision="国标委函〔2026〕30号")
    application.refresh_from_db()
    assert (application.state, application.committee) == (ApplicationStatus.APPROVED, committee)
    assert kinds(application) == ["created", "submitted", "notice_opened", "commented", "approved"]
    assert (committee.code, committee.kind, committee.guiding_unit, committee.secretariat) == (
        "SAC/TC 901", "TC", ministry, institute)
    assert (committee.international_counterpart, committee.established_on) == ("ISO/TC 261", date(2026, 7, 2))
    assert (committee.contact_name, committee.contact_email) == ("赵秘书", "am-secretariat@example.org")
    term = committee.terms.get()
    assert (term.number, term.start, term.end) == (1, date(2026, 7, 2), date(2031, 7, 1))
    members = Member.objects.filter(committee=committee)
    assert members.count() == 6
    assert set(members.values_list("term_start", "term_end", "title")) == {(term.start, term.end, "高级工程师")}
    assert members.get(role="chair").name == "王建国"
    history = list(committee.events.values_list("kind", flat=True))
    assert history == ["created", "contacts_changed", "term_started"] + ["member_added"] * 6
    assert committee.events.get(kind="created").data == {"code": "SAC/TC 901", "application": application.pk}
    assert "am-secretariat" not in str(committee.events.get(kind="contacts_changed").data)


def test_approval_opens_the_secretariat_to_the_admins_of_the_unit_that_holds_it(
        submitted_application, admin_user, institute):
    head = UserFactory()
    Membership.objects.create(user=head, organisation=institute, role=MembershipRole.ADMIN)
    clerk = UserFactory()
    Membership.objects.create(user=clerk, organisation=institute, role=MembershipRole.MEMBER)
    assert not head.is_secretariat_of("SAC/TC 901")
    with time_machine.travel(OPENED, tick=False):
        application = open_notice(actor=admin_user, application=submitted_application)
    with time_machine.travel(AFTER, tick=False):
        committee = approve_application(actor=admin_user, application=application)
    secretariat = Organisation.objects.get(kind=OrganisationKind.TC_SECRETARIAT, tc_code=committee.code)
    assert secretariat.name == f"SAC/TC 901 {committee.name_zh}秘书处"
    assert list(secretariat.memberships.values_list("user_id", "role")) == [(head.pk, MembershipRole.ADMIN)]
    head = type(head).objects.get(pk=head.pk)
    assert head.is_secretariat_of("SAC/TC 901") and not clerk.is_secretariat_of("SAC/TC 901")
    assert not admin_user.memberships.filter(organisation=secretariat).exists()


def test_an_unbalanced_roll_is_refused_at_submission_and_nothing_is_written(ministry, ministry_user, institute):
    application = save_draft(actor=ministry_user, applicant=ministry, data=establishment(
        secretariat=institute, guiding_unit=ministry, seats=seats(UNBALANCED)))
    with pytest.raises(ValidationFailed) as refused:
        submit_application(actor=ministry_user, application=application)
    problem = next(p for p in refused.value.errors if p["code"] == "unbalanced")
    assert problem["field"] == "seats"
    assert "生产者占 4 名" in problem["message"] and "超过半数" in problem["message"]
    application.refresh_from_db()
    assert application.state == ApplicationStatus.DRAFT and application.submitted_at is None
    assert kinds(application) == ["created"]


def test_submission_names_every_field_to_complete(ministry, ministry_user):
    application = save_draft(actor=ministry_user, applicant=ministry, data=establishment(
        code="TC 9", name_zh="", scope="", justification="", international_counterpart="ISO 176", seats=()))
    with pytest.raises(ValidationFailed) as refused:
        submit_application(actor=ministry_user, application=application)
    fields = {p["field"]: p["code"] for p in refused.value.errors}
    assert fields == {"name_zh": "required", "scope": "required", "justification": "required", "code": "code_format",
                      "secretariat": "required", "guiding_unit": "required",
                      "international_counterpart": "counterpart_format", "seats": "required"}
    assert kinds(application) == ["created"]


def test_a_code_must_fit_its_kind_be_free_and_a_subcommittee_needs_its_parent(ministry, ministry_user, institute):
    def problems(**changes):
        application = save_draft(actor=ministry_user, applicant=ministry,
                                 data=establishment(secretariat=institute, guiding_unit=ministry, **changes))
        with pytest.raises(ValidationFailed) as refused:
            submit_application(actor=ministry_user, application=application)
        return [(p["field"], p["code"]) for p in refused.value.errors]

    assert problems(kind="SC", code="SAC/TC 901") == [("code", "code_format")]
    assert problems(kind="SC", code="SAC/TC 903/SC 1") == [("code", "parent_missing")]
    create_committee(actor=SYSTEM, code="SAC/TC 902", name_zh="已有")
    assert problems(code="SAC/TC 902") == [("code", "code_taken")]
    first = save_draft(actor=ministry_user, applicant=ministry,
                       data=establishment(code="SAC/TC 904", secretariat=institute, guiding_unit=ministry))
    submit_application(actor=ministry_user, application=first)
    assert problems(code="SAC/TC 904") == [("code", "code_pending")]


def test_an_overall_coordination_group_has_its_own_code_form(ministry, ministry_user, institute, admin_user):
    application = save_draft(actor=ministry_user, applicant=ministry, data=establishment(
        kind="CG", code="sac/cg 3", name_zh="国家智能制造标准化总体组", secretariat=institute, guiding_unit=ministry,
        international_counterpart="ISO/IEC JTC 1/SC 41、iec/syc 1"))
    submit_application(actor=ministry_user, application=application)
    with time_machine.travel(OPENED, tick=False):
        open_notice(actor=admin_user, application=application)
    with time_machine.travel(AFTER, tick=False):
        committee = approve_application(actor=admin_user, application=application)
    assert (committee.code, committee.kind) == ("SAC/CG 3", "CG")
    assert committee.international_counterpart == "ISO/IEC JTC 1/SC 41、IEC/SyC 1"


def test_approval_waits_for_the_end_of_the_notice_and_writes_nothing_before(notice_application, admin_user):
    with pytest.raises(NoticeRunning) as refused:
        approve_application(actor=admin_user, application=notice_application)
    assert notice_application.notice_closes_on.isoformat() in refused.value.message
    assert not Committee.objects.filter(code="SAC/TC 901").exists()
    assert Application.objects.get(pk=notice_application.pk).state == ApplicationStatus.NOTICE
    assert kinds(notice_application)[-1] == "notice_opened"


def test_approval_checks_again_and_refuses_a_code_taken_meanwhile(ministry_user, admin_user, submitted_application):
    with time_machine.travel(OPENED, tick=False):
        open_notice(actor=admin_user, application=submitted_application)
    create_committee(actor=SYSTEM, code="SAC/TC 901", name_zh="抢先成立")
    with time_machine.travel(AFTER, tick=False), pytest.raises(ValidationFailed) as refused:
        approve_application(actor=admin_user, application=submitted_application)
    assert refused.value.errors[0]["code"] == "code_taken"
    assert Application.objects.get(pk=submitted_application.pk).state == ApplicationStatus.NOTICE
    assert Committee.objects.get(code="SAC/TC 901").name_zh == "抢先成立"


def test_establishment_goes_to_notice_before_approval(submitted_application, admin_user):
    with pytest.raises(InvalidTransition):
        approve_application(actor=admin_user, application=submitted_application)
    assert kinds(submitted_application) == ["created", "submitted"]


def test_a_refusal_needs_its_reason_and_is_one_event(submitted_application, admin_user):
    with pytest.raises(ValidationFailed):
        reject_application(actor=admin_user, application=submitted_application, reason=" ")
    assert kinds(submitted_application) == ["created", "submitted"]
    reject_application(actor=admin_user, application=submitted_application, reason="与现有技术委员会工作领域重叠。")
    submitted_application.refresh_from_db()
    assert submitted_application.state == ApplicationStatus.REJECTED
    assert not submitted_application.is_public  # refused before its notice: the public never saw it
    assert ApplicationEvent.objects.get(application=submitted_application, kind="rejected").data["reason"] == \
        "与现有技术委员会工作领域重叠。"


def test_comments_only_during_the_notice_one_pseudonym_per_person(submitted_application, admin_user, registered_user):
    with pytest.raises(PermissionDeniedError):
        comment_on_application(actor=registered_user, application=submitted_application, text="过早")
    with time_machine.travel(OPENED, tick=False):
        application = open_notice(actor=admin_user, application=submitted_application)
        other = UserFactory()
        first = comment_on_application(actor=registered_user, application=application, text="意见一")
        second = comment_on_application(actor=other, application=application, text="意见二")
        third = comment_on_application(actor=registered_user, application=application, text="意见三")
    assert [(c.number, c.pseudonym) for c in (first, second, third)] == [
        (1, "意见人 1"), (2, "意见人 2"), (3, "意见人 1")]
    with time_machine.travel(AFTER, tick=False), pytest.raises(CommentPeriodClosed):
        comment_on_application(actor=registered_user, application=application, text="过期")
    assert application.comments.count() == 3


def test_only_the_bodies_that_may_propose_a_committee_apply(enterprise, enterprise_user, secretariat_user,
                                                             tc_secretariat, ministry, institute):
    for actor, applicant in ((enterprise_user, enterprise), (secretariat_user, tc_secretariat),
                             (secretariat_user, ministry)):
        with pytest.raises(PermissionDeniedError):
            save_draft(actor=actor, applicant=applicant, data=establishment(secretariat=institute))
    assert not Application.objects.exists()


def test_only_the_applicant_submits_or_withdraws(draft_application, bureau_user, ministry_user):
    with pytest.raises(PermissionDeniedError):
        submit_application(actor=bureau_user, application=draft_application)
    with pytest.raises(PermissionDeniedError):
        withdraw_application(actor=bureau_user, application=draft_application)
    withdraw_application(actor=ministry_user, application=draft_application, reason="另行申请")
    assert kinds(draft_application) == ["created", "withdrawn"]
    with pytest.raises(InvalidTransition):
        submit_application(actor=ministry_user, application=draft_application)


def test_a_draft_is_changed_with_one_event_naming_what_changed(draft_application, ministry_user, ministry, institute):
    save_draft(actor=ministry_user, applicant=ministry, application=draft_application,
               data=establishment(secretariat=institute, guiding_unit=ministry, scope="新的工作领域"))
    save_draft(actor=ministry_user, applicant=ministry, application=draft_application,
               data=establishment(secretariat=institute, guiding_unit=ministry, scope="新的工作领域"))
    assert kinds(draft_application) == ["created", "updated"]
    assert ApplicationEvent.objects.get(application=draft_application, kind="updated").data == {"fields": ["scope"]}

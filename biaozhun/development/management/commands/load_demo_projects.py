"""Demo development work: accounts for each role, and projects in every stage with their true history.

Everything goes through the services on a backdated clock (core/clock.as_of), so each project's periods have
really elapsed, its deadline is counted from its plan, its drafts are real PDFs, its comments and ballots are
real records. One committee (the first with an international counterpart) gets a project in every stage and
the demo secretary; a few more committees get one project each. Idempotent: does nothing when projects exist.

Who acts is who would: the demo secretary runs the showcase committee's projects (the demo administrator runs
the other committees', which have no demo secretary), the reviewer issues plans, notifications and publication,
the commenter comments and proposes, the member votes; the platform (SYSTEM) only runs the daily sweep.
"""

import os
from collections import Counter
from datetime import date, datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from biaozhun.accounts.models import MembershipRole, OrganisationKind, User
from biaozhun.accounts.security import demo as demo_second_factor
from biaozhun.accounts.services import add_member, change_user_access, create_organisation, register_user
from biaozhun.catalog.demo.pdf import render_standard_pdf
from biaozhun.catalog.models import Nature, Standard, Status, Tier
from biaozhun.committees import services as committees
from biaozhun.committees.models import Committee, Stakeholder
from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM
from biaozhun.development.models import Ballot, Disposition, DocumentKind, Project, ProjectKind, VoteChoice
from biaozhun.development.services import move_project, propose_project
from biaozhun.development.services.ballots import cast_vote, close_ballot, open_ballot, record_vote
from biaozhun.development.services.comments import dispose_comment, submit_comment
from biaozhun.development.services.deadlines import request_extension
from biaozhun.development.services.documents import upload_document
from biaozhun.development.services.publication import publish_project, record_tbt_notification
from biaozhun.development.sweep import sweep
from biaozhun.rules.stages import PERIOD_STAGES, PUBLISHED_STAGES, Stage

PASSWORD = os.environ.get("BIAOZHUN_DEMO_PASSWORD", "biaozhun-demo-2026")
ACCOUNTS = {  # username: (real name, role)
    "admin": ("系统管理员", "administrator"),
    "secretary": ("王秘书", "secretary"),
    "reviewer": ("李审核", "reviewer"),
    "member": ("张委员", "member"),
    "commenter": ("赵意见", "commenter"),
}
# Accounts that must sign in with a second factor: enrolled with the published demo key (accounts/security/demo.py).
SECOND_FACTOR_ACCOUNTS = ["admin", "secretary", "reviewer"]
SUBJECTS = ["通用技术要求", "试验方法", "安全要求", "术语", "数据元", "评价指南", "能效限定值及能效等级", "检验规则",
            "分类与代码", "标识", "测量方法", "技术规范", "管理要求", "接口规范"]
COMMENTS = [("5.2", "建议明确试验温度的允许偏差。", "改为“23 ℃±2 ℃”。"),
            ("3.1", "术语定义与 GB/T 20000.1 不一致。", "引用 GB/T 20000.1 的定义。"),
            ("", "建议增加资料性附录，给出典型应用示例。", ""),
            ("表2", "限值偏严，中小企业难以达到。", "放宽至 0.5 级。")]
# The showcase committee's projects: the stage each ends in, or what else happens to it (OVERDUE: frozen in
# drafting; EXTENSION: in drafting with an extension requested).
OVERDUE, EXTENSION = "overdue", "extension"
SHOWCASE = [*Stage, OVERDUE, EXTENSION]
PATH = [Stage.NOTICE, Stage.PLANNED, Stage.DRAFTING, Stage.COMMENT, Stage.DISPOSITION, Stage.REVIEW, Stage.APPROVAL]


def at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10))


class Command(BaseCommand):
    help = "Create demo accounts and development projects in every stage of the workflow."

    @transaction.atomic
    def handle(self, *args, **options):
        if Project.objects.exists():
            self.stdout.write("demo projects already loaded")
            self._second_factor()
            return
        committees = list(Committee.objects.filter(kind="TC").exclude(international_counterpart="").order_by("code"))
        if not committees:
            self.stdout.write("no committees: run load_demo_committees first")
            return
        self.today = clock.today()
        showcase = committees[0]
        self.users = self._accounts(showcase)
        showcase.refresh_from_db()  # its secretariat is set now
        for index, target in enumerate(SHOWCASE):
            self._project(showcase, index, target)
        for index, committee in enumerate(committees[1:11], start=len(SHOWCASE)):
            self._project(committee, index, PATH[index % len(PATH)])
        sweep(actor=SYSTEM, today=self.today)
        self.stdout.write(f"demo projects created: {Project.objects.count()}; sign in as "
                          + ", ".join(ACCOUNTS) + f" with the password {PASSWORD} (secretary runs {showcase.code})")
        self._second_factor()

    def _second_factor(self) -> None:
        """The privileged demo accounts get the demo authenticator, and the console says how to use it."""
        demo_second_factor.enrol_demo_accounts(SECOND_FACTOR_ACCOUNTS)
        self.stdout.write(
            f"two-step verification for {', '.join(SECOND_FACTOR_ACCOUNTS)}: add the key {demo_second_factor.key_base32()}"
            " to an authenticator app (time-based, 6 digits), or print the current code with"
            " `.venv/bin/python manage.py demo_totp_code`")

    # --- accounts -----------------------------------------------------------------------------
    def _accounts(self, committee: Committee) -> dict[str, User]:
        users = {}
        for username, (real_name, _role) in ACCOUNTS.items():
            user = User.objects.filter(username=username).first() or register_user(
                actor=SYSTEM, username=username, email=f"{username}@demo.biaozhun.test", real_name=real_name,
                password=PASSWORD)
            users[username] = user
        admin = users["admin"] = change_user_access(actor=SYSTEM, user=users["admin"], is_staff=True,
                                                    is_superuser=True)
        administration = create_organisation(actor=admin, kind=OrganisationKind.NATIONAL_ADMINISTRATION,
                                             name="国家标准化管理委员会", join_as_admin=False)
        add_member(actor=admin, organisation=administration, user=users["reviewer"], role=MembershipRole.REVIEWER)
        secretariat = create_organisation(actor=admin, kind=OrganisationKind.TC_SECRETARIAT,
                                          name=f"{committee.name_zh}秘书处", tc_code=committee.code,
                                          join_as_admin=False)
        add_member(actor=admin, organisation=secretariat, user=users["secretary"], role=MembershipRole.SECRETARY)
        committee = committees.update_committee(actor=admin, committee=committee,
                                                changes={"secretariat": secretariat})
        # The demo member's own seat, in the category the committee has fewest voting seats of (the balance rule).
        seats = Counter(committee.members.filter(voting=True).values_list("stakeholder", flat=True))
        member = users["member"]
        committees.add_member(actor=users["secretary"], committee=committee, name=member.real_name,
                              organisation="中国标准化研究院",
                              stakeholder=min(Stakeholder.values, key=lambda category: seats.get(category, 0)),
                              term_start=self.today - timedelta(days=400), term_end=self.today + timedelta(days=1400),
                              user=member)
        return users

    # --- projects -----------------------------------------------------------------------------
    def _secretariat(self, committee: Committee) -> User:
        """Who runs a committee's projects: the demo secretary for the showcase committee (the one with a
        secretariat), the demo administrator for the others."""
        return self.users["secretary"] if committee.secretariat_id else self.users["admin"]

    def _project(self, committee: Committee, index: int, target: str) -> Project:
        # Far enough back for the whole path; published ones older still so they can be in force.
        days_back = {Stage.IN_FORCE: 700, OVERDUE: 900, Stage.PUBLISHED: 250}.get(target, 330)
        day = self.today - timedelta(days=days_back - index)
        topic = committee.name_zh.removeprefix("全国").removesuffix("标准化技术委员会")
        adoption = index % 4 == 1
        mandatory = target == Stage.APPROVAL or index % 5 == 0
        revises = list(Standard.objects.filter(tc_code=committee.code, status=Status.CURRENT, tier=Tier.NATIONAL)
                       .order_by("published_on")[index % 3: index % 3 + 1]) if index % 3 == 0 else []
        kind = ProjectKind.ADOPTION if adoption else (ProjectKind.REVISION if revises else ProjectKind.NEW)
        counterpart = committee.international_counterpart.split("/")[0] or "ISO"
        # A new project is classified in its committee's field, as the committee's existing standards are.
        field = Standard.objects.filter(tc_code=committee.code, ccs__isnull=False).order_by("id").first()
        classification = {} if revises or field is None else {
            "ccs": field.ccs_id, "ics_codes": field.ics_codes, "competent_department": field.competent_department}
        with clock.as_of(at(day)):
            project = propose_project(
                actor=self.users["commenter"] if index % 2 else self._secretariat(committee), committee=committee,
                title_zh=f"{topic} {SUBJECTS[index % len(SUBJECTS)]}", kind=kind,
                nature=Nature.MANDATORY if mandatory else Nature.RECOMMENDED, revises=revises,
                adopts=f"{counterpart} {21000 + index}:2024" if adoption else "", degree="IDT" if adoption else "",
                drafting_units=[f"{topic}研究院", f"{topic}检验检测中心"], drafters=["王明", "李华", "张伟"],
                trade_relevant=mandatory, **classification,
            )
        steps = {OVERDUE: PATH[:3], EXTENSION: PATH[:3], Stage.SUSPENDED: [*PATH[:3], Stage.SUSPENDED],
                 Stage.TERMINATED: [*PATH[:2], Stage.TERMINATED], Stage.PUBLISHED: PATH, Stage.IN_FORCE: PATH}.get(target)
        if steps is None:
            steps = [] if target == Stage.PROPOSAL else PATH[: PATH.index(target) + 1]
        for step in steps:
            day = self._step(project, step, day, index, target)
            project.refresh_from_db()
        if target in PUBLISHED_STAGES:
            self._publish(project, day, index)
        if target == Stage.APPROVAL and project.trade_relevant:  # notified long enough ago: ready to publish
            with clock.as_of(at(self.today - timedelta(days=70))):
                record_tbt_notification(actor=self.users["reviewer"], project=project,
                                        number=f"G/TBT/N/CHN/{1800 + index}",
                                        notified_on=self.today - timedelta(days=70))
        if target == EXTENSION:
            with clock.as_of(at(self.today - timedelta(days=2))):
                request_extension(actor=self._secretariat(committee), project=project, months=6,
                                  reason="关键试验数据需补充一个周期的验证。")
        if target in PERIOD_STAGES:
            self._comments(project, self.today - timedelta(days=3), count=1 if target == Stage.NOTICE else 3)
        return project

    def _step(self, project: Project, step: Stage, day: date, index: int, target: str) -> date:
        """Prepare what the step needs, take it, and return the day the next step may come."""
        if step == Stage.COMMENT:
            self._upload(project, day, DocumentKind.DRAFT)
        if step == Stage.DISPOSITION:
            self._comments(project, day - timedelta(days=20), count=3)
        if step == Stage.REVIEW:
            self._dispose(project, day)
            self._upload(project, day, DocumentKind.DRAFT)  # revised after the comments: the draft for review
        if step == Stage.APPROVAL:
            day = self._ballot(project, day)
            for kind in (DocumentKind.DRAFT, DocumentKind.EXPLANATION, DocumentKind.REVIEW_MINUTES):
                self._upload(project, day, kind)
            if project.kind == ProjectKind.ADOPTION:
                self._upload(project, day, DocumentKind.INTERNATIONAL_TEXT)
        if step == target == Stage.COMMENT:  # an open period: started three weeks ago
            day = self.today - timedelta(days=21)
        if step == target == Stage.NOTICE:
            day = self.today - timedelta(days=10)
        if step == target == Stage.REVIEW:
            day = self.today - timedelta(days=5)
        with clock.as_of(at(day)):
            project.refresh_from_db()
            letter = "Q" if project.nature == Nature.MANDATORY else "T"
            actor = self.users["reviewer"] if step == Stage.PLANNED else self._secretariat(project.committee)
            reason = {Stage.SUSPENDED: "等待相关基础标准发布后再继续起草。", Stage.TERMINATED: "与现行标准内容重复，经研究终止。"}
            move_project(actor=actor, project=project, to=step, expected_version=project.version,
                         plan_number=f"{day.year}{index + 1:04d}-{letter}-469" if step == Stage.PLANNED else "",
                         reason=reason.get(step, ""))
        if step == target == Stage.DISPOSITION:
            self._dispose(project, day + timedelta(days=1), leave_open=1)
        if step == target == Stage.REVIEW:
            self._ballot(project, day + timedelta(days=1), finish=False)
        if step == Stage.PLANNED and target == OVERDUE:
            return day + timedelta(days=20)
        if step in PERIOD_STAGES:  # the day after the public period ends (on a working day)
            project.refresh_from_db()
            return project.period_ends_on + timedelta(days=1)
        return day + timedelta(days=20)

    def _upload(self, project: Project, day: date, kind: str) -> None:
        fake = Standard(identifier=f"{project.plan_number or ''} {DocumentKind(kind).label}", title_zh=project.title_zh,
                        title_en=project.title_en, responsible_unit=project.committee.name_zh, ics_codes=[],
                        issued_by=[], published_on=day, implemented_on=day)
        content = render_standard_pdf(fake, references=[s.identifier for s in project.revises.all()])
        with clock.as_of(at(day)):
            upload_document(actor=self._secretariat(project.committee), project=project, kind=kind,
                            upload=SimpleUploadedFile(f"{kind}.pdf", content, content_type="application/pdf"))

    def _comments(self, project: Project, day: date, *, count: int) -> None:
        with clock.as_of(at(day)):
            for clause, text, proposal in COMMENTS[:count]:
                submit_comment(actor=self.users["commenter"], project=project, clause=clause, text=text,
                               proposal=proposal)

    def _dispose(self, project: Project, day: date, *, leave_open: int = 0) -> None:
        choices = [(Disposition.ACCEPTED, ""), (Disposition.PARTLY, "采纳前半部分，限值保持不变。"),
                   (Disposition.NOT_ACCEPTED, "与产品安全要求冲突。")]
        with clock.as_of(at(day)):
            pending = list(project.comments.filter(disposition="").order_by("number"))
            for i, comment in enumerate(pending[: len(pending) - leave_open]):
                disposition, reason = choices[i % len(choices)]
                dispose_comment(actor=self._secretariat(project.committee), comment=comment, disposition=disposition,
                                reason=reason)

    def _ballot(self, project: Project, day: date, *, finish: bool = True) -> date:
        """A meeting ballot (votes given at the meeting, recorded by the secretariat; closed and passed) or, with
        finish=False, an open letter ballot, which members vote on themselves: the demo member finds it among
        the ballots awaiting their vote on the 工作台."""
        secretariat = self._secretariat(project.committee)
        with clock.as_of(at(day)):
            ballot = open_ballot(actor=secretariat, project=project,
                                 method=Ballot.Method.MEETING if finish else Ballot.Method.LETTER)
            if not finish:
                return day + timedelta(days=1)
            votes = list(ballot.votes.select_related("member").order_by("id"))
            for i, vote in enumerate(votes):
                if vote.member.user_id:  # the demo member votes in person
                    cast_vote(actor=vote.member.user, ballot=ballot, choice=VoteChoice.APPROVE)
                    continue
                choice = VoteChoice.ABSTAIN if i == len(votes) - 1 else VoteChoice.APPROVE
                record_vote(actor=secretariat, ballot=ballot, member=vote.member, choice=choice)
            close_ballot(actor=secretariat, ballot=ballot)
        return day + timedelta(days=1)

    def _publish(self, project: Project, day: date, index: int) -> None:
        if project.trade_relevant:
            with clock.as_of(at(day)):
                record_tbt_notification(actor=self.users["reviewer"], project=project,
                                        number=f"G/TBT/N/CHN/{1800 + index}", notified_on=day)
            day += timedelta(days=61)
        prefix = "GB" if project.nature == Nature.MANDATORY else "GB/T"
        number = f"{prefix} {46000 + index}-{day.year}"
        if project.kind == ProjectKind.ADOPTION:
            number += f"/{project.adopts}"
        with clock.as_of(at(day)):
            project.refresh_from_db()
            publish_project(actor=self.users["reviewer"], project=project, expected_version=project.version,
                            identifier=number, published_on=day, implemented_on=day + timedelta(days=180))

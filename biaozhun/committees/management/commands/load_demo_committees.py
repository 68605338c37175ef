"""Demo committees: one per technical committee the demo catalogue names, with a balanced membership and its terms
(第1届 2019–2023, 第2届 2024–2028); and applications to establish committees in every state (draft, submitted, in
public notice with comments, approved — which founded its committee —, rejected, withdrawn) and a restructuring
waiting in the queue, applied for by the demo ministry's account. Idempotent: what exists is left as it is."""

from datetime import date, datetime, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction

from biaozhun.accounts.models import MembershipRole, Organisation, OrganisationKind, User
from biaozhun.catalog.models import Standard
from biaozhun.committees.applications import services as applications
from biaozhun.committees.applications.models import Application
from biaozhun.committees.models import Committee, Stakeholder
from biaozhun.committees.services import add_member, create_committee
from biaozhun.committees.terms import record_term
from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM
from biaozhun.datagen.committees import COMMITTEES

SEATS = [Stakeholder.PRODUCER, Stakeholder.USER, Stakeholder.RESEARCH, Stakeholder.TESTING, Stakeholder.GOVERNMENT,
         Stakeholder.PRODUCER, Stakeholder.CONSUMER, Stakeholder.RESEARCH, Stakeholder.PRODUCER]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建华", "海燕"]
ORGS = {Stakeholder.PRODUCER: "有限公司", Stakeholder.USER: "集团", Stakeholder.RESEARCH: "研究院",
        Stakeholder.TESTING: "检验检测中心", Stakeholder.GOVERNMENT: "市场监督管理局", Stakeholder.CONSUMER: "消费者协会"}
TITLES = ["教授级高级工程师", "研究员", "高级工程师", "教授", "工程师"]
PASSWORD = "biaozhun-demo-2026"  # noqa: S105 (the demo accounts' documented password)
# (state, code, name, scope): one establishment application per state.
APPLICATIONS = [
    ("draft", "SAC/TC 701", "全国低空经济标准化技术委员会", "低空飞行器、低空基础设施和低空运营服务"),
    ("submitted", "SAC/TC 702", "全国人工智能伦理标准化技术委员会", "人工智能伦理、治理与评估"),
    ("notice", "SAC/TC 703", "全国商业航天标准化技术委员会", "商业运载火箭、商业卫星及其地面系统"),
    ("approved", "SAC/TC 704", "全国数据资源标准化技术委员会", "数据资源确权、流通、交易与安全"),
    ("rejected", "SAC/TC 705", "全国共享经济标准化技术委员会", "共享出行、共享住宿等共享经济服务"),
    ("withdrawn", "SAC/SWG 706", "全国元宇宙标准化工作组", "元宇宙术语、参考架构与应用"),
]


class Command(BaseCommand):
    help = "Create the demo committees, their terms and applications in every state (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        names = {code: (name, counterpart) for group in COMMITTEES.values() for name, code, counterpart in group}
        codes = sorted(set(Standard.objects.exclude(tc_code="").values_list("tc_code", flat=True)),
                       key=lambda c: ("/SC" in c, c))
        created = 0
        for index, code in enumerate(codes):
            if Committee.objects.filter(code=code).exists() or code not in names:
                continue
            name, counterpart = names[code]
            committee = create_committee(actor=SYSTEM, code=code, name_zh=f"全国{name}标准化技术委员会",
                                         international_counterpart=counterpart or "")
            for seat, stakeholder in enumerate(SEATS):
                person = SURNAMES[(index + seat) % len(SURNAMES)] + GIVEN[(index * 3 + seat) % len(GIVEN)]
                add_member(actor=SYSTEM, committee=committee, name=person, stakeholder=stakeholder,
                           organisation=f"{name}{ORGS.get(stakeholder, '单位')}", title=TITLES[seat % len(TITLES)],
                           role="chair" if seat == 0 else ("secretary_general" if seat == 1 else "member"),
                           term_start=date(2024, 1, 1), term_end=date(2028, 12, 31))
            created += 1
        terms = self._terms()
        made = self._applications()
        self.stdout.write(f"committees created: {created}; terms recorded: {terms}; applications: {made}")

    def _terms(self) -> int:
        recorded = 0
        for committee in Committee.objects.existing().filter(terms__isnull=True):
            record_term(actor=SYSTEM, committee=committee, start=date(2019, 1, 1), end=date(2023, 12, 31))
            record_term(actor=SYSTEM, committee=committee, start=date(2024, 1, 1), end=date(2028, 12, 31))
            recorded += 2
        return recorded

    # --- applications -------------------------------------------------------------------------------
    def _people(self) -> tuple[Organisation, Organisation, User, User]:
        from stdnum.cn import uscc

        from biaozhun.accounts import services as accounts

        ministry = (Organisation.objects.filter(kind=OrganisationKind.GOVERNMENT_DEPARTMENT, name="工业和信息化部").first()
                    or accounts.create_organisation(actor=SYSTEM, kind=OrganisationKind.GOVERNMENT_DEPARTMENT,
                                                    name="工业和信息化部", industry_code="JB", join_as_admin=False))
        body = "12100000400010785"
        institute = (Organisation.objects.filter(name="中国电子技术标准化研究院").first()
                     or accounts.create_organisation(actor=SYSTEM, kind=OrganisationKind.ENTERPRISE,
                                                     name="中国电子技术标准化研究院",
                                                     uscc=body + uscc.calc_check_digit(body), join_as_admin=False))
        people = []
        for username, real_name in (("tc_applicant", "吴申报"), ("tc_commenter", "孙意见")):
            people.append(User.objects.filter(username=username).first() or accounts.register_user(
                actor=SYSTEM, username=username, email=f"{username}@demo.biaozhun.test", real_name=real_name,
                password=PASSWORD))
        applicant, commenter = people
        if applicant.role_in(ministry) is None:
            accounts.add_member(actor=SYSTEM, organisation=ministry, user=applicant, role=MembershipRole.MEMBER)
            applicant.forget_memberships()
        return ministry, institute, applicant, commenter

    def _applications(self) -> int:
        if Application.objects.filter(code__in=[code for _s, code, _n, _c in APPLICATIONS]).exists():
            return 0
        ministry, institute, applicant, commenter = self._people()
        today = clock.today()
        roll = tuple(applications.SeatInput(
            name=SURNAMES[n] + GIVEN[n], organisation=f"{ORGS.get(stakeholder, '单位')}（拟任）", stakeholder=stakeholder,
            role="chair" if n == 0 else ("secretary_general" if n == 1 else "member"), title=TITLES[n % len(TITLES)])
            for n, stakeholder in enumerate(SEATS))
        for state, code, name, scope in APPLICATIONS:
            kind = "SWG" if "SWG" in code else "TC"
            data = applications.ApplicationInput(
                kind=kind, code=code, name_zh=name, scope=f"{scope}等领域的国家标准制修订工作。",
                justification=f"{scope}发展迅速，现有技术委员会未覆盖，需要统一规划标准体系。",
                international_counterpart="ISO/IEC JTC 1/SC 42" if "人工智能" in name else "",
                secretariat=institute, guiding_unit=ministry, contact_name="钱联络", contact_phone="010-64007681",
                contact_email=f"{code.split()[-1]}@demo.biaozhun.test", seats=roll)
            with clock.as_of(self._at(today - timedelta(days=80))):
                application = applications.save_draft(actor=applicant, applicant=ministry, data=data)
            if state == "draft":
                continue
            if state == "withdrawn":
                applications.withdraw_application(actor=applicant, application=application, reason="另行申请工作组")
                continue
            with clock.as_of(self._at(today - timedelta(days=75))):
                applications.submit_application(actor=applicant, application=application)
            if state == "submitted":
                continue
            opened = today - timedelta(days=5 if state == "notice" else 70)  # a notice ends within 40 days
            with clock.as_of(self._at(opened)):
                application = applications.open_notice(actor=SYSTEM, application=application)
            with clock.as_of(self._at(opened + timedelta(days=2))):
                applications.comment_on_application(actor=commenter, application=application,
                                                    text="建议在工作领域中明确与现有技术委员会的分工。")
            if state == "approved":
                with clock.as_of(self._at(today - timedelta(days=25))):
                    applications.approve_application(actor=SYSTEM, application=application,
                                                     decision=f"国标委函〔{today.year}〕18号")
            elif state == "rejected":
                with clock.as_of(self._at(today - timedelta(days=25))):
                    applications.reject_application(actor=SYSTEM, application=application,
                                                    reason="工作领域与现有技术委员会重叠，建议作为分技术委员会申请。")
        self._restructuring(applicant, ministry)
        return len(APPLICATIONS) + 1

    def _restructuring(self, applicant: User, ministry: Organisation) -> None:
        """A committee guided by the ministry asks for a wider scope: submitted, in the administration's queue."""
        committee = Committee.objects.existing().exclude(code__startswith="SAC/TC 70").order_by("code").first()
        if committee is None:
            return
        if committee.guiding_unit_id is None:
            from biaozhun.committees.services import update_committee

            committee = update_committee(actor=SYSTEM, committee=committee, changes={"guiding_unit": ministry})
        data = applications.ApplicationInput(
            purpose="restructure", committee=committee, name_zh=committee.name_zh, name_en=committee.name_en,
            scope=(committee.scope + "；" if committee.scope else "") + "相关数字化服务",
            secretariat=committee.secretariat, guiding_unit=ministry,
            international_counterpart=committee.international_counterpart, justification="工作领域扩展到数字化服务。")
        application = applications.save_draft(actor=applicant, applicant=ministry, data=data)
        applications.submit_application(actor=applicant, application=application)

    @staticmethod
    def _at(day: date) -> datetime:
        return datetime.combine(day, datetime.min.time()).replace(hour=10)

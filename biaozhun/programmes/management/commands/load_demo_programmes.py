"""Demo pilots and demonstrations, made through the services on a backdated clock (core.clock.as_of):

- the 2019 call of 服务业标准化试点 run by the national administration: four enterprises applied (江苏, 浙江, 广东,
  四川), three approved as pilots from July 2019, one not approved with its reason; the call decided;
- mid-term evaluations in July 2020 by two demo evaluators: two pilots passed and continue, one still open;
- this year's call of 标准化+ 试点, open today, so the demo enterprises can apply on the page.

Accounts: pilot-js, pilot-zj, pilot-gd, pilot-sc (each the admin of its enterprise), pilot-expert1 and
pilot-expert2 (evaluators), with the demo password. Run after load_demo_projects (the administrator "admin").
Idempotent: does nothing when programmes exist.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from stdnum.cn import uscc as stdnum_uscc

from biaozhun.accounts.models import Organisation, OrganisationKind, User
from biaozhun.accounts.services import create_organisation, register_user
from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM
from biaozhun.development.management.commands.load_demo_projects import PASSWORD

from ...models import Programme, ProgrammeType
from ...services import (
    ApplicationInput,
    ProgrammeInput,
    apply_for_pilot,
    approve_application,
    conclude_evaluation,
    create_programme,
    move_call,
    open_evaluation,
    reject_application,
    score_evaluation,
    start_review,
)

# username, person, enterprise, county, project, field, objectives, planned standards
APPLICANTS = [
    ("pilot-js", "江试点", "南京智慧物流有限公司", "320102", "城市智慧物流服务标准化试点", "物流服务",
     "建立覆盖仓储、配送、末端服务的标准体系，制定企业标准 12 项，服务满意度提升到 95% 以上。",
     "智慧物流 末端配送服务规范\n城市共同配送 服务质量评价"),
    ("pilot-zj", "浙试点", "杭州西湖文旅服务有限公司", "330106", "西湖景区旅游服务标准化试点", "旅游服务",
     "建立景区服务标准体系，覆盖导览、安全、环境卫生，培训一线员工 600 人次。",
     "景区导览服务规范\n景区游客安全管理规范"),
    ("pilot-gd", "粤试点", "深圳南山养老服务有限公司", "440305", "社区居家养老服务标准化试点", "养老服务",
     "制定居家养老服务标准 10 项，建设 5 个示范站点。", "居家养老上门服务规范"),
    ("pilot-sc", "川试点", "成都锦江家政服务有限公司", "510104", "家政服务标准化试点", "家政服务",
     "建立家政服务人员培训和评价标准，持证上岗率达到 90%。", ""),
]
EXPERTS = [("pilot-expert1", "评估专家甲"), ("pilot-expert2", "评估专家乙")]
MIDTERM_SCORES = {"pilot-js": [(85, 88, 90), (80, 86, 84)], "pilot-zj": [(75, 70, 72), (70, 74, 68)]}


def _at(day: date):
    return clock.as_of(timezone.make_aware(datetime.combine(day, time(10))))


def _uscc(n: int, region: str) -> str:
    body = f"91{region}{n:09d}"
    return body + stdnum_uscc.calc_check_digit(body)


class Command(BaseCommand):
    help = "A demo pilot programme with applications, pilots and mid-term evaluations (idempotent)."

    def _account(self, username: str, name: str) -> User:
        return User.objects.filter(username=username).first() or register_user(
            actor=SYSTEM, username=username, email=f"{username}@demo.biaozhun.test", real_name=name,
            password=PASSWORD)

    def _authority(self) -> Organisation:
        found = Organisation.objects.filter(kind=OrganisationKind.NATIONAL_ADMINISTRATION).first()
        return found or create_organisation(actor=SYSTEM, kind=OrganisationKind.NATIONAL_ADMINISTRATION,
                                            name="国家标准化管理委员会", join_as_admin=False)

    @transaction.atomic
    def handle(self, *args, **options):
        if Programme.objects.exists():
            self.stdout.write("programmes exist: nothing loaded")
            return
        admin = User.objects.filter(username="admin", is_active=True).first() or SYSTEM
        authority = self._authority()
        services_type = ProgrammeType.objects.get(code="services")
        with _at(date(2019, 2, 20)):
            call = create_programme(actor=admin, data=ProgrammeInput(
                programme_type=services_type, authority=authority, title="2019 年国家级服务业标准化试点", year=2019,
                opens_on=date(2019, 3, 1), closes_on=date(2019, 5, 31), duration_months=24,
                eligibility="在中国境内依法登记、具有独立法人资格的服务业企业、社会团体和检验检测机构；"
                            "已建立较完善的标准体系，近三年无重大质量安全事故。"))
        with _at(date(2019, 3, 1)):
            move_call(actor=admin, programme=call, to="open")
        applications = {}
        for n, (username, person, name, county, project, field, objectives, planned) in enumerate(APPLICANTS, 1):
            user = self._account(username, person)
            enterprise = Organisation.objects.filter(name=name).first()
            if enterprise is None:
                enterprise = create_organisation(actor=user, kind=OrganisationKind.ENTERPRISE, name=name,
                                                 uscc=_uscc(700 + n, county))
            with _at(date(2019, 4, n * 5)):
                applications[username] = apply_for_pilot(
                    actor=user, programme=call, organisation=enterprise, data=ApplicationInput(
                        project_name=project, region_code=county, field=field, objectives=objectives,
                        planned_standards=planned))
        with _at(date(2019, 6, 3)):
            move_call(actor=admin, programme=call, to="closed")
            for application in applications.values():
                start_review(actor=admin, application=application)
        pilots = {}
        with _at(date(2019, 6, 28)):
            for username in ("pilot-js", "pilot-zj", "pilot-gd"):
                pilots[username] = approve_application(actor=admin, application=applications[username],
                                                       started_on=date(2019, 7, 1))
            reject_application(actor=admin, application=applications["pilot-sc"],
                               reason="标准体系尚不完善，建议完善后参加下一批申报。")
            move_call(actor=admin, programme=call, to="decided")
        experts = [self._account(username, name) for username, name in EXPERTS]
        for username, sheets in MIDTERM_SCORES.items():
            with _at(date(2020, 7, 10)):
                evaluation = open_evaluation(actor=admin, pilot=pilots[username], stage="midterm", evaluators=experts)
            with _at(date(2020, 7, 20)):
                for expert, sheet in zip(experts, sheets, strict=True):
                    codes = [c["code"] for c in evaluation.criteria]
                    score_evaluation(actor=expert, evaluation=evaluation, scores=dict(zip(codes, sheet, strict=True)),
                                     comments={codes[0]: "工作机制健全。"})
            with _at(date(2020, 7, 30)):
                conclude_evaluation(actor=admin, evaluation=evaluation, outcome="continued",
                                    comments="中期评估合格，继续建设。")
        with _at(date(2020, 7, 10)):
            open_evaluation(actor=admin, pilot=pilots["pilot-gd"], stage="midterm", evaluators=experts)
        # The first pilot's acceptance at the end of its two years: every expert scores every criterion.
        with _at(date(2021, 7, 5)):
            acceptance = open_evaluation(actor=admin, pilot=pilots["pilot-js"], stage="acceptance",
                                         evaluators=experts)
        with _at(date(2021, 7, 15)):
            codes = [c["code"] for c in acceptance.criteria]
            for expert, base in zip(experts, (91, 88), strict=True):
                score_evaluation(actor=expert, evaluation=acceptance, scores=dict.fromkeys(codes, base),
                                 comments={codes[0]: "试点任务全部完成，形成的标准体系可复制推广。"})
        with _at(date(2021, 7, 25)):
            conclude_evaluation(actor=admin, evaluation=acceptance, outcome="accepted",
                                comments="验收合格，准予通过。")
        today = clock.today()
        plus = ProgrammeType.objects.get(code="standardisation-plus")
        current = create_programme(actor=admin, data=ProgrammeInput(
            programme_type=plus, authority=authority, title=f"{today.year} 年“标准化+”试点", year=today.year,
            opens_on=today, closes_on=today + timedelta(days=60), duration_months=24,
            eligibility="企业、社会团体和检验检测机构；以标准化推动产业、科技、服务融合发展。"))
        move_call(actor=admin, programme=current, to="open")
        self.stdout.write(f"programmes: 2 calls, {len(applications)} applications, {len(pilots)} pilots; accounts "
                          + ", ".join([a[0] for a in APPLICANTS] + [e[0] for e in EXPERTS])
                          + f" with the password {PASSWORD}")

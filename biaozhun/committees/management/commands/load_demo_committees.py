"""Demo committees: one per technical committee the demo catalogue names, with a balanced membership."""

from datetime import date

from django.core.management.base import BaseCommand
from django.db import transaction

from biaozhun.catalog.models import Standard
from biaozhun.committees.models import Committee, Stakeholder
from biaozhun.committees.services import add_member, create_committee
from biaozhun.core.actors import SYSTEM
from biaozhun.datagen.committees import COMMITTEES

SEATS = [Stakeholder.PRODUCER, Stakeholder.USER, Stakeholder.RESEARCH, Stakeholder.TESTING, Stakeholder.GOVERNMENT,
         Stakeholder.PRODUCER, Stakeholder.CONSUMER, Stakeholder.RESEARCH, Stakeholder.PRODUCER]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建华", "海燕"]
ORGS = {Stakeholder.PRODUCER: "有限公司", Stakeholder.USER: "集团", Stakeholder.RESEARCH: "研究院",
        Stakeholder.TESTING: "检验检测中心", Stakeholder.GOVERNMENT: "市场监督管理局", Stakeholder.CONSUMER: "消费者协会"}


class Command(BaseCommand):
    help = "Create the committees the demo catalogue refers to (idempotent)."

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
                           organisation=f"{name}{ORGS.get(stakeholder, '单位')}",
                           role="chair" if seat == 0 else ("secretary_general" if seat == 1 else "member"),
                           term_start=date(2024, 1, 1), term_end=date(2028, 12, 31))
            created += 1
        self.stdout.write(f"committees created: {created}")

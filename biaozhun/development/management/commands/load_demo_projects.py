"""Demo projects in every stage up to approval (publication, which creates the catalogue edition, is not built
yet), moved there through the services so each has its history. Idempotent."""

from django.core.management.base import BaseCommand
from django.db import transaction

from biaozhun.committees.models import Committee
from biaozhun.development.models import Project
from biaozhun.development.services import move_project, propose_project
from biaozhun.rules.stages import STAGES

PATH = ["notice", "planned", "drafting", "comment", "disposition", "review", "approval"]
SUBJECTS = ["通用技术要求", "试验方法", "安全要求", "术语", "数据元", "评价指南", "能效限定值及能效等级", "检验规则"]


class Command(BaseCommand):
    help = "Create demo development projects in every stage of the workflow."

    @transaction.atomic
    def handle(self, *args, **options):
        if Project.objects.exists():
            self.stdout.write("demo projects already loaded")
            return
        committees = list(Committee.objects.filter(kind="TC").order_by("code")[:24])
        targets = [stage.code for stage in STAGES if stage.code not in ("published", "in_force")]
        created = 0
        for index, committee in enumerate(committees):
            target = targets[index % len(targets)]
            topic = committee.name_zh.removeprefix("全国").removesuffix("标准化技术委员会")
            kind = "adoption" if committee.international_counterpart and index % 3 == 0 else "new"
            project = propose_project(
                None, committee=committee, title_zh=f"{topic} {SUBJECTS[index % len(SUBJECTS)]}", kind=kind,
                nature="mandatory" if index % 5 == 0 else "recommended",
                adopts=f"{committee.international_counterpart.split('/')[0]} 1{index:03d}:2024" if kind == "adoption" else "",
                degree="IDT" if kind == "adoption" else "",
            )
            for step in self._steps_to(target):
                plan = f"2026{index + 1:04d}-T-{469 + index}" if step == "planned" else ""
                project = move_project(None, project, to=step, expected_version=project.version, plan_number=plan,
                                       reason="演示数据")
            created += 1
        self.stdout.write(f"demo projects created: {created}")

    @staticmethod
    def _steps_to(target: str) -> list[str]:
        if target == "proposal":
            return []
        if target in ("suspended", "terminated"):
            return ["notice", "planned", "drafting", target]
        return PATH[: PATH.index(target) + 1]

"""Demo projects in every stage, moved there through the services with backdated clocks, so each has a true
history (periods elapsed, deadlines counted from its plan). Idempotent."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from biaozhun.committees.models import Committee
from biaozhun.core import clock
from biaozhun.development.models import Project
from biaozhun.development.services import move_project, propose_project

PATH = ["notice", "planned", "drafting"]
TARGETS = ["proposal", "notice", "planned", "drafting", "suspended", "terminated"]
SUBJECTS = ["通用技术要求", "试验方法", "安全要求", "术语", "数据元", "评价指南", "能效限定值及能效等级", "检验规则"]
REASONS = {"suspended": "等待相关基础标准发布", "terminated": "与现行标准重复，经审查终止", "drafting": "修改后重新提交"}


class Command(BaseCommand):
    help = "Create demo development projects in every stage of the workflow."

    @transaction.atomic
    def handle(self, *args, **options):
        if Project.objects.exists():
            self.stdout.write("demo projects already loaded")
            return
        committees = list(Committee.objects.filter(kind="TC").order_by("code")[:24])
        start = timezone.now() - timedelta(days=400)
        for index, committee in enumerate(committees):
            target = TARGETS[index % len(TARGETS)]
            at = start + timedelta(days=index)
            with clock.as_of(at):
                project = self._propose(index, committee)
            for step in self._steps_to(target):
                at += timedelta(days=45)
                with clock.as_of(at):
                    project = self._move(project, step, index)
        self.stdout.write(f"demo projects created: {len(committees)}")

    @staticmethod
    def _propose(index: int, committee: Committee) -> Project:
        topic = committee.name_zh.removeprefix("全国").removesuffix("标准化技术委员会")
        kind = "adoption" if committee.international_counterpart and index % 3 == 0 else "new"
        body = committee.international_counterpart.split("/")[0] or "ISO"
        return propose_project(
            None, committee=committee, title_zh=f"{topic} {SUBJECTS[index % len(SUBJECTS)]}", kind=kind,
            nature="mandatory" if index % 5 == 0 else "recommended",
            adopts=f"{body} {10000 + index}:2024" if kind == "adoption" else "",
            degree="IDT" if kind == "adoption" else "",
        )

    @staticmethod
    def _move(project: Project, step: str, index: int) -> Project:
        letter = "Q" if project.nature == "mandatory" else "T"
        plan = f"{clock.today().year}{index + 1:04d}-{letter}-{469 + index}" if step == "planned" else ""
        return move_project(None, project, to=step, expected_version=project.version, plan_number=plan,
                            reason=REASONS.get(step, "演示数据"))

    @staticmethod
    def _steps_to(target: str) -> list[str]:
        if target == "proposal":
            return []
        if target in ("suspended", "terminated"):
            return ["notice", "planned", "drafting", target]
        return PATH[: PATH.index(target) + 1]



"""Demo implementation feedback: items in every state with their true history, on the standards of the demo
secretary's committee, an industry standard and a local standard, written by the demo commenter (signed in) and
by visitors (name and address kept encrypted); handled by the demo secretary, the demo ministry and bureau;
interpretations on the standards' pages; a consumer association and a ministry receiving the periodic export.

Everything goes through the services on a backdated clock (core.clock.as_of), so deadlines, reminders, escalations
and automatic closing happened on their days; then the day's sweep runs. Run after load_demo_projects and
load_demo_filings (their accounts and organisations). Idempotent: does nothing when feedback exists.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from biaozhun.accounts.models import MembershipRole, Organisation, OrganisationKind, User
from biaozhun.accounts.services import add_member, create_organisation, register_user
from biaozhun.catalog.models import Standard
from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM
from biaozhun.feedback.models import Feedback, FeedbackState, RoutingRule
from biaozhun.feedback.services import (
    Contact,
    acknowledge_feedback,
    answer_feedback,
    close_feedback,
    merge_feedback,
    publish_interpretation,
    reassign_feedback,
    reject_feedback,
    submit_feedback,
    sweep_feedback,
)
from biaozhun.feedback.services.exports import send_due_exports
from biaozhun.feedback.services.tables import add_routing_rule, add_subscription

PASSWORD = os.environ.get("BIAOZHUN_DEMO_PASSWORD", "biaozhun-demo-2026")
VISITORS = [Contact("李明", "liming@demo.biaozhun.test", "13900000001", "某医疗器械检测中心"),
            Contact("王芳", "wangfang@demo.biaozhun.test"),
            Contact("赵强", "zhaoqiang@demo.biaozhun.test", organisation="某机床制造有限公司")]
TEXTS = {
    "content": "第 5.2 条规定的试验温度未给出允许偏差，各实验室执行不一致，建议明确为 23 ℃±2 ℃。",
    "conflict": "第 4.3 条的标志要求与现行强制性国家标准的规定不一致，企业无所适从，建议协调。",
    "implementation": "中小企业缺少第 6 章要求的检测设备，建议给出替代检验方法或过渡期。",
    "outdated": "表 2 的限值已落后于国际标准最新版，建议复审时修订。",
    "other": "建议在标准页面提供英文版目次，方便外贸企业使用。",
}
ANSWER = ("经技术委员会秘书处研究：您反映的问题属实。在标准修订前，试验温度按 23 ℃±2 ℃ 执行；"
          "该意见已纳入下次修订的工作计划。感谢您的反馈。")


@dataclass(frozen=True)
class Story:
    """One demo item: received `days_ago`, then what its handler (or the platform) does on later days."""

    key: str
    standard: str  # "committee", "industry" or "local": which demo standard
    category: str
    days_ago: int
    writer: int | None  # a visitor's index, or None for the demo commenter (signed in)
    steps: tuple[tuple[str, int], ...] = ()  # (act, days after receipt)


STORIES = (
    Story("received", "committee", "other", 2, 1),  # the demo's manual rule holds type "other" for a person
    Story("routed", "committee", "content", 1, 0),
    Story("overdue", "committee", "implementation", 45, 2),  # never acknowledged: escalated twice by the sweep
    Story("acknowledged", "committee", "conflict", 12, None, (("acknowledge", 2),)),
    Story("answered", "committee", "content", 15, 0, (("acknowledge", 1), ("answer", 12))),
    Story("interpretation", "committee", "content", 40, None, (("answer", 6), ("publish", 7), ("close_author", 8))),
    Story("closed_automatic", "committee", "outdated", 70, 1, (("acknowledge", 3), ("answer", 20))),
    Story("merged", "committee", "content", 13, 2, (("merge", 2),)),
    Story("rejected", "committee", "other", 9, 1, (("route", 0), ("reject", 1))),
    Story("reassigned", "committee", "conflict", 6, 0, (("reassign", 1),)),
    Story("industry", "industry", "implementation", 8, 2, (("acknowledge", 1),)),
    Story("local", "local", "content", 20, 0, (("answer", 18),)),
)


def at(days_ago: float) -> datetime:
    return timezone.now() - timedelta(days=days_ago)


def photo() -> SimpleUploadedFile:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (180, 190, 200)).save(buffer, format="JPEG")
    return SimpleUploadedFile("现场照片.jpg", buffer.getvalue())


class Command(BaseCommand):
    help = "Create demo implementation feedback in every state (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        if Feedback.objects.exists():
            self.stdout.write("demo feedback already loaded")
            return
        users = {u.username: u for u in User.objects.filter(username__in=["admin", "secretary", "reviewer",
                                                                          "commenter", "miit", "jiangsu"])}
        if not {"admin", "secretary", "reviewer", "commenter"} <= set(users):
            self.stdout.write("no demo accounts: run load_demo_projects (and load_demo_filings) first")
            return
        secretary = users["secretary"]
        office = next(m.organisation for m in secretary.memberships.select_related("organisation")
                      if m.organisation.kind == OrganisationKind.TC_SECRETARIAT)
        standards = self._standards(office.tc_code)
        if not RoutingRule.objects.filter(target="manual").exists():
            add_routing_rule(actor=users["admin"], data={"priority": 1, "category": "other", "target": "manual",
                                                         "note": "演示：其他意见建议由国家标准委人工转办"})
        made: dict[str, Feedback] = {}
        for story in STORIES:
            if story.standard not in standards:
                continue
            made[story.key] = self._story(story, standards[story.standard], users, made)
        with clock.as_of(timezone.now()):
            counts = sweep_feedback(actor=SYSTEM)
        self._exports(users, standards)
        states = {state: Feedback.objects.filter(state=state).count() for state in FeedbackState.values}
        self.stdout.write(f"demo feedback: {sum(states.values())} items ({', '.join(f'{k} {v}' for k, v in states.items())}); "
                          f"today's sweep {counts}; handled by secretary ({office.tc_code}), miit, jiangsu; written "
                          f"by commenter and visitors; consumer association account: consumer (password {PASSWORD})")

    def _standards(self, tc_code: str) -> dict[str, Standard]:
        found = {}
        for key, query in (("committee", Standard.objects.filter(tc_code=tc_code, status="current")),
                           ("industry", Standard.objects.filter(tier="industry", industry_code="JB", status="current")),
                           ("local", Standard.objects.filter(tier="local", region_code="32", status="current"))):
            standard = query.order_by("sort_key").first()
            if standard is not None:
                found[key] = standard
        return found

    def _story(self, story: Story, standard: Standard, users: dict, made: dict) -> Feedback:
        with clock.as_of(at(story.days_ago)):
            item = submit_feedback(
                actor=users["commenter"] if story.writer is None else _anonymous(), standard=standard, category=story.category,
                text=TEXTS[story.category], clause="5.2" if story.category == "content" else "",
                contact=None if story.writer is None else VISITORS[story.writer],
                attachments=[photo()] if story.key == "answered" else [])
        handler = {"committee": users["secretary"], "industry": users.get("miit"),
                   "local": users.get("jiangsu")}[story.standard]
        for act, days in story.steps:
            with clock.as_of(at(story.days_ago - days) + timedelta(hours=2)):
                item.refresh_from_db()
                self._act(act, item, handler, users, made)
        item.refresh_from_db()
        return item

    def _act(self, act: str, item: Feedback, handler: User, users: dict, made: dict) -> None:
        if act == "acknowledge":
            acknowledge_feedback(actor=handler, item=item)
        elif act == "answer":
            answer_feedback(actor=handler, item=item, answer=ANSWER)
        elif act == "publish":
            publish_interpretation(actor=handler, item=item, kind="interpretation",
                                   question="标准中未给出允许偏差的试验温度应如何执行？")
        elif act == "close_author":
            close_feedback(actor=users["commenter"], item=item, reason="答复解决了我的问题")
        elif act == "merge":
            merge_feedback(actor=handler, item=item, into=made["answered"], reason="与已受理的反馈问题相同")
        elif act == "route":
            from biaozhun.feedback.services import route_feedback

            route_feedback(actor=users["reviewer"], item=item, organisation=item_office(handler))
        elif act == "reject":
            reject_feedback(actor=handler, item=item, reason="所提建议不属于标准技术内容，已转平台运维部门研究。")
        elif act == "reassign":
            target = Organisation.objects.filter(kind=OrganisationKind.GOVERNMENT_DEPARTMENT).order_by("pk").first()
            if target is not None:
                reassign_feedback(actor=handler, item=item, organisation=target,
                                  reason="问题涉及行业监管要求，请主管部门研究答复。")

    def _exports(self, users: dict, standards: dict) -> None:
        admin = users["admin"]
        association = Organisation.objects.filter(kind=OrganisationKind.CONSUMER_ASSOCIATION).first()
        if association is None:
            association = create_organisation(actor=admin, kind=OrganisationKind.CONSUMER_ASSOCIATION,
                                              name="中国消费者协会", join_as_admin=False)
        consumer = User.objects.filter(username="consumer").first() or register_user(
            actor=SYSTEM, username="consumer", email="consumer@demo.biaozhun.test", real_name="孙消协",
            password=PASSWORD)
        if not association.memberships.filter(user=consumer).exists():
            add_member(actor=admin, organisation=association, user=consumer, role=MembershipRole.MEMBER)
        committee = standards.get("committee")
        ics = committee.ics_id[:6] if committee and committee.ics_id else "11.040"
        add_subscription(actor=admin, data={"organisation": association, "ics_prefixes": [ics],
                                            "frequency": "monthly"})
        ministry = Organisation.objects.filter(kind=OrganisationKind.GOVERNMENT_DEPARTMENT, industry_code="JB").first()
        if ministry is not None and committee is not None:
            add_subscription(actor=admin, data={"organisation": ministry, "tc_codes": [committee.tc_code],
                                                "frequency": "weekly"})
        with clock.as_of(timezone.now()):
            send_due_exports(actor=SYSTEM)


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def item_office(person: User) -> Organisation:
    return next(m.organisation for m in person.memberships.select_related("organisation")
                if m.organisation.kind == OrganisationKind.TC_SECRETARIAT)

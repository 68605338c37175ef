"""Demo assessments of the demo committees, in every state, made through the services on a backdated clock
(core.clock.as_of) by the demo reviewer (the assessor) and the demo administrator:

- last year: every committee computed by the yearly run in January; the demo secretary's committee scored and
  finalised; committees failing their year finalised with decisions: a correction still open, a correction
  accepted, a suspension (the committee's status changes); one scored but not finalised; one finalised and then
  computed again (version 2 beside the kept version 1);
- this year: the secretary's committee computed on today's figures, another opened as a draft, and the year's
  scheme edited once (version 2).

Run after load_demo_projects (its accounts) and load_demo_feedback. Idempotent: does nothing when assessments
exist.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from biaozhun.accounts.models import User
from biaozhun.committees.models import Committee
from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM
from biaozhun.development.selectors import own_committees

from ...models import Assessment
from ...services import (
    close_correction,
    compute_assessment,
    decide_on_assessment,
    ensure_scheme,
    finalise_assessment,
    open_assessment,
    run_assessments,
    score_assessment,
    update_scheme,
)


class Command(BaseCommand):
    help = "Demo assessments of the demo committees in every state (idempotent)."

    def _user(self, username: str):
        return User.objects.filter(username=username).first() or SYSTEM

    def _on(self, day: int):
        """A moment `day` days into this year, never after now."""
        today = clock.today()
        moment = min(date(today.year, 1, 1) + timedelta(days=day), today)
        return clock.as_of(timezone.make_aware(datetime.combine(moment, time(10))))

    @transaction.atomic
    def handle(self, *args, **options):
        if Assessment.objects.exists():
            self.stdout.write("assessments exist: nothing loaded")
            return
        committees = list(Committee.objects.existing().order_by("code"))
        if len(committees) < 8:
            self.stdout.write("fewer than 8 demo committees: run load_demo_committees first")
            return
        reviewer, admin = self._user("reviewer"), self._user("admin")
        secretary = User.objects.filter(username="secretary").first()
        own = own_committees(viewer=secretary) if secretary else []
        showcase = own[0] if own else committees[0]
        others = [c for c in committees if c.pk != showcase.pk]
        this_year = clock.today().year
        last_year = this_year - 1

        with self._on(14):
            run_assessments(actor=reviewer, year=last_year)
        with self._on(20):
            self._finalise(showcase, last_year, reviewer, admin, 85, 90)
        failing = []
        for committee in others:
            if len(failing) == 3:
                break
            with self._on(24):
                assessment = self._finalise(committee, last_year, reviewer, admin, 0, 10)
            if assessment.flagged:
                failing.append(assessment)
        rest = [c for c in others if c.pk not in {a.committee_id for a in failing}]
        decisions = [("correction", "秘书处工作和标准复审滞后，限期整改。", None),
                     ("correction", "委员投票率偏低，限期整改。", 60),
                     ("suspension", "连续未按期报批、未组织复审，暂停工作。", None)]
        for assessment, (measure, reason, days) in zip(failing, decisions, strict=False):
            with self._on(40):
                decide_on_assessment(
                    actor=admin, assessment=assessment, measure=measure, reason=reason,
                    document=f"国标委函〔{this_year}〕{assessment.committee_id}号",
                    correction_due=clock.today() + timedelta(days=days) if days else None)
            if days:
                with self._on(40 + days):
                    close_correction(actor=admin, assessment=assessment,
                                     note="整改报告已审核，投票组织和会议纪要符合要求。")
        with self._on(30):
            scored = compute_assessment(actor=reviewer, committee=rest[0], year=last_year)
            score_assessment(actor=reviewer, assessment=scored, scores={"secretariat": 70, "openness": 75},
                             note="待管理部门定稿。")
            self._finalise(rest[1], last_year, reviewer, admin, 65, 60)
        with self._on(60):
            compute_assessment(actor=reviewer, committee=rest[1], year=last_year)  # version 2, version 1 kept

        compute_assessment(actor=reviewer, committee=showcase, year=this_year)
        open_assessment(actor=reviewer, committee=rest[2], year=this_year)
        scheme = ensure_scheme(actor=reviewer, year=this_year)
        update_scheme(actor=admin, year=this_year, config=scheme.config | {"correction_days": 120},
                      expected_version=scheme.version)
        self.stdout.write(f"assessments: {Assessment.objects.count()} over {len(committees)} committees "
                          f"({last_year}: {len(failing)} failing with decisions; {this_year}: computed and draft)")

    def _finalise(self, committee, year, reviewer, admin, secretariat, openness):
        assessment = compute_assessment(actor=reviewer, committee=committee, year=year)
        score_assessment(actor=reviewer, assessment=assessment, scores={"secretariat": secretariat,
                                                                        "openness": openness},
                         comments={"secretariat": "会议纪要、年度工作报告按时报送。" if secretariat >= 60 else
                                   "年度工作报告未按时报送，会议纪要不全。"})
        return finalise_assessment(actor=admin, assessment=assessment)

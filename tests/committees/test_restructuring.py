"""Restructuring a committee (scope, names, secretariat, guiding unit, counterpart) as an approved change, and
merging one into another after a public notice."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from biaozhun.committees.applications.models import ApplicationEvent
from biaozhun.committees.applications.services import (
    ApplicationInput,
    approve_application,
    open_notice,
    save_draft,
    submit_application,
)
from biaozhun.committees.models import CommitteeStatus
from biaozhun.committees.services import create_committee
from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def change_of(committee, **changes) -> ApplicationInput:
    values = {"purpose": "restructure", "committee": committee, "name_zh": committee.name_zh,
              "name_en": committee.name_en, "scope": committee.scope, "secretariat": committee.secretariat,
              "guiding_unit": committee.guiding_unit, "international_counterpart": committee.international_counterpart,
              "justification": "工作领域扩展到云计算。"}
    return ApplicationInput(**{**values, **changes})


def test_the_secretariat_asks_for_a_new_scope_and_the_administration_approves_it_at_once(
        tc28_committee, secretariat_user, tc_secretariat, admin_user):
    application = save_draft(actor=secretariat_user, applicant=tc_secretariat,
                             data=change_of(tc28_committee, scope="信息技术和云计算"))
    submit_application(actor=secretariat_user, application=application)
    approve_application(actor=admin_user, application=application, decision="国标委发〔2026〕5号")
    tc28_committee.refresh_from_db()
    assert tc28_committee.scope == "信息技术和云计算"
    event = tc28_committee.events.get(kind="updated")
    assert event.data == {"before": {"scope": ""}, "after": {"scope": "信息技术和云计算"}, "application": application.pk}


def test_a_change_that_changes_nothing_is_refused_at_submission(tc28_committee, secretariat_user, tc_secretariat):
    application = save_draft(actor=secretariat_user, applicant=tc_secretariat, data=change_of(tc28_committee))
    with pytest.raises(ValidationFailed) as refused:
        submit_application(actor=secretariat_user, application=application)
    assert refused.value.errors[0]["code"] == "nothing_changes"
    assert list(ApplicationEvent.objects.filter(application=application).values_list("kind", flat=True)) == ["created"]


def test_only_the_secretariat_the_guiding_unit_or_the_administration_propose_a_change(
        tc28_committee, registered_user, ministry_user, ministry, enterprise_user, enterprise):
    for actor, applicant in ((enterprise_user, enterprise), (ministry_user, ministry)):
        with pytest.raises((PermissionDeniedError, ValidationFailed)):
            save_draft(actor=actor, applicant=applicant, data=change_of(tc28_committee, scope="x"))
    tc28_committee.guiding_unit = ministry  # set-up: the ministry becomes its guiding unit
    tc28_committee.save(update_fields=["guiding_unit"])
    assert save_draft(actor=ministry_user, applicant=ministry, data=change_of(tc28_committee, scope="x")).pk


def test_a_merger_goes_to_notice_then_merges_the_committee_into_the_other(tc28_committee, admin_user,
                                                                           national_administration):
    other = create_committee(actor=SYSTEM, code="SAC/TC 905", name_zh="全国云计算标准化技术委员会")
    application = save_draft(actor=admin_user, applicant=national_administration, data=ApplicationInput(
        purpose="merge", committee=other, merge_into=tc28_committee, justification="工作领域重叠，并入 SAC/TC 28。"))
    submit_application(actor=admin_user, application=application)
    with pytest.raises(InvalidTransition):
        approve_application(actor=admin_user, application=application)
    with time_machine.travel(datetime(2026, 6, 1, 10, tzinfo=SHANGHAI), tick=False):
        open_notice(actor=admin_user, application=application)
    with time_machine.travel(datetime(2026, 7, 2, 10, tzinfo=SHANGHAI), tick=False):
        approve_application(actor=admin_user, application=application, decision="国标委发〔2026〕9号")
    other.refresh_from_db()
    assert (other.status, other.merged_into) == (CommitteeStatus.MERGED, tc28_committee)
    event = other.events.get(kind="merged")
    assert (event.data["merged_into"], event.data["decision"]) == ("SAC/TC 28", "国标委发〔2026〕9号")


def test_a_committee_cannot_merge_into_itself(tc28_committee, admin_user, national_administration):
    application = save_draft(actor=admin_user, applicant=national_administration, data=ApplicationInput(
        purpose="merge", committee=tc28_committee, merge_into=tc28_committee, justification="x"))
    with pytest.raises(ValidationFailed) as refused:
        submit_application(actor=admin_user, application=application)
    assert refused.value.errors[0]["field"] == "merge_into"

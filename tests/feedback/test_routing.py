"""Routing by the table administrators edit: the committee's secretariat (归口单位), the competent department, a
local standard's bureau, a group standard's publisher, a named organisation; the first rule with a handler wins,
the national administration receives the rest. The table is changed through its service, each change recorded."""

import pytest
from django.urls import reverse

from biaozhun.core.errors import PermissionDeniedError, ValidationFailed
from biaozhun.feedback.models import FeedbackSettingEvent, RoutingRule
from biaozhun.feedback.services.tables import add_routing_rule, change_routing_rule
from tests.factories.accounts import OrganisationFactory
from tests.fixtures.catalog import make_standard
from tests.fixtures.feedback import submit

pytestmark = pytest.mark.django_db


def routed(item):
    event = item.events.get(kind="routed")
    return item.assigned_to, event.data


def test_a_committees_standard_goes_to_its_secretariat(feedback_item, tc_secretariat):
    assert routed(feedback_item) == (tc_secretariat, {"rule": RoutingRule.objects.get(priority=10).pk,
                                                      "target": "tc_secretariat"})


def test_a_subcommittees_standard_goes_to_the_subcommittees_secretariat(national_administration, tc_secretariat):
    sc = OrganisationFactory(kind="tc_secretariat", uscc="", tc_code="SAC/TC 28/SC 7", name="软件与系统工程分委会秘书处")
    standard = make_standard("GB/T 8566-2022", tc_code="SAC/TC 28/SC 7")
    assert submit(standard).assigned_to == sc


def test_an_industry_standard_goes_to_the_ministry_owning_its_code(ministry, national_administration):
    standard = make_standard("JB/T 10001-2018", title_zh="机械 通用要求")
    assert routed(submit(standard))[0] == ministry


def test_a_national_standard_without_a_committee_goes_to_the_department_it_names(ministry, national_administration):
    standard = make_standard("GB/T 40001-2021", competent_department="工业和信息化部")
    item = submit(standard)
    assert item.assigned_to == ministry
    assert item.events.get(kind="routed").data["target"] == "competent_department"


def test_a_city_standard_goes_to_the_city_bureau_else_its_province(bureau, nanjing_bureau, national_administration):
    assert submit(make_standard("DB3201/T 123-2020")).assigned_to == nanjing_bureau
    assert submit(make_standard("DB3202/T 45-2021")).assigned_to == bureau  # 无锡 has no bureau here: 江苏


def test_a_group_standard_goes_to_its_publisher(cas_standard, cas_org, national_administration):
    assert submit(cas_standard.standard).assigned_to == cas_org


def test_what_no_rule_finds_goes_to_the_national_administration(national_administration):
    item = submit(make_standard("GB/T 40002-2021"))
    assert routed(item) == (national_administration, {"rule": None, "target": "national_administration"})


def test_a_rule_for_one_feedback_type_sends_it_to_a_named_organisation(feedback_item, admin_user, ministry,
                                                                       tc28_standard):
    rule = add_routing_rule(actor=admin_user, data={"priority": 5, "category": "conflict", "target": "organisation",
                                                    "organisation": ministry, "note": "法规协调问题"})
    assert submit(tc28_standard, category="conflict").assigned_to == ministry
    assert submit(tc28_standard, category="content").assigned_to == feedback_item.assigned_to
    event = FeedbackSettingEvent.objects.get(rule=rule)
    assert (event.kind, event.actor, event.data["organisation"]) == ("rule_added", admin_user, ministry.pk)


def test_a_rule_switched_off_no_longer_routes_and_the_change_is_recorded(feedback_item, admin_user, tc28_standard,
                                                                         national_administration):
    rule = RoutingRule.objects.get(priority=10)
    change_routing_rule(actor=admin_user, rule=rule, changes={"active": False})
    assert submit(tc28_standard).assigned_to == national_administration
    event = FeedbackSettingEvent.objects.get(rule=rule, kind="rule_changed")
    assert event.data == {"before": {"active": True}, "after": {"active": False}}


def test_a_committee_prefix_rule_covers_the_committee_and_its_subcommittees(feedback_item, admin_user, bureau):
    add_routing_rule(actor=admin_user, data={"priority": 1, "tc_prefix": "sac/tc 28", "target": "organisation",
                                             "organisation": bureau})
    assert RoutingRule.objects.get(priority=1).tc_prefix == "SAC/TC 28"
    assert submit(make_standard("GB/T 8566-2022", tc_code="SAC/TC 28/SC 7")).assigned_to == bureau


def test_an_impossible_rule_is_refused_on_its_field_and_writes_nothing(admin_user, enterprise):
    before = RoutingRule.objects.count()
    for data, field in (({"priority": 1, "target": "organisation"}, "organisation"),
                        ({"priority": 1, "target": "tc_secretariat", "organisation": enterprise}, "organisation"),
                        ({"priority": 1, "target": "nobody"}, "target"),
                        ({"priority": 1, "target": "tc_secretariat", "tier": "planetary"}, "tier")):
        with pytest.raises(ValidationFailed) as refused:
            add_routing_rule(actor=admin_user, data=data)
        assert field in [p["field"] for p in refused.value.errors]
    assert RoutingRule.objects.count() == before and not FeedbackSettingEvent.objects.exists()


def test_only_administrators_edit_the_table(secretariat_user):
    with pytest.raises(PermissionDeniedError):
        add_routing_rule(actor=secretariat_user, data={"priority": 1, "target": "tc_secretariat"})


def test_the_admin_saves_a_rule_through_the_service(admin_client, ministry):
    response = admin_client.post(reverse("admin:feedback_routingrule_add"), {
        "priority": 7, "tier": "", "category": "outdated", "tc_prefix": "", "target": "organisation",
        "organisation": ministry.pk, "active": "on", "note": "技术落后的建议"})
    assert response.status_code == 302
    rule = RoutingRule.objects.get(priority=7)
    assert FeedbackSettingEvent.objects.get(rule=rule).kind == "rule_added"


def test_the_admin_shows_a_refused_rule_and_saves_nothing(admin_client):
    response = admin_client.post(reverse("admin:feedback_routingrule_add"), {
        "priority": 7, "tier": "", "category": "", "tc_prefix": "", "target": "organisation", "organisation": "",
        "active": "on", "note": ""})
    assert response.status_code == 200
    assert "须选择单位" in response.content.decode()
    assert not RoutingRule.objects.filter(priority=7).exists()


def test_the_admin_changes_a_time_limit_through_the_service(admin_client):
    from biaozhun.feedback.models import FeedbackTimeLimit

    limit = FeedbackTimeLimit.objects.get(category="content")
    response = admin_client.post(reverse("admin:feedback_feedbacktimelimit_change", args=[limit.pk]), {
        "acknowledge_days": 3, "answer_days": 15, "reminder_days": 2, "close_days": 10})
    assert response.status_code == 302
    event = FeedbackSettingEvent.objects.get(limit=limit)
    assert event.data["after"] == {"acknowledge_days": 3, "answer_days": 15, "reminder_days": 2}
    response = admin_client.post(reverse("admin:feedback_feedbacktimelimit_change", args=[limit.pk]), {
        "acknowledge_days": 30, "answer_days": 15, "reminder_days": 2, "close_days": 10})
    assert response.status_code == 200 and "确认期限不能晚于答复期限" in response.content.decode()


def test_a_manual_rule_leaves_the_item_received_for_the_national_administration(feedback_item, admin_user,
                                                                                 tc28_standard, reviewer_user,
                                                                                 ministry):
    from biaozhun.feedback.models import FeedbackState
    from biaozhun.feedback.selectors.items import waiting_for_routing
    from biaozhun.feedback.services import route_feedback

    add_routing_rule(actor=admin_user, data={"priority": 1, "category": "other", "target": "manual"})
    item = submit(tc28_standard, category="other")
    assert (item.state, item.assigned_to) == (FeedbackState.RECEIVED, None)
    assert list(waiting_for_routing()) == [item]
    assert route_feedback(actor=reviewer_user, item=item, organisation=ministry).assigned_to == ministry

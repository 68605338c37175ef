"""Writes to standard systems: each through the policy, each with its event; refusals write nothing."""

import pytest

from biaozhun.core.errors import PermissionDeniedError, ValidationFailed
from biaozhun.systems.models import StandardSystem, SystemEvent, SystemEventKind, SystemNode
from biaozhun.systems.services import systems as services


def test_the_committee_secretariat_creates_its_system_with_one_event(secretariat_user, tc28_committee):
    system = services.create_system(actor=secretariat_user, data=services.SystemInput(
        code="tc28", name_zh="信息技术标准体系", owner_committee=tc28_committee))
    assert list(system.events.values_list("kind", "actor")) == [(SystemEventKind.CREATED, secretariat_user.pk)]


def test_a_secretariat_cannot_create_a_system_for_another_committee(secretariat_user):
    from tests.factories.committees import CommitteeFactory

    with pytest.raises(PermissionDeniedError):
        services.create_system(actor=secretariat_user, data=services.SystemInput(
            code="other", name_zh="别的体系", owner_committee=CommitteeFactory(code="SAC/TC 151")))
    assert not StandardSystem.objects.exists() and not SystemEvent.objects.exists()


def test_a_system_needs_exactly_one_owner(admin_user, tc28_committee, ministry):
    with pytest.raises(ValidationFailed) as refused:
        services.create_system(actor=admin_user, data=services.SystemInput(
            code="both", name_zh="两个归口", owner_committee=tc28_committee, owner_department=ministry))
    assert [e["field"] for e in refused.value.errors] == ["owner"]


def test_the_owner_edits_and_others_are_refused_with_nothing_written(system_scene, secretariat_user, enterprise_user):
    system = system_scene["system"]
    before = SystemEvent.objects.count()
    node = services.add_node(actor=secretariat_user, system=system, code="300", name_zh="服务")
    assert system.events.last().kind == SystemEventKind.NODE_ADDED
    with pytest.raises(PermissionDeniedError):
        services.add_node(actor=enterprise_user, system=system, code="400", name_zh="其他")
    assert SystemEvent.objects.count() == before + 1
    assert not SystemNode.objects.filter(code="400").exists()
    assert node.position == 2  # after 100 and 200


def test_a_department_member_edits_the_departments_system(ministry, ministry_user, admin_user):
    system = services.create_system(actor=admin_user, data=services.SystemInput(
        code="dept", name_zh="部门体系", owner_department=ministry))
    services.add_node(actor=ministry_user, system=system, code="1", name_zh="一")
    assert system.nodes.count() == 1


def test_a_duplicate_code_and_a_move_below_itself_are_refused(system_scene, secretariat_user):
    with pytest.raises(ValidationFailed, match="标准体系未能保存"):
        services.add_node(actor=secretariat_user, system=system_scene["system"], code="101", name_zh="重复")
    root = system_scene["root"]
    with pytest.raises(ValidationFailed) as refused:
        services.change_node(actor=secretariat_user, node=root, code="100", name_zh="基础",
                             parent=system_scene["terms"])
    assert refused.value.errors[0]["field"] == "parent"
    root.refresh_from_db()
    assert root.parent_id is None


def test_a_node_is_moved_renamed_and_its_event_says_what_was_before(system_scene, secretariat_user):
    node = services.change_node(actor=secretariat_user, node=system_scene["apps"], code="103", name_zh="应用",
                                parent=system_scene["root"])
    assert node.parent == system_scene["root"] and node.code == "103"
    event = system_scene["system"].events.last()
    assert event.kind == SystemEventKind.NODE_CHANGED and event.data["before"]["code"] == "200"


def test_a_node_with_children_is_not_removed(system_scene, secretariat_user):
    with pytest.raises(ValidationFailed):
        services.remove_node(actor=secretariat_user, node=system_scene["root"])
    services.remove_node(actor=secretariat_user, node=system_scene["terms"])
    assert not SystemNode.objects.filter(code="101").exists()


def test_a_series_is_listed_once_per_node_and_international_standards_not_at_all(system_scene, secretariat_user):
    with pytest.raises(ValidationFailed):
        services.assign_standard(actor=secretariat_user, node=system_scene["data"], standard=system_scene["current"])
    from tests.fixtures.international_adoption import iso

    with pytest.raises(ValidationFailed):
        services.assign_standard(actor=secretariat_user, node=system_scene["data"], standard=iso("ISO 9999:2020"))


def test_unassigning_takes_the_entry_off_with_an_event(system_scene, secretariat_user):
    link = system_scene["data"].project_links.get()
    services.unassign(actor=secretariat_user, node=system_scene["data"], kind="project", pk=link.pk)
    assert not system_scene["data"].project_links.exists()
    assert system_scene["system"].events.last().data == {"node": "102", "project": "20260001-T-469"}

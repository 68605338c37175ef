"""An owner resolves a flag, updated or not affected, always with a reason; every refusal writes nothing."""

import pytest

from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from biaozhun.propagation.models import FlagEvent, FlagEventKind, FlagState, Resolution
from biaozhun.propagation.services.resolution import resolve_flag

pytestmark = pytest.mark.django_db
REASON = "第 5 章已改为引用 GB/T 39001 的现行版本。"


def _nothing_written(flag) -> None:
    flag.refresh_from_db()
    assert (flag.state, flag.resolution, flag.reason, flag.resolved_at) == (FlagState.OPEN, "", "", None)
    assert not FlagEvent.objects.filter(flag=flag).exists()


def test_the_owner_resolves_a_flag_with_its_reason_and_one_event(tc28_flag, secretariat_user):
    flag = resolve_flag(actor=secretariat_user, flag=tc28_flag, resolution="updated", reason=f"  {REASON}  ")
    flag.refresh_from_db()
    assert (flag.state, flag.resolution, flag.reason, flag.resolved_by) == (
        FlagState.RESOLVED, Resolution.UPDATED, REASON, secretariat_user)
    assert list(flag.events.values_list("kind", "actor", "from_state", "to_state", "reason", "data")) == [
        (FlagEventKind.RESOLVED, secretariat_user.pk, FlagState.OPEN, FlagState.RESOLVED, REASON,
         {"resolution": "updated"})]


def test_not_affected_needs_a_reason_too(tc28_flag, secretariat_user):
    with pytest.raises(ValidationFailed) as refused:
        resolve_flag(actor=secretariat_user, flag=tc28_flag, resolution="not_affected", reason="   ")
    assert refused.value.errors[0]["field"] == "reason"
    _nothing_written(tc28_flag)


def test_an_unknown_resolution_is_refused_at_its_field(tc28_flag, secretariat_user):
    with pytest.raises(ValidationFailed) as refused:
        resolve_flag(actor=secretariat_user, flag=tc28_flag, resolution="ignore", reason=REASON)
    assert refused.value.errors == [{"field": "resolution", "message": "请选择处理结果：已更新或不受影响。"}]
    _nothing_written(tc28_flag)


def test_another_organisation_cannot_resolve_it(tc28_flag, enterprise_user, reviewer_user):
    for stranger in (enterprise_user, reviewer_user):  # the national administration's reviewers only read
        with pytest.raises(PermissionDeniedError):
            resolve_flag(actor=stranger, flag=tc28_flag, resolution="updated", reason=REASON)
    _nothing_written(tc28_flag)


def test_a_stranger_learns_nothing_from_the_form_s_problems(tc28_flag, enterprise_user):
    with pytest.raises(PermissionDeniedError):
        resolve_flag(actor=enterprise_user, flag=tc28_flag, resolution="updated", reason="")
    _nothing_written(tc28_flag)


def test_a_resolved_flag_is_not_resolved_again(tc28_flag, secretariat_user, admin_user):
    resolve_flag(actor=secretariat_user, flag=tc28_flag, resolution="not_affected", reason="只引用了术语，不受影响。")
    with pytest.raises(InvalidTransition):
        resolve_flag(actor=admin_user, flag=tc28_flag, resolution="updated", reason=REASON)
    tc28_flag.refresh_from_db()
    assert (tc28_flag.resolution, tc28_flag.events.count()) == (Resolution.NOT_AFFECTED, 1)


def test_an_administrator_may_resolve_a_flag_for_an_owner(enterprise_flag, admin_user):
    flag = resolve_flag(actor=admin_user, flag=enterprise_flag, resolution="updated", reason="企业已改为执行现行版本。")
    assert flag.state == FlagState.RESOLVED

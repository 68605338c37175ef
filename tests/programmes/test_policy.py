"""This app's rows of the role × action matrix, run here too (tests/accounts/test_policy.py runs every app's)."""

import pytest

from biaozhun.accounts import policy
from biaozhun.core.errors import PermissionDeniedError
from tests.fixtures.policy import Fixture
from tests.fixtures.roles import ROLE_FIXTURES

from .policy_rows import ROWS

CASES = [pytest.param(row.action, row.obj, role, role in row.allowed,
                      id=f"{row.action}-{getattr(row.obj, 'name', row.obj)}-{role}")
         for row in ROWS for role in ROLE_FIXTURES]


@pytest.mark.django_db
@pytest.mark.parametrize("action, obj, role, allowed", CASES)
def test_each_role_is_allowed_or_refused_as_the_table_says(request, action, obj, role, allowed):
    user = request.getfixturevalue(role)
    target = request.getfixturevalue(obj.name) if isinstance(obj, Fixture) else obj
    assert policy.can(user, action, target) is allowed
    if not allowed:
        with pytest.raises(PermissionDeniedError):
            policy.require(user, action, target)


def test_every_programmes_rule_has_a_row():
    assert {row.action for row in ROWS} == {name for name in policy.RULES if name.startswith("programmes.")}


@pytest.mark.django_db
def test_the_named_evaluator_may_score_and_see_the_evaluation_and_the_applicant_may_not(
        midterm_evaluation, evaluator, enterprise_user):
    assert policy.can(evaluator, "programmes.score", midterm_evaluation)
    assert policy.can(evaluator, "programmes.view_evaluation", midterm_evaluation)
    assert policy.can(evaluator, "programmes.work")
    assert not policy.can(enterprise_user, "programmes.score", midterm_evaluation)


@pytest.mark.django_db
def test_a_bureau_runs_its_own_call_and_not_the_national_administrations(bureau_user, bureau, admin_user,
                                                                         open_programme):
    from tests.fixtures.programmes import make_programme

    own = make_programme(bureau_user, bureau)
    assert policy.can(bureau_user, "programmes.manage", own)
    assert not policy.can(bureau_user, "programmes.manage", open_programme)
    assert policy.can(admin_user, "programmes.manage", own)


@pytest.mark.django_db
def test_the_public_does_not_see_a_draft_call(public_user, admin_user, national_administration):
    from biaozhun.programmes import selectors
    from tests.fixtures.programmes import make_programme

    draft = make_programme(admin_user, national_administration, state="draft")
    assert not policy.can(public_user, "programmes.view_programme", draft)
    assert selectors.programme_for(viewer=public_user, pk=draft.pk) is None
    assert selectors.programme_for(viewer=admin_user, pk=draft.pk) == draft

"""Fixtures of the development tests."""

from functools import partial

import pytest

from tests.development.helpers import advance


@pytest.fixture
def walk(secretariat_user, reviewer_user):
    """`walk(project, "drafting")`: helpers.advance with SAC/TC 28's secretary and a reviewer making the moves."""
    return partial(advance, secretariat=secretariat_user, reviewer=reviewer_user)

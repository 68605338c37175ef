"""The development workflow table: the forward path, returns, side exits and refusals that name the way on."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biaozhun.rules.stages import BY_CODE, MOVES, OPEN_STAGES, STAGES, TransitionRefused, allowed_moves, check_move

FORWARD = ["proposal", "notice", "planned", "drafting", "comment", "disposition", "review", "approval", "published",
           "in_force"]


def test_the_whole_forward_path_is_allowed():
    for current, target in zip(FORWARD, FORWARD[1:], strict=False):
        assert check_move(current, target).code == target


def test_iso_stage_codes_increase_along_the_path():
    codes = [BY_CODE[code].iso_stage for code in FORWARD]
    assert codes == sorted(codes)


def test_returns_to_drafting():
    for stage in ("disposition", "review", "approval"):
        assert check_move(stage, "drafting").code == "drafting"


def test_a_refused_move_names_the_allowed_ones():
    with pytest.raises(TransitionRefused, match="征求意见") as caught:
        check_move("drafting", "approval")
    assert caught.value.allowed == ("comment", "suspended", "terminated")


def test_suspension_resumes_where_it_stopped():
    assert check_move("review", "suspended").code == "suspended"
    assert check_move("suspended", "review", suspended_from="review").code == "review"
    with pytest.raises(TransitionRefused):
        check_move("suspended", "approval", suspended_from="review")


def test_closed_projects_cannot_move():
    for stage in ("terminated", "in_force"):
        with pytest.raises(TransitionRefused, match="closed"):
            check_move(stage, "drafting")


def test_every_stage_is_in_the_table():
    assert set(MOVES) == {stage.code for stage in STAGES}


@given(st.sampled_from(sorted(OPEN_STAGES)))
def test_every_open_stage_can_be_suspended_or_terminated(stage):
    assert {"suspended", "terminated"} <= set(allowed_moves(stage))


@given(st.sampled_from([s.code for s in STAGES]), st.sampled_from([s.code for s in STAGES]))
def test_check_move_agrees_with_allowed_moves(current, target):
    allowed = target in allowed_moves(current, suspended_from="drafting")
    try:
        check_move(current, target, suspended_from="drafting")
    except TransitionRefused:
        assert not allowed
    else:
        assert allowed

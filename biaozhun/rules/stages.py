"""The development workflow as data: stages, their ISO harmonized stage codes, and the allowed moves.

提案 → 立项公示 → 计划下达 → 起草 → 征求意见 → 意见处理 → 审查 → 报批 → 批准发布 → 实施; side exits to
终止 (terminated) and 暂缓 (suspended, resumable), and returns to drafting from comment processing, review and
approval. The development app stores the stage codes below and asks `check_move` before every transition; the
table is the one place that says what may follow what. Pure: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Stage:
    code: str
    name_zh: str
    name_en: str
    iso_stage: str  # ISO harmonized stage code


STAGES: tuple[Stage, ...] = (
    Stage("proposal", "提案", "Proposal", "00.00"),
    Stage("notice", "立项公示", "Public notice of the proposal", "10.20"),
    Stage("planned", "计划下达", "In the plan", "10.99"),
    Stage("drafting", "起草", "Drafting", "20.00"),
    Stage("comment", "征求意见", "Public comment", "40.20"),
    Stage("disposition", "意见处理", "Processing comments", "40.60"),
    Stage("review", "审查", "Technical review", "50.20"),
    Stage("approval", "报批", "Approval", "50.60"),
    Stage("published", "批准发布", "Published", "60.60"),
    Stage("in_force", "实施", "In force", "60.60"),  # ISO has no stage of its own after publication
    Stage("suspended", "暂缓", "Suspended", "30.98"),
    Stage("terminated", "终止", "Terminated", "95.99"),
)
BY_CODE = {stage.code: stage for stage in STAGES}

# Forward path plus returns; "suspended" and "terminated" are added below for every open stage.
MOVES: dict[str, tuple[str, ...]] = {
    "proposal": ("notice",),
    "notice": ("planned",),
    "planned": ("drafting",),
    "drafting": ("comment",),
    "comment": ("disposition",),
    "disposition": ("review", "drafting"),
    "review": ("approval", "drafting"),
    "approval": ("published", "drafting"),
    "published": ("in_force",),
    "in_force": (),
    "suspended": (),  # resumes to the stage it was suspended in (see allowed_moves)
    "terminated": (),
}
OPEN_STAGES = frozenset(("proposal", "notice", "planned", "drafting", "comment", "disposition", "review", "approval"))


class TransitionRefused(ValueError):
    """A move the workflow does not allow; `allowed` lists the stages that may follow."""

    def __init__(self, current: str, target: str, allowed: tuple[str, ...]) -> None:
        names = ", ".join(f"{BY_CODE[a].name_zh} ({a})" for a in allowed) or "none: the project is closed"
        super().__init__(f"cannot move from {BY_CODE[current].name_zh} ({current}) to {target}; allowed: {names}")
        self.current, self.target, self.allowed = current, target, allowed


def allowed_moves(current: str, *, suspended_from: str | None = None) -> tuple[str, ...]:
    if current not in BY_CODE:
        raise ValueError(f"unknown stage {current!r}")
    if current == "suspended":
        return (suspended_from,) + ("terminated",) if suspended_from else ("terminated",)
    moves = MOVES[current]
    if current in OPEN_STAGES:
        moves = (*moves, "suspended", "terminated")
    return moves


def check_move(current: str, target: str, *, suspended_from: str | None = None) -> Stage:
    """The target stage if the move is allowed; TransitionRefused (naming the allowed moves) otherwise."""
    allowed = allowed_moves(current, suspended_from=suspended_from)
    if target not in allowed:
        raise TransitionRefused(current, target, allowed)
    return BY_CODE[target]

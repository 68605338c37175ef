"""The development workflow as data: the stage codes, their ISO harmonized stage codes, the allowed moves, and
the named groups of stages the rest of the code asks about.

提案 → 立项公示 → 计划下达 → 起草 → 征求意见 → 意见处理 → 审查 → 报批 → 批准发布 → 实施; side exits to
终止 (terminated) and 暂缓 (suspended, resumable), and returns to drafting from comment processing, review and
approval. The development app stores the `Stage` codes and asks `check_move` before every transition; this
module is the one place that says what may follow what and which stages belong together. A test fails on a
stage code written as a bare string anywhere else in the source (tests/development/test_house_rules.py).

How to add a stage: add it to `Stage`, `STAGES` (names, ISO code) and `MOVES` (what follows it, and which
stages lead to it), put it in the groups it belongs to, give it its translated label in
development/models/stages.py, and run `makemigrations development` (the field's choices change). Pure: no
Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Stage(StrEnum):
    """Stored in Project.stage and in events; values are never renamed."""

    PROPOSAL = "proposal"
    NOTICE = "notice"
    PLANNED = "planned"
    DRAFTING = "drafting"
    COMMENT = "comment"
    DISPOSITION = "disposition"
    REVIEW = "review"
    APPROVAL = "approval"
    PUBLISHED = "published"
    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    TERMINATED = "terminated"


@dataclass(frozen=True, slots=True)
class StageInfo:
    code: Stage
    name_zh: str
    name_en: str
    iso_stage: str  # ISO harmonized stage code


STAGES: tuple[StageInfo, ...] = (
    StageInfo(Stage.PROPOSAL, "提案", "Proposal", "00.00"),
    StageInfo(Stage.NOTICE, "立项公示", "Public notice of the proposal", "10.20"),
    StageInfo(Stage.PLANNED, "计划下达", "In the plan", "10.99"),
    StageInfo(Stage.DRAFTING, "起草", "Drafting", "20.00"),
    StageInfo(Stage.COMMENT, "征求意见", "Public comment", "40.20"),
    StageInfo(Stage.DISPOSITION, "意见处理", "Processing comments", "40.60"),
    StageInfo(Stage.REVIEW, "审查", "Technical review", "50.20"),
    StageInfo(Stage.APPROVAL, "报批", "Approval", "50.60"),
    StageInfo(Stage.PUBLISHED, "批准发布", "Published", "60.60"),
    StageInfo(Stage.IN_FORCE, "实施", "In force", "60.60"),  # ISO has no stage of its own after publication
    StageInfo(Stage.SUSPENDED, "暂缓", "Suspended", "30.98"),
    StageInfo(Stage.TERMINATED, "终止", "Terminated", "95.99"),
)
BY_CODE: dict[str, StageInfo] = {info.code: info for info in STAGES}
# Workflow order (the order of STAGES), for sorting projects by how far they have come.
ORDER: dict[str, int] = {info.code: rank for rank, info in enumerate(STAGES)}

# Forward path plus returns; SUSPENDED and TERMINATED are added below for every open stage.
MOVES: dict[Stage, tuple[Stage, ...]] = {
    Stage.PROPOSAL: (Stage.NOTICE,),
    Stage.NOTICE: (Stage.PLANNED,),
    Stage.PLANNED: (Stage.DRAFTING,),
    Stage.DRAFTING: (Stage.COMMENT,),
    Stage.COMMENT: (Stage.DISPOSITION,),
    Stage.DISPOSITION: (Stage.REVIEW, Stage.DRAFTING),
    Stage.REVIEW: (Stage.APPROVAL, Stage.DRAFTING),
    Stage.APPROVAL: (Stage.PUBLISHED, Stage.DRAFTING),
    Stage.PUBLISHED: (Stage.IN_FORCE,),
    Stage.IN_FORCE: (),
    Stage.SUSPENDED: (),  # resumes to the stage it was suspended in (see allowed_moves)
    Stage.TERMINATED: (),
}

# --- Named groups ----------------------------------------------------------------------------------------
# Work happens: documents are uploaded, the TBT notification recorded; a project may be suspended or terminated.
OPEN_STAGES = frozenset({Stage.PROPOSAL, Stage.NOTICE, Stage.PLANNED, Stage.DRAFTING, Stage.COMMENT,
                         Stage.DISPOSITION, Stage.REVIEW, Stage.APPROVAL})
# Still under way (on dashboards and committee pages): the open stages and suspension.
ACTIVE_STAGES = OPEN_STAGES | {Stage.SUSPENDED}
# The public periods (立项公示, 征求意见): comments are taken until the period ends; the time limit of each.
PERIOD_LIMITS: dict[Stage, str] = {Stage.NOTICE: "notice_days", Stage.COMMENT: "comment_days"}
PERIOD_STAGES = frozenset(PERIOD_LIMITS)
# The approval deadline (报批期限) runs from the plan until the package goes to approval: reminders, overdue
# freezing and extension requests. A suspended project keeps its deadline but is not swept while suspended.
DEADLINE_STAGES = frozenset({Stage.PLANNED, Stage.DRAFTING, Stage.COMMENT, Stage.DISPOSITION, Stage.REVIEW})
# Before the plan is issued (提案, 立项公示): what is adopted, and how closely, may still be corrected, since the
# plan's cycle follows from it.
BEFORE_PLAN_STAGES = frozenset({Stage.PROPOSAL, Stage.NOTICE})
# Published by the national administration: the edition (or amendment sheet) is in the catalogue.
PUBLISHED_STAGES = frozenset({Stage.PUBLISHED, Stage.IN_FORCE})
# A publication made in error is withdrawn by an administrator (development/services/withdrawal.py): the project
# goes back from one of these stages to approval, outside MOVES, so that no plain move can do it.
WITHDRAWABLE_STAGES = PUBLISHED_STAGES
WITHDRAWAL_RETURNS_TO = Stage.APPROVAL
# Side exits from any open stage; both need a reason.
SIDE_EXITS = frozenset({Stage.SUSPENDED, Stage.TERMINATED})
# Stages whose return to drafting needs a reason on the record.
RETURN_SOURCES = frozenset({Stage.DISPOSITION, Stage.REVIEW, Stage.APPROVAL})
# Entered by a decision of the national administration (issuing the plan), not by the secretariat.
DECISION_STAGES = frozenset({Stage.PLANNED})
# Entered only by their own services: publication (the reviewer gives number and dates) and entry into force
# (the daily sweep on the implementation date).
OWN_SERVICE_STAGES = frozenset({Stage.PUBLISHED, Stage.IN_FORCE})
# Where comments of each public period are processed, before the draft moves on.
DISPOSAL_STAGES: dict[Stage, frozenset[Stage]] = {
    Stage.NOTICE: frozenset({Stage.PLANNED, Stage.DRAFTING}),
    Stage.COMMENT: frozenset({Stage.DISPOSITION}),
}
# Notice comments left without a first disposition may still get one until the draft goes to review, since the
# review guard counts every comment of the project.
LATE_NOTICE_DISPOSAL_STAGES = frozenset({Stage.COMMENT, Stage.DISPOSITION})
# A draft is named for what it is prepared for, which follows from the stage it was uploaded in: written in
# drafting it goes out for comment (征求意见稿); revised during or after comment it goes to review (送审稿);
# revised during review or approval it goes to approval (报批稿). A draft uploaded with the proposal is a
# plain 标准草案.
COMMENT_DRAFT_STAGES = frozenset({Stage.DRAFTING})
REVIEW_DRAFT_STAGES = frozenset({Stage.COMMENT, Stage.DISPOSITION})
APPROVAL_DRAFT_STAGES = frozenset({Stage.REVIEW, Stage.APPROVAL})
# The public project lists (立项公示 / 正在起草 / 正在征求意见 / 正在审查 / 正在批准 / 已发布 / 已终止), by list key.
PUBLIC_LISTS: dict[str, tuple[Stage, ...]] = {
    "notice": (Stage.NOTICE,),
    "drafting": (Stage.PLANNED, Stage.DRAFTING),
    "comment": (Stage.COMMENT, Stage.DISPOSITION),
    "review": (Stage.REVIEW,),
    "approval": (Stage.APPROVAL,),
    "published": (Stage.PUBLISHED, Stage.IN_FORCE),
    "terminated": (Stage.TERMINATED,),
}


class TransitionRefused(ValueError):
    """A move the workflow does not allow; `allowed` lists the stages that may follow."""

    def __init__(self, current: str, target: str, allowed: tuple[Stage, ...]) -> None:
        names = ", ".join(f"{BY_CODE[a].name_zh} ({a})" for a in allowed) or "none: the project is closed"
        super().__init__(f"cannot move from {BY_CODE[current].name_zh} ({current}) to {target}; allowed: {names}")
        self.current, self.target, self.allowed = current, target, allowed


def allowed_moves(current: str, *, suspended_from: str | None = None) -> tuple[Stage, ...]:
    if current not in BY_CODE:
        raise ValueError(f"unknown stage {current!r}")
    if current == Stage.SUSPENDED:
        return (Stage(suspended_from), Stage.TERMINATED) if suspended_from else (Stage.TERMINATED,)
    moves = MOVES[Stage(current)]
    if current in OPEN_STAGES:
        moves = (*moves, Stage.SUSPENDED, Stage.TERMINATED)
    return moves


def check_move(current: str, target: str, *, suspended_from: str | None = None) -> StageInfo:
    """The target stage if the move is allowed; TransitionRefused (naming the allowed moves) otherwise."""
    allowed = allowed_moves(current, suspended_from=suspended_from)
    if target not in allowed:
        raise TransitionRefused(current, target, allowed)
    return BY_CODE[target]

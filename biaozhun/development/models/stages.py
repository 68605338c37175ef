"""The translated names of the workflow's stages, of its public periods and of the public project lists.

The codes, the moves and the named groups of stages are in biaozhun/rules/stages.py (pure, untranslated); this
module is the one place that names them for people, keyed by `Stage`, so model choices, pages and emails agree.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from biaozhun.rules.stages import PERIOD_STAGES, PUBLIC_LISTS, Stage

STAGE_LABELS: dict[Stage, Promise] = {
    Stage.PROPOSAL: _("提案"),
    Stage.NOTICE: _("立项公示"),
    Stage.PLANNED: _("计划下达"),
    Stage.DRAFTING: _("起草"),
    Stage.COMMENT: _("征求意见"),
    Stage.DISPOSITION: _("意见处理"),
    Stage.REVIEW: _("审查"),
    Stage.APPROVAL: _("报批"),
    Stage.PUBLISHED: _("批准发布"),
    Stage.IN_FORCE: _("实施"),
    Stage.SUSPENDED: _("暂缓"),
    Stage.TERMINATED: _("终止"),
}
assert set(STAGE_LABELS) == set(Stage), "every stage needs its label"
# Field choices: the stored values (never renamed) with their names, in workflow order.
STAGE_CHOICES = [(stage.value, STAGE_LABELS[stage]) for stage in Stage]

# The public periods by name: "立项公示期已于 … 截止", and the period each comment was made in.
PERIOD_LABELS: dict[Stage, Promise] = {
    Stage.NOTICE: _("立项公示期"),
    Stage.COMMENT: _("征求意见期"),
}
assert set(PERIOD_LABELS) == PERIOD_STAGES
PERIOD_CHOICES = [(stage.value, label) for stage, label in PERIOD_LABELS.items()]

# The public project lists (立项公示 / 正在起草 / ...), keyed like rules.stages.PUBLIC_LISTS: by the code of the
# first stage each list shows.
PUBLIC_LIST_LABELS: dict[Stage, Promise] = {
    Stage.NOTICE: _("立项公示"),
    Stage.DRAFTING: _("正在起草"),
    Stage.COMMENT: _("正在征求意见"),
    Stage.REVIEW: _("正在审查"),
    Stage.APPROVAL: _("正在批准"),
    Stage.PUBLISHED: _("已发布"),
    Stage.TERMINATED: _("已终止"),
}
assert set(PUBLIC_LIST_LABELS) == set(PUBLIC_LISTS)


def stage_label(code: str) -> str:
    """The stage's name in the current language, e.g. 征求意见 for "comment"."""
    return str(STAGE_LABELS[Stage(code)])


def period_label(code: str) -> str:
    """The public period of a stage by name, e.g. 征求意见期 for "comment"."""
    return str(PERIOD_LABELS[Stage(code)])

"""双随机、一公开 random inspections as data: the campaign states, the allowed moves, the check list and what each
check item reads from a declaration's automatic checks, and the time limits' defaults.

草稿 (draft) → 已承诺 (committed: the seed's commitment, the snapshots' digests and the parameters are public) →
已抽取 (drawn: the seed is revealed, the sample and the inspectors are fixed; inspectors record findings) → 结果待公开
(results due: every finding is in; the authority publishes within the time limit) → 已公开 (published: results
public, correction orders issued) → 已结束 (closed: every correction order followed up).

The inspections app stores the `CampaignState` codes and asks `check_move` before every transition; this module is
the one place that says what may follow what. Pure: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .declaration_checks import CheckCode


class CampaignState(StrEnum):
    """Stored in Campaign.state and in events; values are never renamed."""

    DRAFT = "draft"
    COMMITTED = "committed"
    DRAWN = "drawn"
    RESULTS_DUE = "results_due"
    PUBLISHED = "published"
    CLOSED = "closed"


MOVES: dict[CampaignState, tuple[CampaignState, ...]] = {
    CampaignState.DRAFT: (CampaignState.COMMITTED,),
    CampaignState.COMMITTED: (CampaignState.DRAWN,),
    CampaignState.DRAWN: (CampaignState.RESULTS_DUE,),
    CampaignState.RESULTS_DUE: (CampaignState.PUBLISHED,),
    CampaignState.PUBLISHED: (CampaignState.CLOSED,),
    CampaignState.CLOSED: (),
}

# --- Named groups ----------------------------------------------------------------------------------------
# Seen by the public: everything but a draft (the commitment is announced on entering COMMITTED).
PUBLIC_STATES = frozenset(set(CampaignState) - {CampaignState.DRAFT})
# The seed, the snapshots, the sample and the assignment are public from the draw on.
REVEALED_STATES = frozenset({CampaignState.DRAWN, CampaignState.RESULTS_DUE, CampaignState.PUBLISHED,
                             CampaignState.CLOSED})
# Inspectors record findings while the inspection is under way.
RECORDING_STATES = frozenset({CampaignState.DRAWN})
# The results (findings, correction orders) are public.
RESULT_STATES = frozenset({CampaignState.PUBLISHED, CampaignState.CLOSED})
# The results' time limit runs: the daily sweep marks a campaign overdue past its due date.
DUE_STATES = frozenset({CampaignState.DRAWN, CampaignState.RESULTS_DUE})


class TransitionRefused(ValueError):
    """A move the workflow does not allow; `allowed` lists the states that may follow."""

    def __init__(self, current: str, target: str, allowed: tuple[CampaignState, ...]) -> None:
        names = ", ".join(allowed) or "none: the campaign is closed"
        super().__init__(f"cannot move a campaign from {current} to {target}; allowed: {names}")
        self.current, self.target, self.allowed = current, target, allowed


def allowed_moves(current: str) -> tuple[CampaignState, ...]:
    return MOVES[CampaignState(current)]


def check_move(current: str, target: str) -> None:
    """Raise TransitionRefused unless `target` may follow `current`."""
    allowed = allowed_moves(current)
    if target not in allowed:
        raise TransitionRefused(current, target, allowed)


# --- The check list --------------------------------------------------------------------------------------
class CheckItem(StrEnum):
    """What inspectors check (检查事项); values are stored and never renamed."""

    BELOW_MANDATORY = "below_mandatory"  # 低于强制性国家标准的技术要求 (law art. 21, 39)
    OBSOLETE_TECHNOLOGY = "obsolete_technology"  # 采用国家明令淘汰的技术
    NUMBERING = "numbering"  # 标准编号和引用的标准现行有效
    DISCLOSURE = "disclosure"  # 公开了功能指标和性能指标 (law art. 27, 38)


# The automatic checks (rules/declaration_checks.py) that pre-fill each item's finding as "not conforming".
CHECK_CODES: dict[CheckItem, frozenset[CheckCode]] = {
    CheckItem.BELOW_MANDATORY: frozenset({CheckCode.BELOW_MANDATORY}),
    CheckItem.OBSOLETE_TECHNOLOGY: frozenset({CheckCode.OBSOLETE_TECHNOLOGY}),
    CheckItem.NUMBERING: frozenset({CheckCode.BAD_NUMBER, CheckCode.NOT_CURRENT, CheckCode.UNKNOWN_STANDARD}),
    CheckItem.DISCLOSURE: frozenset({CheckCode.NO_DISCLOSURE, CheckCode.MISSING_FIELD}),
}
# Law art. 39 (second paragraph): a group or enterprise standard that does not meet art. 21 para. 1 (its technical
# requirements not below those of mandatory national standards) gets a correction order; not corrected by the
# deadline, the provincial-or-higher standardization administration abolishes it and announces it on the platform.
# 社会团体、企业制定的标准不符合本法第二十一条第一款、第二十二条第二款规定的，由标准化行政主管部门责令限期改正；逾期不改正的，
# 由省级以上人民政府标准化行政主管部门废止相关标准，并在标准信息公共服务平台上公示。 (Art. 22 para. 2, restricting competition,
# is no check item of a campaign.)
ABOLITION_ITEMS = frozenset({CheckItem.BELOW_MANDATORY})
# The tiers art. 39's second paragraph covers (catalogue Tier values): group standards and enterprise standards.
ABOLISHABLE_TIERS = frozenset({"group", "enterprise"})
# Region codes of this many digits are provinces (GB/T 2260): a provincial bureau may abolish.
PROVINCE_DIGITS = 2


def abolition_grounds(order_items: list[str], *, corrected: bool | None) -> bool:
    """Whether a correction order opens the way to abolition: followed up as not corrected (which is only recorded
    after its deadline) and naming a non-conformity art. 39 covers."""
    return corrected is False and bool(set(order_items) & ABOLITION_ITEMS)


# A non-conformity of these items that is not corrected puts the enterprise on the public list (law art. 38:
# 未依照本法规定公开其执行的标准的，由标准化行政主管部门责令限期改正；逾期不改正的，在标准信息公共服务平台上公示).
PUBLIC_LIST_ITEMS = frozenset({CheckItem.DISCLOSURE})


def prefill(item: CheckItem, findings: list[dict]) -> list[str]:
    """The codes among a declaration's stored findings that bear on this check item (an empty list: none)."""
    codes = CHECK_CODES[item]
    return sorted({str(f.get("code")) for f in findings if f.get("code") in codes})


# --- Time limits (defaults; administrators edit them in InspectionTimeLimit) -------------------------------
@dataclass(frozen=True, slots=True)
class Limit:
    value: int
    unit: str  # "working_days" or "days"
    description: str
    confidence: str  # V verified in the text, S secondary source, U platform setting
    source: str


DEFAULTS: dict[str, Limit] = {
    "results_working_days": Limit(20, "working_days", "抽查结果自抽取之日起公开的期限", "S",
                                  "《关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》：抽查结果 20 个工作日内公示"),
    "correction_days": Limit(30, "days", "责令限期改正的默认期限", "U", "平台设定；《标准化法》第三十八条未规定天数"),
}

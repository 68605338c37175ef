"""Who may do what with 领跑者 and 对标达标 (registered with the policy), and which leader lists a person sees.

Key products, schemes, rankings and leader lists are the national administration's (its reviewers and
administrators): any of them sets a key product or a scheme up; then it is its owner's (the reviewer who created
it) and the administrators' to edit. Lists in public notice or published, key products and schemes are public.
Anyone signed in may object to a list in notice. An enterprise's members make gap reports of its own
declarations, or of indicators they type."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.models import OrganisationKind
from biaozhun.accounts.policy import everyone, is_signed_in_and_active

from .models import LeaderList, ListState


# fmt: off
def _administration(user: Any, obj: Any) -> bool:
    """The national administration's reviewers and administrators run 领跑者."""
    return (
        user.is_administrator
        or user.is_reviewer
    )


def _owner_or_administrator(user: Any, obj: Any) -> bool:
    """A key product or scheme: an administrator, or the reviewer who created it (while still a reviewer).
    ``None`` asks whether the person may edit some (the administration)."""
    return (
        user.is_administrator
        or (user.is_reviewer and (obj is None or obj.created_by_id == user.pk))
    )


def _view_list(user: Any, leader_list: Any) -> bool:
    """A list in public notice or published is public; a draft is the administration's."""
    return (
        leader_list.state in (ListState.NOTICE, ListState.PUBLISHED)
        or (is_signed_in_and_active(user) and _administration(user, leader_list))
    )


def _object(user: Any, leader_list: Any) -> bool:
    """Anyone signed in may object to a list (the time limit is the service's: a clear message, not a refusal)."""
    return (
        leader_list.state != ListState.DRAFT
    )


def _compare(user: Any, declaration: Any) -> bool:
    """对标达标: a member of an enterprise, for its own declarations (``None``: indicators typed by hand)."""
    return (
        bool(user.memberships_of_kind(OrganisationKind.ENTERPRISE))
        and (declaration is None or user.role_in(declaration.enterprise) is not None)
    )
# fmt: on


def _lists(user: Any) -> QuerySet:
    """Lists a person may see: in notice or published; drafts too for the administration."""
    lists = LeaderList.objects.all()
    if is_signed_in_and_active(user) and _administration(user, None):
        return lists
    return lists.filter(state__in=(ListState.NOTICE, ListState.PUBLISHED))


RULES = {
    "leaders.view": everyone,
    "leaders.view_list": _view_list,
    "leaders.manage": _administration,
    "leaders.edit_product": _owner_or_administrator,
    "leaders.edit_scheme": _owner_or_administrator,
    "leaders.rank": _administration,
    "leaders.view_runs": _administration,
    "leaders.decide_objection": _administration,
    "leaders.object": _object,
    "leaders.compare": _compare,
}
PUBLIC_ACTIONS = {"leaders.view", "leaders.view_list"}
FILTERS = {"leaders.lists": _lists}
DENIALS = {
    "leaders.manage": _("重点产品、评估方案和领跑者名单由国家标准委的审查人员或管理员设立。"),
    "leaders.rank": _("分档由国家标准委的审查人员或管理员进行。"),
    "leaders.edit_product": _("重点产品由设立它的审查人员或国家标准委的管理员修改；如需修改，请联系他们。"),
    "leaders.edit_scheme": _("评估方案由设立它的审查人员或国家标准委的管理员修改；如需修改，请联系他们。"),
    "leaders.view_runs": _("分档结果（含未入选和被排除的声明）只向国家标准委的审查人员和管理员开放；公示和发布的名单对所有人公开。"),
    "leaders.decide_objection": _("异议由国家标准委的审查人员或管理员处理。"),
    "leaders.object": _("只能对公示中的名单提出异议；请登录后在公示期内提出。"),
    "leaders.compare": _("对标达标供企业用户使用：请以企业成员身份登录，并选择本企业的声明，或手工填写指标。"),
}
